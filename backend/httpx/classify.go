package httpx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// finish fills in what a classifier left out, and judges its error as
// statusError judges the ones httpx finds itself.
func (c *Client) finish(req Request, resp *Response, err error) error {
	var be *backend.Error
	if !errors.As(err, &be) {
		be = &backend.Error{Kind: backend.KindUnknownError, Message: err.Error(), Err: err}
		if s := c.Scrub(err.Error()); s != err.Error() {
			be.Err = errors.New(s) // the cause itself would carry the secret
		}
	}
	if be.Store == "" {
		be.Store = c.cfg.Store
	}
	if be.Op == "" {
		be.Op = req.Op
	}
	if be.HTTPStatus == 0 {
		be.HTTPStatus = resp.Status
	}
	if be.Kind == backend.KindRateLimited && be.RetryAfter == 0 {
		be.RetryAfter = ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	// As for answers httpx reads itself (statusError, DoJSON): a write
	// answered with a 5xx other than 503, or with a body that cannot be
	// read, may have applied. A read leaves nothing open.
	if isWrite(req.Method) {
		be.Uncertain = be.Uncertain || be.Kind == backend.KindMalformed ||
			(resp.Status >= 500 && resp.Status != http.StatusServiceUnavailable)
	} else {
		be.Uncertain = false
	}
	be.Message = c.clean(be.Message)
	return be
}

// statusError maps a non-2xx status onto a domain error.
func (c *Client) statusError(req Request, resp *Response) error {
	msg, code := "", ""
	if c.cfg.ErrorMessage != nil {
		msg, code = c.cfg.ErrorMessage(resp.Body)
	}
	if msg == "" {
		msg = firstLine(resp.Body)
	}
	if msg == "" {
		msg = http.StatusText(resp.Status)
	}
	kind := backend.KindInvalidRequest
	switch {
	case resp.Status == http.StatusUnauthorized || resp.Status == http.StatusForbidden:
		kind = backend.KindUnauthorized
	case resp.Status == http.StatusNotFound:
		kind = backend.KindNotFound
	case resp.Status == http.StatusConflict:
		kind = backend.KindConflict
	case resp.Status == http.StatusTooManyRequests || resp.Status == 509:
		kind = backend.KindRateLimited
	case resp.Status >= 500 || resp.Status == http.StatusRequestTimeout:
		kind = backend.KindUnavailable
	}
	e := c.Error(kind, req.Op, msg)
	e.HTTPStatus = resp.Status
	e.Code = c.clean(code)
	if kind == backend.KindRateLimited {
		e.RetryAfter = ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	if kind == backend.KindUnavailable && isWrite(req.Method) && resp.Status != http.StatusServiceUnavailable {
		// A 500 after a write says nothing about whether it applied.
		e.Uncertain = true
	}
	return e
}

func (c *Client) transportError(ctx context.Context, req Request, err error, sent bool) *backend.Error {
	var msg string
	var ne net.Error
	switch {
	case ctx.Err() != nil:
		msg = "cancelled"
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			msg = "timed out"
		}
	case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, context.DeadlineExceeded):
		msg = fmt.Sprintf("no answer within %s", c.cfg.Timeout)
	default:
		msg = "cannot reach " + c.base.Host + ": " + rootCause(err)
	}
	e := c.Error(backend.KindUnavailable, req.Op, msg)
	e.Err = errors.New(c.Scrub(err.Error()))
	e.Uncertain = sent && isWrite(req.Method)
	return e
}

// rootCause is the innermost error text, without the URL (which can carry
// query-string credentials) that *url.Error adds.
func rootCause(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		return oe.Err.Error()
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "the connection was closed"
	}
	return err.Error()
}
