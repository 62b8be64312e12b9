package lunasoft

import (
	"context"
	"errors"
	"html"
	"net/http"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/wire"
)

// skew is how far the store's clock may run behind ours when a change is
// recognised by its time alone (Verify, which has no earlier read of the
// history to compare with).
const skew = 2 * time.Minute

// baseline is the history as it was before the change was sent: entries
// above its newest one are new.
type baseline struct {
	newestID string
	count    int
}

// SetStatus adds a history entry through the (not idempotent) POST. It
// reads the order first: that is the baseline that tells a new entry from
// an old one, and it reports a change someone else made meanwhile. The
// POST is sent once, never again: when its answer is lost or unclear
// (timeout, broken connection, 5xx, a body that does not read), the order
// is re-read and the change is confirmed if the history shows it. If it
// does not (yet), the store may still be applying it, so the error has
// Uncertain set and the change is left for reconciliation, which asks the
// operator before anything is sent again.
func (c *Client) SetStatus(ctx context.Context, ch backend.Change) (backend.Order, error) {
	id := ch.OrderID
	op := "set status of " + backend.FieldLine(ch.OrderRef())
	to := ch.To.Code
	switch {
	case c.cfg.ReadOnly:
		return backend.Order{}, c.http.Error(backend.KindUnsupported, op, "this store is read-only")
	case to == "":
		return backend.Order{}, c.http.Error(backend.KindInvalidStatus, op, "no status given")
	case !c.known(to):
		return backend.Order{}, c.http.Error(backend.KindInvalidStatus, op, to+" is not one of this store's statuses (names must match the site's exactly)")
	}
	notes := composeNotes(ch.Note, ch.Tracking)
	before, hist, err := c.get(ctx, op, id)
	if err != nil {
		return backend.Order{}, err
	}
	if strings.EqualFold(before.Status.Code, to) {
		// Already there: by an earlier attempt of this very change (then it
		// is done), or by someone else (then there is nothing to do).
		if len(hist) > 0 && sameChange(hist[0].raw, to, notes) && recent(hist[0], ch.Requested) {
			return before, nil
		}
		return backend.Order{}, c.http.Error(backend.KindConflict, op, "the order is already "+to+"; nothing was sent")
	}
	if from := ch.From.Code; from != "" && !strings.EqualFold(before.Status.Code, from) {
		return backend.Order{}, c.http.Error(backend.KindConflict, op,
			"the order is now "+before.Status.Code+", not "+from+" as shown; nothing was sent")
	}
	base := baseline{count: len(hist)}
	if len(hist) > 0 {
		base.newestID = hist[0].id
	}
	body := statusPost{Status: statusFields{Status: to, Notes: notes, NotifyCustomer: ch.Notify}}

	o, err := c.post(ctx, op, id, body, base)
	if err == nil {
		return o, nil
	}
	var cause *backend.Error
	if !errors.As(err, &cause) || !unclear(cause) {
		return backend.Order{}, err
	}
	// No clear answer: look, and never send it again.
	after, hist, verr := c.get(ctx, op, id)
	if verr != nil {
		return backend.Order{}, c.uncertain(op, cause, verr)
	}
	if applied(hist, base, to, notes) {
		return after, nil
	}
	e := c.http.Error(cause.Kind, op, cause.Message+"; read again, the order does not show the change yet")
	e.HTTPStatus = cause.HTTPStatus
	// A 503 says the store did not take the POST: nothing was applied.
	// Anything else may still be on its way to the history.
	e.Uncertain = cause.Uncertain
	e.Err = cause
	return backend.Order{}, e
}

// post sends the change once. It succeeds only when the answer shows the
// new entry; an answer that does not is an unclear (Malformed) error.
func (c *Client) post(ctx context.Context, op, id string, body statusPost, base baseline) (backend.Order, error) {
	resp, err := c.http.Do(ctx, httpx.Request{Op: op, Method: http.MethodPost, Path: "orders/" + id, JSON: body})
	if err != nil {
		var e *backend.Error
		if errors.As(err, &e) && e.Kind == backend.KindInvalidRequest &&
			(e.HTTPStatus == http.StatusBadRequest || e.HTTPStatus == http.StatusUnprocessableEntity) {
			e.Kind = backend.KindInvalidStatus // the store refused the status for this order
		}
		return backend.Order{}, c.http.NotFound(err, id)
	}
	o, hist, rerr := c.readOrder(op, id, resp)
	if rerr != nil {
		var e *backend.Error
		if errors.As(rerr, &e) {
			e.Uncertain = true
		}
		return backend.Order{}, rerr
	}
	if applied(hist, base, body.Status.Status, body.Status.Notes) {
		return o, nil
	}
	// The order came back without the entry: refused, with the reasons.
	var w struct {
		Errors wire.List[wireError] `json:"errors"`
	}
	_ = httpx.Decode(resp.Body, &w) // read once already
	if msg, code := joinErrors(w.Errors); msg != "" {
		e := c.http.Error(backend.KindInvalidStatus, op, msg)
		e.HTTPStatus = resp.Status
		e.Code = c.http.Scrub(code)
		return backend.Order{}, e
	}
	e := c.http.Error(backend.KindMalformed, op, "the store answered without the new status entry and without an error")
	e.HTTPStatus = resp.Status
	e.Uncertain = true
	return backend.Order{}, e
}

// unclear says whether a failed POST leaves its outcome open: no answer,
// a 5xx, or an answer that does not read. Refusals (4xx) and rate limits
// are clear: nothing was applied.
func unclear(e *backend.Error) bool {
	switch e.Kind {
	case backend.KindUnavailable, backend.KindMalformed:
		return true
	}
	return e.Uncertain
}

func (c *Client) uncertain(op string, cause *backend.Error, verr error) *backend.Error {
	msg := cause.Message + "; re-reading the order to check failed too"
	var ve *backend.Error
	if errors.As(verr, &ve) && ve.Message != "" {
		msg += " (" + ve.Message + ")"
	}
	e := c.http.Error(cause.Kind, op, msg)
	e.HTTPStatus = cause.HTTPStatus
	e.Uncertain = true
	e.Err = errors.Join(cause, verr)
	return e
}

// Verify re-reads the order and reports whether its newest history entry is
// this change: the same status and notes, made no earlier than the change
// was requested (less clock skew).
func (c *Client) Verify(ctx context.Context, ch backend.Change) (bool, backend.Order, error) {
	o, hist, err := c.get(ctx, "verify status of "+backend.FieldLine(ch.OrderID), ch.OrderID)
	if err != nil {
		return false, backend.Order{}, err
	}
	notes := composeNotes(ch.Note, ch.Tracking)
	ok := len(hist) > 0 && sameChange(hist[0].raw, ch.To.Code, notes) && recent(hist[0], ch.Requested)
	return ok, o, nil
}

// applied looks for the change among the entries newer than base.
func applied(hist []entry, base baseline, status, notes string) bool {
	cut := -1
	if base.newestID != "" {
		for i, e := range hist {
			if e.id == base.newestID {
				cut = i
				break
			}
		}
	}
	if cut < 0 {
		cut = max(0, len(hist)-base.count)
	}
	for _, e := range hist[:cut] {
		if sameChange(e.raw, status, notes) {
			return true
		}
	}
	return false
}

func recent(e entry, requested time.Time) bool {
	// An entry without a time cannot be dated; its status and notes decide.
	return requested.IsZero() || e.event.At.IsZero() || !e.event.At.Before(requested.Add(-skew))
}

// sameChange compares an entry with what was sent. Notes are compared as
// text (entities decoded, whitespace collapsed), since a site may escape
// or re-wrap them; a site that cuts long notes short still matches on a
// long enough beginning. A false "no" here would send the change twice.
func sameChange(e wireEntry, status, notes string) bool {
	if !strings.EqualFold(strings.TrimSpace(string(e.Status)), strings.TrimSpace(status)) {
		return false
	}
	got, want := normNotes(string(e.Notes)), normNotes(notes)
	if got == want {
		return true
	}
	const minPrefix = 64
	return len(got) >= minPrefix && strings.HasPrefix(want, got)
}

func normNotes(s string) string {
	s = backend.CleanText(html.UnescapeString(s))
	return strings.Join(strings.Fields(s), " ")
}

// composeNotes is the notes text of a change: the operator's note, then the
// tracking number in the seed's form "Tracking #…".
func composeNotes(note, tracking string) string {
	note = strings.TrimSpace(backend.CleanText(note))
	tracking = strings.TrimSpace(backend.CleanLine(tracking))
	switch {
	case tracking == "":
		return note
	case note == "":
		return "Tracking #" + tracking
	}
	return note + "\nTracking #" + tracking
}
