package ui

import (
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/storage"
)

func TestDetailShowsOrderAndTimeline(t *testing.T) {
	s := lunasoftLike("Luna", 60, 2)
	h := newHarness(t, opts(s), 160, 45)
	h.press("j")
	r := h.selected()
	h.press("enter")
	if !h.m.detail.open {
		t.Fatal("enter did not open the detail pane")
	}
	if got := s.Calls(backendtest.OpGet); got != 1 {
		t.Fatalf("get calls = %d, want 1", got)
	}
	full, _ := s.Order(r.key.id)
	h.mustSee("Order #"+r.disp.number, "Customer", "Ship to", "Items", "Totals", "Timeline (newest first)",
		full.Customer.Email, full.Items[0].SKU, "platform")
	// Holding j with the pane open fetches only where the operator stops.
	h.press("j", "j", "j")
	if got := s.Calls(backendtest.OpGet); got != 1 {
		t.Errorf("get calls while moving = %d, want 1 (debounced)", got)
	}
	h.fire(isDebounce)
	if got := s.Calls(backendtest.OpGet); got != 2 {
		t.Errorf("get calls after the pause = %d, want 2", got)
	}
	h.mustSee("Order #" + h.selected().disp.number)
	// Back up: the earlier order's detail is cached.
	h.press("k", "k", "k")
	h.fire(isDebounce)
	if got := s.Calls(backendtest.OpGet); got != 2 {
		t.Errorf("get calls = %d, want 2 (the first order's detail is cached)", got)
	}
	h.press("enter")
	if h.m.detail.open {
		t.Error("enter did not close the detail pane")
	}
}

func TestDetailPanePositions(t *testing.T) {
	for _, c := range []struct {
		preview string
		width   int
		want    string
	}{{"auto", 160, "right"}, {"auto", 100, "bottom"}, {"right", 100, "right"}, {"bottom", 160, "bottom"}, {"off", 160, "full"}} {
		o := opts(cscartLike("A", 20, 1))
		o.Config.Preview = c.preview
		h := newHarness(t, o, c.width, 40)
		h.press("enter")
		if got := h.m.geometry().pane; got != c.want {
			t.Errorf("preview %s at width %d: pane %q, want %q", c.preview, c.width, got, c.want)
		}
		h.press("P")
		if got := h.m.geometry().pane; got == c.want && c.want != "full" {
			t.Errorf("P did not move the pane from %s", c.want)
		}
	}
}

// pick opens the picker and chooses status label by typing it.
func pick(h *harness, label string) {
	h.t.Helper()
	h.press("s")
	if h.top() != "picker" {
		h.t.Fatalf("s did not open the picker:\n%s", h.view())
	}
	h.typeText(label)
	h.press("enter")
}

func TestStatusChangeEndToEnd(t *testing.T) {
	s := lunasoftLike("Luna", 30, 2)
	j := &journal{}
	o := opts(s)
	o.Journal = j
	h := newHarness(t, o, 160, 45)
	// Find a pending order.
	for h.selected().o.Status.Code != "Pending" {
		h.press("j")
	}
	r := h.selected()
	h.press("enter", "s")
	h.mustSee("Set status", "● ○ Pending", "current", "Processing", "Shipped")
	h.typeText("ship")
	if n := len(h.picker().shown); n != 1 {
		t.Errorf("typing \"ship\" left %d statuses, want 1", n)
	}
	h.press("enter")
	if h.top() != "confirm" {
		t.Fatalf("enter in the picker did not open the confirm step:\n%s", h.view())
	}
	h.mustSee("Change status?", "Pending  →  ➜ Shipped", "notify the customer", "Note", "No", "Yes, send it")

	// Enter on the default answer sends nothing.
	for h.confirm().focused() != fieldNo {
		h.press("tab")
	}
	h.press("enter")
	if got := len(s.Changes()); got != 0 {
		t.Fatalf("No sent %d changes", got)
	}
	h.mustSee("no change sent")

	// Again, with a note and a notification, and Yes.
	h.press("s")
	h.typeText("ship")
	h.press("enter", "space", "tab")
	h.typeText("Packed at bench 3")
	h.press("tab", "tab", "enter")
	ch := s.Changes()
	if len(ch) != 1 {
		t.Fatalf("changes sent = %d, want 1", len(ch))
	}
	if c := ch[0]; c.To.Code != "Shipped" || !c.Notify || c.Note != "Packed at bench 3" || c.From.Code != "Pending" || c.Operator != "sam" || c.OrderID != r.key.id {
		t.Errorf("change = %+v", c)
	}
	recs, states := j.snapshot()
	if len(recs) != 1 || states[1] != backend.StateConfirmed {
		t.Errorf("journal: %d records, state %q; want 1 confirmed", len(recs), states[1])
	}
	if got := h.selected().o.Status.Code; got != "Shipped" {
		t.Errorf("row status = %q, want Shipped (from the platform's answer)", got)
	}
	h.mustSee("✓ #"+r.disp.number+" is now Shipped", "➜ Shipped", "Packed at bench 3", "notified")
	if l := h.line("platform · notified · sam"); !strings.Contains(l, "2026-11-20 16:40 ➜ Shipped") {
		t.Errorf("timeline entry lacks time, status, notification or source: %q", l)
	}
}

// A platform without a history of its own shows the change once, from the
// journal (the store wrapped with the local history, as cmd wires it), with
// the operator's name; the dashboard adds no entry of its own.
func TestStatusChangeOnPlatformWithoutHistoryShowsJournalEntry(t *testing.T) {
	db := memoryDB(t)
	s := cscartLike("Cart", 30, 1)
	o := opts(storage.WithLocalHistory(s, db))
	o.Journal = db.Journal("sam")
	h := newHarness(t, o, 160, 45)
	for h.selected().o.Status.Code != "O" {
		h.press("j")
	}
	h.press("enter")
	h.mustSee("keeps no status history")
	pick(h, "Processed")
	h.press("y")
	h.mustSee("◐ Processed", "local · not notified · sam")
	h.mustNotSee("keeps no status history")
	if n := strings.Count(h.view(), "local · "); n != 1 {
		t.Errorf("the change shows %d times in the timeline, want once:\n%s", n, h.view())
	}
	// Once more from a fresh read of the order: still once.
	h.press("r")
	if n := strings.Count(h.view(), "local · "); n != 1 {
		t.Errorf("after a refresh the change shows %d times, want once", n)
	}
}

func TestPickerGreysStatusesTheOrderCannotTake(t *testing.T) {
	s := cscartLike("Cart", 60, 1)
	h := newHarness(t, opts(s), 160, 45)
	for h.selected().disp.kind != backend.KindCancelled {
		h.press("j")
	}
	h.press("s")
	h.mustSee("cannot change")
	h.typeText("open")
	h.press("enter")
	if h.top() != "picker" {
		t.Fatal("choosing a greyed status left the picker")
	}
	h.mustSee("✗ Open: a canceled order cannot change")
	h.press("esc")
	if len(s.Changes()) != 0 {
		t.Error("a greyed status was sent")
	}
}

func TestChangeInFlightShowsPendingThenFailureKeepsOldStatus(t *testing.T) {
	s := cscartLike("Cart", 30, 1)
	h := newHarness(t, opts(s), 160, 45)
	for h.selected().o.Status.Code != "O" {
		h.press("j")
	}
	r := h.selected()
	release := s.Gate(backendtest.OpSetStatus)
	s.FailNext(backendtest.OpSetStatus, &backend.Error{Kind: backend.KindInvalidStatus, Store: "Cart", Op: "set status of " + r.key.id, Message: "the order is locked by another user"})
	pick(h, "Processed")
	h.send(keyPress("y"))
	h.settle()
	if !strings.Contains(h.line(r.disp.number), "⟳ Processed") {
		t.Errorf("row does not show the change in flight: %q", h.line(r.disp.number))
	}
	h.mustSee("sending 1 change")
	release()
	h.settle()
	if got := h.selected().o.Status.Code; got != "O" {
		t.Errorf("status after failure = %q, want O", got)
	}
	h.mustSee("✗ #"+r.disp.number+": could not set Processed", "locked by another user", "esc dismisses", "✗ Open")
	h.press("esc")
	h.mustNotSee("locked by another user", "✗ Open")
}

func TestUncertainOutcomeIsVerifiedNotResent(t *testing.T) {
	for _, applied := range []bool{true, false} {
		s := cscartLike("Cart", 30, 1)
		h := newHarness(t, opts(s), 160, 45)
		for h.selected().o.Status.Code != "O" {
			h.press("j")
		}
		r := h.selected()
		uncertain := &backend.Error{Kind: backend.KindUnavailable, Message: "connection reset", Uncertain: true}
		if applied {
			// The store applied it, then the answer was lost.
			o, _ := s.Order(r.key.id)
			o.Status = backend.Status{Code: "P", Name: "Processed", Kind: backend.KindProcessing}
			s.Put(o)
		}
		s.FailNext(backendtest.OpSetStatus, uncertain)
		pick(h, "Processed")
		h.press("y")
		if got := s.Calls(backendtest.OpVerify); got != 1 {
			t.Fatalf("verify calls = %d, want 1", got)
		}
		if got := s.Calls(backendtest.OpSetStatus); got != 1 {
			t.Errorf("set status calls = %d, want 1: an uncertain change is never resent blindly", got)
		}
		if applied {
			h.mustSee("✓ #" + r.disp.number + " is now Processed")
		} else {
			h.mustSee("not applied (checked with the store)")
		}
	}
}

func TestBulkChangeReportAndRetry(t *testing.T) {
	s := cscartLike("Cart", 60, 1)
	h := newHarness(t, opts(s), 160, 45)
	var marked []string
	for len(marked) < 4 {
		r := h.selected()
		if r.o.Status.Code == "O" {
			marked = append(marked, r.key.id)
			h.press("space") // marks and moves down
		} else {
			h.press("j")
		}
	}
	h.mustSee("4 marked", "change marked")
	s.FailNext(backendtest.OpSetStatus, &backend.Error{Kind: backend.KindInvalidStatus, Message: "out of stock"})
	pick(h, "Processed")
	h.mustSee("4 orders on Cart", "all  →  ◐ Processed")
	h.press("y")
	h.mustSee("Bulk change to Processed", "4 of 4 done", "✓ 3", "✗ 1", "out of stock", "r retry the failed")
	if got := len(s.Changes()); got != 3 {
		t.Fatalf("applied %d changes, want 3", got)
	}
	h.press("r")
	h.mustSee("Retry failed changes?")
	h.press("y")
	h.mustSee("1 of 1 done", "✓ 1")
	for _, id := range marked {
		if o, _ := s.Order(id); o.Status.Code != "P" {
			t.Errorf("order %s is %s, want P", id, o.Status.Code)
		}
	}
	h.press("esc")
	h.press("b")
	h.mustSee("Bulk change to Processed")
}

func TestMarksSpanStores(t *testing.T) {
	h := newHarness(t, opts(cscartLike("A", 30, 1), lunasoftLike("B", 30, 2)), 160, 45)
	first := h.selected().key.store
	h.press("space")
	for h.selected().key.store == first {
		h.press("j")
	}
	h.press("space")
	h.mustSee("2 marked in 2 stores")
	if n := len(h.m.tab().marks); n != 2 {
		t.Errorf("marks = %d, want 2", n)
	}
	h.press("esc")
	if n := len(h.m.tab().marks); n != 0 {
		t.Errorf("esc left %d marks", n)
	}
	h.press("2", "a")
	if n := len(h.m.tab().marks); n != len(h.m.tab().rows) {
		t.Errorf("mark_all marked %d of %d", n, len(h.m.tab().rows))
	}
	h.press("a")
	if n := len(h.m.tab().marks); n != 0 {
		t.Errorf("second mark_all left %d marks", n)
	}
}

func TestConfirmOffSendsAtOnce(t *testing.T) {
	s := cscartLike("Cart", 30, 1)
	o := opts(s)
	no := false
	o.Config.Confirm = &no
	h := newHarness(t, o, 120, 40)
	for h.selected().o.Status.Code != "O" {
		h.press("j")
	}
	pick(h, "Processed")
	if got := len(s.Changes()); got != 1 {
		t.Errorf("with confirm = false, changes = %d, want 1", got)
	}
}

func TestJournalFailureStopsTheChange(t *testing.T) {
	s := cscartLike("Cart", 30, 1)
	o := opts(s)
	o.Journal = &journal{fail: errFake}
	h := newHarness(t, o, 120, 40)
	for h.selected().o.Status.Code != "O" {
		h.press("j")
	}
	pick(h, "Processed")
	h.press("y")
	if got := len(s.Changes()); got != 0 {
		t.Errorf("a change the journal could not record was sent (%d)", got)
	}
	h.mustSee("the change was not sent")
}

func TestReadOnly(t *testing.T) {
	s := cscartLike("Cart", 30, 1)
	o := opts(s)
	o.ReadOnly = true
	h := newHarness(t, o, 160, 45)
	h.mustSee("READ-ONLY")
	h.mustNotSee("status", "mark")
	h.press("s", "space", "a")
	if h.top() != "" || len(h.m.tab().marks) != 0 {
		t.Error("a write action worked in read-only mode")
	}
	h.press("?")
	h.mustNotSee("change status", "mark row")
	h.mustSee("copy the order number", "read-only")

	o2 := opts(s, lunasoftLike("Luna", 10, 2))
	o2.StoreReadOnly = map[string]bool{"Cart": true}
	h2 := newHarness(t, o2, 160, 45)
	h2.press("2", "s")
	h2.mustSee("Cart is read-only")
	h2.press("3", "s")
	if h2.top() != "picker" {
		t.Error("the other store's picker did not open")
	}
}
