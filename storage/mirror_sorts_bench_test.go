package storage

import (
	"context"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// BenchmarkMirrorSortWindow is a tab's first window in each sort (issue
// 12: ≤ 16 ms at 1M), on All stores as the dashboard asks for it (every
// store named), then a window deep in it (anchored on a row ~a third in).
func BenchmarkMirrorSortWindow(b *testing.B) {
	for _, sz := range mirrorSizes {
		for _, f := range backend.ViewSorts {
			b.Run(sz.name+"/"+string(f), func(b *testing.B) {
				db := openFixture(b, sz.n)
				ctx := context.Background()
				w := backend.Window{View: backend.View{Stores: FixtureStores, Sort: f, Asc: backend.SortDefaultAsc(f)}, After: screen}
				for b.Loop() {
					r, err := db.Window(ctx, w)
					if err != nil || len(r.Orders) != screen {
						b.Fatalf("%d rows, %v", len(r.Orders), err)
					}
				}
				perOp(b, "ms/first-window")
			})
		}
	}
}

// BenchmarkMirrorSortWindowKinds is the same with the open kinds only
// (what "most overdue first" on a backlog reads), anchored mid-way.
func BenchmarkMirrorSortWindowKinds(b *testing.B) {
	open := []backend.StatusKind{backend.KindPending, backend.KindProcessing, backend.KindOnHold}
	for _, sz := range mirrorSizes {
		for _, f := range []backend.SortField{backend.SortAge, backend.SortDue, backend.SortTotal, backend.SortCustomer} {
			b.Run(sz.name+"/"+string(f), func(b *testing.B) {
				db := openFixture(b, sz.n)
				ctx := context.Background()
				w := backend.Window{View: backend.View{Stores: FixtureStores, Kinds: open, Sort: f}, After: screen}
				r, err := db.Window(ctx, w)
				if err != nil || len(r.Orders) == 0 {
					b.Fatal(err)
				}
				w.Anchor, w.Before = w.View.Key(r.Orders[len(r.Orders)-1]), screen/2
				for b.Loop() {
					if _, err := db.Window(ctx, w); err != nil {
						b.Fatal(err)
					}
				}
				perOp(b, "ms/window")
			})
		}
	}
}

// BenchmarkMirrorTally is a tab's counts strip: orders per kind (issue
// 12: ≤ 10 ms at 100k) and the late ones.
func BenchmarkMirrorTally(b *testing.B) {
	for _, sz := range mirrorSizes {
		b.Run(sz.name, func(b *testing.B) {
			db := openFixture(b, sz.n)
			ctx := context.Background()
			v := backend.View{Stores: FixtureStores}
			for b.Loop() {
				t, err := db.Tally(ctx, v, FixtureEnd.Add(time.Hour))
				if err != nil || t.Total == 0 {
					b.Fatal(t, err)
				}
			}
			perOp(b, "ms/tally")
		})
	}
}
