package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// triageStores are three stores of fresh, overdue and closed orders
// against the default SLA (pending 24h, processing 48h), at testNow.
func triageStores() []*backendtest.Store {
	pending := backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}
	processing := backend.Status{Code: "P", Name: "Processing", Kind: backend.KindProcessing}
	complete := backend.Status{Code: "C", Name: "Complete", Kind: backend.KindCompleted}
	ago := func(h int) time.Time { return testNow.Add(-time.Duration(h) * time.Hour) }
	// A pending order waits from its creation, another from its update.
	order := func(id string, st backend.Status, created, updated time.Time) backend.Order {
		return backend.Order{ID: id, Number: "N" + id, Status: st, Created: created, Updated: updated}
	}
	byName := map[string][]backend.Order{
		"A": {
			order("101", pending, ago(30), ago(30)),    // 6h late
			order("102", processing, ago(60), ago(50)), // 2h late
			order("103", processing, ago(5), ago(4)),   // due in 44h
			order("104", complete, ago(400), ago(390)), // never late
		},
		"B": {
			order("201", processing, ago(120), ago(100)), // 52h late
			order("202", pending, ago(1), ago(1)),        // due in 23h
		},
		"C": {
			order("301", pending, ago(40), ago(40)), // 16h late
			order("302", pending, ago(2), ago(2)),   // due in 22h
		},
	}
	var out []*backendtest.Store
	for _, name := range []string{"A", "B", "C"} {
		s := backendtest.New(backendtest.Config{Name: name, Platform: "cscart", Orders: 0,
			Caps: backend.Capabilities{StatusFilter: true, MultiStatusFilter: true, Count: true}})
		s.Put(byName[name]...)
		out = append(out, s)
	}
	return out
}

func rowNumbers(t *tab) []string {
	var out []string
	for _, r := range t.rows {
		out = append(out, r.o.Number)
	}
	return out
}

// Sort by due ("most overdue first", o until Due) puts the overdue
// orders of every store first, the most overdue at the top, then the
// ones still in time by their due time, the closed ones last.
func TestSortByDueOverdueFirstAcrossStores(t *testing.T) {
	stores := triageStores()
	h := newHarness(t, opts(stores[0], stores[1], stores[2]), 160, 45)
	for h.m.tab().sort != backend.SortDue {
		if h.press("o"); h.m.tab().sort == backend.SortCreated {
			t.Fatal("o went round without Due")
		}
	}
	h.mustSee(sortLabel(backend.SortDue, true))
	want := []string{"N201", "N301", "N101", "N102", "N302", "N202", "N103", "N104"}
	if got := rowNumbers(h.m.tab()); !slices.Equal(got, want) {
		t.Fatalf("rows %v, want %v", got, want)
	}
	for i, r := range h.m.tab().rows {
		if late := h.m.timing(r).Late; late != (i < 4) {
			t.Errorf("row %d (%s) late %v", i, r.o.Number, late)
		}
	}
	if line := h.line("N201"); !containsAll(line, "! late 2d") {
		t.Errorf("the most overdue row reads %q", line)
	}
}

// lateABTab opens the tab of a `late = true` view of stores A and B (of
// three), sorted most overdue first.
func lateABTab(t *testing.T) *harness {
	stores := triageStores()
	o := opts(stores[0], stores[1], stores[2])
	o.Views = []ViewTab{{Name: "Late AB", View: backend.View{Stores: []string{"A", "B"}, Late: true,
		Sort: backend.SortDue, Asc: true}}}
	h := newHarness(t, o, 160, 45)
	h.press("2")
	return h
}

// A `late = true` view over two stores lists only their late orders, and
// its tab counts them.
func TestLateViewTabListsOnlyLateOrdersOfItsStores(t *testing.T) {
	h := lateABTab(t)
	tb := h.m.tab()
	want := []string{"N201", "N101", "N102"}
	if got := rowNumbers(tb); !slices.Equal(got, want) {
		t.Fatalf("the view lists %v, want %v", got, want)
	}
	if tb.count != len(want) {
		t.Errorf("the view counts %d, want %d", tb.count, len(want))
	}
	n, err := h.db.Count(context.Background(), h.m.viewOf(tb))
	if err != nil || n != len(want) {
		t.Errorf("the mirror counts %d (%v)", n, err)
	}
	h.mustSee("Late AB 3")
	// Sorted otherwise, it still lists only them.
	h.press("o")
	if got := rowNumbers(h.m.tab()); len(got) != len(want) {
		t.Errorf("sorted by %s the view lists %v", h.m.tab().sort, got)
	}
	// Time passes: C's order and A's 103 are not the view's / not late
	// yet; B's 202 becomes late a day on.
	h.advance(24 * time.Hour)
	h.press("1", "2")
	if got := rowNumbers(h.m.tab()); !slices.Contains(got, "N202") || slices.Contains(got, "N301") {
		t.Errorf("a day on the view lists %v", got)
	}
}

// A saved view's own sort is what its header and counts strip show, O
// reverses it and o moves on from it (not from "created").
func TestSavedViewSortShowsAndTurns(t *testing.T) {
	h := lateABTab(t)
	header := func() string { return strings.Split(h.view(), "\n")[1] }
	if hd := header(); !strings.Contains(hd, "Due ▴") || strings.Contains(hd, "▾") {
		t.Errorf("the view sorted by due shows:\n%s", hd)
	}
	h.mustSee("by Due ▴")
	first := rowNumbers(h.m.tab())
	h.press("O")
	if hd := header(); !strings.Contains(hd, "Due ▾") {
		t.Errorf("after O the header is:\n%s", hd)
	}
	if got := rowNumbers(h.m.tab()); len(got) != len(first) || got[0] == first[0] {
		t.Errorf("after O the rows are %v, were %v", got, first)
	}
	h.press("O", "o")
	if f, _ := h.m.tab().sorting(); f == backend.SortCreated || f == backend.SortDue {
		t.Errorf("o from the view's due sort went to %s", f)
	}
}
