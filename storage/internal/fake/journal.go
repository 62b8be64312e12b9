package fake

import (
	"context"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

// DB is the part of storage.Store the helpers below use; *storage.DB and
// every storage.Store have it.
type DB interface {
	Journal(operator string) backend.Journal
	Changes(ctx context.Context, f backend.ChangeFilter) ([]backend.JournalEntry, error)
	Change(ctx context.Context, id int64) (backend.JournalEntry, error)
	Reconcile(ctx context.Context, b backend.Backend, opt backend.ReconcileOptions) ([]backend.ReconcileOutcome, error)
	Resend(ctx context.Context, b backend.Backend, id int64, operator string) (backend.Order, error)
}

// MustChange is change id of db's journal.
func MustChange(t testing.TB, db DB, id int64) backend.JournalEntry {
	t.Helper()
	e, err := db.Change(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// RecordSent records ch in j and marks its request sent: a change in
// flight, whose outcome is not yet known.
func RecordSent(t testing.TB, j backend.Journal, ch *backend.Change) {
	t.Helper()
	ctx := context.Background()
	if err := j.Record(ctx, ch); err != nil {
		t.Fatal(err)
	}
	if err := j.Sent(ctx, ch.ID); err != nil {
		t.Fatal(err)
	}
}

// LostChange leaves a change unknown on f: the request went out, and the
// answer never came; applied says whether it reached the platform.
func LostChange(t testing.TB, db DB, f *Store, order string, applied bool) int64 {
	t.Helper()
	f.SetErr, f.ApplyFirst = ErrLost, applied
	defer func() { f.SetErr, f.ApplyFirst = nil, false }()
	before := f.AppliedCount()
	backend.Apply(context.Background(), f, db.Journal("sam"), Change(f.name, order))
	if got := f.AppliedCount() - before; got != map[bool]int{true: 1}[applied] {
		t.Fatalf("setup applied %d", got)
	}
	es, err := db.Changes(context.Background(), backend.ChangeFilter{Store: f.name, States: []backend.ChangeState{backend.StateUnknown}})
	if err != nil || len(es) == 0 {
		t.Fatalf("no unknown change: %v", err)
	}
	return es[0].ID
}

// Reconcile reconciles each store in turn, as the command line and the
// dashboard do, and returns the outcomes by change.
func Reconcile(t testing.TB, db DB, opt backend.ReconcileOptions, stores ...*Store) map[int64]backend.ReconcileOutcome {
	t.Helper()
	byID := map[int64]backend.ReconcileOutcome{}
	for _, s := range stores {
		outs, err := db.Reconcile(context.Background(), s, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range outs {
			if _, dup := byID[o.Entry.ID]; dup {
				t.Fatalf("change %d reported twice", o.Entry.ID)
			}
			if o.Entry.Store != s.name {
				t.Fatalf("reconciling %s reported change %d of %s", s.name, o.Entry.ID, o.Entry.Store)
			}
			byID[o.Entry.ID] = o
		}
	}
	return byID
}

// Abandon records two changes of f through j as a process does just
// before it stops: sent, whose request reached f but whose answer was
// never recorded, and pending, never sent.
func Abandon(t testing.TB, j backend.Journal, f *Store) (sent, pending backend.Change) {
	t.Helper()
	ctx := context.Background()
	sent, pending = Change(f.name, "1"), Change(f.name, "2")
	for _, ch := range []*backend.Change{&sent, &pending} {
		if err := j.Record(ctx, ch); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Sent(ctx, sent.ID); err != nil {
		t.Fatal(err)
	}
	f.SetStatus(ctx, sent)
	return sent, pending
}

// CheckAbandonedSettled checks outs, db's reconciliation of the changes
// Abandon left once their process is gone: the sent one is confirmed
// from the store without a resend, the pending one is left to the
// operator, who resends it.
func CheckAbandonedSettled(t testing.TB, db DB, f *Store, outs map[int64]backend.ReconcileOutcome, sent, pending backend.Change) {
	t.Helper()
	if o := outs[sent.ID]; o.Action != backend.ReconcileConfirmed || o.Entry.State != backend.StateConfirmed {
		t.Errorf("abandoned sent change: %s %s %v", o.Action, o.Entry.State, o.Err)
	}
	if o := outs[pending.ID]; o.Action != backend.ReconcileNeedsDecision || o.Entry.State != backend.StatePending || !o.Entry.NeedsDecision {
		t.Errorf("abandoned pending change: %s %+v %v", o.Action, o.Entry, o.Err)
	}
	if f.AppliedCount() != 1 || f.SetCount() != 1 {
		t.Errorf("store applied %d, sent %d", f.AppliedCount(), f.SetCount())
	}
	if _, err := db.Resend(context.Background(), f, pending.ID, "ann"); err != nil {
		t.Fatal(err)
	}
	if e := MustChange(t, db, pending.ID); e.State != backend.StateConfirmed || f.AppliedCount() != 2 {
		t.Errorf("after resend: %+v, applied %d", e, f.AppliedCount())
	}
}
