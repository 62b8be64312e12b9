package storagetest

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/mirrortest"
)

// Late views (backend.View.Late): windows, counts, tallies and new-order
// counts hold exactly the orders backend.TimingOf calls late at the
// view's Now, by a limit or by a dispatch-by date, among late and on-time
// orders of three stores with limits of their own.

// lateSLA gives the three stores different limits: Gamma's pending and
// shipped shorter, Beta's processing longer and on hold never late.
var lateSLA = &backend.SLAs{Default: backend.DefaultSLA(), Stores: map[string]backend.SLA{
	"Gamma": backend.DefaultSLA().With(backend.SLA{Pending: span(2 * time.Hour), Shipped: span(24 * time.Hour)}),
	"Beta":  backend.DefaultSLA().With(backend.SLA{Processing: span(30 * 24 * time.Hour), OnHold: new(backend.Span)}),
}}

// lateOnly is the reference answer to a view kept to the orders TimingOf
// calls late at v.Now.
func lateOnly(all map[string][]backend.Order, v backend.View) []backend.Order {
	var out []backend.Order
	for _, o := range mirrortest.RefView(all, v) {
		if backend.TimingOf(mirrortest.RowOf(o), v.SLA.For(o.Store), v.Now).Late {
			out = append(out, o)
		}
	}
	return out
}

// Every late view, in every sort and direction, from every kind of
// anchor, answers the reference; with rare set (Features.LateRare) both
// of the implementation's plans are run.
func testLateViewMatchesTiming(t *testing.T, fresh Fresh, rare *int) {
	db := fresh(t)(t)
	all := mirrortest.Orders(mirrorStores, 150, 4)
	fillMirror(t, db, all)
	nows := []time.Time{
		time.Date(2026, 8, 22, 0, 0, 0, 0, time.UTC), // few late yet
		time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), // a mix
	}
	views := map[string]backend.View{
		"all":              {},
		"two stores":       {Stores: []string{"Gamma", "Alpha"}},
		"kinds":            {Kinds: []backend.StatusKind{backend.KindPending, backend.KindShipped}},
		"statuses":         {Stores: []string{"Beta", "Gamma"}, Statuses: []string{"O", "H", "C"}},
		"final kinds only": {Kinds: []backend.StatusKind{backend.KindCompleted}},
		"text":             {Text: "lee"},
	}
	checked := 0
	checkLateViews(t, db, all, nows, views, false, &checked)
	if rare != nil {
		// The sort's index walked, as with many late orders (on the mix
		// only: it is the slower), where the first pass sorted the set.
		defer func(n int) { *rare = n }(*rare)
		*rare = 0
		checkLateViews(t, db, all, nows[len(nows)-1:], views, true, &checked)
	}
	if checked == 0 {
		t.Fatal("no view had late orders: the fixture tests nothing")
	}
}

// checkLateViews checks every sort of views at each of nows; walks
// leaves out what a walk of the sort's index never answers: due (its
// arms are the late ranges) and text (the late set is always sorted).
func checkLateViews(t *testing.T, db storage.Store, all map[string][]backend.Order, nows []time.Time, views map[string]backend.View, walks bool, checked *int) {
	t.Helper()
	ctx := context.Background()
	for _, now := range nows {
		for name, base := range views {
			for _, f := range backend.ViewSorts {
				if walks && (f == backend.SortDue || base.Text != "") {
					continue
				}
				for _, asc := range []bool{false, true} {
					v := base
					v.Late, v.Now, v.SLA, v.Sort, v.Asc = true, now, lateSLA, f, asc
					want := lateOnly(all, v)
					if len(want) > 0 {
						*checked++
					}
					label := fmt.Sprintf("%s %s %s asc %v", now.Format(time.DateOnly), name, f, asc)
					n, err := db.Count(ctx, v)
					if err != nil || n != mirrortest.WantCount(v, len(want)) {
						t.Fatalf("%s: Count = %d, %v; want %d", label, n, err, len(want))
					}
					anchors := []int{-1}
					if len(want) > 0 {
						anchors = append(anchors, 0, len(want)/2, len(want)-1)
					}
					for _, a := range anchors {
						w := backend.Window{View: v, Before: 5, After: 9}
						start := 0
						if a >= 0 {
							w.Anchor, start = v.Key(mirrortest.RowOf(want[a])), a
						}
						got, err := db.Window(ctx, w)
						if err != nil {
							t.Fatalf("%s: %v", label, err)
						}
						lo, hi := max(0, start-w.Before), min(len(want), start+w.After)
						var exp []backend.Order
						for _, o := range want[lo:hi] {
							exp = append(exp, mirrortest.RowOf(o))
						}
						if mirrortest.RowIDs(got.Orders) != mirrortest.RowIDs(exp) {
							t.Fatalf("%s anchor %d:\n got %s\nwant %s", label, a, mirrortest.RowIDs(got.Orders), mirrortest.RowIDs(exp))
						}
						if len(exp) > 0 && !reflect.DeepEqual(got.Orders, exp) {
							t.Fatalf("%s anchor %d: rows differ", label, a)
						}
						if got.Anchor != start-lo || got.First != (lo == 0) || got.Last != (hi == len(want)) {
							t.Errorf("%s anchor %d: Anchor %d First %v Last %v", label, a, got.Anchor, got.First, got.Last)
						}
					}
				}
			}
		}
	}
}

// A late view's tally counts its late orders per kind; another view's
// Late is the same number.
func testTallyOfLateView(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	all := mirrortest.Orders(mirrorStores, 200, 5)
	fillMirror(t, db, all)
	now := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	for _, v := range []backend.View{
		{Stores: []string{"Alpha", "Gamma"}},
		{Statuses: []string{"O", "P", "C"}, SLA: lateSLA},
		{Kinds: []backend.StatusKind{backend.KindOnHold, backend.KindPending}, SLA: lateSLA},
	} {
		v.Late, v.Now = true, now
		want := lateOnly(all, v)
		if len(want) == 0 {
			t.Fatalf("%+v: no late orders: the fixture tests nothing", v)
		}
		got, err := db.Tally(ctx, v, now)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[backend.StatusKind]int{}
		for _, o := range want {
			kinds[o.Status.Kind]++
		}
		if got.Total != len(want) || got.Late != len(want) || !reflect.DeepEqual(got.Kinds, kinds) {
			t.Errorf("%+v: got %+v, want %d late: %v", v, got, len(want), kinds)
		}
		v.Late = false
		backlog, err := db.Tally(ctx, v, now)
		if err != nil || backlog.Late != len(want) || backlog.Total <= len(want) {
			t.Errorf("%+v without Late: %+v, %v; want %d late of more", v, backlog, err, len(want))
		}
	}
}

// A late view's new orders are the late ones of those that arrived
// after the mark.
func testCountNewLate(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	all := mirrortest.Orders(mirrorStores, 150, 6)
	// The orders placed in August arrive first, the later ones after the
	// mark.
	split := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	after := map[string][]backend.Order{}
	for s, orders := range all {
		var before []backend.Order
		for _, o := range orders {
			if o.Created.Before(split) {
				before = append(before, o)
			} else {
				after[s] = append(after[s], o)
			}
		}
		if _, err := db.MirrorPut(ctx, before); err != nil {
			t.Fatal(err)
		}
	}
	mark, err := db.MirrorMark(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range mirrorStores {
		if _, err := db.MirrorPut(ctx, after[s]); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	checked := 0
	for _, v := range []backend.View{
		{},
		{Stores: []string{"Beta", "Gamma"}},
		{Kinds: []backend.StatusKind{backend.KindPending, backend.KindProcessing}},
		{Statuses: []string{"H", "S", "X"}},
		{Text: "lee"},
	} {
		v.Late, v.Now, v.SLA = true, now, lateSLA
		want := 0
		for _, o := range lateOnly(after, v) {
			if o.Created.After(mark.Created) {
				want++
			}
		}
		if want > 0 {
			checked++
		}
		all := v
		all.Late = false
		if n, err := db.CountNew(ctx, all, mark, 1000); err != nil || n <= want {
			t.Errorf("CountNew(%+v) without Late = %d, %v; want more than %d", v, n, err, want)
		}
		if n, err := db.CountNew(ctx, v, mark, 1000); err != nil || n != want {
			t.Errorf("CountNew(%+v) = %d, %v; want %d", v, n, err, want)
		}
	}
	if checked == 0 {
		t.Fatal("no new late orders: the fixture tests nothing")
	}
}
