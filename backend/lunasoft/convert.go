package lunasoft

import (
	"cmp"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/wire"
)

// decodeOrder reads one order object; with statuses (a detail answer) it
// is Detailed with its history, newest first, and the history rows as
// sent are returned too, for matching a change.
func (c *Client) decodeOrder(raw []byte) (backend.Order, []entry, error) {
	if o, hist, ok := c.readOneOrder(raw); ok {
		return o, hist, nil
	}
	return c.decodeOrderJSON(raw)
}

// decodeOrderJSON is decodeOrder through encoding/json, which reads the
// shapes the one-pass reader does not take and words the errors.
func (c *Client) decodeOrderJSON(raw []byte) (backend.Order, []entry, error) {
	var w wireOrder
	if err := httpx.Decode(raw, &w); err != nil { // words a cut-short or non-JSON answer
		return backend.Order{}, nil, orderErr(raw, err)
	}
	return c.checkedOrder(w)
}

// checkedOrder is w in the domain, once its id is found good.
func (c *Client) checkedOrder(w wireOrder) (backend.Order, []entry, error) {
	switch id, err := backend.FieldID(w.ID); {
	case err != nil:
		return backend.Order{}, nil, err
	case id == "":
		return backend.Order{}, nil, fmt.Errorf("an order without id")
	}
	o, hist, err := c.toOrder(w)
	if err != nil {
		return backend.Order{}, nil, fmt.Errorf("order %s: %w", backend.FieldLine(w.ID), err)
	}
	return o, hist, nil
}

func orderErr(raw []byte, err error) error {
	var id struct {
		ID wire.String `json:"id"`
	}
	if json.Unmarshal(raw, &id) == nil && id.ID != "" {
		return fmt.Errorf("order %s: %w", backend.FieldLine(id.ID), err)
	}
	return err
}

func (c *Client) toOrder(w wireOrder) (backend.Order, []entry, error) {
	created, err := c.parseTime("created", w.Created)
	if err != nil {
		return backend.Order{}, nil, err
	}
	modified, err := c.parseTime("modified", w.Modified)
	if err != nil {
		return backend.Order{}, nil, err
	}
	id := backend.FieldLine(w.ID)
	o := backend.Order{
		Store:    c.cfg.Name,
		ID:       id,
		Number:   backend.FieldNumber(backend.FirstField(w.OrderNum, w.ID)),
		Status:   c.status(backend.FieldLine(w.CurrentStatus)),
		Created:  created,
		Updated:  modified,
		Customer: backend.Customer{Name: backend.JoinFields(w.FirstName, w.LastName), Email: backend.FirstField(w.Email, w.UserEmail), Phone: backend.FieldLine(w.Phone)},
		Total:    string(w.Total),
		Currency: c.currency,
		Shipping: string(w.ShippingCost),
		Tax:      string(w.Tax),
		Items:    make([]backend.Item, 0, len(w.LineItems)),
		ShipTo: backend.Address{
			Name:     backend.JoinFields(w.ShippingFirstName, w.ShippingLastName),
			Company:  backend.FieldLine(w.ShippingCompany),
			Lines:    backend.FieldLines(w.ShippingAddress, w.ShippingAddress2),
			City:     backend.FieldLine(w.ShippingCity),
			Region:   backend.FieldLine(w.ShippingState),
			Postcode: backend.FieldLine(w.ShippingZip),
			Country:  strings.ToUpper(backend.FieldLine(w.ShippingCountry)),
			Phone:    backend.FieldLine(w.ShippingPhone),
		},
		Notes:      backend.FieldText(w.CustomerNote),
		AdminNotes: backend.FieldText(w.Notes),
		Payment:    payment(w),
		ShipMethod: backend.FieldLine(w.ShippingOption),
	}
	if o.Customer.Name == "" {
		o.Customer.Name = o.ShipTo.Name
	}
	bill := backend.Address{
		Name:     backend.JoinFields(w.BillingFirstName, w.BillingLastName),
		Company:  backend.FieldLine(w.BillingCompany),
		Lines:    backend.FieldLines(w.BillingAddress, w.BillingAddress2),
		City:     backend.FieldLine(w.BillingCity),
		Region:   backend.FieldLine(w.BillingState),
		Postcode: backend.FieldLine(w.BillingZip),
		Country:  strings.ToUpper(backend.FieldLine(w.BillingCountry)),
		Phone:    backend.FieldLine(w.BillingPhone),
	}
	if bill.Name != "" || len(bill.Lines) > 0 || bill.City != "" || bill.Postcode != "" {
		o.BillTo = &bill
	}
	for _, it := range w.LineItems {
		qty := it.Quantity.Units()
		o.Items = append(o.Items, backend.Item{
			SKU:      backend.FirstField(it.SKU, it.Model),
			Name:     backend.FieldLine(it.Name),
			Quantity: qty,
			Price:    string(it.Cost),
			Total:    string(it.TotalCost),
		})
		o.ItemCount = backend.AddUnits(o.ItemCount, qty)
	}
	if w.Statuses == nil {
		return o, nil, nil
	}
	hist, err := c.entries(*w.Statuses)
	if err != nil {
		return backend.Order{}, nil, err
	}
	o.Detailed = true
	o.History = make([]backend.Event, 0, len(hist))
	for _, e := range hist {
		o.History = append(o.History, e.event)
	}
	for _, e := range o.History {
		if e.Tracking != "" {
			o.Tracking = e.Tracking
			break
		}
	}
	return o, hist, nil
}

// entry is a history row with what matching needs kept raw.
type entry struct {
	id    string
	seq   int64 // the numeric id, or -1
	raw   wireEntry
	event backend.Event
}

// entries reads the history rows and orders them newest first. The site
// sends them that way; sorting (by time, then id) makes sure of it, so
// "the newest entry" is always History[0].
func (c *Client) entries(rows []wireEntry) ([]entry, error) {
	out := make([]entry, 0, len(rows))
	for _, r := range rows {
		at, err := c.parseTime("status created", r.Created)
		if err != nil {
			return nil, err
		}
		id := backend.FieldLine(r.ID)
		seq, perr := strconv.ParseInt(id, 10, 64)
		if perr != nil {
			seq = -1
		}
		note := backend.FieldText(r.Notes)
		ev := backend.Event{
			At:       at,
			Status:   c.status(backend.FieldLine(r.Status)),
			Note:     note,
			Notified: bool(r.NotifyCustomer),
			Source:   backend.SourcePlatform,
			Tracking: trackingIn(note),
		}
		if u := backend.FieldLine(r.CreatedUserID); u != "" && u != "0" {
			ev.Actor = "user " + u
		}
		out = append(out, entry{id: id, seq: seq, raw: r, event: ev})
	}
	slices.SortStableFunc(out, func(a, b entry) int {
		if c := b.event.At.Compare(a.event.At); c != 0 {
			return c
		}
		return cmp.Compare(b.seq, a.seq)
	})
	return out, nil
}

var trackingRE = regexp.MustCompile(`(?i)\btracking\s*(?:#|no\.?|number:?|:)\s*([A-Za-z0-9][A-Za-z0-9-]{2,63})`)

// trackingIn finds a tracking number written into a note ("Tracking #…",
// as SetStatus writes it).
func trackingIn(note string) string {
	if m := trackingRE.FindStringSubmatch(note); m != nil {
		return m[1]
	}
	return ""
}

// parseTime reads a date in the site's zone: "" and "0000-00-00" are no
// date; anything unreadable is an error naming the field.
func (c *Client) parseTime(field string, s wire.String) (time.Time, error) {
	t, err := wire.ParseTime(string(s), c.loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: %w", field, err)
	}
	return t, nil
}

func payment(w wireOrder) string {
	p := backend.FieldLine(w.PaymentOption)
	ct := backend.FieldLine(w.CardType)
	if ct == "" {
		return p
	}
	// One concatenation each way: the parts are joined once.
	l4 := backend.FieldLine(w.CardLast4)
	switch {
	case p == "" && l4 == "":
		return ct
	case p == "":
		return ct + " …" + l4
	case l4 == "":
		return p + " (" + ct + ")"
	}
	return p + " (" + ct + " …" + l4 + ")"
}

// decodeList reads a GET …/orders answer: its orders and next_page; in
// one pass (readList) where it can, else row by row through
// encoding/json, which words what is wrong with it.
func (c *Client) decodeList(body []byte) ([]backend.Order, wire.NextPage, error) {
	if orders, next, ok := c.readList(body); ok {
		return orders, next, nil
	}
	return c.decodeListJSON(body)
}

// decodeListJSON is decodeList through encoding/json.
func (c *Client) decodeListJSON(body []byte) ([]backend.Order, wire.NextPage, error) {
	w := wireList{Orders: wire.Page[wire.List[json.RawMessage]]{Asked: pageSize}}
	if err := httpx.Decode(body, &w); err != nil {
		return nil, 0, err
	}
	out := make([]backend.Order, 0, len(w.Orders.List))
	for _, raw := range w.Orders.List {
		o, _, err := c.decodeOrder(raw)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, o)
	}
	return out, w.NextPage, nil
}
