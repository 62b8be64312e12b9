package ui

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// overdueStore is a store whose two oldest open orders are late by days:
// 900001 placed five days ago, 900002 three, both still open.
func overdueStore(t *testing.T) *harness {
	t.Helper()
	s := cscartLike("A", 40, 1)
	open := backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}
	for i, age := range []time.Duration{5 * 24 * time.Hour, 3 * 24 * time.Hour} {
		at := testNow.Add(-age)
		s.Put(backend.Order{ID: "90000" + strconv.Itoa(i+1), Number: "90000" + strconv.Itoa(i+1), Created: at, Updated: at,
			Status: open, Total: "10.00", Currency: "EUR"})
	}
	return newHarness(t, opts(s), 160, 45)
}

// Sorting by due time (o, three times from created) puts the most overdue
// order first, labelled late with a glyph and a word; O reverses it.
func TestSortByDuePutsOverdueFirst(t *testing.T) {
	h := overdueStore(t)
	h.press("o", "o", "o")
	if got := h.m.tab().sort; got != backend.SortDue {
		t.Fatalf("sort %q after three o, want due", got)
	}
	h.mustSee("Due ▴")
	if got := h.selected().key.id; got != "900001" {
		t.Fatalf("first row %s, want the most overdue order 900001", got)
	}
	h.mustSee("! late 4d", "! late 2d") // a day's limit for pending
	h.press("j")
	if got := h.selected().key.id; got != "900002" {
		t.Errorf("second row %s, want 900002", got)
	}
	h.press("O")
	h.mustSee("Due ▾")
	if got := h.selected().key.id; got == "900001" || got == "900002" {
		t.Errorf("reversed, the first row is still an overdue one (%s)", got)
	}
	h.press("O", "G")
	if got := h.selected().key.id; got == "900001" {
		t.Errorf("the most overdue order is last again after G")
	}
}

// Age sorts the longest in status first; every other sort reads.
func TestEverySortReads(t *testing.T) {
	h := overdueStore(t)
	h.press("o", "o")
	if got := h.selected().key.id; got != "900001" {
		t.Errorf("sorted by age, first row %s, want the oldest open order", got)
	}
	for range backend.ViewSorts {
		h.press("o")
		if h.m.tab().err != nil || len(h.m.tab().rows) == 0 {
			t.Fatalf("sort %s: %v, %d rows", h.m.tab().sort, h.m.tab().err, len(h.m.tab().rows))
		}
		h.mustSee(sortLabel(h.m.tab().sorting()))
	}
}

// The tab title and the counts strip give the late count TimingOf gives.
func TestLateCount(t *testing.T) {
	h := overdueStore(t)
	want := 0
	for _, r := range h.m.tab().rows {
		if backend.TimingOf(r.o, backend.DefaultSLA(), testNow).Late {
			want++
		}
	}
	if want < 2 || h.m.tab().count > len(h.m.tab().rows) {
		t.Fatalf("want a window with every order and the two late ones (%d late)", want)
	}
	late := "!" + strconv.Itoa(want)
	if top := h.line("All stores"); !strings.Contains(top, late) && !strings.Contains(h.line(" A "), late) {
		t.Errorf("no tab says %s late: %q", late, top)
	}
	h.mustSee(strconv.Itoa(want)+" late", "pending")
}
