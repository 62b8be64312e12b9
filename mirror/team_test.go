package mirror_test

import (
	"context"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/mirror"
	"github.com/orderdash/orderdash/storage/pgstore"
	"github.com/orderdash/orderdash/storage/pgtest"
)

// twoProcesses are two orderdash processes' stores on one PostgreSQL
// schema.
func twoProcesses(t *testing.T) (*pgstore.Store, *pgstore.Store) {
	url, schema := pgtest.Schema(t)
	open := func() *pgstore.Store {
		s, err := pgstore.Open(context.Background(), url, pgstore.Options{Schema: schema, MaxConns: 2})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	return open(), open()
}

// In team mode two orderdash processes share the mirror in PostgreSQL: a
// store is synced by the one holding its lease, the other's pass does
// nothing (and no request), and both read what was synced.
func TestTeamSyncsAStoreOnce(t *testing.T) {
	ctx := context.Background()
	a, b := twoProcesses(t)
	clk := newClock()
	_, cs := startCSCart(t, 300, clk.Now)
	release, ok, err := b.LockSync(ctx, cs.Name())
	if err != nil || !ok {
		t.Fatalf("lease: %v %v", ok, err)
	}
	r := mirror.Sync(ctx, a, cs, opts(clk.Now))
	if r.Err != nil || !r.Busy || r.Requests != 0 || r.Added != 0 {
		t.Fatalf("a pass while another process syncs: %+v", r)
	}
	release()
	r = mirror.Sync(ctx, a, cs, opts(clk.Now))
	// The same pass into SQLite's mirror is the reference.
	lite, _ := openDB(t)
	want := mustSync(t, lite, cs, opts(clk.Now))
	if r.Err != nil || r.Busy || r.Added == 0 || r.MirrorCounts != want.MirrorCounts {
		t.Fatalf("first fill: %+v, SQLite's %+v", r, want)
	}
	r = mirror.Sync(ctx, b, cs, opts(clk.Now))
	if r.Err != nil || r.Busy || r.Added != 0 {
		t.Fatalf("the other process's next pass: %+v", r)
	}
	for name, db := range map[string]*pgstore.Store{"a": a, "b": b} {
		if n, err := db.Count(ctx, backend.View{Stores: []string{cs.Name()}}); err != nil || n != want.Added {
			t.Errorf("%s counts %d (%v), want %d", name, n, err, want.Added)
		}
	}
}

// While another process fills a store for the first time, this one's
// report says the store is filling (not an empty, idle mirror) and its
// next look comes within seconds, not at the next interval: the fill's
// end, which decides what the dashboard counts as new, is known soon.
func TestTeamOthersFirstFillIsFilling(t *testing.T) {
	ctx := context.Background()
	a, b := twoProcesses(t)
	clk := newClock()
	_, cs := startCSCart(t, 30, clk.Now)
	release, ok, err := b.LockSync(ctx, cs.Name())
	if err != nil || !ok {
		t.Fatalf("lease: %v %v", ok, err)
	}
	defer release()
	reports := make(chan backend.SyncProgress, 100)
	o := opts(clk.Now)
	o.Interval = time.Hour
	o.Progress = func(p backend.SyncProgress) { reports <- p }
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { mirror.Run(ctx, a, []backend.Backend{cs}, o); close(done) }()
	defer func() { cancel(); <-done }()
	select {
	case p := <-reports:
		if p.Phase != backend.SyncFilling || !p.Synced.IsZero() || p.Err != "" {
			t.Errorf("report while b fills: %+v, want filling", p)
		}
		if d := p.RetryAt.Sub(clk.Now()); d > 5*time.Second {
			t.Errorf("next look in %v, want within 5s", d)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no report")
	}
}
