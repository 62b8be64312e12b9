package cscart

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/wire"
)

var _ backend.StatusCounter = (*Client)(nil)

// CountByStatus implements backend.StatusCounter: one
// GET /orders?status=X&items_per_page=1 per status, whose
// params.total_items is the store's count (the one row is not read).
func (c *Client) CountByStatus(ctx context.Context, statuses []string) (map[string]int, error) {
	return backend.CountEach(ctx, statuses, func(ctx context.Context, status string) (int, error) {
		op := "count orders in status " + backend.FieldLine(status)
		v := url.Values{"status": {status}, "items_per_page": {"1"}, "page": {"1"}}
		resp, err := c.http.Do(ctx, httpx.Request{Op: op, Method: http.MethodGet, Path: "orders", Query: v})
		if err != nil {
			return 0, err
		}
		n, err := decodeCount(resp.Body)
		if err != nil {
			return 0, c.http.Malformed(op, resp, err)
		}
		return n, nil
	})
}

// countAnswer is the part of a GET /orders answer a count reads.
type countAnswer struct {
	Params *struct {
		TotalItems *wire.Int `json:"total_items"`
	} `json:"params"`
}

var errNoTotal = errors.New("the answer has no params.total_items")

// decodeCount reads params.total_items of a GET /orders answer: a string
// or a number, never negative.
func decodeCount(body []byte) (int, error) {
	var a countAnswer
	if err := httpx.Decode(body, &a); err != nil {
		return 0, err
	}
	if a.Params == nil || a.Params.TotalItems == nil {
		return 0, errNoTotal
	}
	n := int64(*a.Params.TotalItems)
	if n < 0 || n > 1<<40 {
		return 0, errors.New("params.total_items is out of range")
	}
	return int(n), nil
}
