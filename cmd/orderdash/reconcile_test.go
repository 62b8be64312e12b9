package main

import (
	"context"
	"io"
	"sync"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

// recorder notes the reconciliations asked of the database, then asks it.
type recorder struct {
	reconciler
	mu    sync.Mutex
	calls map[string][]backend.ReconcileOptions
}

func (r *recorder) Reconcile(ctx context.Context, b backend.Backend, opt backend.ReconcileOptions) ([]backend.ReconcileOutcome, error) {
	r.mu.Lock()
	r.calls[b.Name()] = append(r.calls[b.Name()], opt)
	r.mu.Unlock()
	return r.reconciler.Reconcile(ctx, b, opt)
}

// TestReconcileSameWayAsTheDashboard: the command line reconciles through
// the very call the dashboard makes, on the same *storage.DB (the
// dashboard's ui.Database), once per store with that store's backend, and
// with the options the dashboard derives from what it is given: never
// resend with --read-only or to a read_only store; record the operator.
// ui's TestReconcileCallsLikeTheCommandLine checks the dashboard's side.
func TestReconcileSameWayAsTheDashboard(t *testing.T) {
	for _, readOnly := range []bool{false, true} {
		sb := newSandbox(t)
		t.Setenv("OD_CS_KEY", rightKey)
		t.Setenv("OD_LUNA_KEY", rightKey)
		t.Setenv("ORDERDASH_CONFIG", sb.writeConfig(simConfig(t, ""), 0o644))
		ctx := context.Background()
		a := newApp(&globals{readOnly: readOnly}, io.Discard, io.Discard)
		t.Cleanup(a.close)
		if err := a.load(); err != nil {
			t.Fatal(err)
		}
		opts, err := a.dashboardOptions(ctx)
		if err != nil || opts.DB == nil {
			t.Fatalf("dashboard options: %v", err)
		}
		stores, err := a.openStores(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		rec := &recorder{reconciler: opts.DB, calls: map[string][]backend.ReconcileOptions{}}
		if _, err := a.reconcile(ctx, rec, stores, 0); err != nil {
			t.Fatal(err)
		}
		if len(rec.calls) != len(opts.Stores) {
			t.Errorf("--read-only=%v: reconciled %d stores, the dashboard has %d", readOnly, len(rec.calls), len(opts.Stores))
		}
		for _, b := range opts.Stores {
			// What the dashboard asks for this store (ui's reconcileOptions).
			want := backend.ReconcileOptions{Operator: opts.Operator, NoResend: opts.ReadOnly || opts.StoreReadOnly[b.Name()]}
			if got := rec.calls[b.Name()]; len(got) != 1 || got[0] != want {
				t.Errorf("--read-only=%v, %s: reconciled with %+v, want once with %+v", readOnly, b.Name(), got, want)
			}
		}
		if !opts.StoreReadOnly["Marketplace EU"] || opts.Operator != "tester" {
			t.Fatalf("the config's read-only store or operator did not reach the dashboard: %+v %q", opts.StoreReadOnly, opts.Operator)
		}
	}
}
