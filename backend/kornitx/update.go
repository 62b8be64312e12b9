package kornitx

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/wire"
)

// statusBody is the PUT body: {"status":8} or {"status":8,"shipping_tracking":"ABC"}.
type statusBody struct {
	Status   int    `json:"status"`
	Tracking string `json:"shipping_tracking,omitempty"`
}

// maxTracking bounds a tracking number; carriers' are far shorter.
const maxTracking = 100

// SetStatus sends a change to the Order Status API and, once Kornit X
// accepted it, records it on the local order with the operator's name.
// Kornit X has no read API, so its 2xx is the confirmation. A PUT whose
// answer is lost or unclear is not sent again here (the store may still be
// applying it); with nothing to re-read, the outcome is left unknown for
// reconciliation, which resends it (SafeResend: the same status again).
func (c *Client) SetStatus(ctx context.Context, ch backend.Change) (backend.Order, error) {
	id := ch.OrderID
	op := "set status of " + backend.CleanLine(strings.TrimSpace(ch.OrderRef()))
	to := strings.TrimSpace(ch.To.Code)
	code, convErr := strconv.Atoi(to)
	tracking := strings.TrimSpace(ch.Tracking)
	switch {
	case c.cfg.ReadOnly || c.http == nil:
		return backend.Order{}, c.fail(backend.KindUnsupported, op, "this store is read-only")
	case to == "":
		return backend.Order{}, c.fail(backend.KindInvalidStatus, op, "no status given")
	case convErr != nil || !isSettable(code):
		return backend.Order{}, c.fail(backend.KindInvalidStatus, op, "Kornit X does not take status "+backend.CleanLine(ch.To.Label())+" from a fulfiller")
	case strings.TrimSpace(ch.Note) != "":
		return backend.Order{}, c.fail(backend.KindUnsupported, op, "Kornit X keeps no note with a status change; nothing was sent")
	case ch.Notify:
		return backend.Order{}, c.fail(backend.KindUnsupported, op, "Kornit X notifies the retailer itself; it takes no notify flag; nothing was sent")
	case tracking != "" && !takesTracking(to):
		return backend.Order{}, c.fail(backend.KindInvalidRequest, op, "a tracking number goes only with Dispatched (8 or 64); nothing was sent")
	case len(tracking) > maxTracking || backend.CleanLine(tracking) != tracking:
		return backend.Order{}, c.fail(backend.KindInvalidRequest, op, "the tracking number is too long or holds control characters; nothing was sent")
	}
	if err := checkID(id); err != nil {
		return backend.Order{}, c.fail(backend.KindNotFound, op, err.Error())
	}
	before, err := c.orders.Get(ctx, c.cfg.Name, id)
	if err != nil {
		return backend.Order{}, c.localError(op, err)
	}
	if before.Status.Code == to && (tracking == "" || tracking == before.Tracking) {
		// Already so here, and the local order changes only after Kornit
		// X accepted: nothing to send.
		return c.Get(ctx, id)
	}
	if why := final(before.Status.Code); why != "" && before.Status.Code != to {
		return backend.Order{}, c.fail(backend.KindInvalidStatus, op, why)
	}
	if from := strings.TrimSpace(ch.From.Code); from != "" && from != before.Status.Code {
		return backend.Order{}, c.fail(backend.KindConflict, op, "the order is now "+describe(before.Status)+", not "+describe(c.status(atoi(from), ch.From.Name))+" as shown; nothing was sent")
	}
	_, err = c.http.Do(ctx, httpx.Request{
		Op: op, Method: http.MethodPut, Path: "order/" + id + "/status",
		JSON: statusBody{Status: code, Tracking: tracking},
		// A rate limit or a 503 refused it: it may go again. httpx never
		// resends one whose answer was lost.
		Idempotent: true,
	})
	if err != nil {
		return backend.Order{}, c.explain(err, id)
	}
	st := c.status(code, "")
	ev := backend.Event{At: c.now(), Status: st, Source: backend.SourceLocal, Actor: ch.Operator, Tracking: tracking}
	// The outcome is written even if the caller gave up meanwhile: Kornit
	// X has it, and the local order must not fall behind.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := c.orders.SetStatus(wctx, c.cfg.Name, id, st, tracking, ev); err != nil {
		e := c.fail(backend.KindJournal, op, "Kornit X accepted the change but the local database could not record it: "+backend.CleanLine(err.Error()))
		// Verify will not see it locally, so the journal resends it,
		// which the PUT makes safe.
		e.Uncertain = true
		e.Err = err
		return backend.Order{}, e
	}
	return c.Get(wctx, id)
}

// explain words the status API's refusals for an operator.
func (c *Client) explain(err error, id string) error {
	var e *backend.Error
	if !errors.As(err, &e) {
		return err
	}
	switch e.Kind {
	case backend.KindNotFound:
		e.Message = "Kornit X does not know order " + backend.CleanLine(id) + ": " + e.Message
	case backend.KindInvalidStatus:
		e.Message = "Kornit X refused the status (is the order already dispatched or cancelled there?): " + e.Message
	case backend.KindUnauthorized:
		e.Message = "Kornit X refused ref_id and api_key (check them, and auth_encoding): " + e.Message
	}
	return err
}

// Verify cannot ask Kornit X: the Order Status API has no read call. It
// reports the local order, which changes only after Kornit X accepted a
// change; so applied=false means "not known to be applied", and the
// journal resends the change, which the idempotent PUT makes safe.
func (c *Client) Verify(ctx context.Context, ch backend.Change) (bool, backend.Order, error) {
	o, err := c.Get(ctx, ch.OrderID)
	if err != nil {
		return false, backend.Order{}, err
	}
	to := strings.TrimSpace(ch.To.Code)
	tracking := strings.TrimSpace(ch.Tracking)
	return o.Status.Code == to && (tracking == "" || o.Tracking == tracking), o, nil
}

func (c *Client) fail(kind backend.ErrorKind, op, msg string) *backend.Error {
	if c.http != nil {
		return c.http.Error(kind, op, msg)
	}
	return &backend.Error{Kind: kind, Store: c.cfg.Name, Op: op, Message: backend.CleanLine(msg)}
}

func describe(s backend.Status) string {
	if s.Name != "" && s.Name != s.Code {
		return s.Name + " (" + s.Code + ")"
	}
	return s.Code
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// apiError is Kornit X's error envelope (seen on v2.3; assumed for v2.2):
// {"error":{"message":"…","code":0}}. Some answers put the message at the
// top level or make error a string; all are read.
type apiError struct {
	Error   json.RawMessage `json:"error"`
	Message string          `json:"message"`
}

func errorMessage(body []byte) (msg, code string) {
	var e apiError
	if json.Unmarshal(body, &e) != nil {
		return "", ""
	}
	if len(e.Error) > 0 {
		var inner struct {
			Message string          `json:"message"`
			Code    json.RawMessage `json:"code"`
		}
		if json.Unmarshal(e.Error, &inner) == nil && inner.Message != "" {
			// The code is a number or a string; one of another shape, or
			// null, is no code, and must not cost the message.
			var code wire.String
			_ = json.Unmarshal(inner.Code, &code)
			return inner.Message, string(code)
		}
		var s string
		if json.Unmarshal(e.Error, &s) == nil && s != "" {
			return s, ""
		}
	}
	return e.Message, ""
}

// rateLimitWords are how a rate-limit error body reads: Kornit X reports
// it as HTTP 400 with an error code, not 429.
var rateLimitWords = []string{"rate limit", "ratelimit", "too many requests", "request limit", "limit exceeded", "throttl", "quota"}

// classify reads a 400 by its body: a rate limit (back off and retry) or
// "Invalid order status" (the order cannot take that status).
func classify(r *httpx.Response) error {
	if r.Status != http.StatusBadRequest {
		return nil
	}
	msg, code := errorMessage(r.Body)
	if msg == "" {
		msg = string(r.Body[:min(len(r.Body), 300)])
	}
	low := strings.ToLower(msg)
	for _, w := range rateLimitWords {
		if strings.Contains(low, w) {
			return &backend.Error{Kind: backend.KindRateLimited, Message: msg, Code: code}
		}
	}
	if strings.Contains(low, "invalid order status") || strings.Contains(low, "invalid status") {
		return &backend.Error{Kind: backend.KindInvalidStatus, Message: msg, Code: code}
	}
	return nil
}
