package api2cart

import (
	"cmp"
	"sort"
	"strings"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/wire"
)

// toOrder maps a wire order onto the domain. detailed marks an order.info
// answer, whose history is complete (an empty one becomes an empty slice).
// An order with neither id nor order_id (only seen in answers narrowed
// to other fields) is kept with an empty ID rather than dropped; one with
// an id too long to be one is an error.
func (c *Client) toOrder(w order, detailed bool) (backend.Order, error) {
	// eBay sends an empty id beside the order_id; order_id is what
	// order.info and order.update take.
	id, err := backend.FieldID(cmp.Or(trim(w.OrderID), trim(w.ID)))
	if err != nil {
		return backend.Order{}, err
	}
	o := backend.Order{
		Store:    c.cfg.Name,
		ID:       id,
		Number:   id,
		Status:   c.status(trim(w.Status.V.ID), trim(w.Status.V.Name)),
		Created:  w.CreateAt.Time,
		Updated:  w.ModifiedAt.Time,
		Currency: cmp.Or(backend.FieldCode(w.Currency.Code), c.cfg.Currency),
		Notes:    backend.FieldText(w.Comment),
		Payment:  backend.FieldLine(w.PaymentMethod.Name),
		Detailed: detailed,
	}
	o.ShipMethod = backend.FieldLine(w.ShippingMethod.Name)
	if o.ShipMethod == "" && len(w.ShippingMethods) > 0 {
		o.ShipMethod = backend.FieldLine(w.ShippingMethods[0].Name)
	}

	cu := w.Customer.V
	o.Customer = backend.Customer{
		Name:  backend.JoinFields(cu.FirstName, cu.LastName),
		Email: backend.FieldLine(cu.Email),
		Phone: backend.FieldLine(cu.Phone),
	}
	if w.ShippingAddress.Set {
		o.ShipTo = toAddress(w.ShippingAddress.V)
	}
	if w.BillingAddress.Set {
		a := toAddress(w.BillingAddress.V)
		o.BillTo = &a
	}
	if o.Customer.Name == "" {
		o.Customer.Name = cmp.Or(o.ShipTo.Name, billName(o.BillTo))
	}
	if o.Customer.Phone == "" {
		o.Customer.Phone = cmp.Or(o.ShipTo.Phone, billPhone(o.BillTo))
	}

	// totals is the short breakdown; Amazon leaves it null and fills the
	// long one (total) instead.
	t, tl := w.Totals.V, w.Total.V
	o.Total = cmp.Or(string(t.Total), string(tl.Total))
	o.Subtotal = cmp.Or(string(t.Subtotal), string(tl.SubtotalExTax))
	o.Shipping = cmp.Or(string(t.Shipping), string(tl.ShippingExTax))
	o.Tax = cmp.Or(string(t.Tax), string(tl.TotalTax))
	o.Discount = cmp.Or(string(t.Discount), string(tl.TotalDiscount))

	o.Items = make([]backend.Item, 0, len(w.OrderProducts))
	for _, wrapped := range w.OrderProducts {
		it := wrapped.line()
		q := it.Quantity.Units()
		o.Items = append(o.Items, backend.Item{
			SKU:      backend.FieldLine(cmp.Or(trim(it.Model), trim(it.ProductID))),
			Name:     backend.FieldLine(it.Name),
			Quantity: q,
			Price:    string(it.Price),
			Total:    string(it.TotalPrice),
		})
		o.ItemCount = backend.AddUnits(o.ItemCount, q)
	}

	if detailed {
		o.History = c.history(w.Status.V.History)
	}
	return o, nil
}

// history turns status.history into timeline events, newest first. It is
// never nil: an empty or null history is "loaded, and there is none".
func (c *Client) history(items []historyItem) []backend.Event {
	ev := make([]backend.Event, 0, len(items))
	for _, h := range items {
		ev = append(ev, backend.Event{
			At:       h.ModifiedTime.Time,
			Status:   c.status(trim(h.ID), trim(h.Name)),
			Note:     backend.FieldText(h.Comment),
			Notified: bool(h.Notify),
			Source:   backend.SourcePlatform,
		})
	}
	// Carts list history oldest first; the domain wants newest first. A
	// stable sort keeps the cart's order among equal times.
	sort.SliceStable(ev, func(i, j int) bool { return ev[i].At.After(ev[j].At) })
	return ev
}

// status builds a Status from a cart's id and name; its kind is guessed
// from the name and the store's status_kinds override it.
func (c *Client) status(id, name string) backend.Status {
	id, name = backend.FieldLine(id), backend.FieldLine(name)
	if name == "" {
		name = id
	}
	if id == "" {
		id = name
	}
	return backend.Status{Code: id, Name: name, Kind: c.kindOf(id, name)}
}

func (c *Client) kindOf(id, name string) backend.StatusKind {
	if k, ok := c.kinds[id]; ok {
		return k
	}
	for code, k := range c.kinds {
		if strings.EqualFold(code, id) || strings.EqualFold(code, name) {
			return k
		}
	}
	if k := backend.GuessKind(name); k != backend.KindOther {
		return k
	}
	// Ids are often the machine form of the name (ready_to_ship,
	// AWAITING_SHIPMENT); give the guess a second chance with them.
	return backend.GuessKind(strings.ReplaceAll(id, "_", " "))
}

func toAddress(a address) backend.Address {
	return backend.Address{
		Name:     backend.JoinFields(a.FirstName, a.LastName),
		Company:  backend.FieldLine(a.Company),
		City:     backend.FieldLine(a.City),
		Region:   backend.FieldLine(cmp.Or(a.State.Code, a.State.Name)),
		Postcode: backend.FieldLine(a.Postcode),
		Country:  backend.FieldLine(cmp.Or(a.Country.Code, a.Country.Name)),
		Phone:    backend.FieldLine(a.Phone),
		Lines:    backend.FieldLines(a.Address1, a.Address2),
	}
}

func billName(a *backend.Address) string {
	if a == nil {
		return ""
	}
	return a.Name
}

func billPhone(a *backend.Address) string {
	if a == nil {
		return ""
	}
	return a.Phone
}

func trim(s wire.String) string { return strings.TrimSpace(string(s)) }
