package storagetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/mirrortest"
)

// The mirror shared by several processes (Features.SharedMirror).

// Two handles (two processes) on one database share the mirror: what
// one writes the other reads, and a copy older than the stored one never
// replaces it, whichever writes last.
func testMirrorSharedNeverOlder(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	open := fresh(t)
	a, b := open(t), open(t)
	t0 := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	o := backend.Order{Store: "S", ID: "1", Number: "1001", Status: mirrortest.Statuses[4], Created: t0, Updated: t0.Add(time.Hour)}
	if n, err := a.MirrorPut(ctx, []backend.Order{o}); err != nil || n.Added != 1 {
		t.Fatalf("put: %+v %v", n, err)
	}
	older := o
	older.Status, older.Updated = mirrortest.Statuses[0], t0
	if n, err := b.MirrorPut(ctx, []backend.Order{older}); err != nil || n.Unchanged != 1 {
		t.Fatalf("older put by the other handle: %+v %v", n, err)
	}
	for name, db := range map[string]storage.Store{"a": a, "b": b} {
		got, _, err := db.MirrorOrder(ctx, "S", "1")
		if err != nil || got.Status.Code != "C" {
			t.Errorf("%s reads %s (%v), want the newer copy C", name, got.Status.Code, err)
		}
		if n, err := db.Count(ctx, backend.View{Kinds: []backend.StatusKind{backend.KindCompleted}}); err != nil || n != 1 {
			t.Errorf("%s counts %d completed (%v), want 1", name, n, err)
		}
		if f, err := db.MirrorFind(ctx, "#1001"); err != nil || len(f) != 1 {
			t.Errorf("%s finds %v (%v)", name, f, err)
		}
	}
	// Both write the same batch at once: every order once, counts exact.
	batch := mirrortest.Orders([]string{"S"}, 200, 9)["S"]
	errs := make(chan error, 2)
	for _, db := range []storage.Store{a, b} {
		go func() { _, err := db.MirrorPut(ctx, append([]backend.Order(nil), batch...)); errs <- err }()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	want := map[string][]backend.Order{"S": batch}
	if n, err := b.Count(ctx, backend.View{}); err != nil || n != len(mirrortest.RefView(want, backend.View{})) {
		t.Errorf("after two writers: %d orders (%v), want %d", n, err, len(batch))
	}
	tally, err := a.Tally(ctx, backend.View{}, t0)
	if err != nil || tally.Total != len(batch) {
		t.Errorf("tally %+v (%v), want %d", tally, err, len(batch))
	}
}

// One process syncs a store at a time: the others are refused its lease
// and their pages, and read what it writes.
func testSyncLease(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	open := fresh(t)
	a, b := open(t), open(t)
	release, ok, err := a.LockSync(ctx, "S")
	if err != nil || !ok {
		t.Fatalf("first lease: %v %v", ok, err)
	}
	if _, ok, err := b.LockSync(ctx, "S"); err != nil || ok {
		t.Fatalf("a second process took a held lease: %v %v", ok, err)
	}
	if _, ok, err := b.LockSync(ctx, "T"); err != nil || !ok {
		t.Fatalf("another store's lease: %v %v", ok, err)
	}
	orders := mirrortest.Orders([]string{"S"}, 5, 1)["S"]
	if _, err := b.SaveSync(ctx, storage.SyncState{Store: "S", LastID: "9"}, orders); !errors.Is(err, storage.ErrSyncLeaseLost) {
		t.Fatalf("a page saved without the lease: %v", err)
	}
	if n, _ := a.Count(ctx, backend.View{}); n != 0 {
		t.Errorf("%d orders of a refused page were saved", n)
	}
	if _, err := a.SaveSync(ctx, storage.SyncState{Store: "S", LastID: "5"}, orders); err != nil {
		t.Fatal(err)
	}
	if st, err := b.SyncState(ctx, "S"); err != nil || st.LastID != "5" {
		t.Errorf("the other process reads state %+v (%v)", st, err)
	}
	release()
	if rel, ok, err := b.LockSync(ctx, "S"); err != nil || !ok {
		t.Fatalf("the lease once released: %v %v", ok, err)
	} else {
		rel()
	}
}
