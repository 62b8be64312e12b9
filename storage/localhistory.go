package storage

import (
	"context"

	"github.com/orderdash/orderdash/backend"
)

// WithLocalHistory returns b with the journal's local history merged into
// every full order it returns (Get, SetStatus, Verify): CS-Cart and Kornit X
// keep no status history of their own, so this is where the changes made
// from orderdash, and who made them, show up in `show` and the dashboard.
// List rows are passed through: their history is not loaded.
//
// The change SetStatus is applying is not in the merged timeline yet:
// backend.Apply writes it to the journal as confirmed only once SetStatus
// has returned. The next Get shows it.
//
// A failure to read the local history never fails the call: the order is
// returned as the platform sent it, since the store itself answered.
//
// Every other method, BackoffUntil and Capabilities among them, is the
// client's own; Unwrap returns it.
func WithLocalHistory(b backend.Backend, db LocalHistories) backend.Backend {
	if b == nil || db == nil {
		return b
	}
	if d, ok := db.(*DB); ok && d == nil {
		return b
	}
	if h, ok := b.(*historyBackend); ok && h.db == db {
		return b // already wrapped
	}
	return &historyBackend{Backend: b, db: db}
}

// historyBackend forwards every Backend method to the client and adds the
// local history to the orders of Get, SetStatus and Verify.
type historyBackend struct {
	backend.Backend
	db LocalHistories
}

// Unwrap returns the client being decorated.
func (h *historyBackend) Unwrap() backend.Backend { return h.Backend }

func (h *historyBackend) Get(ctx context.Context, id string) (backend.Order, error) {
	o, err := h.Backend.Get(ctx, id)
	if err != nil {
		return o, err
	}
	return h.merge(ctx, o), nil
}

func (h *historyBackend) SetStatus(ctx context.Context, ch backend.Change) (backend.Order, error) {
	o, err := h.Backend.SetStatus(ctx, ch)
	if err != nil {
		return o, err
	}
	return h.merge(ctx, o), nil
}

func (h *historyBackend) Verify(ctx context.Context, ch backend.Change) (bool, backend.Order, error) {
	applied, o, err := h.Backend.Verify(ctx, ch)
	if err != nil {
		return applied, o, err
	}
	return applied, h.merge(ctx, o), nil
}

// merge adds the local history of o. The journal keys changes by the
// store's configured name, which is the client's Name (o.Store may be
// empty on an answer that carried no order). An order whose platform keeps
// a history that was not loaded (History nil) stays "not loaded": a
// timeline of local entries alone would pass for the whole of it.
func (h *historyBackend) merge(ctx context.Context, o backend.Order) backend.Order {
	if o.ID == "" || o.History == nil && h.Backend.Capabilities().History {
		return o
	}
	local, err := h.db.LocalHistory(ctx, h.Backend.Name(), o.ID)
	if err != nil || len(local) == 0 {
		return o
	}
	o.History = MergeHistory(o.History, local)
	return o
}
