package api2cart

import (
	"context"
	"net/http"
	"strings"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
)

// Statuses lists the cart's own statuses from order.status.list. It
// accepts the current flat shape [{"id","name"}] and the older nested one
// [{"status":[{"id":2,"name":...}]}], ids as strings or numbers.
func (c *Client) Statuses(ctx context.Context) ([]backend.Status, error) {
	const op = "list statuses"
	a, _, err := call[statusListResult](ctx, c, httpx.Request{Op: op, Method: http.MethodGet, Path: "order.status.list.json", Query: c.baseQuery()})
	if err != nil {
		return nil, err
	}
	res := a.Result
	var out []backend.Status
	seen := map[string]bool{}
	var add func([]statusEntry)
	add = func(entries []statusEntry) {
		for _, e := range entries {
			if len(e.Status) > 0 {
				add(e.Status)
				continue
			}
			s := c.status(trim(e.ID), trim(e.Name))
			if s.Code == "" || seen[s.Code] {
				continue
			}
			seen[s.Code] = true
			out = append(out, s)
		}
	}
	add(res.CartOrderStatuses)
	if len(out) == 0 {
		return nil, c.http.Error(backend.KindMalformed, op, "the store listed no order statuses")
	}
	return out, nil
}

// CanSet says why o cannot move to `to`; API2Cart passes transition rules
// through from each cart, so only what is certain is checked here.
func (c *Client) CanSet(o backend.Order, to backend.Status) string {
	switch {
	case c.cfg.ReadOnly:
		return "the store is read-only"
	case strings.TrimSpace(to.Code) == "":
		return "the status has no code"
	case o.Status.Code != "" && strings.EqualFold(o.Status.Code, to.Code):
		return "the order already has this status"
	}
	return ""
}
