package api2cart

import (
	"context"

	"github.com/orderdash/orderdash/backend"
)

var _ backend.Finder = (*Client)(nil)

// Find implements backend.Finder with order.info by order_id: the id
// orderdash keeps for an API2Cart order is the cart's own order number
// (order_id), whatever the cart writes it as (Magento's 000000123,
// Amazon's 113-1234567-1234567), so one read finds it. API2Cart answers an
// unknown order with return code 112 (not found) and an id the cart cannot
// take with a parameter error; both are no match. Text that looks like an
// e-mail address is asked of order.list's customer_email filter instead
// (the newest backend.EmailFindLimit orders).
func (c *Client) Find(ctx context.Context, text string) ([]backend.Order, error) {
	if backend.LooksLikeEmail(text) {
		p, err := c.List(ctx, backend.Query{Email: text, PageSize: backend.EmailFindLimit, SkipTotal: true})
		if err != nil {
			return nil, err
		}
		return p.Orders, nil
	}
	o, err := c.Get(ctx, text)
	switch {
	case err == nil:
		return []backend.Order{o}, nil
	case backend.KindOf(err) == backend.KindNotFound, backend.KindOf(err) == backend.KindInvalidRequest:
		return []backend.Order{}, nil
	}
	return nil, err
}
