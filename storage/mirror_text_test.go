package storage

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

// fixtureOrders is n orders of each fixture store, as the benchmarks'
// fixture holds them: phones, SKUs, tracking, notes, accents.
func fixtureOrders(n int) map[string][]backend.Order {
	all := map[string][]backend.Order{}
	for _, s := range FixtureStores {
		for i := range n {
			all[s] = append(all[s], FixtureOrder(s, i, n))
		}
	}
	return all
}

// Every plan a text view can take (the candidates of the full-text
// index, the walk of the sort order, the walk cut short and answered by
// the index, the unbounded walk of a short word) answers what filtering
// every order in Go answers, windows and counts.
//
// 200 orders a store are enough: common words still pass the count's cap
// (TextCountLimit), and the modes below force every plan whatever the
// size; the default thresholds need thousands of orders to pick anything
// but the index. Each order costs 992 checks, under the race detector.
func TestTextPlansMatchReference(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	all := fixtureOrders(200)
	fillMirror(t, db, all)
	texts := []string{
		"maria", "MARÍA", "garcia", "García", "maria garcia", "1000012", "0001", "cg300004", "b00001",
		"tshirt-blk", "+49 151", "leave at", "1z", "m", "ma", "ex", "zzzz", "mueller", "müller",
		`"*" NEAR(-:)`, `"`, `a"b`, "ma*", "-maria", "col:1", "(x OR y)", "AND", "NEAR", "x\x00y",
		strings.Repeat("4", 10_000), strings.Repeat("ab ", 3000),
	}
	filters := []backend.View{
		{},
		{Asc: true},
		{Sort: backend.SortUpdated},
		{Stores: []string{"Beta"}},
		{Stores: []string{"Gamma", "Alpha"}, Sort: backend.SortUpdated, Asc: true},
		{Kinds: []backend.StatusKind{backend.KindPending, backend.KindOnHold}},
		{Stores: []string{"Alpha"}, Statuses: []string{"C", "S"}},
		{Statuses: []string{"P"}, Sort: backend.SortUpdated},
	}
	modes := []struct {
		name                string
		rare, rows, lookups int
	}{
		{"default", ftsRare, scanRows, scanLookups},
		{"always walk", -1, 1 << 30, 1 << 30},
		{"always index", 1 << 30, scanRows, scanLookups},
		{"walks cut short", -1, 7, 5},
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			defer func(a, b, c int) { ftsRare, scanRows, scanLookups = a, b, c }(ftsRare, scanRows, scanLookups)
			ftsRare, scanRows, scanLookups = m.rare, m.rows, m.lookups
			for _, text := range texts {
				for fi, f := range filters {
					v := f
					v.Text = text
					checkView(t, ctx, db, all, v, fmt.Sprintf("%.20q/%d", text, fi))
				}
			}
		})
	}
}

func checkView(t *testing.T, ctx context.Context, db *DB, all map[string][]backend.Order, v backend.View, name string) {
	t.Helper()
	want := refView(all, v)
	n, err := db.Count(ctx, v)
	if err != nil || n != min(len(want), backend.TextCountLimit+1) {
		t.Fatalf("%s: Count = %d, %v; want %d", name, n, err, len(want))
	}
	anchors := []int{-1}
	if len(want) > 0 {
		anchors = append(anchors, 0, len(want)/3, len(want)-1)
	}
	for _, a := range anchors {
		w := backend.Window{View: v, Before: 9, After: 17}
		start := 0
		if a >= 0 {
			w.Anchor, start = v.Key(rowOf(want[a])), a
		}
		got, err := db.Window(ctx, w)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		lo, hi := max(0, start-w.Before), min(len(want), start+w.After)
		if rowIDs(got.Orders) != rowIDs(want[lo:hi]) {
			t.Fatalf("%s anchor %d:\n got %s\nwant %s", name, a, rowIDs(got.Orders), rowIDs(want[lo:hi]))
		}
		if got.Anchor != start-lo || got.First != (lo == 0) || got.Last != (hi == len(want)) {
			t.Errorf("%s anchor %d: Anchor %d First %v Last %v", name, a, got.Anchor, got.First, got.Last)
		}
	}
}

// The text index follows every write: new orders, changed text, a
// changed status, a forgotten order, a prune and a reset.
func TestTextIndexFollowsWrites(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	all := fixtureOrders(50)
	fillMirror(t, db, all)
	defer func(a int) { ftsRare = a }(ftsRare)
	ftsRare = 1 << 30 // always through the index
	find := func(text string) []string {
		t.Helper()
		r, err := db.Window(ctx, backend.Window{View: backend.View{Text: text}, After: 1000})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, o := range r.Orders {
			ids = append(ids, o.Store+"/"+o.ID)
		}
		return ids
	}
	o := all["Beta"][7]
	o.Customer.Email = "unique.person@example.net"
	o.Updated = o.Updated.Add(1e9)
	if _, err := db.MirrorPut(ctx, []backend.Order{o}); err != nil {
		t.Fatal(err)
	}
	if got := find("unique.person"); len(got) != 1 || got[0] != "Beta/"+o.ID {
		t.Fatalf("after an update: %v", got)
	}
	if got := find(all["Beta"][7].Customer.Email); len(got) != 0 {
		t.Errorf("the old e-mail still finds %v", got)
	}
	if err := db.MirrorForget(ctx, "Beta", o.ID); err != nil {
		t.Fatal(err)
	}
	if got := find("unique.person"); len(got) != 0 {
		t.Errorf("a forgotten order is found: %v", got)
	}
	if err := db.ResetMirror(ctx); err != nil {
		t.Fatal(err)
	}
	if got := find("maria"); len(got) != 0 {
		t.Errorf("after a reset: %v", got)
	}
	fillMirror(t, db, all)
	if got := find(all["Gamma"][3].Number); len(got) != 1 {
		t.Errorf("after a refill: %v", got)
	}
	if _, err := db.w.ExecContext(ctx, `INSERT INTO mirror_fts(mirror_fts, rank) VALUES('integrity-check', 1)`); err != nil {
		t.Errorf("integrity check: %v", err)
	}
}
