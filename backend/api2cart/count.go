package api2cart

import (
	"context"
	"net/http"
	"strconv"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/wire"
)

var _ backend.StatusCounter = (*Client)(nil)

// CountByStatus implements backend.StatusCounter with one order.count per
// status (order_status=<id>). Unlike the count beside a page (count), a
// failure is an error here, not -1: the strip must say it fell back.
func (c *Client) CountByStatus(ctx context.Context, statuses []string) (map[string]int, error) {
	return backend.CountEach(ctx, statuses, func(ctx context.Context, status string) (int, error) {
		v := c.baseQuery()
		v.Set("order_status", status)
		op := "count orders in status " + backend.FieldLine(status)
		a, _, err := call[orderCountResult](ctx, c, httpx.Request{Op: op, Method: http.MethodGet, Path: "order.count.json", Query: v})
		if err != nil {
			return 0, err
		}
		if a.Result.OrdersCount == nil || *a.Result.OrdersCount < 0 {
			return 0, c.malformed(op, false, countError{a.Result.OrdersCount})
		}
		return int(*a.Result.OrdersCount), nil
	})
}

type countError struct{ got *wire.Int }

func (e countError) Error() string {
	if e.got == nil {
		return "order.count answered without orders_count"
	}
	return "order.count answered orders_count " + strconv.FormatInt(int64(*e.got), 10)
}
