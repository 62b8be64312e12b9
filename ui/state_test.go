package ui

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

// Each tab's sort (o, O) is saved and comes back on the next start.
func TestStateKeepsSort(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	a, b := cscartLike("A", 40, 1), cscartLike("B", 40, 2)
	h := newHarness(t, opts(a, b), 160, 45)
	h.press("3", "o", "o", "O") // B by age, reversed
	want := h.m.tab()
	if want.sort != backend.SortAge || want.asc != !backend.SortDefaultAsc(backend.SortAge) {
		t.Fatalf("o o O sorted by %q asc %v", want.sort, want.asc)
	}
	h.m.opts.StatePath = path
	h.m.saveState()
	saved := LoadState(path, nil)
	if saved == nil || saved.Tabs["store:B"].Sort != backend.SortAge {
		t.Fatalf("saved %+v", saved)
	}
	if _, ok := saved.Tabs["store:A"]; ok {
		t.Errorf("an untouched tab is saved: %+v", saved.Tabs["store:A"])
	}
	o := opts(a, b)
	o.State = saved
	h2 := newHarness(t, o, 160, 45)
	got := h2.m.tab()
	if h2.m.active != 2 || got.sort != backend.SortAge || got.asc != want.asc {
		t.Fatalf("restored tab %d sort %q asc %v", h2.m.active, got.sort, got.asc)
	}
	h2.mustSee(sortLabel(backend.SortAge, want.asc))
	if !reflect.DeepEqual(h2.m.snapshot(), *saved) {
		t.Errorf("the restored dashboard saves %+v, want %+v", h2.m.snapshot(), *saved)
	}
	if v := h2.m.viewOf(got); v.Sort != backend.SortAge || v.Asc != want.asc {
		t.Errorf("the restored tab reads the mirror by %q asc %v", v.Sort, v.Asc)
	}
}

// A sort this build does not know is left out; the rest of the tab's
// state still applies.
func TestStateUnknownSortIgnored(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	content := `{"version":1,"tab":"store:A","tabs":{"store:A":{"filter":"ann","sort":"weight","asc":true},"all":{"sort":""}}}`
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	s := LoadState(path, nil)
	if s == nil {
		t.Fatal("the file did not load")
	}
	o := opts(cscartLike("A", 10, 1))
	o.State = s
	h := newHarness(t, o, 120, 30)
	tb := h.m.tab()
	if tb.filter != "ann" || tb.sort != "" || tb.asc {
		t.Errorf("tab filter %q sort %q asc %v", tb.filter, tb.sort, tb.asc)
	}
	if v := h.m.viewOf(tb); v.SortKey() != backend.SortCreated {
		t.Errorf("the tab reads by %q", v.SortKey())
	}
	h.mustSee("Created")
}
