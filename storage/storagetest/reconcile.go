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
	"github.com/orderdash/orderdash/storage/internal/fake"
)

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
			f := fake.NewStore("Shop", tt.safe)
			id := fake.LostChange(t, db, f, "1", tt.applied)
			key := fake.MustChange(t, db, id).IdempotencyKey
			out := fake.Reconcile(t, db, tt.opt, f)[id]
			if out.Action != tt.action || out.Entry.State != tt.state || out.Entry.NeedsDecision != tt.decision {
				t.Fatalf("outcome %s %s decision=%v err=%v", out.Action, out.Entry.State, out.Entry.NeedsDecision, out.Err)
			}
			if f.AppliedCount() != tt.applies {
				t.Errorf("the store applied %d changes, want %d", f.AppliedCount(), tt.applies)
			}
			for _, s := range f.Sets {
				if s.IdempotencyKey != key {
					t.Errorf("resent with key %q, want the original %q", s.IdempotencyKey, key)
				}
			}
			// A second pass changes nothing and adds no log noise.
			logBefore, _ := db.Steps(context.Background(), id)
			sets := f.SetCount()
			again := fake.Reconcile(t, db, tt.opt, f)
			logAfter, _ := db.Steps(context.Background(), id)
			if f.SetCount() != sets || len(logAfter) != len(logBefore) {
				t.Errorf("second pass: %d more sends, %d more log lines", f.SetCount()-sets, len(logAfter)-len(logBefore))
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
		{"unreachable: left for next time, asked once", fake.ErrUnreachable, false, backend.ReconcileDeferred, 1},
		{"unauthorised: left, asked once", &backend.Error{Kind: backend.KindUnauthorized}, false, backend.ReconcileDeferred, 1},
		{"malformed answer: left, each asked", &backend.Error{Kind: backend.KindMalformed}, false, backend.ReconcileDeferred, 2},
		{"order gone: operator decides", nil, true, backend.ReconcileNeedsDecision, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := fresh(t)(t)
			f := fake.NewStore("Shop", true)
			a := fake.LostChange(t, db, f, "1", false)
			b := fake.LostChange(t, db, f, "2", false)
			f.VerifyErr = tt.verifyErr
			if tt.drop {
				delete(f.Orders, "1")
				delete(f.Orders, "2")
			}
			outs := fake.Reconcile(t, db, backend.ReconcileOptions{}, f)
			for _, id := range []int64{a, b} {
				if o := outs[id]; o.Action != tt.action || o.Entry.State != backend.StateUnknown {
					t.Errorf("change %d: %s %s (%v)", id, o.Action, o.Entry.State, o.Err)
				}
			}
			if f.Verifies != tt.verifies || f.SetCount() != 2 {
				t.Errorf("%d verifies, %d sends", f.Verifies, f.SetCount())
			}
		})
	}
}

func testReconcileSeveralStores(t *testing.T, fresh Fresh) {
	db := fresh(t)(t)
	a, b, gone := fake.NewStore("A", true), fake.NewStore("B", false), fake.NewStore("Gone", true)
	ia := fake.LostChange(t, db, a, "1", true)
	ib := fake.LostChange(t, db, b, "1", false)
	ig := fake.LostChange(t, db, gone, "1", true)
	outs := fake.Reconcile(t, db, backend.ReconcileOptions{}, a, b)
	if len(outs) != 2 || outs[ia].Action != backend.ReconcileConfirmed || outs[ib].Action != backend.ReconcileNeedsDecision {
		t.Errorf("outcomes: %+v", outs)
	}
	// A store not configured now is not asked about; its change waits.
	if e := fake.MustChange(t, db, ig); e.State != backend.StateUnknown || e.NeedsDecision || gone.Verifies != 0 {
		t.Errorf("the change of a store not given was touched: %+v", e)
	}
	only := fake.Reconcile(t, db, backend.ReconcileOptions{}, b)
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
		{"refused", fake.ErrRefused, backend.ReconcileFailed, backend.StateFailed},
		{"lost again", fake.ErrLost, backend.ReconcileUnknown, backend.StateUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := fresh(t)(t)
			f := fake.NewStore("Shop", true)
			id := fake.LostChange(t, db, f, "1", false)
			f.SetErr = tt.err
			out := fake.Reconcile(t, db, backend.ReconcileOptions{}, f)[id]
			if out.Action != tt.action || out.Entry.State != tt.state || out.Entry.Attempts != 2 {
				t.Errorf("outcome %s %s attempts %d", out.Action, out.Entry.State, out.Entry.Attempts)
			}
		})
	}
}

func testReconcileLeavesInFlightChanges(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	f := fake.NewStore("Shop", false)
	j := db.Journal("sam")
	ch := fake.Change("Shop", "1")
	if err := j.Record(ctx, &ch); err != nil {
		t.Fatal(err)
	}
	pending := fake.Reconcile(t, db, backend.ReconcileOptions{}, f)[ch.ID]
	if err := j.Sent(ctx, ch.ID); err != nil {
		t.Fatal(err)
	}
	sent := fake.Reconcile(t, db, backend.ReconcileOptions{}, f)[ch.ID]
	for _, o := range []backend.ReconcileOutcome{pending, sent} {
		if o.Action != backend.ReconcileDeferred || o.Entry.NeedsDecision || f.Verifies != 0 {
			t.Errorf("in-flight change touched: %s %+v", o.Action, o.Entry)
		}
		if !errors.Is(o.Err, storage.ErrInFlight) {
			t.Errorf("in-flight change deferred with %v, want storage.ErrInFlight", o.Err)
		}
	}
	if err := j.Confirmed(ctx, ch.ID, 1, backend.Order{Status: fake.Shipped}); err != nil {
		t.Fatalf("the sender could not write its outcome: %v", err)
	}
}

func testResend(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	t.Run("failed: fresh key, sent, confirmed", func(t *testing.T) {
		db := fresh(t)(t)
		f := fake.NewStore("Shop", true)
		f.SetErr = fake.ErrRefused
		backend.Apply(ctx, f, db.Journal("sam"), fake.Change("Shop", "1"))
		f.SetErr = nil
		e := fake.MustChange(t, db, 1)
		o, err := db.Resend(ctx, f, e.ID, "ann")
		if err != nil || o.Status != fake.Shipped {
			t.Fatalf("Resend: %v %v", o.Status, err)
		}
		after := fake.MustChange(t, db, e.ID)
		if after.State != backend.StateConfirmed || after.IdempotencyKey == e.IdempotencyKey || f.Sets[1].IdempotencyKey != after.IdempotencyKey || after.Attempts != 2 {
			t.Errorf("after resend: %+v", after)
		}
		log, _ := db.Steps(ctx, e.ID)
		if !strings.Contains(log[len(log)-2].Message, "resent by ann") || log[len(log)-2].Operator != "ann" {
			t.Errorf("log: %+v", log)
		}
	})
	t.Run("unknown and applied: confirmed, not sent", func(t *testing.T) {
		db := fresh(t)(t)
		f := fake.NewStore("Shop", false)
		id := fake.LostChange(t, db, f, "1", true)
		if _, err := db.Resend(ctx, f, id, "ann"); err != nil {
			t.Fatal(err)
		}
		if e := fake.MustChange(t, db, id); e.State != backend.StateConfirmed || f.AppliedCount() != 1 || f.SetCount() != 1 {
			t.Errorf("%+v, %d applied", e, f.AppliedCount())
		}
	})
	t.Run("unknown, store unreachable: nothing sent", func(t *testing.T) {
		db := fresh(t)(t)
		f := fake.NewStore("Shop", false)
		id := fake.LostChange(t, db, f, "1", false)
		f.VerifyErr = fake.ErrUnreachable
		if _, err := db.Resend(ctx, f, id, "ann"); !errors.Is(err, backend.ErrUnavailable) || f.SetCount() != 1 {
			t.Errorf("err %v, %d sends", err, f.SetCount())
		}
	})
	t.Run("refusals", func(t *testing.T) {
		db := fresh(t)(t)
		f := fake.NewStore("Shop", false)
		ids := seedJournal(t, db, backend.StateConfirmed, backend.StateDropped)
		for _, id := range ids {
			if _, err := db.Resend(ctx, f, id, "ann"); !errors.Is(err, storage.ErrState) {
				t.Errorf("resend of %s: %v", fake.MustChange(t, db, id).State, err)
			}
		}
		id := fake.LostChange(t, db, fake.NewStore("A", false), "1", false)
		if _, err := db.Resend(ctx, f, id, "ann"); !errors.Is(err, storage.ErrNoStore) {
			t.Errorf("resend to the wrong store: %v", err)
		}
		if _, err := db.Resend(ctx, f, 99, "ann"); !errors.Is(err, storage.ErrNoChange) {
			t.Errorf("resend of no change: %v", err)
		}
		if f.SetCount() != 0 {
			t.Errorf("%d sends", f.SetCount())
		}
	})
	t.Run("two operators at once: sent once", func(t *testing.T) {
		open := fresh(t)
		f := fake.NewStore("Shop", false)
		dbs := []storage.Store{open(t), open(t)}
		id := fake.LostChange(t, dbs[0], f, "1", false)
		start := make(chan struct{})
		f.Hook = func() { time.Sleep(20 * time.Millisecond) }
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
		if f.AppliedCount() != 1 {
			t.Fatalf("applied %d times (errors %v)", f.AppliedCount(), errs)
		}
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Errorf("want one resend and one refusal: %v", errs)
		}
	})
}
