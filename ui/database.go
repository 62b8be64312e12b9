package ui

import (
	"context"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Mirror is the local mirror of every store's orders as the tables read
// it: a tab is a query over it (backend.View), read a window at a time,
// so the dashboard holds the rows on screen however many orders there
// are. The background sync (package mirror) keeps it fresh; the dashboard
// writes what it reads from a store itself (a detail, a change's answer).
// *storage.DB implements it as it is (its types are backend's).
//
// Every method does I/O and is called from a command, never from Update.
type Mirror interface {
	// Window returns the rows of a view around an anchor (keyset
	// pagination: the cost does not grow with the rows before it).
	Window(ctx context.Context, w backend.Window) (backend.Rows, error)
	// Count is the number of orders in a view.
	Count(ctx context.Context, v backend.View) (int, error)
	// MirrorOrder returns an order as the mirror holds it (in full when a
	// detail was written) and when it was written; an error matching
	// backend.ErrNotCached when the mirror lacks it.
	MirrorOrder(ctx context.Context, store, id string) (backend.Order, time.Time, error)
	// MirrorPut writes orders read from a store outside the sync; an
	// older copy never replaces a newer one.
	MirrorPut(ctx context.Context, orders []backend.Order) (backend.MirrorCounts, error)
	// MirrorFind returns the orders whose id, number or platform ref is
	// text (go to an order, a scan): the mirror is asked before any store.
	MirrorFind(ctx context.Context, text string) ([]backend.Order, error)
}

// Database is the local database as the dashboard uses it: the mirror the
// tables read, and the change journal's audit trail with the operator's
// decisions on it. The journal that records every change is
// Options.Journal; the local history reaches the timeline through the
// stores themselves (cmd wraps them). *storage.DB implements it as it is.
//
// Every method does I/O and is called from a command, never from Update.
type Database interface {
	Mirror
	// Path is the database file, "" when it lives in memory only (nothing
	// survives a restart).
	Path() string

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
