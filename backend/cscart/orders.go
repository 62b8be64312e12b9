package cscart

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/wire"
)

const (
	defaultPageSize = 50
	// maxPageSize bounds a page: CS-Cart documents no maximum (and takes 0
	// as "all"), so the bound is ours, to keep one answer a few MB at most.
	maxPageSize = 250
)

var sortNames = map[backend.SortField]string{
	"":                  "date",
	backend.SortCreated: "date",
	backend.SortID:      "order_id",
	backend.SortTotal:   "total",
	backend.SortStatus:  "status",
}

// List fetches one page of orders. It asks for get_orders_data=1: the
// short rows lack the items the table counts, and fetching each order's
// detail would cost one request per row; full rows cost one request per
// page and leave every row Detailed (CS-Cart has no history to load).
// Rows that still come back short (a store that ignores the flag) decode
// without items.
//
// Query.Search looks the value up as a vendor_ref (SearchVendorRef).
func (c *Client) List(ctx context.Context, q backend.Query) (backend.Page, error) {
	const op = "list orders"
	if s := strings.TrimSpace(q.Search); s != "" {
		return c.searchPage(ctx, q, s)
	}
	if !q.CreatedAfter.IsZero() {
		return backend.Page{}, c.http.Error(backend.KindUnsupported, op, "CS-Cart cannot filter by creation date")
	}
	if q.IDFrom != "" {
		return backend.Page{}, c.http.Error(backend.KindUnsupported, op, "CS-Cart cannot list from an order id")
	}
	sortBy, ok := sortNames[q.Sort]
	if !ok {
		return backend.Page{}, c.http.Error(backend.KindUnsupported, op, "CS-Cart cannot sort by "+string(q.Sort))
	}
	page, ok := backend.PageNumber(q.Cursor)
	if !ok {
		return backend.Page{}, c.http.Error(backend.KindInvalidRequest, op, "bad page cursor "+strconv.Quote(q.Cursor))
	}
	size := q.PageSize
	if size <= 0 {
		size = defaultPageSize
	}
	size = min(size, maxPageSize)
	order := "desc"
	if q.Asc {
		order = "asc"
	}
	v := url.Values{
		"page":            {strconv.Itoa(page)},
		"items_per_page":  {strconv.Itoa(size)},
		"sort_by":         {sortBy},
		"sort_order":      {order},
		"get_orders_data": {"1"},
	}
	switch codes := cleanCodes(q.Statuses); len(codes) {
	case 0:
	case 1:
		v.Set("status", codes[0])
	default:
		v["status[]"] = codes
	}
	if e := strings.TrimSpace(q.Email); e != "" {
		v.Set("email", e)
	}
	if !q.UpdatedSince.IsZero() {
		v.Set("updated_at_from", strconv.FormatInt(q.UpdatedSince.Unix(), 10))
	}
	resp, err := c.http.Do(ctx, httpx.Request{Op: op, Method: http.MethodGet, Path: "orders", Query: v})
	if err != nil {
		return backend.Page{}, err
	}
	orders, params, err := c.decodeList(resp.Body, size)
	if err != nil {
		return backend.Page{}, c.http.Malformed(op, resp, err)
	}
	out := backend.Page{Orders: orders, Number: page, Total: -1}
	if params.TotalItems != nil && *params.TotalItems >= 0 {
		out.Total = int(*params.TotalItems)
	}
	per := size
	if n := int(params.ItemsPerPage); n > 0 {
		per = n // what the store actually used
	}
	// page*per < total, asked without the product: per comes from the
	// store and page × a huge per wraps below the total.
	switch {
	case out.Total >= 0:
		if out.Total > 0 && page <= (out.Total-1)/per && len(out.Orders) > 0 {
			out.Next = backend.NextPage(page)
		}
	case len(out.Orders) >= per:
		out.Next = backend.NextPage(page)
	}
	return out, nil
}

func cleanCodes(codes []string) []string {
	var out []string
	for _, c := range codes {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// Get fetches one order in full.
func (c *Client) Get(ctx context.Context, id string) (backend.Order, error) {
	return c.get(ctx, "get order "+backend.FieldLine(id), id)
}

func (c *Client) get(ctx context.Context, op, id string) (backend.Order, error) {
	if err := c.checkID(op, id); err != nil {
		return backend.Order{}, err
	}
	resp, err := c.http.Do(ctx, httpx.Request{Op: op, Method: http.MethodGet, Path: "orders/" + id})
	if err != nil {
		return backend.Order{}, c.http.NotFound(err, id)
	}
	body := bytes.TrimSpace(resp.Body)
	// PHP answers an empty result as [], {} or false; CS-Cart should say
	// 404, but an order without an id is no order either.
	if s := string(body); s == "[]" || s == "{}" || s == "false" || s == "null" {
		e := c.http.Error(backend.KindNotFound, op, "the store has no order "+id)
		e.HTTPStatus = resp.Status
		return backend.Order{}, e
	}
	o, err := c.decodeOrder(body)
	if err != nil {
		return backend.Order{}, c.http.Malformed(op, resp, err)
	}
	if o.ID != id {
		e := c.http.Error(backend.KindMalformed, op, "asked for order "+id+", the store answered with order "+o.ID)
		e.HTTPStatus = resp.Status
		return backend.Order{}, e
	}
	// A detail answer is always complete, even with no products key.
	o.Detailed = true
	if o.History == nil {
		o.History = []backend.Event{}
	}
	if o.Items == nil {
		o.Items = []backend.Item{}
	}
	return o, nil
}

// checkID refuses ids that are not CS-Cart order numbers: they are joined
// into the request path, where "search" or "../statuses" would reach
// another endpoint.
func (c *Client) checkID(op, id string) error {
	if id == "" || len(id) > 20 || strings.Trim(id, "0123456789") != "" {
		return c.http.Error(backend.KindInvalidRequest, op, "order id "+strconv.Quote(backend.FieldLine(id))+" is not a CS-Cart order number")
	}
	return nil
}

// SearchVendorRef lists the orders carrying vendor_ref ref (the
// marketplace's GET /orders/search/). No match is an empty list, not an
// error.
func (c *Client) SearchVendorRef(ctx context.Context, ref string) ([]backend.Order, error) {
	const op = "search vendor_ref"
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil, c.http.Error(backend.KindInvalidRequest, op, "no vendor_ref to search for")
	}
	resp, err := c.http.Do(ctx, httpx.Request{Op: op, Method: http.MethodGet, Path: "orders/search/", Query: url.Values{"vendor_ref": {ref}}})
	if err != nil {
		var e *backend.Error
		if errors.As(err, &e) && e.Kind == backend.KindNotFound && noResults(e.Message) {
			return []backend.Order{}, nil
		}
		return nil, err
	}
	body := bytes.TrimSpace(resp.Body)
	if err := httpx.Decode(body, new(json.RawMessage)); err != nil {
		return nil, c.http.Malformed(op, resp, err)
	}
	// The envelope is undocumented: a bare list, {"orders": list}, or a
	// single order.
	var rows wire.List[json.RawMessage]
	if body[0] == '{' {
		var env struct {
			Orders  *wire.List[json.RawMessage] `json:"orders"`
			OrderID *wire.String                `json:"order_id"`
		}
		if err := json.Unmarshal(body, &env); err != nil {
			return nil, c.http.Malformed(op, resp, err)
		}
		switch {
		case env.Orders != nil:
			rows = *env.Orders
		case env.OrderID != nil:
			rows = wire.List[json.RawMessage]{body}
		default:
			if err := json.Unmarshal(body, &rows); err != nil {
				return nil, c.http.Malformed(op, resp, err)
			}
		}
	} else if err := json.Unmarshal(body, &rows); err != nil {
		return nil, c.http.Malformed(op, resp, err)
	}
	out := make([]backend.Order, 0, len(rows))
	for _, raw := range rows {
		o, err := c.decodeOrder(raw)
		if err != nil {
			return nil, c.http.Malformed(op, resp, err)
		}
		out = append(out, o)
	}
	return out, nil
}

// noResults tells the search's "Your search did not return any results"
// 404 from a 404 for a store that has no search endpoint at all.
func noResults(msg string) bool {
	m := strings.ToLower(msg)
	return strings.Contains(m, "result") || strings.Contains(m, "no match") || strings.Contains(m, "nothing found")
}

// searchPage serves Query.Search from the vendor_ref search; the status
// and e-mail filters still apply, on the results.
func (c *Client) searchPage(ctx context.Context, q backend.Query, ref string) (backend.Page, error) {
	orders, err := c.SearchVendorRef(ctx, ref)
	if err != nil {
		return backend.Page{}, err
	}
	codes := cleanCodes(q.Statuses)
	email := strings.ToLower(strings.TrimSpace(q.Email))
	kept := orders[:0]
	for _, o := range orders {
		if len(codes) > 0 && !slices.Contains(codes, o.Status.Code) {
			continue
		}
		if email != "" && !strings.Contains(strings.ToLower(o.Customer.Email), email) {
			continue
		}
		if !q.UpdatedSince.IsZero() && !o.Updated.IsZero() && o.Updated.Before(q.UpdatedSince) {
			continue
		}
		kept = append(kept, o)
	}
	return backend.Page{Orders: kept, Number: 1, Total: len(kept)}, nil
}
