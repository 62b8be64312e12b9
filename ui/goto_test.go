package ui

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// gotoOrder types text into the go-to prompt and looks it up.
func (h *harness) gotoOrder(text string) {
	h.t.Helper()
	h.press(":")
	if h.top() != "goto" {
		h.t.Fatalf("':' opened %q, want the go-to prompt", h.top())
	}
	h.typeText(text)
	h.press("enter")
}

// burst sends keys without letting any command answer in between, as a
// scanner's keystrokes arrive; typed text is written as "text:…".
func (h *harness) burst(keys ...string) {
	for _, k := range keys {
		if t, ok := strings.CutPrefix(k, "text:"); ok {
			for _, r := range t {
				h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
			continue
		}
		h.send(keyPress(k))
	}
}

// chooseLine moves the open chooser to the line whose first cell holds
// label and chooses it.
func (h *harness) chooseLine(label string) {
	h.t.Helper()
	c, ok := findDialog[*chooser](h.m.dialogs)
	if !ok {
		h.t.Fatalf("no chooser open:\n%s", h.view())
	}
	for i, it := range c.items {
		if strings.Contains(it.cols[0], label) {
			for range i - c.win.cursor {
				h.press("down")
			}
			h.press("enter")
			return
		}
	}
	h.t.Fatalf("chooser has no line %q", label)
}

// wantOn checks that the active tab is tabTitle's, with the cursor and
// the detail pane on order id of store.
func (h *harness) wantOn(tabIdx int, store, id string) {
	h.t.Helper()
	if h.m.active != tabIdx {
		h.t.Fatalf("active tab %d, want %d", h.m.active, tabIdx)
	}
	r := h.selected()
	if r == nil || r.o.ID != id || r.o.Store != store {
		h.t.Fatalf("cursor on %+v, want %s %s:\n%s", r, store, id, h.view())
	}
	if !h.m.detail.open || h.m.detail.key != r.key {
		h.t.Fatalf("detail pane open=%v on %v, want %v", h.m.detail.open, h.m.detail.key, r.key)
	}
	h.mustSee("Order #" + r.disp.number)
}

func TestGotoOpensTheOrderOnItsTab(t *testing.T) {
	cart := cscartLike("Cart", 300, 1)  // ids 100001-100300
	luna := lunasoftLike("Luna", 30, 2) // ids 100001-100030
	h := newHarness(t, opts(cart, luna), 160, 45)

	// From Luna's tab, an order only Cart has: Cart's tab, far down its
	// list (the window is read around it), detail open.
	h.press("3")
	h.gotoOrder("#100100")
	h.wantOn(1, "Cart", "100100")
	if h.top() != "" {
		t.Fatalf("%q still open after the go-to", h.top())
	}

	// On All stores, the dashboard stays there.
	h.press("1")
	h.gotoOrder("100250")
	h.wantOn(0, "Cart", "100250")

	// A store tab with a filter that would hide the order: cleared.
	h.press("2", "/")
	h.typeText("nothing matches this")
	h.press("enter")
	h.gotoOrder("100299")
	h.wantOn(1, "Cart", "100299")
	if h.m.tab().filtered() {
		t.Error("the filter hiding the order stayed")
	}
}

func TestGotoSharedIDGivesAChooser(t *testing.T) {
	h := newHarness(t, opts(cscartLike("Cart", 30, 1), lunasoftLike("Luna", 30, 2)), 160, 45)
	h.gotoOrder("100010")
	if h.top() != "chooser" {
		t.Fatalf("top %q, want the chooser:\n%s", h.top(), h.view())
	}
	h.mustSee("Which order?", "2 orders answer to \"100010\"", "Cart", "Luna", "#100010")
	h.chooseLine("Luna")
	h.wantOn(0, "Luna", "100010")
}

func TestGotoGarbageAndNothingFound(t *testing.T) {
	h := newHarness(t, opts(cscartLike("Cart", 30, 1), lunasoftLike("Luna", 30, 2)), 160, 45)
	h.gotoOrder("]]x[2J;DROP'--")
	h.mustSee("no order ]]x[2J;DROP'-- in any store (looked in Cart, Luna)")
	if h.top() != "goto" {
		t.Errorf("after no match the prompt closed (top %q): the operator types again", h.top())
	}
	// Too long to be any order: said before any store is asked.
	calls := luna(h).Calls(backendtest.OpFind)
	h.send(tea.PasteMsg{Content: strings.Repeat("9", 10_000)})
	h.press("enter")
	h.mustSee("orderdash looks up at most")
	if luna(h).Calls(backendtest.OpFind) != calls {
		t.Error("a 10,000-character lookup reached a store")
	}
	h.press("esc")
	if h.top() != "" {
		t.Errorf("esc left %q open", h.top())
	}
}

func luna(h *harness) *backendtest.Store { return h.stores[1].(*backendtest.Store) }

func TestGotoWithAStoreDown(t *testing.T) {
	cart := cscartLike("Cart", 30, 1)
	lu := lunasoftLike("Luna", 30, 2)
	h := newHarness(t, opts(cart, lu), 160, 45)
	// An order the mirror does not have yet: the stores are asked, and
	// Luna is down.
	cart.Put(backend.Order{Store: "Cart", ID: "777", Number: "CG31000741", Status: backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending},
		Created: testNow.Add(-minutes(5)), Customer: backend.Customer{Name: "Kim Park"}})
	lu.SetError(backendtest.OpFind, errFake)
	h.gotoOrder("cg31000741")
	h.wantOn(0, "Cart", "777")
	h.mustSee("Luna could not be asked")

	// Nothing found while Luna is down: where it looked, and that it may
	// be in Luna.
	h.gotoOrder("555555")
	h.mustSee("no order 555555 in Cart; Luna did not answer", "it may be there")
}

func TestGotoBurstTypeAheadIsDropped(t *testing.T) {
	cart := cscartLike("Cart", 300, 1)
	h := newHarness(t, opts(cart, lunasoftLike("Luna", 30, 2)), 160, 45)
	h.press("2") // Cart's tab: digits would switch tabs if they reached the table
	h.burst(":", "text:100200", "enter", "text:123", "enter")
	h.settle()
	h.wantOn(1, "Cart", "100200")
	if h.top() != "" {
		t.Fatalf("a held key opened %q", h.top())
	}
	h.mustSee("4 keys typed during the lookup of 100200 dropped")
}

// tracked is a store that takes a tracking number with a status change.
func tracked() *backendtest.Store { return cursorStore("Ship", 120, 7) }

// shippable are ids of s's orders that can move to Complete, oldest
// first.
func shippable(t *testing.T, s *backendtest.Store, n int) []string {
	var ids []string
	all := allOrders(t, s)
	for i := len(all) - 1; i >= 0 && len(ids) < n; i-- {
		if backendtest.DefaultCanSet(all[i], backend.Status{Code: "C", Kind: backend.KindShipped}) == "" {
			ids = append(ids, all[i].ID)
		}
	}
	if len(ids) < n {
		t.Fatalf("only %d shippable orders", len(ids))
	}
	return ids
}

func TestScanShipsFiveOrdersWithTracking(t *testing.T) {
	s := tracked()
	h := newHarness(t, opts(s), 160, 45)
	h.press("ctrl+s")
	h.mustSee("Scan orders to which status?")
	h.chooseLine("Complete")
	if h.top() != "goto" {
		t.Fatalf("after the status the top is %q, want the scan prompt", h.top())
	}
	h.mustSee("scan → Complete")
	ids := shippable(t, s, 5)
	for _, id := range ids {
		h.typeText(id)
		h.press("enter")
		c := h.confirm()
		if c.focused() != fieldTracking {
			t.Fatalf("scan of %s: focus on %v, want the tracking field", id, c.focused())
		}
		h.mustSee("Order #"+id, "Complete")
		h.typeText("TRK" + id)
		h.press("enter") // the scanner's Enter: leaves the field, sends nothing
		if len(s.Changes()) != 0 && s.Changes()[len(s.Changes())-1].OrderID == id {
			t.Fatalf("Enter sent the change of %s", id)
		}
		h.press("y")
		if h.top() != "goto" {
			t.Fatalf("after sending %s the top is %q, want the scan prompt back", id, h.top())
		}
	}
	got := s.Changes()
	if len(got) != 5 {
		t.Fatalf("%d changes sent, want 5", len(got))
	}
	for i, ch := range got {
		if ch.OrderID != ids[i] || ch.To.Code != "C" || ch.Tracking != "TRK"+ids[i] {
			t.Errorf("change %d: %s → %s tracking %q, want %s → C tracking TRK%s", i, ch.OrderID, ch.To.Code, ch.Tracking, ids[i], ids[i])
		}
	}
}

func TestScanTypeAheadFillsTrackingAndNeverSends(t *testing.T) {
	s := tracked()
	h := newHarness(t, opts(s), 160, 45)
	h.press("ctrl+s")
	h.chooseLine("Complete")
	id := shippable(t, s, 1)[0]
	// Order barcode, Enter, tracking barcode, Enter, and the next order's
	// barcode and Enter (y and n inside it), before the lookup answers.
	h.burst("text:"+id, "enter", "text:1Z999", "enter", "text:yn42", "enter")
	h.settle()
	c := h.confirm()
	if got := c.tracking.value(); got != "1Z999" {
		t.Errorf("tracking %q, want 1Z999", got)
	}
	if c.focused() != fieldNo {
		t.Errorf("focus on %v, want No", c.focused())
	}
	if n := len(s.Changes()); n != 0 {
		t.Fatalf("%d changes sent by held keys", n)
	}
	h.mustSee("5 keys typed after the tracking number dropped")
	h.press("y")
	if ch := s.Changes(); len(ch) != 1 || ch[0].Tracking != "1Z999" {
		t.Fatalf("changes %+v, want one with tracking 1Z999", ch)
	}
}

func TestScanRefusesAStatusTheStoreLacks(t *testing.T) {
	cart := cscartLike("Cart", 30, 1)
	lu := lunasoftLike("Luna", 30, 2)
	h := newHarness(t, opts(cart, lu), 160, 45)
	h.press("2", "ctrl+s")
	h.chooseLine("On hold") // Cart's code A; Luna has none
	h.typeText("100005")
	h.press("enter") // both stores have 100005
	h.chooseLine("Luna")
	h.mustSee(`Luna does not take the status "On hold"`)
	if h.top() != "goto" {
		t.Fatalf("top %q, want the scan prompt", h.top())
	}
}

func TestCopyMenu(t *testing.T) {
	h := newHarness(t, opts(cscartLike("Cart", 30, 1)), 160, 45)
	h.press("y")
	r := h.selected()
	h.mustSee("copied order number " + r.disp.number)
	h.press("Y")
	h.mustSee("Copy", "number", "ship-to address", "all as text")
	h.chooseLine("e-mail")
	h.mustSee("copied e-mail " + r.o.Customer.Email)
}

var errMirrorOffline = fakeErr("the database server does not answer")

// With the mirror and the store out of reach (in team mode both may be
// the database that stopped), : still goes to an order the dashboard
// holds: its detail opens and the cursor is on it.
func TestGotoHeldOrderWhileMirrorAndStoreFail(t *testing.T) {
	s := cscartLike("Shop", 30, 3)
	db := memoryDB(t)
	fillMirror(t, db, s)
	mr := &switchMirror{Mirror: db}
	o := opts(s)
	o.Mirror = mr
	h := newHarness(t, o, 160, 45)
	want := h.m.tab().rows[4]
	mr.off.Store(true)
	s.SetError(backendtest.OpFind, fakeErr("connection refused"))
	s.SetError(backendtest.OpGet, fakeErr("connection refused"))
	h.gotoOrder(want.disp.number)
	if !h.m.detail.open || h.m.detail.key != want.key {
		t.Fatalf("the detail is on %v (open %v), want %v", h.m.detail.key, h.m.detail.open, want.key)
	}
	if got := h.selected(); got == nil || got.key != want.key {
		t.Fatalf("the cursor is on %v, want %v", got, want.key)
	}
	h.mustSee("Order #"+want.disp.number, "Shop could not be asked")
}

// switchMirror is a mirror that goes offline when the test says so.
type switchMirror struct {
	Mirror
	off atomic.Bool
}

func (m *switchMirror) MirrorFind(ctx context.Context, text string) ([]backend.Order, error) {
	if m.off.Load() {
		return nil, errMirrorOffline
	}
	return m.Mirror.MirrorFind(ctx, text)
}

func (m *switchMirror) Window(ctx context.Context, w backend.Window) (backend.Rows, error) {
	if m.off.Load() {
		return backend.Rows{}, errMirrorOffline
	}
	return m.Mirror.Window(ctx, w)
}
