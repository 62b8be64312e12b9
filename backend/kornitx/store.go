package kornitx

import (
	"context"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// OrderStore keeps pushed orders: Kornit X has no call to read them back,
// so the local database is where the dashboard finds them. storage.DB
// implements it on SQLite; MemStore in memory.
//
// Errors for an unknown order must satisfy errors.Is(err,
// backend.ErrNotFound). Implementations must be safe for concurrent use.
type OrderStore interface {
	// SavePush stores a pushed order under (store, o.ID) with the raw body
	// it came in. A new order is stored as given, History included (the
	// "received" event). An order already there is a repeated push: its
	// data is replaced but its Status, Tracking and History are kept (the
	// push does not undo a change made here, nor add to the timeline), and
	// created is false.
	SavePush(ctx context.Context, store string, o backend.Order, raw []byte, at time.Time) (created bool, err error)
	// List returns one page of a store's orders: q.Statuses (any of the
	// codes), q.Email (exact, any case), q.UpdatedSince (Updated at or
	// after it; a push sets Updated) and q.Search (a case-insensitive
	// substring of id, number, vendor ref, customer name or e-mail, or
	// tracking number) filter; q.Sort is created (default), id or updated,
	// newest first unless q.Asc; q.Cursor is the 1-based page number ("" is
	// page 1) and q.PageSize the rows per page (0 is 50). Total is filled;
	// rows carry no History.
	List(ctx context.Context, store string, q backend.Query) (backend.Page, error)
	// Get returns one order in full, History newest first.
	Get(ctx context.Context, store, id string) (backend.Order, error)
	// SetStatus records a confirmed change: the order takes st (and the
	// tracking number when not empty), Updated becomes ev.At, and ev is
	// added to its History.
	SetStatus(ctx context.Context, store, id string, st backend.Status, tracking string, ev backend.Event) error
}
