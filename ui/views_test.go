package ui

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

func TestViewTabListsOnlyItsStoresAndKinds(t *testing.T) {
	a, b, c := cscartLike("A", 80, 1), cscartLike("B", 80, 2), cscartLike("C", 80, 3)
	o := opts(a, b, c)
	o.Views = []ViewTab{{Name: "Open AB", View: backend.View{Stores: []string{"A", "B"}, Kinds: []backend.StatusKind{backend.KindPending}}}}
	h := newHarness(t, o, 160, 45)
	h.mustSee("2 Open AB", "3 A")
	h.press("2")
	tb := h.m.tab()
	if tb.preset == nil || len(tb.rows) == 0 {
		t.Fatalf("tab 2 is not the view, or empty: %d rows", len(tb.rows))
	}
	for _, r := range tb.rows {
		if o := r.o; o.Store == "C" || o.Status.Kind != backend.KindPending {
			t.Errorf("the view lists %s order %s in %s (%s)", o.Store, o.ID, o.Status.Name, o.Status.Kind)
		}
	}
	want, err := h.db.Count(context.Background(), backend.View{Stores: []string{"A", "B"}, Kinds: []backend.StatusKind{backend.KindPending}})
	if err != nil || tb.count != want {
		t.Errorf("the view counts %d, the mirror %d (%v)", tb.count, want, err)
	}
	h.mustSee("Open AB " + thousands(want))
	// A new pending order of C is not the view's; one of A is, and the
	// bell rings once for the report.
	h.m.cfg.BellOnNew = true
	pending := backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}
	c.Put(backend.Order{ID: "900001", Number: "900001", Created: testNow.Add(time.Hour), Updated: testNow.Add(time.Hour), Status: pending})
	h.press("1") // All stores: the view's count runs while it is away
	h.syncStores()
	if n := h.m.tabs[1].news.n; n != 0 {
		t.Errorf("a C order counts %d new on the view", n)
	}
	a.Put(backend.Order{ID: "900002", Number: "900002", Created: testNow.Add(2 * time.Hour), Updated: testNow.Add(2 * time.Hour), Status: pending})
	h.syncStores()
	h.mustSee("Open AB " + thousands(want) + " 1 new")
	if h.m.bells != 2 {
		t.Errorf("%d bells for two reports with new orders, want 2", h.m.bells)
	}
	h.press("2")
	h.mustSee("Open AB "+thousands(want+1), "900002", "row 1 of "+thousands(want+1))
	h.mustNotSee("Open AB " + thousands(want+1) + " 1 new")
	h.mustSee("3 A 81 1 new") // A's own tab has not been visited
}

func TestStateRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "orderdash", "state.json")
	a, b := cscartLike("A", 40, 1), cscartLike("B", 40, 2)
	h := newHarness(t, opts(a, b), 160, 45)
	h.press("3", "/")
	h.typeText("ann")
	h.press("enter", "P")
	h.m.opts.StatePath = path
	h.m.saveState()
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("state file %v, %v; want mode 0600", fi, err)
	}
	saved := LoadState(path, nil)
	if saved == nil || saved.Tab != "store:B" || saved.Tabs["store:B"].Filter != "ann" || saved.Preview == "" {
		t.Fatalf("saved %+v", saved)
	}
	o := opts(a, b)
	o.State = saved
	h2 := newHarness(t, o, 160, 45)
	if h2.m.active != 2 || h2.m.tab().filter != "ann" || h2.m.previewAt != saved.Preview {
		t.Errorf("restored tab %d filter %q preview %q", h2.m.active, h2.m.tab().filter, h2.m.previewAt)
	}
	if !reflect.DeepEqual(h2.m.snapshot(), *saved) {
		t.Errorf("the restored dashboard saves %+v, want %+v", h2.m.snapshot(), *saved)
	}
	// A fresh start (no state) is the first tab, unfiltered.
	h3 := newHarness(t, opts(a, b), 160, 45)
	if h3.m.active != 0 || h3.m.tab().filter != "" {
		t.Errorf("fresh start on tab %d filter %q", h3.m.active, h3.m.tab().filter)
	}
}

func TestStateFileDamagedOrUnknown(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"damaged": `{"version":1,"tab":`,
		"unknown": `{"version":99,"tab":"all"}`,
		"array":   `[1,2,3]`,
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if s := LoadState(p, nil); s != nil {
			t.Errorf("%s: loaded %+v", name, s)
		}
	}
	if s := LoadState(filepath.Join(dir, "missing"), nil); s != nil {
		t.Errorf("a missing file loaded %+v", s)
	}
	// A state naming a store and a tab that are gone is left out.
	o := opts(cscartLike("A", 10, 1))
	o.State = &State{Version: stateVersion, Tab: "store:Gone", Tabs: map[string]TabState{"store:Gone": {Filter: "x"}}}
	h := newHarness(t, o, 120, 30)
	if h.m.active != 0 || h.m.tab().filter != "" {
		t.Errorf("a gone store's state applied: tab %d filter %q", h.m.active, h.m.tab().filter)
	}
}
