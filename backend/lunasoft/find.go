package lunasoft

import (
	"context"

	"github.com/orderdash/orderdash/backend"
)

var _ backend.Finder = (*Client)(nil)

// Find implements backend.Finder with GET …/orders/{id}: Lunasoft's list
// filters only by "id at least" and creation time, so an order is found
// by its id (which is also the number its sites show). Text that is no
// Lunasoft id costs no request.
func (c *Client) Find(ctx context.Context, text string) ([]backend.Order, error) {
	if len(text) > 20 || !digits(text) {
		return []backend.Order{}, nil
	}
	o, err := c.Get(ctx, text)
	switch {
	case err == nil:
		return []backend.Order{o}, nil
	case backend.KindOf(err) == backend.KindNotFound:
		return []backend.Order{}, nil
	}
	return nil, err
}
