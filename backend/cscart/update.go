package cscart

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
)

// statusBody is the whole PUT body of a status change. Only these two keys
// keep CS-Cart on its status-only path; any other key recalculates the
// order. notify_user is "1" or "0": PHP's empty() takes "false" as true.
type statusBody struct {
	Status     string `json:"status"`
	NotifyUser string `json:"notify_user"`
}

// SetStatus changes an order's status and confirms it by re-reading the
// order: CS-Cart can answer 200 without changing anything. It reads the
// order first, so a change someone else made meanwhile is reported rather
// than overwritten, and a change that is already in place is not sent
// again.
func (c *Client) SetStatus(ctx context.Context, ch backend.Change) (backend.Order, error) {
	id := ch.OrderID
	op := "set status of " + backend.FieldLine(ch.OrderRef())
	to := strings.TrimSpace(ch.To.Code)
	switch {
	case c.cfg.ReadOnly:
		return backend.Order{}, c.http.Error(backend.KindUnsupported, op, "this store is read-only")
	case to == "":
		return backend.Order{}, c.http.Error(backend.KindInvalidStatus, op, "no status given")
	case to == incomplete:
		return backend.Order{}, c.http.Error(backend.KindInvalidStatus, op, "Incomplete (N) is set by the store while it waits for the payment; it cannot be set by hand")
	case strings.TrimSpace(ch.Note) != "":
		return backend.Order{}, c.http.Error(backend.KindUnsupported, op, "CS-Cart keeps no note with a status change; nothing was sent")
	case strings.TrimSpace(ch.Tracking) != "" && !c.Capabilities().TakesTracking(c.status(to).Kind):
		return backend.Order{}, c.http.Error(backend.KindUnsupported, op, "a tracking number goes with a shipped status only (CS-Cart keeps it in a shipment); nothing was sent")
	case backend.CleanLine(ch.Tracking) != ch.Tracking:
		return backend.Order{}, c.http.Error(backend.KindInvalidRequest, op, "the tracking number holds control characters; nothing was sent")
	}
	o, err := c.setStatus(ctx, op, ch, to)
	if err != nil || strings.TrimSpace(ch.Tracking) == "" {
		return o, err
	}
	if err := c.ensureShipment(ctx, op, id, strings.TrimSpace(ch.Tracking)); err != nil {
		// The status is set; the shipment is not, or not known to be.
		// Reconciling (Verify) reads the shipments again, so a resend
		// never makes a second one.
		e := c.http.Error(backend.KindOf(err), op, "the status is "+describe(o.Status)+" but the shipment with tracking "+
			backend.FieldLine(ch.Tracking)+" was not confirmed")
		e.Uncertain = true
		e.Err = err
		if be := (*backend.Error)(nil); errors.As(err, &be) {
			e.Message += ": " + be.Message
			e.RetryAfter = be.RetryAfter
		}
		return backend.Order{}, e
	}
	o.Tracking = strings.TrimSpace(ch.Tracking)
	return o, nil
}

// setStatus is SetStatus's status part.
func (c *Client) setStatus(ctx context.Context, op string, ch backend.Change, to string) (backend.Order, error) {
	id := ch.OrderID
	before, err := c.get(ctx, op, id)
	if err != nil {
		return backend.Order{}, err
	}
	if before.Status.Code == to {
		return before, nil
	}
	if from := strings.TrimSpace(ch.From.Code); from != "" && before.Status.Code != from {
		e := c.http.Error(backend.KindConflict, op, "the order is now "+describe(before.Status)+", not "+describe(c.status(from))+" as shown; nothing was sent")
		return backend.Order{}, e
	}
	notify := "0"
	if ch.Notify {
		notify = "1"
	}
	_, err = c.http.Do(ctx, httpx.Request{
		Op: op, Method: http.MethodPut, Path: "orders/" + id,
		JSON: statusBody{Status: to, NotifyUser: notify},
		// Setting the status an order already has changes nothing and
		// mails no one, so a PUT refused with a 503 may go again; one
		// whose answer was lost does not (httpx never resends those).
		Idempotent: true,
	})
	if err != nil {
		var e *backend.Error
		if errors.As(err, &e) && e.Uncertain {
			// The PUT may have landed; if the order shows it, it did. It is
			// never sent again here: the store may still be applying it.
			o, rerr := c.get(ctx, op, id)
			if rerr == nil && o.Status.Code == to {
				return o, nil
			}
			if rerr == nil {
				e.Message += "; read again, the order does not show the change yet"
			} else {
				e.Message += "; re-reading the order to check failed too"
			}
		}
		return backend.Order{}, c.refused(c.http.NotFound(err, id))
	}
	after, err := c.get(ctx, op, id)
	if err != nil {
		e := c.http.Error(backend.KindUnavailable, op, "the store accepted the change but the order could not be re-read to confirm it")
		e.Uncertain = true
		e.Err = err
		if be := (*backend.Error)(nil); errors.As(err, &be) {
			e.Message += ": " + be.Message
			e.Kind = be.Kind
			e.RetryAfter = be.RetryAfter
		}
		return backend.Order{}, e
	}
	switch after.Status.Code {
	case to:
		return after, nil
	case before.Status.Code:
		return backend.Order{}, c.http.Error(backend.KindInvalidStatus, op,
			"the store accepted the change but did not apply it: the order is still "+describe(after.Status))
	default:
		return backend.Order{}, c.http.Error(backend.KindConflict, op,
			"the store accepted the change but the order is now "+describe(after.Status)+", not "+describe(c.status(to)))
	}
}

// refused maps a 400 on a status change to what it means: the store
// would not take that status for this order.
func (c *Client) refused(err error) error {
	var e *backend.Error
	if errors.As(err, &e) && e.Kind == backend.KindInvalidRequest && e.HTTPStatus == http.StatusBadRequest {
		e.Kind = backend.KindInvalidStatus
	}
	return err
}

func describe(s backend.Status) string {
	if s.Name != "" && s.Name != s.Code {
		return s.Name + " (" + s.Code + ")"
	}
	return s.Code
}

// Verify re-reads the order: the change is visible when the order has its
// status and, for a change with a tracking number, a shipment with it.
// CS-Cart keeps no history to tell whose change it was.
func (c *Client) Verify(ctx context.Context, ch backend.Change) (bool, backend.Order, error) {
	o, err := c.get(ctx, "verify status of "+backend.FieldLine(ch.OrderID), ch.OrderID)
	if err != nil {
		return false, backend.Order{}, err
	}
	if o.Status.Code != strings.TrimSpace(ch.To.Code) {
		return false, o, nil
	}
	if t := strings.TrimSpace(ch.Tracking); t != "" {
		list, err := c.Shipments(ctx, ch.OrderID)
		if err != nil {
			return false, backend.Order{}, err
		}
		if !hasTracking(list, t) {
			return false, o, nil
		}
		o.Tracking = t
	}
	return true, o, nil
}

// SetVendorRef stores the marketplace's vendor_ref on an order. It is its
// own PUT: mixed with a status it would make CS-Cart recalculate the order.
func (c *Client) SetVendorRef(ctx context.Context, id, ref string) error {
	op := "set vendor_ref of " + backend.FieldLine(id)
	ref = strings.TrimSpace(ref)
	switch {
	case c.cfg.ReadOnly:
		return c.http.Error(backend.KindUnsupported, op, "this store is read-only")
	case ref == "":
		return c.http.Error(backend.KindInvalidRequest, op, "no vendor_ref given")
	case backend.CleanLine(ref) != ref:
		return c.http.Error(backend.KindInvalidRequest, op, "the vendor_ref holds control characters")
	}
	if err := c.checkID(op, id); err != nil {
		return err
	}
	_, err := c.http.Do(ctx, httpx.Request{
		Op: op, Method: http.MethodPut, Path: "orders/" + id,
		JSON:       map[string]string{"vendor_ref": ref},
		Idempotent: true,
	})
	return c.http.NotFound(err, id)
}
