package storage

import (
	"context"
	"errors"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/kornitx"
)

// The storage contract: what the command line and the dashboard use of a
// database for the journal (the outbox), its reconciliation, the local
// history, the Kornit X inbox and team mode's claims. *DB (SQLite, one
// machine) implements it as it is; pgstore.Store (PostgreSQL, a team)
// implements it too, and storagetest.Run holds the one test suite both
// pass. Its types are backend's: no layer copies them.
//
// The mirror is its own part (Mirror, MirrorSync): in team mode it lives
// in PostgreSQL too, shared by every operator's dashboard.

// Journals is the change journal and what the journal view does with it.
// The methods behave as *DB's, documented there.
type Journals interface {
	// Journal is the outbox backend.Apply writes every change through,
	// recording operator as who asked for it.
	Journal(operator string) backend.Journal
	Changes(ctx context.Context, f backend.ChangeFilter) ([]backend.JournalEntry, error)
	Change(ctx context.Context, id int64) (backend.JournalEntry, error)
	Steps(ctx context.Context, id int64) ([]backend.JournalStep, error)
	Resend(ctx context.Context, b backend.Backend, id int64, operator string) (backend.Order, error)
	Drop(ctx context.Context, id int64, operator string) error
	// Reconcile settles b's store's changes whose outcome is unknown, or
	// whose sender is gone. Each such change is settled by one process
	// only, however many reconcile at once.
	Reconcile(ctx context.Context, b backend.Backend, opt backend.ReconcileOptions) ([]backend.ReconcileOutcome, error)
}

// LocalHistories is the timeline orderdash recorded for an order (see
// *DB.LocalHistory); WithLocalHistory merges it into a store's orders.
type LocalHistories interface {
	LocalHistory(ctx context.Context, store, orderID string) ([]backend.Event, error)
}

// Inbox is the Kornit X inbox: the orders Kornit X pushed, which exist
// nowhere else. Two receivers given the same push store one order; a
// repeated push updates it.
type Inbox interface {
	kornitx.OrderStore
	// Raw is the body an order last came in.
	Raw(ctx context.Context, store, id string) ([]byte, error)
}

// The claims' types are backend's (the dashboard passes them too).
type (
	ClaimOptions = backend.ClaimOptions
	ClaimResult  = backend.ClaimResult
)

// DefaultClaimTTL is how long a claim lasts unless renewed.
const DefaultClaimTTL = backend.DefaultClaimTTL

// Claims are team mode's holds on orders. A claim is this process's
// (Claim.Holder): claiming an order it holds renews it.
type Claims interface {
	// Claim claims orders for opt.Operator; each is either Claimed or
	// Held. Two processes claiming one set at once split it: no order is
	// claimed by both.
	Claim(ctx context.Context, orders []backend.OrderRef, opt ClaimOptions) (ClaimResult, error)
	// Release gives up this process's claims on orders (others' are left).
	Release(ctx context.Context, orders []backend.OrderRef) error
	// Claimed lists the claims in force on a store's orders ("" for every
	// store).
	Claimed(ctx context.Context, store string) ([]backend.Claim, error)
	// Holder is this process as Claim.Holder names it: the claims that
	// are its own.
	Holder() string
}

// Notifier is implemented by the databases that tell one process what
// others did (pgstore: LISTEN/NOTIFY). Subscribe's channel delivers
// notices until ctx ends, then closes; after a lost connection it
// reconnects by itself and sends NoticeResync. A subscriber that falls
// behind misses notices, and is sent NoticeResync instead.
//
// SQLite (*DB) does not implement it: there one operator works on one
// machine, and the dashboard knows its own changes.
//
// Every notice says which handle sent it (backend.Notice.From); Sender is
// this handle's id, so a process can skip the notices of what it did and
// already knows.
type Notifier interface {
	Subscribe(ctx context.Context) (<-chan backend.Notice, error)
	Sender() string
}

// Mirror is the mirror of every store's orders as the tables, `list`,
// `search` and lookups read it (the methods behave as *DB's, documented
// there). Tabs read it a window at a time (keyset pagination), so the
// cost of a screen does not grow with the mirror.
type Mirror interface {
	Window(ctx context.Context, w backend.Window) (backend.Rows, error)
	Count(ctx context.Context, v backend.View) (int, error)
	Tally(ctx context.Context, v backend.View, now time.Time) (backend.Tally, error)
	MirrorOrder(ctx context.Context, store, id string) (backend.Order, time.Time, error)
	// MirrorPut writes orders read outside a sync; an older copy never
	// replaces a newer one, whichever process writes last.
	MirrorPut(ctx context.Context, orders []backend.Order) (MirrorCounts, error)
	MirrorFind(ctx context.Context, text string) ([]backend.Order, error)
	MirrorSearch(ctx context.Context, query string, stores []string) (found []Found, more bool, err error)
	MirrorMark(ctx context.Context) (backend.ArrivalMark, error)
	CountNew(ctx context.Context, v backend.View, mark backend.ArrivalMark, limit int) (int, error)
	MirrorStats(ctx context.Context) ([]MirrorStat, error)
	ResetMirror(ctx context.Context) error
}

// MirrorSync is what the background sync (package mirror) writes the
// mirror through: each page with the sync state it advances, in one
// transaction.
type MirrorSync interface {
	SyncState(ctx context.Context, store string) (SyncState, error)
	SaveSync(ctx context.Context, st SyncState, orders []backend.Order) (MirrorCounts, error)
	SaveSyncError(ctx context.Context, store, msg string, at time.Time) error
	MirrorStale(ctx context.Context, store string, n int) ([]string, error)
	MirrorForget(ctx context.Context, store, id string) error
	PruneMirror(ctx context.Context, store string, before time.Time) (int, error)
	// LockSync takes the store's sync lease for one pass: ok is false
	// while another process holds it (that process syncs the store; this
	// one only reads). release gives the lease up. While held, the
	// lease's SaveSync calls renew it; a SaveSync after the lease was
	// lost (this process stalled past SyncLeaseTTL and another took it)
	// fails with ErrSyncLeaseLost, writing nothing.
	LockSync(ctx context.Context, store string) (release func(), ok bool, err error)
}

// SyncLeaseTTL is how long a store's sync lease lasts without a page
// saved: how long after its syncer died another process takes over.
const SyncLeaseTTL = 2 * time.Minute

// ErrSyncLeaseLost is SaveSync's error when another process took the
// store's sync lease: this pass stops, the other one goes on.
var ErrSyncLeaseLost = errors.New("another orderdash took over this store's sync")

// Store is the whole contract.
type Store interface {
	Journals
	LocalHistories
	Claims
	Mirror
	MirrorSync
	// KornitXInbox is the Kornit X inbox.
	KornitXInbox() Inbox
	// Describe says which database this is, for `info`, `check` and
	// messages: "SQLite /home/ann/.local/share/orderdash/orderdash.db",
	// "PostgreSQL db.example:5432/orders (user ann)"; never a password.
	Describe() string
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	Close() error
}

var (
	_ Store      = (*DB)(nil)
	_ Mirror     = (*DB)(nil)
	_ MirrorSync = (*DB)(nil)
)

// LockSync: SQLite's file has one orderdash (its lock), and within it
// one syncer per store, so the lease is always this process's.
func (db *DB) LockSync(ctx context.Context, store string) (func(), bool, error) {
	return func() {}, true, nil
}

// KornitXInbox is the Kornit X inbox (KornitXOrders, as the contract's
// Inbox).
func (db *DB) KornitXInbox() Inbox { return db.KornitXOrders() }

// Describe says which database file this is.
func (db *DB) Describe() string {
	if db.path == "" {
		return "SQLite in memory"
	}
	return "SQLite " + db.path
}

// Ping reports whether the file answers a read.
func (db *DB) Ping(ctx context.Context) error {
	var n int
	return wrap("read database", db.path, db.r.QueryRowContext(ctx, "SELECT 1").Scan(&n))
}
