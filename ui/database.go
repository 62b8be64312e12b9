package ui

import (
	"context"
	"errors"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Database is the local database as the dashboard uses it: the cache of
// the order pages and details last seen, and the change journal's audit
// trail with the operator's decisions on it. The journal that records
// every change is Options.Journal; the local history reaches the timeline
// through the stores themselves (cmd wraps them). ui/localdb adapts
// *storage.DB to this interface, so the ui package keeps to its imports
// (backend and theme); tests use fakes.
//
// Every method does I/O and is called from a command, never from Update.
type Database interface {
	// Path is the database file, "" when it lives in memory only (nothing
	// survives a restart).
	Path() string

	// LoadPage returns page index (1-based) of a store's list as last
	// cached; an error matching ErrNotCached when there is none.
	LoadPage(ctx context.Context, store, tab string, index int) (CachedPage, error)
	// SavePage caches page index of a store's list, fetched at `at`.
	SavePage(ctx context.Context, store, tab string, index int, p backend.Page, at time.Time) error
	// LoadOrder returns the cached order and when it was fetched: in full
	// when a detail was saved (Detailed), else its list row.
	LoadOrder(ctx context.Context, store, id string) (backend.Order, time.Time, error)
	// SaveOrder caches an order in full.
	SaveOrder(ctx context.Context, o backend.Order, at time.Time) error

	// Changes is the audit trail, newest first, with the open entries on
	// top (all of them, whatever the limit).
	Changes(ctx context.Context, q ChangeQuery) ([]JournalEntry, error)
	// Change is one entry of the journal.
	Change(ctx context.Context, id int64) (JournalEntry, error)
	// Steps is one change's life, oldest first.
	Steps(ctx context.Context, id int64) ([]JournalStep, error)
	// Resend sends a change again on the operator's decision (checking an
	// unknown one with the store first) and returns the order as the store
	// then shows it.
	Resend(ctx context.Context, b backend.Backend, id int64, operator string) (backend.Order, error)
	// Drop records that the operator gave a change up; nothing is sent.
	Drop(ctx context.Context, id int64, operator string) error
	// Reconcile settles the changes whose outcome is unknown: confirmed
	// where the store shows them, resent where that is safe, else left for
	// the operator's decision.
	Reconcile(ctx context.Context, stores map[string]backend.Backend, opt ReconcileOptions) ([]Reconciled, error)
}

// ErrNotCached is what Database.LoadPage and LoadOrder match (errors.Is)
// when the cache holds nothing for the request.
var ErrNotCached = errors.New("not in the cache")

// CachedPage is a page as it was last fetched from its store.
type CachedPage struct {
	backend.Page
	Fetched time.Time
}

// ChangeQuery selects journal entries.
type ChangeQuery struct {
	Store string // "" for every store
	// Limit caps the settled entries (0: no cap); open ones are all listed.
	Limit int
	// BeforeID lists settled entries older than this id (0: the newest).
	BeforeID int64
}

// JournalEntry is one change as the journal holds it.
type JournalEntry struct {
	backend.Change
	State backend.ChangeState
	// NeedsDecision: the outcome is unknown or it was never sent, and a
	// resend could apply it twice: the operator chooses Resend or Drop.
	NeedsDecision bool
	Error         string          // the last failure or uncertainty
	Result        *backend.Status // the status the store confirmed
	Attempts      int
	Sent          time.Time
	Updated       time.Time
	// Open: pending, sent, unknown or failed. CanResend and CanDrop say
	// which decisions the journal accepts for it now.
	Open      bool
	CanResend bool
	CanDrop   bool
}

// JournalStep is one step of a change: recorded, sent, an answer, a
// reconciliation, a decision.
type JournalStep struct {
	At       time.Time
	State    backend.ChangeState
	Operator string
	Message  string
}

// ReconcileOptions tune Database.Reconcile.
type ReconcileOptions struct {
	Store    string // "" for every store
	Operator string
	NoResend bool // read-only: never resend, leave it to the operator
}

// ReconcileAction is what reconciliation did with one change.
type ReconcileAction string

const (
	ReconcileConfirmed     ReconcileAction = "confirmed"      // the store shows it applied
	ReconcileResent        ReconcileAction = "resent"         // not applied; resent safely and confirmed
	ReconcileFailed        ReconcileAction = "failed"         // resent; refused
	ReconcileUnknown       ReconcileAction = "unknown"        // resent; the outcome is unknown again
	ReconcileNeedsDecision ReconcileAction = "needs_decision" // the operator decides: resend or drop
	ReconcileDeferred      ReconcileAction = "deferred"       // the store could not be asked; next time
)

// Reconciled is one change reconciliation looked at.
type Reconciled struct {
	Entry  JournalEntry // as it stands afterwards
	Action ReconcileAction
	Err    error
}
