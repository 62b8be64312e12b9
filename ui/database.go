package ui

import (
	"context"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Database is the local database as the dashboard uses it: the cache of
// the order pages and details last seen, and the change journal's audit
// trail with the operator's decisions on it. The journal that records
// every change is Options.Journal; the local history reaches the timeline
// through the stores themselves (cmd wraps them). *storage.DB implements
// it as it is (its types are backend's); tests use fakes.
//
// Every method does I/O and is called from a command, never from Update.
type Database interface {
	// Path is the database file, "" when it lives in memory only (nothing
	// survives a restart).
	Path() string

	// LoadPage returns page index (1-based) of a store's list as last
	// cached; an error matching backend.ErrNotCached when there is none.
	LoadPage(ctx context.Context, store, tab string, index int) (backend.CachedPage, error)
	// SavePage caches page index of a store's list, fetched at `at`.
	SavePage(ctx context.Context, store, tab string, index int, p backend.Page, at time.Time) error
	// LoadOrder returns the cached order and when it was fetched: in full
	// when a detail was saved (Detailed), else its list row.
	LoadOrder(ctx context.Context, store, id string) (backend.Order, time.Time, error)
	// SaveOrder caches an order in full.
	SaveOrder(ctx context.Context, o backend.Order, at time.Time) error

	// Changes is the audit trail, newest first, with the open entries on
	// top (all of them, whatever the limit).
	Changes(ctx context.Context, f backend.ChangeFilter) ([]backend.JournalEntry, error)
	// Change is one entry of the journal.
	Change(ctx context.Context, id int64) (backend.JournalEntry, error)
	// Steps is one change's life, oldest first.
	Steps(ctx context.Context, id int64) ([]backend.JournalStep, error)
	// Resend sends a change again on the operator's decision (checking an
	// unknown one with the store first) and returns the order as the store
	// then shows it.
	Resend(ctx context.Context, b backend.Backend, id int64, operator string) (backend.Order, error)
	// Drop records that the operator gave a change up; nothing is sent.
	Drop(ctx context.Context, id int64, operator string) error
	// Reconcile settles the changes of b's store whose outcome is unknown:
	// confirmed where the store shows them, resent where that is safe, else
	// left for the operator's decision. Two reconciliations of one store
	// run one after the other (the database sees to it).
	Reconcile(ctx context.Context, b backend.Backend, opt backend.ReconcileOptions) ([]backend.ReconcileOutcome, error)
}
