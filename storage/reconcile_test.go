package storage

import (
	"context"
	"errors"
	"os"
	"strings"
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

func TestReconcileUnknown(t *testing.T) {
	tests := []struct {
		name     string
		safe     bool
		applied  bool
		opt      backend.ReconcileOptions
		action   backend.ReconcileAction
		state    backend.ChangeState
		decision bool
		applies  int
	}{
		{"applied: confirmed, not resent", true, true, backend.ReconcileOptions{}, backend.ReconcileConfirmed, backend.StateConfirmed, false, 1},
		{"applied, unsafe platform: confirmed", false, true, backend.ReconcileOptions{}, backend.ReconcileConfirmed, backend.StateConfirmed, false, 1},
		{"not applied, safe: resent once", true, false, backend.ReconcileOptions{}, backend.ReconcileResent, backend.StateConfirmed, false, 1},
		{"not applied, unsafe: operator decides", false, false, backend.ReconcileOptions{}, backend.ReconcileNeedsDecision, backend.StateUnknown, true, 0},
		{"not applied, read-only: operator decides", true, false, backend.ReconcileOptions{NoResend: true}, backend.ReconcileNeedsDecision, backend.StateUnknown, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTest(t)
			f := newFake("Shop", tt.safe)
			id := lostChange(t, db, f, "1", tt.applied)
			key := mustChange(t, db, id).IdempotencyKey
			out := reconcile(t, db, tt.opt, f)[id]
			if out.Action != tt.action || out.Entry.State != tt.state || out.Entry.NeedsDecision != tt.decision {
				t.Fatalf("outcome %s %s decision=%v err=%v", out.Action, out.Entry.State, out.Entry.NeedsDecision, out.Err)
			}
			if f.appliedCount() != tt.applies {
				t.Errorf("the store applied %d changes, want %d", f.appliedCount(), tt.applies)
			}
			for _, s := range f.sets {
				if s.IdempotencyKey != key {
					t.Errorf("resent with key %q, want the original %q", s.IdempotencyKey, key)
				}
			}
			// A second pass changes nothing and adds no log noise.
			logBefore, _ := db.Steps(context.Background(), id)
			sets := f.setCount()
			again := reconcile(t, db, tt.opt, f)
			logAfter, _ := db.Steps(context.Background(), id)
			if f.setCount() != sets || len(logAfter) != len(logBefore) {
				t.Errorf("second pass: %d more sends, %d more log lines", f.setCount()-sets, len(logAfter)-len(logBefore))
			}
			if tt.state == backend.StateConfirmed && len(again) != 0 {
				t.Errorf("second pass looked at a settled change: %+v", again)
			}
		})
	}
}

func TestReconcileStoreTrouble(t *testing.T) {
	tests := []struct {
		name      string
		verifyErr error
		drop      bool // the order is gone from the store
		action    backend.ReconcileAction
		verifies  int
	}{
		{"unreachable: left for next time, asked once", errUnreachable, false, backend.ReconcileDeferred, 1},
		{"unauthorised: left, asked once", &backend.Error{Kind: backend.KindUnauthorized}, false, backend.ReconcileDeferred, 1},
		{"malformed answer: left, each asked", &backend.Error{Kind: backend.KindMalformed}, false, backend.ReconcileDeferred, 2},
		{"order gone: operator decides", nil, true, backend.ReconcileNeedsDecision, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTest(t)
			f := newFake("Shop", true)
			a := lostChange(t, db, f, "1", false)
			b := lostChange(t, db, f, "2", false)
			f.verifyErr = tt.verifyErr
			if tt.drop {
				delete(f.orders, "1")
				delete(f.orders, "2")
			}
			outs := reconcile(t, db, backend.ReconcileOptions{}, f)
			for _, id := range []int64{a, b} {
				if o := outs[id]; o.Action != tt.action || o.Entry.State != backend.StateUnknown {
					t.Errorf("change %d: %s %s (%v)", id, o.Action, o.Entry.State, o.Err)
				}
			}
			if f.verifies != tt.verifies || f.setCount() != 2 {
				t.Errorf("%d verifies, %d sends", f.verifies, f.setCount())
			}
		})
	}
}

func TestReconcileSeveralStores(t *testing.T) {
	db := openTest(t)
	a, b, gone := newFake("A", true), newFake("B", false), newFake("Gone", true)
	ia := lostChange(t, db, a, "1", true)
	ib := lostChange(t, db, b, "1", false)
	ig := lostChange(t, db, gone, "1", true)
	outs := reconcile(t, db, backend.ReconcileOptions{}, a, b)
	if len(outs) != 2 || outs[ia].Action != backend.ReconcileConfirmed || outs[ib].Action != backend.ReconcileNeedsDecision {
		t.Errorf("outcomes: %+v", outs)
	}
	// A store not configured now is not asked about; its change waits.
	if e := mustChange(t, db, ig); e.State != backend.StateUnknown || e.NeedsDecision || gone.verifies != 0 {
		t.Errorf("the change of a store not given was touched: %+v", e)
	}
	only := reconcile(t, db, backend.ReconcileOptions{}, b)
	if len(only) != 1 || only[ib].Action != backend.ReconcileNeedsDecision {
		t.Errorf("one store: %+v", only)
	}
	if _, err := db.Reconcile(context.Background(), nil, backend.ReconcileOptions{}); !errors.Is(err, ErrNoStore) {
		t.Errorf("no store: %v", err)
	}
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
	db.reconciling.waiting = func(store string) { queued <- store }

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
	db.reconciling.waiting = func(string) { cancel() }
	if outs, err := db.Reconcile(ctx, f, backend.ReconcileOptions{}); !errors.Is(err, context.Canceled) || outs != nil {
		t.Errorf("waiting with an ended context: %v %v", outs, err)
	}
	close(release)
	wg.Wait()
}

func TestReconcileResendOutcomes(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		action backend.ReconcileAction
		state  backend.ChangeState
	}{
		{"refused", errRefused, backend.ReconcileFailed, backend.StateFailed},
		{"lost again", errLost, backend.ReconcileUnknown, backend.StateUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTest(t)
			f := newFake("Shop", true)
			id := lostChange(t, db, f, "1", false)
			f.setErr = tt.err
			out := reconcile(t, db, backend.ReconcileOptions{}, f)[id]
			if out.Action != tt.action || out.Entry.State != tt.state || out.Entry.Attempts != 2 {
				t.Errorf("outcome %s %s attempts %d", out.Action, out.Entry.State, out.Entry.Attempts)
			}
		})
	}
}

func TestReconcileLeavesInFlightChanges(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	f := newFake("Shop", false)
	j := db.Journal("sam")
	ch := change("Shop", "1")
	if err := j.Record(ctx, &ch); err != nil {
		t.Fatal(err)
	}
	pending := reconcile(t, db, backend.ReconcileOptions{}, f)[ch.ID]
	if err := j.Sent(ctx, ch.ID); err != nil {
		t.Fatal(err)
	}
	sent := reconcile(t, db, backend.ReconcileOptions{}, f)[ch.ID]
	for _, o := range []backend.ReconcileOutcome{pending, sent} {
		if o.Action != backend.ReconcileDeferred || o.Entry.NeedsDecision || f.verifies != 0 {
			t.Errorf("in-flight change touched: %s %+v", o.Action, o.Entry)
		}
		if !errors.Is(o.Err, ErrInFlight) {
			t.Errorf("in-flight change deferred with %v, want ErrInFlight", o.Err)
		}
	}
	if err := j.Confirmed(ctx, ch.ID, 1, backend.Order{Status: stShipped}); err != nil {
		t.Fatalf("the sender could not write its outcome: %v", err)
	}
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
	ctx := context.Background()
	db := openTest(t)
	f := newFake("Shop", true)
	j := db.Journal("sam")
	ch := change("Shop", "1")
	if err := j.Record(ctx, &ch); err != nil {
		t.Fatal(err)
	}
	if err := j.Sent(ctx, ch.ID); err != nil {
		t.Fatal(err)
	}
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

func TestResend(t *testing.T) {
	ctx := context.Background()
	t.Run("failed: fresh key, sent, confirmed", func(t *testing.T) {
		db := openTest(t)
		f := newFake("Shop", true)
		f.setErr = errRefused
		backend.Apply(ctx, f, db.Journal("sam"), change("Shop", "1"))
		f.setErr = nil
		e := mustChange(t, db, 1)
		o, err := db.Resend(ctx, f, e.ID, "ann")
		if err != nil || o.Status != stShipped {
			t.Fatalf("Resend: %v %v", o.Status, err)
		}
		after := mustChange(t, db, e.ID)
		if after.State != backend.StateConfirmed || after.IdempotencyKey == e.IdempotencyKey || f.sets[1].IdempotencyKey != after.IdempotencyKey || after.Attempts != 2 {
			t.Errorf("after resend: %+v", after)
		}
		log, _ := db.Steps(ctx, e.ID)
		if !strings.Contains(log[len(log)-2].Message, "resent by ann") || log[len(log)-2].Operator != "ann" {
			t.Errorf("log: %+v", log)
		}
	})
	t.Run("unknown and applied: confirmed, not sent", func(t *testing.T) {
		db := openTest(t)
		f := newFake("Shop", false)
		id := lostChange(t, db, f, "1", true)
		if _, err := db.Resend(ctx, f, id, "ann"); err != nil {
			t.Fatal(err)
		}
		if e := mustChange(t, db, id); e.State != backend.StateConfirmed || f.appliedCount() != 1 || f.setCount() != 1 {
			t.Errorf("%+v, %d applied", e, f.appliedCount())
		}
	})
	t.Run("unknown, store unreachable: nothing sent", func(t *testing.T) {
		db := openTest(t)
		f := newFake("Shop", false)
		id := lostChange(t, db, f, "1", false)
		f.verifyErr = errUnreachable
		if _, err := db.Resend(ctx, f, id, "ann"); !errors.Is(err, backend.ErrUnavailable) || f.setCount() != 1 {
			t.Errorf("err %v, %d sends", err, f.setCount())
		}
	})
	t.Run("refusals", func(t *testing.T) {
		db := openTest(t)
		f := newFake("Shop", false)
		ids := seedJournal(t, db, backend.StateConfirmed, backend.StateDropped)
		for _, id := range ids {
			if _, err := db.Resend(ctx, f, id, "ann"); !errors.Is(err, ErrState) {
				t.Errorf("resend of %s: %v", mustChange(t, db, id).State, err)
			}
		}
		id := lostChange(t, db, newFake("A", false), "1", false)
		if _, err := db.Resend(ctx, f, id, "ann"); !errors.Is(err, ErrNoStore) {
			t.Errorf("resend to the wrong store: %v", err)
		}
		if _, err := db.Resend(ctx, f, 99, "ann"); !errors.Is(err, ErrNoChange) {
			t.Errorf("resend of no change: %v", err)
		}
		if f.setCount() != 0 {
			t.Errorf("%d sends", f.setCount())
		}
	})
	t.Run("two operators at once: sent once", func(t *testing.T) {
		path := t.TempDir() + "/o.db"
		f := newFake("Shop", false)
		var dbs []*DB
		for range 2 {
			db, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			dbs = append(dbs, db)
		}
		id := lostChange(t, dbs[0], f, "1", false)
		start := make(chan struct{})
		f.hook = func() { time.Sleep(20 * time.Millisecond) }
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, db := range dbs {
			wg.Go(func() {
				<-start
				_, errs[i] = db.Resend(ctx, f, id, "op")
			})
		}
		close(start)
		wg.Wait()
		if f.appliedCount() != 1 {
			t.Fatalf("applied %d times (errors %v)", f.appliedCount(), errs)
		}
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Errorf("want one resend and one refusal: %v", errs)
		}
	})
}
