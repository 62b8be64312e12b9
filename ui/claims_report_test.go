package ui

import (
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

// The orders a bulk change leaves out because others are changing them
// are listed in its report, each with who, among the rest; none of them
// is sent.
func TestBulkReportListsOrdersClaimedByOthers(t *testing.T) {
	s := cscartLike("Cart", 60, 1)
	o := opts(s)
	fc := newFakeClaims()
	o.Claims = fc
	h := newHarness(t, o, 160, 45)
	var marked []*order
	for len(marked) < 3 {
		r := h.selected()
		if r.o.Status.Code == "O" {
			marked = append(marked, r)
			h.press("space")
		} else {
			h.press("j")
		}
	}
	held := marked[1]
	fc.ann[backend.OrderRef{Store: "Cart", ID: held.key.id}] = true
	pick(h, "Processed")
	h.press("y")
	if h.top() != "report" {
		t.Fatalf("no bulk report (top %q):\n%s", h.top(), h.view())
	}
	h.mustSee("Bulk change to Processed", "3 of 3 done", "✓ 2", "skipped 1")
	line := h.line("#" + held.disp.number)
	if !strings.Contains(line, "skipped: ann is changing it") {
		t.Errorf("the report's line of #%s is %q, want it skipped as ann's", held.disp.number, line)
	}
	for _, c := range s.Changes() {
		if c.OrderID == held.key.id {
			t.Errorf("order %s, which ann is changing, was sent", held.key.id)
		}
	}
	if got := len(s.Changes()); got != 2 {
		t.Errorf("applied %d changes, want 2", got)
	}
}

// A claim that arrives between the picker and the confirmation still
// keeps the order out of the change.
func TestChangeSkipsOrderClaimedAfterPicker(t *testing.T) {
	s := cscartLike("Cart", 60, 1)
	o := opts(s)
	fc := newFakeClaims()
	o.Claims = fc
	h := newHarness(t, o, 160, 45)
	for h.selected().o.Status.Code != "O" {
		h.press("j")
	}
	r := h.selected()
	pick(h, "Processed")
	ref := backend.OrderRef{Store: "Cart", ID: r.key.id}
	// ann takes it over meanwhile; the dashboard learns it from a notice.
	fc.mu.Lock()
	delete(fc.mine, ref)
	fc.ann[ref] = true
	fc.mu.Unlock()
	h.m.team.claims.mine = nil
	h.run(h.m.loadClaims())
	h.settle()
	if h.m.claimedBy(r.key) != "ann" {
		t.Fatal("the dashboard did not learn ann's claim")
	}
	h.press("y")
	if len(s.Changes()) != 0 {
		t.Fatalf("the change was sent to an order ann is changing")
	}
	h.mustSee("not changed: ann is changing it")
}
