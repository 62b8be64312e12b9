package kornitx

import (
	"context"
	"strings"

	"github.com/orderdash/orderdash/backend"
)

var _ backend.Finder = (*Client)(nil)

// findPage bounds the orders one ref search reads: a ref or external_ref
// names a handful of orders (an order split between fulfillers shares its
// external_ref), never hundreds.
const findPage = 100

// Find implements backend.Finder from the local store of pushed orders:
// by Kornit X id (the number the status API takes), and by ref
// (CG31000741, the number people see) or external_ref (the retailer's
// own), both searched and then matched exactly.
func (c *Client) Find(ctx context.Context, text string) ([]backend.Order, error) {
	var out []backend.Order
	if checkID(text) == nil {
		o, err := c.Get(ctx, text)
		switch {
		case err == nil:
			out = append(out, o)
		case backend.KindOf(err) != backend.KindNotFound:
			return nil, err
		}
	}
	// The store's search is a substring of id, number, refs, names and
	// e-mail; the exact match is made here, without regard to case.
	p, err := c.orders.List(ctx, c.cfg.Name, backend.Query{Search: strings.TrimPrefix(text, "#"), PageSize: findPage})
	if err != nil {
		if len(out) > 0 {
			return out, nil
		}
		return nil, c.localError("find order "+backend.CleanLine(text), err)
	}
	for _, row := range p.Orders {
		if !backend.MatchesLookup(row, text) || has(out, row.ID) {
			continue
		}
		// Rows carry no history; the detail does.
		o, err := c.Get(ctx, row.ID)
		if err != nil {
			row.Store = c.cfg.Name
			o = row
		}
		out = append(out, o)
	}
	if out == nil {
		out = []backend.Order{}
	}
	return out, nil
}

func has(orders []backend.Order, id string) bool {
	for _, o := range orders {
		if o.ID == id {
			return true
		}
	}
	return false
}
