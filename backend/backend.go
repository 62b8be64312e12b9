package backend

import (
	"context"
	"time"
)

// Backend is one configured store, reached through its platform's API.
// Every method that does I/O takes a context and returns errors of type
// *Error (test with errors.Is against the Err* sentinels).
//
// Implementations must be safe for concurrent use: the dashboard fetches
// pages, details and sends changes at the same time.
type Backend interface {
	// Name is the store's configured name: the tab title and --store value.
	Name() string
	// Platform is the `platform =` value ("cscart", "lunasoft", ...).
	Platform() string
	// Capabilities says what this store can do; it does no I/O.
	Capabilities() Capabilities
	// BackoffUntil is when the store's rate-limit back-off ends: until
	// then the client holds requests back, and the dashboard says so.
	// Zero when there is none (or the platform has no rate limit). It
	// does no I/O.
	BackoffUntil() time.Time

	// List returns one page of orders. List rows may lack items and history
	// (Order.Detailed false).
	List(ctx context.Context, q Query) (Page, error)
	// Get returns one order in full, with its history where the platform
	// keeps one.
	Get(ctx context.Context, id string) (Order, error)
	// Statuses lists the statuses an operator may set on this store.
	Statuses(ctx context.Context) ([]Status, error)
	// CanSet says why o cannot move to `to`, or "" when it can. It does no
	// I/O; the platform still has the last word when the change is sent.
	CanSet(o Order, to Status) string
	// SetStatus applies a change and returns the order as the platform
	// reports it afterwards. It returns only once the platform has
	// confirmed the change (re-reading the order where the platform's own
	// answer cannot be trusted). When the outcome cannot be known the
	// error has Uncertain set, and the change must be reconciled with
	// Verify before anything is resent.
	SetStatus(ctx context.Context, ch Change) (Order, error)
	// Verify re-reads the order and reports whether ch is visible on the
	// platform (for platforms with history: a matching newest entry).
	Verify(ctx context.Context, ch Change) (applied bool, o Order, err error)
}

// Capabilities describes what a store's platform supports, so the UI and
// command line offer only what will work.
type Capabilities struct {
	History  bool // the platform keeps a status history of its own
	Notify   bool // a change can ask the platform to notify the customer
	Notes    bool // a change can carry a note
	Tracking bool // a change to a shipped status can carry a tracking number
	// TrackingKinds are the kinds of status a tracking number goes with,
	// where Tracking; nil is KindShipped alone. CS-Cart has no shipped
	// status by default: its Complete (C) is when the parcel leaves.
	TrackingKinds []StatusKind
	// SafeResend is true when sending the same change twice cannot apply it
	// twice (PUT semantics or an idempotency key), so a change of unknown
	// outcome may be resent without asking the operator.
	SafeResend bool

	StatusFilter      bool // Query.Statuses is honoured server-side
	MultiStatusFilter bool // ... with more than one status
	EmailFilter       bool
	Search            bool // Query.Search is honoured
	UpdatedSince      bool
	CreatedAfter      bool
	IDFrom            bool
	Count             bool // Page.Total is filled
	Sorts             []SortField
	// MaxPageSize is the most rows one List call returns; DefaultPageSize
	// what the client asks for when Query.PageSize is 0.
	MaxPageSize     int
	DefaultPageSize int
	// FixedPageSize is true when the platform ignores the page size asked
	// for (Lunasoft: always 50).
	FixedPageSize bool
	// Cursor is true when pages are reached by opaque cursor, not number, so
	// the UI cannot jump to page N.
	Cursor bool
	// RefreshInterval, when not 0, is how often the visible page and the
	// mirror of this store may be read again: stores whose orders are
	// pushed to the local database (Kornit X) are cheap to re-read and
	// change under us; 0 leaves it to the [ui] and [sync] settings.
	RefreshInterval time.Duration
}

// TakesTracking reports whether a change to a status of kind k can carry
// a tracking number.
func (c Capabilities) TakesTracking(k StatusKind) bool {
	if !c.Tracking {
		return false
	}
	if c.TrackingKinds == nil {
		return k == KindShipped
	}
	for _, t := range c.TrackingKinds {
		if t == k {
			return true
		}
	}
	return false
}

// CanSort reports whether the store can sort by f.
func (c Capabilities) CanSort(f SortField) bool {
	for _, s := range c.Sorts {
		if s == f {
			return true
		}
	}
	return false
}
