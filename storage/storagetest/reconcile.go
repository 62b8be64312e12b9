package storagetest

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// lostChange leaves a change unknown on f: the request went out, and the
// answer never came; applied says whether it reached the platform.
func lostChange(t *testing.T, db storage.Store, f *fakeStore, order string, applied bool) int64 {
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
func reconcile(t *testing.T, db storage.Store, opt backend.ReconcileOptions, stores ...*fakeStore) map[int64]backend.ReconcileOutcome {
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

func testReconcileUnknown(t *testing.T, fresh Fresh) {
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
			db := fresh(t)(t)
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

func testReconcileStoreTrouble(t *testing.T, fresh Fresh) {
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
			db := fresh(t)(t)
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

func testReconcileSeveralStores(t *testing.T, fresh Fresh) {
	db := fresh(t)(t)
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
	if _, err := db.Reconcile(context.Background(), nil, backend.ReconcileOptions{}); !errors.Is(err, storage.ErrNoStore) {
		t.Errorf("no store: %v", err)
	}
}

func testReconcileResendOutcomes(t *testing.T, fresh Fresh) {
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
			db := fresh(t)(t)
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

func testReconcileLeavesInFlightChanges(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
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
		if !errors.Is(o.Err, storage.ErrInFlight) {
			t.Errorf("in-flight change deferred with %v, want storage.ErrInFlight", o.Err)
		}
	}
	if err := j.Confirmed(ctx, ch.ID, 1, backend.Order{Status: stShipped}); err != nil {
		t.Fatalf("the sender could not write its outcome: %v", err)
	}
}

func testResend(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	t.Run("failed: fresh key, sent, confirmed", func(t *testing.T) {
		db := fresh(t)(t)
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
		db := fresh(t)(t)
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
		db := fresh(t)(t)
		f := newFake("Shop", false)
		id := lostChange(t, db, f, "1", false)
		f.verifyErr = errUnreachable
		if _, err := db.Resend(ctx, f, id, "ann"); !errors.Is(err, backend.ErrUnavailable) || f.setCount() != 1 {
			t.Errorf("err %v, %d sends", err, f.setCount())
		}
	})
	t.Run("refusals", func(t *testing.T) {
		db := fresh(t)(t)
		f := newFake("Shop", false)
		ids := seedJournal(t, db, backend.StateConfirmed, backend.StateDropped)
		for _, id := range ids {
			if _, err := db.Resend(ctx, f, id, "ann"); !errors.Is(err, storage.ErrState) {
				t.Errorf("resend of %s: %v", mustChange(t, db, id).State, err)
			}
		}
		id := lostChange(t, db, newFake("A", false), "1", false)
		if _, err := db.Resend(ctx, f, id, "ann"); !errors.Is(err, storage.ErrNoStore) {
			t.Errorf("resend to the wrong store: %v", err)
		}
		if _, err := db.Resend(ctx, f, 99, "ann"); !errors.Is(err, storage.ErrNoChange) {
			t.Errorf("resend of no change: %v", err)
		}
		if f.setCount() != 0 {
			t.Errorf("%d sends", f.setCount())
		}
	})
	t.Run("two operators at once: sent once", func(t *testing.T) {
		open := fresh(t)
		f := newFake("Shop", false)
		dbs := []storage.Store{open(t), open(t)}
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
