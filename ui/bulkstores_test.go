package ui

import (
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// markAcross marks, on All stores, n orders of each store whose status is
// of kind pending (Cart's Open, Luna's Pending), and returns them by
// store name.
func markAcross(t *testing.T, h *harness, want map[string]int) map[string][]string {
	t.Helper()
	got := map[string][]string{}
	for i := 0; i < 60; i++ {
		r := h.selected()
		name := h.m.stores[r.key.store].name
		if r.o.Status.Kind == backend.KindPending && len(got[name]) < want[name] {
			got[name] = append(got[name], r.key.id)
			h.press("space") // marks and moves down
			continue
		}
		h.press("j")
	}
	for name, n := range want {
		if len(got[name]) != n {
			t.Fatalf("marked %d of %s, want %d", len(got[name]), name, n)
		}
	}
	return got
}

// hasLine reports whether one screen line holds every part.
func (h *harness) hasLine(parts ...string) bool {
	for _, l := range strings.Split(h.view(), "\n") {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(l, p)
		}
		if all {
			return true
		}
	}
	return false
}

func pickerLabels(p *picker) map[string]pickItem {
	out := map[string]pickItem{}
	for _, it := range p.items {
		out[it.label] = it
	}
	return out
}

func TestBulkChangeAcrossStores(t *testing.T) {
	cart, luna := cscartLike("Cart", 30, 1), lunasoftLike("Luna", 30, 2)
	h := newHarness(t, opts(cart, luna), 160, 45)
	marked := markAcross(t, h, map[string]int{"Cart": 2, "Luna": 1})
	h.mustSee("3 marked in 2 stores")

	h.press("s")
	items := pickerLabels(h.picker())
	// Cart's Complete (C) and Luna's Shipped are both of kind shipped.
	for _, k := range []string{"Processing", "Shipped", "Completed", "Cancelled"} {
		it, ok := items[k]
		if !ok || it.reason != "" || it.note != "" {
			t.Errorf("picker item %q = %+v (listed %v), want a kind both stores take", k, it, ok)
		}
	}
	if it := items["On hold"]; it.note != "none on Luna: 1 order skipped" {
		t.Errorf("On hold note = %q", it.note)
	}
	h.mustSee("3 marked orders on 2 stores")

	h.typeText("shipped")
	h.press("enter")
	h.mustSee("3 orders on 2 stores", "all  →  ➜ Shipped",
		"▸ Cart  →  ➜ Complete (C) · 2 orders", "▸ Luna  →  ➜ Shipped · 1 order")
	// Orders are listed under their store.
	v := h.view()
	cartAt, lunaAt := strings.Index(v, "▸ Cart"), strings.Index(v, "▸ Luna")
	for _, id := range marked["Cart"] {
		if !strings.Contains(v[cartAt:lunaAt], "#"+id) {
			t.Errorf("Cart's #%s is not listed under Cart:\n%s", id, v)
		}
	}
	if !strings.Contains(v[lunaAt:], "#"+marked["Luna"][0]) {
		t.Errorf("Luna's order is not listed under Luna:\n%s", v)
	}
	// Cart takes no tracking: the field is not offered.
	h.mustNotSee("Tracking")

	h.press("y")
	h.mustSee("Bulk change to Shipped · 2 stores", "3 of 3 done", "✓ 3")
	for name, ids := range marked {
		for _, id := range ids {
			if !h.hasLine("#"+id+" ", name+" done") {
				t.Errorf("no report line of #%s says %s and done:\n%s", id, name, h.view())
			}
		}
	}
	for _, c := range []struct {
		s    *backendtest.Store
		code string
		n    int
	}{{cart, "C", 2}, {luna, "Shipped", 1}} {
		ch := c.s.Changes()
		if len(ch) != c.n {
			t.Fatalf("%s got %d changes, want %d", c.s.Name(), len(ch), c.n)
		}
		for _, x := range ch {
			if x.To.Code != c.code {
				t.Errorf("%s: order %s sent to %q, want %q", c.s.Name(), x.OrderID, x.To.Code, c.code)
			}
		}
	}
	if n := len(h.m.tab().marks); n != 0 {
		t.Errorf("%d marks left after the change", n)
	}
}

func TestBulkChangeAcrossStoresSkipsStoreWithoutKind(t *testing.T) {
	cart, luna := cscartLike("Cart", 30, 1), lunasoftLike("Luna", 30, 2)
	h := newHarness(t, opts(cart, luna), 160, 45)
	marked := markAcross(t, h, map[string]int{"Cart": 1, "Luna": 2})
	h.press("s")
	h.typeText("on hold")
	h.press("enter")
	// Cart's first status of kind on hold is On hold (A), not Backordered.
	h.mustSee("3 orders on 2 stores (2 skipped)", "▸ Cart  →  ‖ On hold (A) · 1 order",
		"▸ Luna: 2 orders skipped: Luna has no status of kind On hold")
	h.press("y")
	h.mustSee("Bulk change to On hold · 2 stores", "✓ 1", "skipped 2")
	for _, id := range marked["Luna"] {
		if !h.hasLine("#"+id+" ", "Luna skipped: Luna has no status of kind On hold") {
			t.Errorf("no report line says #%s of Luna is skipped:\n%s", id, h.view())
		}
	}
	if n := len(luna.Changes()); n != 0 {
		t.Errorf("Luna got %d changes", n)
	}
	if ch := cart.Changes(); len(ch) != 1 || ch[0].To.Code != "A" {
		t.Errorf("Cart's changes = %+v, want one to A", ch)
	}
}

func TestBulkChangeAcrossStoresTracking(t *testing.T) {
	// Both stores take tracking with shipped: the field is offered, and
	// each store's change carries it.
	a, b := cursorStore("Alpha", 20, 3), cursorStore("Beta", 20, 4)
	h := newHarness(t, opts(a, b), 160, 45)
	var marked int
	seen := map[int]bool{}
	for i := 0; i < 40 && (marked < 2 || len(seen) < 2); i++ {
		r := h.selected()
		if r.o.Status.Kind == backend.KindPending && !seen[r.key.store] {
			seen[r.key.store] = true
			marked++
			h.press("space")
			continue
		}
		h.press("j")
	}
	if marked != 2 {
		t.Fatalf("marked %d orders, want one of each store", marked)
	}
	h.press("s")
	h.typeText("shipped")
	h.press("enter")
	c := h.confirm()
	c.setFocus(fieldTracking)
	h.typeText("1Z999")
	h.press("enter", "y") // to No, then yes
	for _, s := range []*backendtest.Store{a, b} {
		if ch := s.Changes(); len(ch) != 1 || ch[0].Tracking != "1Z999" {
			t.Errorf("%s changes = %+v, want one with tracking", s.Name(), ch)
		}
	}
}

// Claims apply per order across stores: an order ann is changing is left
// out, listed as skipped in the report, and the rest of both stores go.
func TestBulkChangeAcrossStoresLeavesOutClaimed(t *testing.T) {
	cart, luna := cscartLike("Cart", 30, 1), lunasoftLike("Luna", 30, 2)
	o := opts(cart, luna)
	fc := newFakeClaims()
	o.Claims = fc
	h := newHarness(t, o, 160, 45)
	marked := markAcross(t, h, map[string]int{"Cart": 1, "Luna": 2})
	held := backend.OrderRef{Store: "Luna", ID: marked["Luna"][0]}
	fc.ann[held] = true
	h.press("s")
	p := h.picker()
	if len(p.targets) != 2 || p.store != -1 {
		t.Fatalf("picker targets %v (store %d), want 2 orders across stores", p.targets, p.store)
	}
	h.mustSee("1 order left out: others are changing them")
	h.typeText("cancelled")
	h.press("enter")
	h.mustSee("2 orders on 2 stores", "▸ Cart  →  ✗ Canceled (I) · 1 order", "▸ Luna  →  ✗ Cancelled · 1 order")
	h.press("y")
	if !h.hasLine("#"+held.ID+" ", "Luna skipped: ann is changing it") {
		t.Errorf("ann's order is not listed as skipped:\n%s", h.view())
	}
	if len(cart.Changes()) != 1 || len(luna.Changes()) != 1 {
		t.Errorf("changes: Cart %d, Luna %d; want 1 each", len(cart.Changes()), len(luna.Changes()))
	}
}

// A failure in one store is retried in that store, with its own status.
func TestBulkChangeAcrossStoresRetry(t *testing.T) {
	cart, luna := cscartLike("Cart", 30, 1), lunasoftLike("Luna", 30, 2)
	h := newHarness(t, opts(cart, luna), 160, 45)
	markAcross(t, h, map[string]int{"Cart": 1, "Luna": 1})
	luna.FailNext(backendtest.OpSetStatus, &backend.Error{Kind: backend.KindInvalidStatus, Message: "out of stock"})
	h.press("s")
	h.typeText("processing")
	h.press("enter", "y")
	h.mustSee("Bulk change to Processing · 2 stores", "✓ 1", "✗ 1", "out of stock")
	if !h.hasLine("Luna invalid status: out of stock") {
		t.Errorf("the failure does not name its store:\n%s", h.view())
	}
	h.press("r")
	h.mustSee("Send the change to Processing again for 1 order on Luna.")
	h.press("y")
	h.mustSee("Bulk change to Processing · Luna", "1 of 1 done", "✓ 1")
	if ch := luna.Changes(); len(ch) != 1 || ch[0].To.Code != "Processing" {
		t.Errorf("Luna's changes = %+v, want one to Processing", ch)
	}
	if ch := cart.Changes(); len(ch) != 1 || ch[0].To.Code != "P" {
		t.Errorf("Cart's changes = %+v, want one to P", ch)
	}
}

// With [ui] confirm = false, a change across stores goes at once.
func TestBulkChangeAcrossStoresWithoutConfirm(t *testing.T) {
	cart, luna := cscartLike("Cart", 30, 1), lunasoftLike("Luna", 30, 2)
	o := opts(cart, luna)
	no := false
	o.Config.Confirm = &no
	h := newHarness(t, o, 160, 45)
	markAcross(t, h, map[string]int{"Cart": 1, "Luna": 1})
	h.press("s")
	h.typeText("cancelled")
	h.press("enter")
	h.mustSee("Bulk change to Cancelled · 2 stores", "2 of 2 done")
	if len(cart.Changes()) != 1 || len(luna.Changes()) != 1 {
		t.Errorf("changes: Cart %d, Luna %d; want 1 each", len(cart.Changes()), len(luna.Changes()))
	}
}

// A tracking number goes with every kind the store takes one for
// (CS-Cart: shipped and completed), not only shipped: the confirm step
// offers the field, so the change must carry what was typed.
func TestTrackingGoesWithEveryKindTheStoreTakes(t *testing.T) {
	s := backendtest.New(backendtest.Config{Name: "Cart", Platform: "cscart", Orders: 30, Seed: 1,
		Caps: backend.Capabilities{Notify: true, Tracking: true, TrackingKinds: []backend.StatusKind{backend.KindShipped, backend.KindCompleted}}})
	h := newHarness(t, opts(s), 160, 45)
	for h.selected().o.Status.Code != "O" {
		h.press("j")
	}
	pick(h, "Delivered") // E, kind completed
	c := h.confirm()
	c.setFocus(fieldTracking)
	h.typeText("1Z777")
	h.press("enter", "y")
	if ch := s.Changes(); len(ch) != 1 || ch[0].Tracking != "1Z777" {
		t.Errorf("changes = %+v, want one carrying the tracking number", ch)
	}
}
