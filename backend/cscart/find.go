package cscart

import (
	"context"

	"github.com/orderdash/orderdash/backend"
)

var _ backend.Finder = (*Client)(nil)

// Find implements backend.Finder. A CS-Cart order's number is its id, so
// text that can be one is read with GET /orders/{id}; any text is also
// looked up as a vendor_ref (the marketplace's GET /orders/search/). A
// store without the search endpoint answers it 404: no match there.
// Text that looks like an e-mail address is looked up with the store's
// e-mail filter instead (FindEmail).
func (c *Client) Find(ctx context.Context, text string) ([]backend.Order, error) {
	var out []backend.Order
	var failed error
	if c.checkID("find", text) == nil {
		o, err := c.Get(ctx, text)
		switch {
		case err == nil:
			out = append(out, o)
		case backend.KindOf(err) != backend.KindNotFound:
			failed = err
		}
	}
	if backend.LooksLikeEmail(text) {
		// An address is no vendor_ref: the store's e-mail filter instead.
		found, err := c.FindEmail(ctx, text)
		if err != nil {
			return nil, err
		}
		return found, nil
	}
	refs, err := c.SearchVendorRef(ctx, text)
	switch {
	case err == nil:
		for _, o := range refs {
			if o.ID != "" && !has(out, o.ID) {
				out = append(out, o)
			}
		}
	case backend.KindOf(err) != backend.KindNotFound && failed == nil:
		failed = err
	}
	// What one read found is an answer even when the other failed: a
	// person holding the order's slip needs the order, not the error.
	if len(out) == 0 && failed != nil {
		return nil, failed
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

// FindEmail lists the newest orders (at most backend.EmailFindLimit) whose
// customer e-mail contains email: GET /orders?email=, CS-Cart's substring
// filter (backend.Find keeps the exact address only).
func (c *Client) FindEmail(ctx context.Context, email string) ([]backend.Order, error) {
	p, err := c.List(ctx, backend.Query{Email: email, PageSize: backend.EmailFindLimit})
	if err != nil {
		return nil, err
	}
	return p.Orders, nil
}
