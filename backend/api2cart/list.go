package api2cart

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/wire"
)

const (
	// MaxPageSize is order.list's documented maximum count.
	MaxPageSize = 250
	// DefaultPageSize is what List asks for when Query.PageSize is 0.
	DefaultPageSize = 50
	// dateLayout is the `Y-m-d\TH:i:sO` form order.list's date filters
	// require (anything else is return code 109).
	dateLayout = "2006-01-02T15:04:05-0700"
)

// listFields asks for everything a table row and its preview show. Dates
// are not in API2Cart's default field set, so they must be named; the
// address and lines are narrowed to what is shown, a third less to send
// and decode on a 250-order page.
const listFields = "{return_code,return_message,pagination,result{orders_count,order{" +
	"id,order_id,create_at,modified_at,currency,customer,status{id,name},totals,total," +
	"shipping_address{first_name,last_name,company,address1,address2,city,postcode,phone,country,state}," +
	"order_products{product_id,model,name,price,quantity,total_price,product}," +
	"payment_method,shipping_method,comment}}}"

// List returns one page. The first page carries the filters; the pages
// after it are reached with page_cursor alone, sent exactly as API2Cart
// issued it (the cursor remembers the filters, count and fields).
// Page.Total comes from order.count, cached per filter set for countTTL,
// unless q.SkipTotal saves that request.
func (c *Client) List(ctx context.Context, q backend.Query) (backend.Page, error) {
	const op = "list orders"
	filters := c.filters(q)
	req := httpx.Request{Op: op, Method: http.MethodGet, Path: "order.list.json"}
	if q.Cursor != "" {
		req.RawQuery = "page_cursor=" + cursorParam(q.Cursor)
	} else {
		v := cloneValues(filters)
		v.Set("count", strconv.Itoa(pageSize(q.PageSize)))
		if by := sortBy(q.Sort); by != "" {
			v.Set("sort_by", by)
		}
		if q.Asc {
			v.Set("sort_direction", "asc")
		} else {
			v.Set("sort_direction", "desc")
		}
		v.Set("response_fields", listFields)
		req.Query = v
	}

	// The count runs beside the page, so it costs no extra round trip;
	// it is given up when the page fails.
	cctx, cancel := context.WithCancel(ctx)
	total := make(chan int, 1)
	if q.SkipTotal {
		total <- -1
	} else {
		go func() { total <- c.count(cctx, filters) }()
	}
	fail := func(err error) (backend.Page, error) {
		cancel()
		<-total
		return backend.Page{}, err
	}
	defer cancel()

	resp, err := c.http.Do(ctx, req)
	if err != nil {
		return fail(c.cursorError(q, err))
	}
	orders, pag, err := c.decodeList(op, resp.Body, pageSize(q.PageSize))
	if err != nil {
		return fail(c.cursorError(q, err))
	}
	page := backend.Page{Orders: orders}
	// An empty page ends the list even if a cursor came with it, and so
	// does a cursor that leads back to this page.
	if len(page.Orders) > 0 && pag.Set && string(pag.V.Next) != q.Cursor {
		page.Next = string(pag.V.Next)
	}
	page.Total = <-total
	return page, nil
}

// cursorError says in words that a cursor may have expired: API2Cart
// answers a stale page_cursor with a parameter error.
func (c *Client) cursorError(q backend.Query, err error) error {
	var be *backend.Error
	if q.Cursor == "" || !errors.As(err, &be) || be.Kind != backend.KindInvalidRequest {
		return err
	}
	if strings.Contains(strings.ToLower(be.Message), "cursor") {
		be.Message = "the page cursor was refused (cursors expire; reload from the first page): " + be.Message
	}
	return err
}

// filters turns a query into order.list/order.count filter parameters.
func (c *Client) filters(q backend.Query) url.Values {
	v := c.baseQuery()
	switch statuses := nonEmpty(q.Statuses); len(statuses) {
	case 0:
	case 1:
		v.Set("order_status", statuses[0])
	default:
		for _, s := range statuses {
			v.Add("order_status_ids", s)
		}
	}
	if e := strings.TrimSpace(q.Email); e != "" {
		v.Set("customer_email", e)
	}
	if ids := searchIDs(q.Search); ids != "" {
		v.Set("order_ids", ids)
	}
	if !q.CreatedAfter.IsZero() {
		v.Set("created_from", q.CreatedAfter.UTC().Format(dateLayout))
	}
	if !q.UpdatedSince.IsZero() {
		v.Set("modified_from", q.UpdatedSince.UTC().Format(dateLayout))
	}
	return v
}

// searchIDs reads a search as order ids separated by commas or spaces.
func searchIDs(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' })
	return strings.Join(f, ",")
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func pageSize(n int) int {
	switch {
	case n <= 0:
		return DefaultPageSize
	case n > MaxPageSize:
		return MaxPageSize
	}
	return n
}

func sortBy(f backend.SortField) string {
	switch f {
	case backend.SortCreated:
		return "create_at"
	case backend.SortUpdated:
		return "modified_at"
	case backend.SortID:
		return "order_id"
	}
	return "" // API2Cart's default: order_id
}

// cursorParam returns the cursor as it goes on the wire. API2Cart issues
// cursors already percent-encoded (%2F, %3D), so a well-formed one is
// sent byte for byte; only bytes that would change the query's meaning
// (&, #, +, space, controls, a stray %) are escaped.
func cursorParam(cur string) string {
	var b strings.Builder
	for i := 0; i < len(cur); i++ {
		ch := cur[i]
		switch {
		case ch == '%' && i+2 < len(cur) && isHex(cur[i+1]) && isHex(cur[i+2]):
			b.WriteByte(ch)
		case ch == '%' || ch == '&' || ch == '#' || ch == '+' || ch == ' ' || ch < 0x21 || ch >= 0x7f:
			b.WriteString(url.QueryEscape(string(ch)))
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// countTTL is how long an order.count answer is reused for the same
// filters: long enough that paging through a list costs one count, short
// enough that the tab count follows new orders.
const countTTL = 30 * time.Second

// count returns the number of orders matching filters, or -1 when
// order.count fails (the page itself is still worth showing). A failure is
// remembered like an answer: a cart without order.count, or a filter it
// refuses to count, must not cost every page a failing call and its
// retries. Only a cancelled count (the page failed) is not remembered.
func (c *Client) count(ctx context.Context, filters url.Values) int {
	key := filters.Encode()
	if n, ok := c.counts.get(key); ok {
		return n
	}
	a, _, err := call[orderCountResult](ctx, c, httpx.Request{Op: "count orders", Method: http.MethodGet, Path: "order.count.json", Query: filters})
	n := -1
	switch {
	case err != nil && ctx.Err() != nil:
		return -1
	case err == nil && a.Result.OrdersCount != nil && *a.Result.OrdersCount >= 0:
		n = int(*a.Result.OrdersCount)
	}
	c.counts.put(key, n)
	return n
}

// countCache keeps order.count answers per filter set.
type countCache struct {
	ttl time.Duration
	mu  sync.Mutex
	m   map[string]countEntry
}

type countEntry struct {
	n  int
	at time.Time
}

func (cc *countCache) get(key string) (int, bool) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	e, ok := cc.m[key]
	if !ok || time.Since(e.at) > cc.ttl {
		return 0, false
	}
	return e.n, true
}

func (cc *countCache) put(key string, n int) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.m == nil || len(cc.m) > 256 {
		cc.m = make(map[string]countEntry) // bounded: drop all rather than track age
	}
	cc.m[key] = countEntry{n: n, at: time.Now()}
}

// clear forgets every count: a status change moves orders between tabs.
func (cc *countCache) clear() {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	cc.m = nil
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v)+4)
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// looseOrders reads a page whose one-pass decoding failed order by order:
// it accepts PHP's empty shapes ({} for no orders) and otherwise names the
// order that cannot be read. first is the one-pass error.
func (c *Client) looseOrders(op string, body []byte, asked int, first error) ([]order, one[pagination], error) {
	var loose answer[one[looseListResult]]
	if err := json.Unmarshal(body, &loose); err != nil {
		if tooMany := (*wire.TooManyError)(nil); errors.As(err, &tooMany) {
			// many's bound caught the page: say it as a page's.
			tooMany.What, tooMany.Asked, tooMany.Max = "orders", asked, wire.PageLimit(asked)
			return nil, one[pagination]{}, c.malformed(op, false, tooMany)
		}
		return nil, one[pagination]{}, first
	}
	if n, limit := len(loose.Result.V.Order), wire.PageLimit(asked); n > limit {
		return nil, one[pagination]{}, c.malformed(op, false, &wire.TooManyError{What: "orders", Sent: n, Asked: asked, Max: limit})
	}
	out := make([]order, 0, len(loose.Result.V.Order))
	for i, raw := range loose.Result.V.Order {
		var w order
		if err := json.Unmarshal(raw, &w); err != nil {
			return nil, one[pagination]{}, c.malformed(op, false, orderDecodeError(i, raw, err))
		}
		out = append(out, w)
	}
	return out, loose.Pagination, nil
}

// orderDecodeError names the order that could not be read.
func orderDecodeError(i int, raw json.RawMessage, err error) error {
	var id struct {
		OrderID wire.String `json:"order_id"`
		ID      wire.String `json:"id"`
	}
	_ = json.Unmarshal(raw, &id)
	name := cmp.Or(string(id.OrderID), string(id.ID))
	if name == "" {
		return fmt.Errorf("order %d of the page: %w", i+1, err)
	}
	return fmt.Errorf("order %s: %w", name, err)
}

// decodeList reads an order.list answer to a page of asked orders: in one
// pass (readList) where it can, else through encoding/json, which reads
// the odd shapes and words what is wrong.
func (c *Client) decodeList(op string, body []byte, asked int) ([]backend.Order, one[pagination], error) {
	if orders, pag, ok := c.readList(body, asked); ok {
		return orders, pag, nil
	}
	return c.decodeListJSON(op, body, asked)
}

// decodeListJSON is decodeList through encoding/json.
func (c *Client) decodeListJSON(op string, body []byte, asked int) ([]backend.Order, one[pagination], error) {
	a, loose, err := decodeAnswer(c, op, false, body, orderListResult{Order: wire.Page[[]order]{Asked: asked}})
	orders, pag := a.Result.Order.List, a.Pagination
	if err != nil && loose != nil {
		orders, pag, err = c.looseOrders(op, loose, asked, err)
	}
	if err != nil {
		return nil, one[pagination]{}, err
	}
	out := make([]backend.Order, 0, len(orders))
	for i, w := range orders {
		o, err := c.toOrder(w, false)
		if err != nil {
			return nil, one[pagination]{}, c.malformed(op, false, fmt.Errorf("order %d of the page: %w", i+1, err))
		}
		out = append(out, o)
	}
	return out, pag, nil
}
