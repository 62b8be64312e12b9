package ui

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

// f takes several kinds on All stores: space marks each ([x], a shape,
// not colour alone), Enter applies them, the footer names them, and a
// reopened f shows them marked; esc leaves the filter as it was.
func TestStatusFilterTakesSeveralKinds(t *testing.T) {
	a, b := cscartLike("A", 200, 1), cscartLike("B", 200, 2)
	h := newHarness(t, opts(a, b), 160, 45)
	want := []backend.StatusKind{backend.KindPending, backend.KindOnHold}
	h.press("f", "down", "space", "down", "down", "space")
	h.mustSee("[x] ○ Pending", "[ ] ◐ Processing", "[x]")
	h.press("enter")
	tb := h.m.tab()
	if got := h.m.viewOf(tb).Kinds; !reflect.DeepEqual(got, want) {
		t.Fatalf("the view's kinds = %v, want %v", got, want)
	}
	if len(tb.rows) == 0 {
		t.Fatal("no pending or on hold order shown")
	}
	for _, r := range tb.rows {
		if !slices.Contains(want, r.o.Status.Kind) {
			t.Fatalf("the filter shows a %s order", r.o.Status.Kind)
		}
	}
	n, err := h.db.Count(context.Background(), backend.View{Stores: []string{"A", "B"}, Kinds: want})
	if err != nil || tb.count != n {
		t.Errorf("the tab counts %d, the mirror %d (%v)", tb.count, n, err)
	}
	h.mustSee("filter: status Pending, On hold")
	// Reopened: the selection is marked; unmark one, then esc cancels.
	h.press("f")
	if p := h.picker(); p == nil || len(p.marked) != 2 {
		t.Fatalf("the reopened picker marks %v", h.picker())
	}
	h.press("down", "space", "esc")
	if got := h.m.viewOf(h.m.tab()).Kinds; !reflect.DeepEqual(got, want) {
		t.Errorf("esc changed the filter to %v", got)
	}
	// Enter on a marked set ignores where the cursor is; "any status"
	// clears.
	h.press("f", "down", "space", "down", "enter")
	if got := h.m.viewOf(h.m.tab()).Kinds; !reflect.DeepEqual(got, []backend.StatusKind{backend.KindOnHold}) {
		t.Errorf("after unmarking Pending the kinds are %v", got)
	}
	h.press("f", "enter")
	if h.m.tab().status != nil {
		t.Errorf("any status left %+v", h.m.tab().status)
	}
}

// The single choice stays one key: Enter with nothing marked applies the
// status under the cursor; a store tab takes several codes.
func TestStatusFilterSingleAndSeveralCodes(t *testing.T) {
	a := cscartLike("A", 200, 1)
	h := newHarness(t, opts(a), 160, 45)
	h.press("2", "f")
	h.typeText("processed")
	h.press("enter")
	if got := h.m.viewOf(h.m.tab()).Statuses; !reflect.DeepEqual(got, []string{"P"}) {
		t.Fatalf("one Enter filters %v, want [P]", got)
	}
	h.press("f")
	p := h.picker()
	if p == nil || len(p.marked) != 1 {
		t.Fatalf("reopened, the picker marks %+v", p)
	}
	var codes []string
	for i := range p.items[1:4] {
		codes = append(codes, p.items[1+i].status.Code)
	}
	// Clear the search, unmark P, mark the first three statuses.
	h.press("ctrl+u")
	for i := range p.items {
		if p.marked[i] {
			delete(p.marked, i)
		}
	}
	h.press("down", "space", "down", "space", "down", "space", "enter")
	v := h.m.viewOf(h.m.tab())
	if !reflect.DeepEqual(v.Statuses, codes) {
		t.Fatalf("the view's statuses = %v, want %v", v.Statuses, codes)
	}
	for _, r := range h.m.tab().rows {
		if !slices.Contains(codes, r.o.Status.Code) {
			t.Fatalf("the filter shows %s", r.o.Status.Code)
		}
	}
	if lbl := h.m.tab().status.label; lbl != filterLabel([]string{p.items[1].label, p.items[2].label, p.items[3].label}, false) {
		t.Errorf("label %q", lbl)
	}
}

// Several kinds survive the state file.
func TestStateKeepsSeveralKinds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	a, b := cscartLike("A", 50, 1), cscartLike("B", 50, 2)
	h := newHarness(t, opts(a, b), 160, 45)
	h.press("f", "down", "space", "down", "space", "enter")
	h.m.opts.StatePath = path
	h.m.saveState()
	o := opts(a, b)
	o.State = LoadState(path, nil)
	h2 := newHarness(t, o, 160, 45)
	want := []backend.StatusKind{backend.KindPending, backend.KindProcessing}
	if got := h2.m.viewOf(h2.m.tab()).Kinds; !reflect.DeepEqual(got, want) {
		t.Errorf("restored kinds %v, want %v", got, want)
	}
	h2.mustSee("filter: status Pending, Processing")
}

func TestFilterLabel(t *testing.T) {
	for _, c := range []struct {
		labels []string
		kinds  bool
		want   string
	}{
		{[]string{"Open"}, false, "Open"},
		{[]string{"Pending", "On hold"}, true, "Pending, On hold"},
		{[]string{"A", "B", "C", "D"}, false, "4 statuses"},
		{[]string{"A", "B", "C", "D", "E"}, true, "5 kinds"},
	} {
		if got := filterLabel(c.labels, c.kinds); got != c.want {
			t.Errorf("%v: %q, want %q", c.labels, got, c.want)
		}
	}
}

// Space marks only in the f picker: the status change picker's search
// still types it.
func TestSpaceTypesInTheChangePicker(t *testing.T) {
	h := newHarness(t, opts(cscartLike("A", 20, 1)), 160, 45)
	h.press("s")
	h.typeText("on hold")
	p := h.picker()
	if p == nil || p.filterMode || p.input.value() != "on hold" || len(p.marked) != 0 {
		t.Fatalf("the change picker's search reads %q", p.input.value())
	}
}
