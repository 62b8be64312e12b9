package pgstore

import (
	"context"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// BenchmarkPGMirrorLate is SQLite's BenchmarkMirrorLate on the shared
// mirror: a late view (the demo's "Late": every store, most overdue
// first, and by creation time) a day after the fixture's newest order:
// its first screen, a screen anchored mid-way, its count and its tally.
// The fixture is harsh: its open orders never move on, so about a
// quarter of the mirror is late (by creation time: the index walk, past
// lateRare).
func BenchmarkPGMirrorLate(b *testing.B) {
	now := storage.FixtureEnd.Add(24 * time.Hour)
	for _, n := range pgBenchSizes {
		for _, f := range []backend.SortField{backend.SortDue, backend.SortCreated} {
			v := backend.View{Stores: storage.FixtureStores, Late: true, Now: now, Sort: f, Asc: backend.SortDefaultAsc(f)}
			b.Run("window/"+string(f)+"/"+sizeName(n), func(b *testing.B) {
				s := pgFixture(b, n)
				ctx := context.Background()
				w := backend.Window{View: v, After: benchScreen}
				for b.Loop() {
					r, err := s.Window(ctx, w)
					if err != nil || len(r.Orders) != benchScreen {
						b.Fatalf("%d rows, %v", len(r.Orders), err)
					}
				}
				perOp(b, "ms/screen")
			})
			b.Run("anchored/"+string(f)+"/"+sizeName(n), func(b *testing.B) {
				s := pgFixture(b, n)
				ctx := context.Background()
				late, err := s.Count(ctx, v)
				if err != nil || late < 2*benchScreen {
					b.Fatal(late, err)
				}
				r, err := s.Window(ctx, backend.Window{View: v, After: late / 2})
				if err != nil {
					b.Fatal(err)
				}
				w := backend.Window{View: v, Anchor: v.Key(r.Orders[len(r.Orders)-1]), Before: benchScreen, After: benchScreen}
				for b.Loop() {
					if r, err := s.Window(ctx, w); err != nil || len(r.Orders) != 2*benchScreen {
						b.Fatalf("%d rows, %v", len(r.Orders), err)
					}
				}
				perOp(b, "ms/screen")
			})
		}
		v := backend.View{Stores: storage.FixtureStores, Late: true, Now: now}
		b.Run("count/"+sizeName(n), func(b *testing.B) {
			s := pgFixture(b, n)
			ctx := context.Background()
			for b.Loop() {
				if late, err := s.Count(ctx, v); err != nil || late == 0 {
					b.Fatal(late, err)
				}
			}
			perOp(b, "ms/count")
		})
		b.Run("tally/"+sizeName(n), func(b *testing.B) {
			s := pgFixture(b, n)
			ctx := context.Background()
			for b.Loop() {
				if t, err := s.Tally(ctx, v, now); err != nil || t.Late == 0 {
					b.Fatal(t, err)
				}
			}
			perOp(b, "ms/tally")
		})
	}
}
