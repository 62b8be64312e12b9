package storage

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage/mirrortest"
)

// lateOnly is refView's answer kept to the orders TimingOf calls late at
// v.Now.
func lateOnly(all map[string][]backend.Order, v backend.View) []backend.Order {
	var out []backend.Order
	for _, o := range refView(all, v) {
		if backend.TimingOf(rowOf(o), v.SLA.For(o.Store), v.Now).Late {
			out = append(out, o)
		}
	}
	return out
}

// A late view's windows and count hold exactly the orders TimingOf calls
// late (by limit or by dispatch-by date) among late and on-time orders of
// three stores with their own limits, in every sort, from every anchor.
func TestLateViewMatchesTiming(t *testing.T) {
	db := openTest(t)
	all := mirrorOrders(mirrorStores, 150, 4)
	fillMirror(t, db, all)
	sla := &backend.SLAs{Default: backend.DefaultSLA(), Stores: map[string]backend.SLA{
		"Gamma": backend.DefaultSLA().With(backend.SLA{Pending: span(2 * time.Hour), Shipped: span(24 * time.Hour)}),
		"Beta":  backend.DefaultSLA().With(backend.SLA{Processing: span(30 * 24 * time.Hour), OnHold: new(backend.Span)}),
	}}
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
	defer func(n int) { lateRare = n }(lateRare)
	for _, rare := range []int{lateRare, 0} {
		// The late set sorted, then the sort's index walked.
		lateRare = rare
		checkLateViews(t, db, all, sla, nows[len(nows)-1-min(rare, 1):], views, &checked)
	}
	if checked == 0 {
		t.Fatal("no view had late orders: the fixture tests nothing")
	}
}

func checkLateViews(t *testing.T, db *DB, all map[string][]backend.Order, sla *backend.SLAs, nows []time.Time, views map[string]backend.View, checked *int) {
	t.Helper()
	ctx := context.Background()
	for _, now := range nows {
		for name, base := range views {
			for _, f := range backend.ViewSorts {
				for _, asc := range []bool{false, true} {
					v := base
					v.Late, v.Now, v.SLA, v.Sort, v.Asc = true, now, sla, f, asc
					want := lateOnly(all, v)
					if len(want) > 0 {
						*checked++
					}
					label := fmt.Sprintf("%s %s %s asc %v (rare %d)", now.Format(time.DateOnly), name, f, asc, lateRare)
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
							w.Anchor, start = v.Key(rowOf(want[a])), a
						}
						got, err := db.Window(ctx, w)
						if err != nil {
							t.Fatalf("%s: %v", label, err)
						}
						lo, hi := max(0, start-w.Before), min(len(want), start+w.After)
						var exp []backend.Order
						for _, o := range want[lo:hi] {
							exp = append(exp, rowOf(o))
						}
						if rowIDs(got.Orders) != rowIDs(exp) {
							t.Fatalf("%s anchor %d:\n got %s\nwant %s", label, a, rowIDs(got.Orders), rowIDs(exp))
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

// The fixture mixes late and on-time orders, and both kinds of late.
func TestLateFixtureMixes(t *testing.T) {
	all := mirrorOrders(mirrorStores, 150, 4)
	now := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	var late, onTime, byDate int
	for _, orders := range all {
		for _, o := range orders {
			tm := backend.TimingOf(rowOf(o), backend.DefaultSLA(), now)
			switch {
			case tm.Late && !o.DispatchBy.IsZero() && tm.Due.Equal(o.DispatchBy):
				byDate++
			case tm.Late:
				late++
			case !o.Status.Kind.Final():
				onTime++
			}
		}
	}
	if late == 0 || onTime == 0 || byDate == 0 {
		t.Fatalf("late %d, on time %d, late by date %d", late, onTime, byDate)
	}
}

// A late view's tally counts its late orders per kind; another view's
// Late is the same number.
func TestTallyOfLateView(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	all := mirrorOrders(mirrorStores, 200, 5)
	fillMirror(t, db, all)
	now := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	v := backend.View{Stores: []string{"Alpha", "Gamma"}, Late: true, Now: now}
	want := lateOnly(all, v)
	got, err := db.Tally(ctx, v, now)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[backend.StatusKind]int{}
	for _, o := range want {
		kinds[o.Status.Kind]++
	}
	if got.Total != len(want) || got.Late != len(want) || !reflect.DeepEqual(got.Kinds, kinds) {
		t.Errorf("got %+v, want %d late: %v", got, len(want), kinds)
	}
	v.Late = false
	backlog, err := db.Tally(ctx, v, now)
	if err != nil || backlog.Late != len(want) || backlog.Total <= len(want) {
		t.Errorf("without Late: %+v, %v; want %d late of more", backlog, err, len(want))
	}
}

// A late view reads its late orders through indexes: no scan of the
// mirror, whatever the sort.
func TestLatePlansUseIndexes(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	fillMirror(t, db, mirrorOrders(mirrorStores, 50, 6))
	k := backend.RowKey{At: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), Text: "Ann Lee", Num: 1234, Store: "Beta", ID: "4"}
	for _, f := range backend.ViewSorts {
		v := backend.View{Late: true, Now: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), Sort: f, Statuses: []string{"O", "H"}}
		pairs, err := db.storeKinds(ctx, v)
		if err != nil || len(pairs) == 0 {
			t.Fatal(pairs, err)
		}
		set, args := lateSet(v, pairs, v.Now)
		rows, err := db.r.QueryContext(ctx, "EXPLAIN QUERY PLAN SELECT "+rowCols+" FROM mirror WHERE rowid IN ("+set+")", args...)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(detail, "SCAN mirror") {
				t.Errorf("%s: %s", f, detail)
			}
		}
		rows.Close()
		if _, err := db.queryLate(ctx, v, pairs, nil, k, true, true, 10); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
