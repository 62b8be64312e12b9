package lunasoft

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
)

// pageSize is fixed by the platform.
const pageSize = 50

var sortKeys = map[backend.SortField]string{
	"":                  "id",
	backend.SortID:      "id",
	backend.SortCreated: "created",
}

// createdLayout is how created_on_after is written: an offset without a
// colon, as in the API's own example.
const createdLayout = "2006-01-02T15:04:05-0700"

// List fetches one page of 50 orders. Lunasoft filters only by id (at
// least) and creation time, and does not count the matches (Total -1).
func (c *Client) List(ctx context.Context, q backend.Query) (backend.Page, error) {
	const op = "list orders"
	switch {
	case len(q.Statuses) > 0:
		return backend.Page{}, c.http.Error(backend.KindUnsupported, op, "Lunasoft cannot filter orders by status")
	case strings.TrimSpace(q.Email) != "":
		return backend.Page{}, c.http.Error(backend.KindUnsupported, op, "Lunasoft cannot filter orders by e-mail")
	case !q.UpdatedSince.IsZero():
		return backend.Page{}, c.http.Error(backend.KindUnsupported, op, "Lunasoft cannot filter orders by update time")
	}
	key, ok := sortKeys[q.Sort]
	if !ok {
		return backend.Page{}, c.http.Error(backend.KindUnsupported, op, "Lunasoft cannot sort by "+string(q.Sort))
	}
	page, ok := backend.PageNumber(q.Cursor)
	if !ok {
		return backend.Page{}, c.http.Error(backend.KindInvalidRequest, op, "bad page cursor "+strconv.Quote(q.Cursor))
	}
	// "+" is spelled out for ascending; url.Values sends it as %2B, so it
	// does not arrive as a space.
	dir := "-"
	if q.Asc {
		dir = "+"
	}
	v := url.Values{"page": {strconv.Itoa(page)}, "sort": {dir + key}}
	if id := strings.TrimSpace(q.IDFrom); id != "" {
		if !digits(id) {
			return backend.Page{}, c.http.Error(backend.KindInvalidRequest, op, "order id "+strconv.Quote(backend.FieldLine(id))+" is not a number")
		}
		v.Set("id", id)
	}
	if !q.CreatedAfter.IsZero() {
		v.Set("created_on_after", q.CreatedAfter.In(c.loc).Format(createdLayout))
	}
	resp, err := c.http.Do(ctx, httpx.Request{Op: op, Method: http.MethodGet, Path: "orders", Query: v})
	if err != nil {
		return backend.Page{}, err
	}
	orders, next, err := c.decodeList(resp.Body)
	if err != nil {
		return backend.Page{}, c.http.Malformed(op, resp, err)
	}
	out := backend.Page{Orders: orders, Number: page, Total: -1}
	// A next page that is not after this one would page forever; one past
	// backend.MaxPage is no page orderdash asks for, so the list ends.
	if n := int(next); n > page && n <= backend.MaxPage {
		out.Next = strconv.Itoa(n)
	}
	return out, nil
}

// Get fetches one order with its history.
func (c *Client) Get(ctx context.Context, id string) (backend.Order, error) {
	o, _, err := c.get(ctx, "get order "+backend.FieldLine(id), id)
	return o, err
}

// get also returns the history rows as sent, for matching a change.
func (c *Client) get(ctx context.Context, op, id string) (backend.Order, []entry, error) {
	if err := c.checkID(op, id); err != nil {
		return backend.Order{}, nil, err
	}
	resp, err := c.http.Do(ctx, httpx.Request{Op: op, Method: http.MethodGet, Path: "orders/" + id})
	if err != nil {
		return backend.Order{}, nil, c.http.NotFound(err, id)
	}
	return c.readOrder(op, id, resp)
}

// readOrder decodes a detail answer (of GET or of the status POST).
func (c *Client) readOrder(op, id string, resp *httpx.Response) (backend.Order, []entry, error) {
	o, hist, err := c.decodeOrder(resp.Body)
	if err != nil {
		return backend.Order{}, nil, c.http.Malformed(op, resp, err)
	}
	if o.ID != id {
		e := c.http.Error(backend.KindMalformed, op, "asked for order "+id+", the store answered with order "+o.ID)
		e.HTTPStatus = resp.Status
		return backend.Order{}, nil, e
	}
	// A detail answer always carries the history; none sent means none.
	o.Detailed = true
	if o.History == nil {
		o.History = []backend.Event{}
	}
	return o, hist, nil
}

func (c *Client) checkID(op, id string) error {
	if id == "" || len(id) > 20 || !digits(id) {
		return c.http.Error(backend.KindInvalidRequest, op, "order id "+strconv.Quote(backend.FieldLine(id))+" is not a Lunasoft order number")
	}
	return nil
}

func digits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

// Statuses are the configured names: Lunasoft has no API that lists them.
func (c *Client) Statuses(context.Context) ([]backend.Status, error) {
	out := make([]backend.Status, len(c.statuses))
	copy(out, c.statuses)
	return out, nil
}

// CanSet: the name must be one the site knows, exactly; and posting the
// current status again would add a duplicate history row.
func (c *Client) CanSet(o backend.Order, to backend.Status) string {
	switch {
	case c.cfg.ReadOnly:
		return "this store is read-only"
	case to.Code == "":
		return "no status given"
	case !c.known(to.Code):
		return to.Code + " is not one of this store's statuses (see statuses in the config)"
	case o.Status.Code != "" && to.Code == o.Status.Code:
		return "the order is already " + to.Label()
	}
	return ""
}

func (c *Client) known(name string) bool {
	for _, s := range c.statuses {
		if s.Code == name {
			return true
		}
	}
	return false
}
