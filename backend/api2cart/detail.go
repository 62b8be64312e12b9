package api2cart

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/wire"
)

// infoFields asks order.info for the detail pane, status history included.
const infoFields = "{return_code,return_message,result{" +
	"id,order_id,create_at,modified_at,currency,customer,status{id,name,history}," +
	"totals,total,shipping_address,billing_address,order_products," +
	"payment_method,shipping_method,shipping_methods,comment}}"

// Get reads one order with order.info, keyed on order_id.
func (c *Client) Get(ctx context.Context, id string) (backend.Order, error) {
	op := "get order " + backend.CleanLine(id)
	id = strings.TrimSpace(id)
	if id == "" {
		return backend.Order{}, c.http.Error(backend.KindInvalidRequest, "get order", "no order id given")
	}
	q := c.baseQuery()
	q.Set("order_id", id)
	q.Set("response_fields", infoFields)
	env, err := c.call(ctx, httpx.Request{Op: op, Method: http.MethodGet, Path: "order.info.json", Query: q})
	if err != nil {
		return backend.Order{}, err
	}
	if isEmptyJSON(env.Result) {
		return backend.Order{}, c.http.Error(backend.KindNotFound, op, "the store returned no order")
	}
	var w order
	if err := json.Unmarshal(env.Result, &w); err != nil {
		return backend.Order{}, c.malformed(op, false, orderDecodeError(0, env.Result, err))
	}
	if trim(w.OrderID) == "" && trim(w.ID) == "" {
		// The store found the order by this id but did not repeat it.
		w.OrderID = wire.String(id)
	}
	return c.toOrder(w, true), nil
}
