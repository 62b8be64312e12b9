package storage

import (
	"context"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// BenchmarkMirrorLate is a late view ("Late" of the demo: every store,
// most overdue first, and by creation time) on the fixture, a day after
// its newest order: its first window, a window anchored mid-way, and its
// count. The fixture is harsh: its open orders never move on, so about a
// quarter of the mirror is late, where a store's late orders are
// normally a few dozen.
func BenchmarkMirrorLate(b *testing.B) {
	now := FixtureEnd.Add(24 * time.Hour)
	for _, sz := range mirrorSizes {
		for _, f := range []backend.SortField{backend.SortDue, backend.SortCreated} {
			v := backend.View{Stores: FixtureStores, Late: true, Now: now, Sort: f, Asc: backend.SortDefaultAsc(f)}
			b.Run(sz.name+"/window/"+string(f), func(b *testing.B) {
				db := openFixture(b, sz.n)
				ctx := context.Background()
				w := backend.Window{View: v, After: screen}
				for b.Loop() {
					r, err := db.Window(ctx, w)
					if err != nil || len(r.Orders) != screen {
						b.Fatalf("%d rows, %v", len(r.Orders), err)
					}
				}
				perOp(b, "ms/first-window")
			})
			b.Run(sz.name+"/anchored/"+string(f), func(b *testing.B) {
				db := openFixture(b, sz.n)
				ctx := context.Background()
				n, err := db.Count(ctx, v)
				if err != nil || n < 2*screen {
					b.Fatal(n, err)
				}
				w := backend.Window{View: v, After: n / 2}
				r, err := db.Window(ctx, w)
				if err != nil {
					b.Fatal(err)
				}
				w.Anchor, w.Before, w.After = v.Key(r.Orders[len(r.Orders)-1]), screen, screen
				for b.Loop() {
					if _, err := db.Window(ctx, w); err != nil {
						b.Fatal(err)
					}
				}
				perOp(b, "ms/window")
			})
		}
		b.Run(sz.name+"/count", func(b *testing.B) {
			db := openFixture(b, sz.n)
			ctx := context.Background()
			v := backend.View{Stores: FixtureStores, Late: true, Now: now}
			for b.Loop() {
				if n, err := db.Count(ctx, v); err != nil || n == 0 {
					b.Fatal(n, err)
				}
			}
			perOp(b, "ms/count")
		})
	}
}
