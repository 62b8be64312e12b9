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
	resp, err := c.http.Do(ctx, httpx.Request{Op: op, Method: http.MethodGet, Path: "order.info.json", Query: q})
	if err != nil {
		return backend.Order{}, err
	}
	res, ok := readInfo(resp.Body)
	if !ok {
		if res, err = c.decodeInfoJSON(op, resp.Body); err != nil {
			return backend.Order{}, err
		}
	}
	if !res.Set {
		return backend.Order{}, c.http.Error(backend.KindNotFound, op, "the store returned no order")
	}
	w := res.V
	if trim(w.OrderID) == "" && trim(w.ID) == "" {
		// The store found the order by this id but did not repeat it.
		w.OrderID = wire.String(id)
	}
	o, err := c.toOrder(w, true)
	if err != nil {
		return backend.Order{}, c.malformed(op, false, err)
	}
	return o, nil
}

// decodeInfoJSON reads an order.info answer through encoding/json, which
// reads the shapes readInfo does not take and names the order it cannot
// read.
func (c *Client) decodeInfoJSON(op string, body []byte) (one[order], error) {
	a, body, err := decodeAnswer(c, op, false, body, one[order]{})
	if err != nil {
		if body != nil {
			var loose answer[json.RawMessage]
			if json.Unmarshal(body, &loose) == nil {
				var w order
				if derr := json.Unmarshal(loose.Result, &w); derr != nil {
					return one[order]{}, c.malformed(op, false, orderDecodeError(0, loose.Result, derr))
				}
			}
		}
		return one[order]{}, err
	}
	return a.Result, nil
}
