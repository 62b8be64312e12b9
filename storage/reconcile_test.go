package storage

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// lostChange leaves a change unknown on f: the request went out, and the
// answer never came; applied says whether it reached the platform.
func lostChange(t *testing.T, db *DB, f *fakeStore, order string, applied bool) int64 {
	t.Helper()
	f.setErr, f.applyFirst = errLost, applied
	defer func() { f.setErr, f.applyFirst = nil, false }()
	before := f.appliedCount()
	backend.Apply(context.Background(), f, db.Journal("sam"), change(f.name, order))
	if got := f.appliedCount() - before; got != map[bool]int{true: 1}[applied] {
		t.Fatalf("setup applied %d", got)
	}
	es, err := db.Changes(context.Background(), backend.ChangeFilter{Store: f.name, States: []backend.ChangeState{backend.StateUnknown}})
	if err != nil || len(es) == 0 {
		t.Fatalf("no unknown change: %v", err)
	}
	return es[0].ID
}

// reconcile reconciles each store in turn, as the command line and the
// dashboard do, and returns the outcomes by change.
func reconcile(t *testing.T, db *DB, opt backend.ReconcileOptions, stores ...*fakeStore) map[int64]backend.ReconcileOutcome {
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

// TestReconcileSameStoreAtOnce: two callers in one process (the dashboard's
// reconciliation at start and the one after an uncertain answer, say)
// reconcile one store at the same time. Storage lets one do the work; the
// other waits its turn and finds the change settled: the store is asked
// once and the change resent once.
func TestReconcileSameStoreAtOnce(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	f := newFake("Shop", true)
	id := lostChange(t, db, f, "1", false)
	other := newFake("Other", true)
	otherID := lostChange(t, db, other, "2", true)

	asking := make(chan struct{}, 2)
	release := make(chan struct{})
	f.verifyHook = func() { asking <- struct{}{}; <-release }
	queued := make(chan string, 1)
	db.reconciling.Waiting = func(store string) { queued <- store }

	outs := make([][]backend.ReconcileOutcome, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	wg.Go(func() { outs[0], errs[0] = db.Reconcile(ctx, f, backend.ReconcileOptions{Operator: "first"}) })
	<-asking // the first is asking the store
	wg.Go(func() { outs[1], errs[1] = db.Reconcile(ctx, f, backend.ReconcileOptions{Operator: "second"}) })
	select {
	case <-asking:
		t.Fatal("two reconciliations of one store asked the store at once")
	case store := <-queued:
		if store != "Shop" {
			t.Fatalf("queued behind %q", store)
		}
	}
	// Another store is not held up meanwhile.
	if o := reconcile(t, db, backend.ReconcileOptions{}, other)[otherID]; o.Action != backend.ReconcileConfirmed {
		t.Errorf("the other store: %s %v", o.Action, o.Err)
	}
	close(release)
	wg.Wait()

	if errs[0] != nil || errs[1] != nil {
		t.Fatalf("errors: %v", errs)
	}
	if len(outs[0]) != 1 || outs[0][0].Entry.ID != id || outs[0][0].Action != backend.ReconcileResent {
		t.Errorf("first: %+v", outs[0])
	}
	if len(outs[1]) != 0 {
		t.Errorf("second reconciled a settled change again: %+v", outs[1])
	}
	if f.verifies != 1 || f.setCount() != 2 || f.appliedCount() != 1 {
		t.Errorf("store asked %d times, sent %d (1 lost + resends), applied %d", f.verifies, f.setCount(), f.appliedCount())
	}
}

// TestReconcileWaitEndsWithContext: a caller waiting for another
// reconciliation of the store gives up when its context ends.
func TestReconcileWaitEndsWithContext(t *testing.T) {
	db := openTest(t)
	f := newFake("Shop", true)
	lostChange(t, db, f, "1", false)
	asking := make(chan struct{}, 1)
	release := make(chan struct{})
	f.verifyHook = func() { asking <- struct{}{}; <-release }
	var wg sync.WaitGroup
	wg.Go(func() { db.Reconcile(context.Background(), f, backend.ReconcileOptions{}) })
	<-asking
	ctx, cancel := context.WithCancel(context.Background())
	db.reconciling.Waiting = func(string) { cancel() }
	if outs, err := db.Reconcile(ctx, f, backend.ReconcileOptions{}); !errors.Is(err, context.Canceled) || outs != nil {
		t.Errorf("waiting with an ended context: %v %v", outs, err)
	}
	close(release)
	wg.Wait()
}

// The process that sent a change dies: its lock is gone but its file
// stays, as after SIGKILL.
func TestReconcileAbandonedByDeadProcess(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/o.db"
	dead, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer dead.Close()
	f := newFake("Shop", false)
	j := dead.Journal("sam")
	sent, pending := change("Shop", "1"), change("Shop", "2")
	for _, ch := range []*backend.Change{&sent, &pending} {
		if err := j.Record(ctx, ch); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Sent(ctx, sent.ID); err != nil {
		t.Fatal(err)
	}
	f.SetStatus(ctx, sent) // it reached the store; then the process died
	lock := dead.sess.lockPath(dead.sess.id)

	live, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if outs := reconcile(t, live, backend.ReconcileOptions{}, f); outs[sent.ID].Action != backend.ReconcileDeferred || outs[pending.ID].Action != backend.ReconcileDeferred {
		t.Fatalf("changes of a live process touched: %+v", outs)
	}

	dead.sess.unlock() // SIGKILL
	outs := reconcile(t, live, backend.ReconcileOptions{}, f)
	if o := outs[sent.ID]; o.Action != backend.ReconcileConfirmed || o.Entry.State != backend.StateConfirmed {
		t.Errorf("abandoned sent change: %s %s %v", o.Action, o.Entry.State, o.Err)
	}
	if o := outs[pending.ID]; o.Action != backend.ReconcileNeedsDecision || o.Entry.State != backend.StatePending || !o.Entry.NeedsDecision {
		t.Errorf("abandoned pending change: %s %+v", o.Action, o.Entry)
	}
	if f.appliedCount() != 1 {
		t.Errorf("store applied %d", f.appliedCount())
	}
	if _, err := os.Stat(lock); !os.IsNotExist(err) {
		t.Errorf("the dead session's lock file is still there: %v", err)
	}
	// The operator resends the one that never left.
	if _, err := live.Resend(ctx, f, pending.ID, "ann"); err != nil {
		t.Fatal(err)
	}
	if e := mustChange(t, live, pending.ID); e.State != backend.StateConfirmed || f.appliedCount() != 2 {
		t.Errorf("after resend: %+v, applied %d", e, f.appliedCount())
	}
}

// Without a lock file to ask, a sent change counts as abandoned only once
// it is older than StaleAfter.
func TestReconcileStaleWithoutLock(t *testing.T) {
	db := openTest(t)
	f := newFake("Shop", true)
	ch := change("Shop", "1")
	recordSent(t, db.Journal("sam"), &ch)
	if _, err := db.w.Exec(`UPDATE changes SET owner = 'elsewhere' WHERE id = ?`, ch.ID); err != nil {
		t.Fatal(err)
	}
	if o := reconcile(t, db, backend.ReconcileOptions{StaleAfter: time.Hour}, f)[ch.ID]; o.Action != backend.ReconcileDeferred {
		t.Fatalf("a fresh change of an unknown process was touched: %s", o.Action)
	}
	db.now = func() time.Time { return time.Now().UTC().Add(2 * time.Hour) }
	if o := reconcile(t, db, backend.ReconcileOptions{StaleAfter: time.Hour}, f)[ch.ID]; o.Action != backend.ReconcileResent {
		t.Fatalf("a stale change: %s %v", o.Action, o.Err)
	}
	if f.appliedCount() != 1 {
		t.Errorf("applied %d", f.appliedCount())
	}
}
