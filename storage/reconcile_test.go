package storage

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

// TestReconcileSameStoreAtOnce: two callers in one process (the dashboard's
// reconciliation at start and the one after an uncertain answer, say)
// reconcile one store at the same time. Storage lets one do the work; the
// other waits its turn and finds the change settled: the store is asked
// once and the change resent once.
func TestReconcileSameStoreAtOnce(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	f := fake.NewStore("Shop", true)
	id := fake.LostChange(t, db, f, "1", false)
	other := fake.NewStore("Other", true)
	otherID := fake.LostChange(t, db, other, "2", true)

	asking := make(chan struct{}, 2)
	release := make(chan struct{})
	f.VerifyHook = func() { asking <- struct{}{}; <-release }
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
	if o := fake.Reconcile(t, db, backend.ReconcileOptions{}, other)[otherID]; o.Action != backend.ReconcileConfirmed {
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
	if f.Verifies != 1 || f.SetCount() != 2 || f.AppliedCount() != 1 {
		t.Errorf("store asked %d times, sent %d (1 lost + resends), applied %d", f.Verifies, f.SetCount(), f.AppliedCount())
	}
}

// TestReconcileWaitEndsWithContext: a caller waiting for another
// reconciliation of the store gives up when its context ends.
func TestReconcileWaitEndsWithContext(t *testing.T) {
	db := openTest(t)
	f := fake.NewStore("Shop", true)
	fake.LostChange(t, db, f, "1", false)
	asking := make(chan struct{}, 1)
	release := make(chan struct{})
	f.VerifyHook = func() { asking <- struct{}{}; <-release }
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
	f := fake.NewStore("Shop", false)
	sent, pending := fake.Abandon(t, dead.Journal("sam"), f) // then the process dies
	lock := dead.sess.lockPath(dead.sess.id)

	live, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if outs := fake.Reconcile(t, live, backend.ReconcileOptions{}, f); outs[sent.ID].Action != backend.ReconcileDeferred || outs[pending.ID].Action != backend.ReconcileDeferred {
		t.Fatalf("changes of a live process touched: %+v", outs)
	}

	dead.sess.unlock() // SIGKILL
	outs := fake.Reconcile(t, live, backend.ReconcileOptions{}, f)
	if _, err := os.Stat(lock); !os.IsNotExist(err) {
		t.Errorf("the dead session's lock file is still there: %v", err)
	}
	fake.CheckAbandonedSettled(t, live, f, outs, sent, pending)
}

// Without a lock file to ask, a sent change counts as abandoned only once
// it is older than StaleAfter.
func TestReconcileStaleWithoutLock(t *testing.T) {
	db := openTest(t)
	f := fake.NewStore("Shop", true)
	ch := fake.Change("Shop", "1")
	fake.RecordSent(t, db.Journal("sam"), &ch)
	if _, err := db.w.Exec(`UPDATE changes SET owner = 'elsewhere' WHERE id = ?`, ch.ID); err != nil {
		t.Fatal(err)
	}
	if o := fake.Reconcile(t, db, backend.ReconcileOptions{StaleAfter: time.Hour}, f)[ch.ID]; o.Action != backend.ReconcileDeferred {
		t.Fatalf("a fresh change of an unknown process was touched: %s", o.Action)
	}
	db.now = func() time.Time { return time.Now().UTC().Add(2 * time.Hour) }
	if o := fake.Reconcile(t, db, backend.ReconcileOptions{StaleAfter: time.Hour}, f)[ch.ID]; o.Action != backend.ReconcileResent {
		t.Fatalf("a stale change: %s %v", o.Action, o.Err)
	}
	if f.AppliedCount() != 1 {
		t.Errorf("applied %d", f.AppliedCount())
	}
}
