package api2cart

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
)

// SetStatus sends ch and confirms it by re-reading the order.
//
// A tracking number goes first, through order.shipment.add: if it is
// refused nothing has changed yet. The status goes through order.update.
// Each write is sent once: when its answer is lost or unclear, the
// outcome is open and nothing more is sent. An open shipment stops the
// change there (it cannot be seen on the order); an open update is
// confirmed if the re-read order shows it, else left for reconciliation.
//
// Both calls carry an idempotency key derived from the change, the same
// on every resend. API2Cart documents that a repeat with the same key
// within 15 minutes gets the cached answer instead of being applied again
// — for a request that has finished. What a repeat meets while the first
// is still being worked on (the very case of an answer that comes late)
// is not documented, so the key is not trusted to make an immediate
// resend safe. It does protect reconciliation's resend, which comes only
// after Verify did not find the change, under the same keys.
func (c *Client) SetStatus(ctx context.Context, ch backend.Change) (backend.Order, error) {
	id := strings.TrimSpace(ch.OrderID)
	op := "set status of " + backend.CleanLine(strings.TrimSpace(ch.OrderRef()))
	if c.cfg.ReadOnly {
		return backend.Order{}, c.http.Error(backend.KindUnsupported, op, "the store is read-only")
	}
	if id == "" || strings.TrimSpace(ch.To.Code) == "" {
		return backend.Order{}, c.http.Error(backend.KindInvalidRequest, op, "a change needs an order id and a status code")
	}
	key := IdempotencyKey(ch)

	shipped := false
	if tr := strings.TrimSpace(ch.Tracking); tr != "" {
		if err := c.addShipment(ctx, op, id, tr, ch.Notify, shipmentKey(key)); err != nil {
			if backend.IsUncertain(err) {
				return backend.Order{}, stillOpen(err, "the status was not sent")
			}
			return backend.Order{}, err
		}
		shipped = true
	}

	q := c.baseQuery()
	q.Set("order_id", id)
	q.Set("order_status", ch.To.Code)
	q.Set("send_notifications", strconv.FormatBool(ch.Notify))
	if note := strings.TrimSpace(ch.Note); note != "" {
		q.Set("comment", note)
	}
	q.Set("idempotency_key", key)
	if _, _, err := call[updateResult](ctx, c, httpx.Request{Op: op, Method: http.MethodPut, Path: "order.update.json", Query: q, Idempotent: true}); err != nil {
		if backend.IsUncertain(err) {
			return c.settle(ctx, ch, withShipment(err, shipped))
		}
		return backend.Order{}, withShipment(err, shipped)
	}
	c.counts.clear()

	// The update was accepted; the order as re-read is the confirmation.
	o, err := c.Get(ctx, id)
	if err != nil {
		return backend.Order{}, uncertain(err, "the store accepted the change but the order could not be re-read")
	}
	if !sameStatus(o.Status, ch.To) {
		e := c.http.Error(backend.KindConflict, op, fmt.Sprintf("the store accepted the change but the order shows %q, not %q", o.Status.Label(), ch.To.Label()))
		e.Uncertain = true // some carts apply changes asynchronously
		return o, e
	}
	return o, nil
}

// settle re-reads the order after an order.update whose outcome is open
// (cause): the change is confirmed if the order shows it, else the
// outcome stays open and nothing is sent again.
func (c *Client) settle(ctx context.Context, ch backend.Change, cause error) (backend.Order, error) {
	ok, o, err := c.Verify(ctx, ch)
	switch {
	case err != nil:
		return backend.Order{}, stillOpen(cause, "re-reading the order to check failed too")
	case ok:
		c.counts.clear()
		return o, nil
	}
	return backend.Order{}, stillOpen(cause, "read again, the order does not show the change yet")
}

// Verify re-reads the order and reports whether ch is visible: the status
// matches and, where the cart keeps a history, its newest entry is ch's.
func (c *Client) Verify(ctx context.Context, ch backend.Change) (bool, backend.Order, error) {
	o, err := c.Get(ctx, ch.OrderID)
	if err != nil {
		return false, backend.Order{}, err
	}
	if !sameStatus(o.Status, ch.To) {
		return false, o, nil
	}
	if len(o.History) > 0 && !sameStatus(o.History[0].Status, ch.To) {
		return false, o, nil
	}
	return true, o, nil
}

func (c *Client) addShipment(ctx context.Context, op, id, tracking string, notify bool, key string) error {
	tn := map[string]string{"tracking_number": tracking}
	if c.cfg.Carrier != "" {
		tn["carrier_id"] = c.cfg.Carrier
	}
	body := map[string]any{
		"order_id":           id,
		"tracking_numbers":   []map[string]string{tn},
		"is_shipped":         true,
		"send_notifications": notify,
		"idempotency_key":    key,
	}
	if c.cfg.StoreID != "" {
		body["store_id"] = c.cfg.StoreID
	}
	_, _, err := call[shipmentResult](ctx, c, httpx.Request{Op: op + ": add tracking number", Method: http.MethodPost, Path: "order.shipment.add.json", JSON: body, Idempotent: true})
	return err
}

// IdempotencyKey is the key order.update gets for ch: ch.IdempotencyKey
// when the journal set one, else a digest of the change itself, so every
// retry of the same change carries the same key.
func IdempotencyKey(ch backend.Change) string {
	if k := strings.TrimSpace(ch.IdempotencyKey); k != "" {
		return k
	}
	h := sha256.New()
	fmt.Fprintf(h, "%d\x00%s\x00%s\x00%s\x00%t\x00%s\x00%s\x00%s\x00%s",
		ch.ID, ch.Store, ch.OrderID, ch.To.Code, ch.Notify, ch.Note, ch.Tracking, ch.Operator,
		ch.Requested.UTC().Format("2006-01-02T15:04:05.999999999Z"))
	return "od-" + hex.EncodeToString(h.Sum(nil))[:32]
}

// shipmentKey derives the shipment's own key, so the two calls of one
// change never share a cached answer.
func shipmentKey(key string) string {
	sum := sha256.Sum256([]byte("order.shipment.add\x00" + key))
	return "od-" + hex.EncodeToString(sum[:])[:32]
}

func sameStatus(a, b backend.Status) bool {
	return strings.EqualFold(strings.TrimSpace(a.Code), strings.TrimSpace(b.Code))
}

// uncertain marks err as leaving the change's outcome unknown.
func uncertain(err error, why string) error {
	var be *backend.Error
	if errors.As(err, &be) {
		cp := *be
		cp.Uncertain = true
		cp.Message = why + ": " + be.Message
		return &cp
	}
	return err
}

// stillOpen adds what was done after a write whose outcome is open.
func stillOpen(err error, what string) error {
	var be *backend.Error
	if errors.As(err, &be) {
		cp := *be
		cp.Uncertain = true
		cp.Message = be.Message + "; " + what
		return &cp
	}
	return err
}

// withShipment notes on a failed status update that the tracking number
// was added already (a resend replays it rather than adding another).
func withShipment(err error, shipped bool) error {
	var be *backend.Error
	if !shipped || !errors.As(err, &be) {
		return err
	}
	cp := *be
	cp.Message = be.Message + " (the tracking number was added)"
	return &cp
}
