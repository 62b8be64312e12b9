package httpx

import (
	"errors"

	"github.com/orderdash/orderdash/backend"
)

// Malformed is the error for an answer that arrived but does not decode;
// err says why. resp, when not nil, gives the HTTP status. Every client
// words it the same way, so an operator learns one message.
func (c *Client) Malformed(op string, resp *Response, err error) *backend.Error {
	e := c.Error(backend.KindMalformed, op, "the store's answer could not be read: "+err.Error())
	if resp != nil {
		e.HTTPStatus = resp.Status
	}
	e.Err = err
	return e
}

// NotFound rewords a KindNotFound error about order id to name the order:
// stores answer a bare "Not Found" that says nothing about what is
// missing. Other errors are returned as they are.
func (c *Client) NotFound(err error, id string) error {
	var e *backend.Error
	if errors.As(err, &e) && e.Kind == backend.KindNotFound {
		e.Message = c.clean("the store has no order " + id)
	}
	return err
}
