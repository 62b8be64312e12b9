package ui

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

func TestFilterIsAViewOfTheMirror(t *testing.T) {
	s := cscartLike("Cart", 100, 1)
	h := newHarness(t, opts(s), 160, 45)
	target := h.m.tab().rows[7]
	for _, q := range []string{target.disp.number, strings.ToLower(target.disp.email), target.disp.customer} {
		h.press("/")
		h.press("ctrl+u")
		h.typeText(q)
		if got := h.m.viewOf(h.m.tab()).Text; got != q {
			t.Fatalf("filter %q: the view's text is %q", q, got)
		}
		if len(h.m.tab().rows) == 0 {
			t.Fatalf("filter %q matches nothing", q)
		}
		words, _ := backend.SearchWords(q)
		for _, r := range h.m.tab().rows {
			full, _ := s.Order(r.key.id) // the row lacks some searched fields
			for _, w := range words {
				if !strings.Contains(backend.SearchText(full), w) {
					t.Fatalf("filter %q kept %s", q, r.disp.number)
				}
			}
		}
		if indexOf(h.m.tab().rows, target.key) < 0 {
			t.Fatalf("filter %q lost the order it names", q)
		}
		h.press("enter")
		h.mustSee("filter: ", "matching")
		h.press("esc")
		if got := len(h.m.tab().rows); got != 100 {
			t.Fatalf("esc left %d rows, want 100", got)
		}
	}
	h.press("/")
	h.typeText("zzzz-nothing")
	h.mustSee("No order matches")
	h.press("esc")
	h.mustNotSee("No order matches")
}

func TestStatusFilterIsAViewOfTheMirror(t *testing.T) {
	cart := cscartLike("Cart", 300, 1)
	luna := lunasoftLike("Luna", 120, 2)
	h := newHarness(t, opts(cart, luna), 160, 45)
	lists := cart.Calls(backendtest.OpList) + luna.Calls(backendtest.OpList)
	h.press("2", "f")
	h.mustSee("Filter by status", "Filters the mirror by status", "any status")
	h.typeText("processed")
	h.press("enter")
	if got := h.m.viewOf(h.m.tab()).Statuses; !reflect.DeepEqual(got, []string{"P"}) {
		t.Fatalf("the view's statuses = %v, want [P]", got)
	}
	if len(h.m.tab().rows) == 0 {
		t.Fatal("no Processed order shown")
	}
	for _, r := range h.m.tab().rows {
		if r.o.Status.Code != "P" {
			t.Fatalf("the filter shows %s", r.o.Status.Code)
		}
	}
	h.mustSee("filter: status Processed")
	h.press("3", "f")
	h.typeText("pending")
	h.press("enter")
	for _, r := range h.m.tab().rows {
		if r.o.Status.Code != "Pending" {
			t.Fatalf("the filter shows %s", r.o.Status.Code)
		}
	}
	// All stores filters by kind.
	h.press("1", "f")
	h.typeText("shipped")
	h.press("enter")
	if len(h.m.tab().rows) == 0 {
		t.Fatal("no shipped order shown")
	}
	for _, r := range h.m.tab().rows {
		if r.disp.kind != backend.KindShipped {
			t.Fatalf("kind filter shows %s", r.disp.kind)
		}
	}
	if got := cart.Calls(backendtest.OpList) + luna.Calls(backendtest.OpList); got != lists {
		t.Errorf("filters made %d list calls: they read the mirror", got-lists)
	}
	// esc drops it.
	h.press("esc", "2", "esc")
	if h.m.tab().status != nil || len(h.m.viewOf(h.m.tab()).Statuses) != 0 {
		t.Error("esc did not drop the filter")
	}
}

func TestRefreshAsksTheSyncAndRereads(t *testing.T) {
	s := cscartLike("Cart", 300, 1)
	luna := lunasoftLike("Luna", 20, 2)
	h := newHarness(t, opts(s, luna), 160, 45)
	h.press("2", "j")
	r := h.selected()
	// The store changes behind our back.
	o, _ := s.Order(r.key.id)
	o.Customer.Name = "Renamed Customer"
	o.Updated = o.Updated.Add(time.Minute)
	s.Put(o)
	lists := s.Calls(backendtest.OpList)
	h.press("r")
	if got := s.Calls(backendtest.OpList) - lists; got != 0 {
		t.Errorf("r made %d list calls: the sync reads the store", got)
	}
	if !reflect.DeepEqual(h.syncAsked, []string{"Cart"}) {
		t.Errorf("r asked the sync for %v, want [Cart] (the stores in view)", h.syncAsked)
	}
	h.syncStores() // the pass it asked for
	h.mustSee("Renamed Customer")
	if h.selected().key != r.key {
		t.Error("refresh moved the cursor off the order")
	}
	h.syncAsked = nil
	h.press("R")
	if !reflect.DeepEqual(h.syncAsked, []string{"Cart", "Luna"}) {
		t.Errorf("R asked the sync for %v, want every store", h.syncAsked)
	}
	if h.selected().key != r.key {
		t.Error("refresh all moved the cursor off the order")
	}
	h.mustSee("refreshing every store")
}

func TestBackgroundRefreshInterval(t *testing.T) {
	s := cscartLike("Cart", 100, 1)
	o := opts(s)
	o.Config.Refresh = time.Minute
	h := newHarness(t, o, 120, 40)
	h.fire(func(m tea.Msg) bool { _, ok := m.(refreshTickMsg); return ok })
	if !reflect.DeepEqual(h.syncAsked, []string{"Cart"}) {
		t.Errorf("the refresh tick asked the sync for %v, want [Cart]", h.syncAsked)
	}
	o.Config.Refresh = 0
	h2 := newHarness(t, o, 120, 40)
	for _, m := range h2.timers {
		if _, ok := m.(refreshTickMsg); ok {
			t.Error("refresh = 0 still schedules refreshes")
		}
	}
}

func TestStoreDownOrSlowDoesNotStopTheOthers(t *testing.T) {
	good := cscartLike("Good", 100, 1)
	down := lunasoftLike("Down", 100, 2)
	slow := cursorStore("Slow", 100, 3)
	h := newHarness(t, opts(good, down, slow), 160, 45)
	// Down stops answering, Slow hangs: the mirror still has their rows.
	down.SetError(backendtest.OpStatuses, &backend.Error{Kind: backend.KindUnavailable, Store: "Down", Op: "statuses", Message: "connection refused"})
	release := slow.Gate(backendtest.OpStatuses)
	defer release()
	h.press("R")
	h.mustSee("Down offline", glyphOffline+" Down offline")
	h.press("2", "j", "j", "n")
	if h.m.tab().cursor != 52 {
		t.Errorf("good store does not respond while another is slow: cursor %d", h.m.tab().cursor)
	}
	h.press("3")
	if len(h.m.tab().rows) == 0 {
		t.Error("the offline store's rows are gone")
	}
	h.press("4")
	if len(h.m.tab().rows) == 0 {
		t.Error("the slow store's rows are gone")
	}
	h.press("1")
	if len(h.m.tab().rows) == 0 {
		t.Error("All stores shows nothing while one store is down and one slow")
	}
	release()
	h.settle()
}

func TestBackoffAndSyncAgeInStatusBar(t *testing.T) {
	s := cscartLike("Cart", 20, 1)
	h := newHarness(t, opts(s), 120, 40)
	h.mustSee("● Cart now")
	h.advance(3 * time.Minute)
	h.fire(func(m tea.Msg) bool { _, ok := m.(tickMsg); return ok })
	h.mustSee("● Cart 3m")
	s.SetBackoff(testNow.Add(3*time.Minute + 42*time.Second))
	h.mustSee("⏸ Cart back-off 42s")
}

func TestStaleRepliesAreDropped(t *testing.T) {
	s := cscartLike("Cart", 100, 1)
	h := newHarness(t, opts(s), 120, 40)
	tb := h.m.tab()
	rows := append([]*order(nil), tb.rows...)
	ghost := backend.Rows{Orders: []backend.Order{{Store: "Cart", ID: "ghost"}}, First: true, Last: true}
	// A read overtaken by a newer one, and one for a view since changed.
	h.send(windowMsg{tab: 0, gen: tb.gen, req: 9999, rows: ghost})
	h.send(windowMsg{tab: 0, gen: tb.gen + 1, req: tb.reads.req, rows: ghost})
	h.send(countMsg{tab: 0, gen: tb.gen, req: 9998, n: 1})
	h.send(detailMsg{key: orderKey{0, "ghost"}, req: 777, res: backend.Order{ID: "ghost"}})
	h.send(statusesMsg{store: 0, req: 4242, res: []backend.Status{{Code: "X"}}})
	h.settle()
	if !slices.Equal(tb.rows, rows) {
		t.Errorf("a stale window was applied: %d rows, were %d", len(tb.rows), len(rows))
	}
	if tb.count != 100 {
		t.Errorf("a stale count was applied: %d", tb.count)
	}
	if _, ok := h.m.orders[orderKey{0, "ghost"}]; ok {
		t.Error("a stale reply added an order")
	}
	if len(h.m.stores[0].statuses) == 1 {
		t.Error("a stale statuses reply was applied")
	}
	// A window read in flight when the view changes is dropped too.
	h.press("/")
	h.send(keyPress("x"))
	stale := tb.reads.req
	h.send(keyPress("y"))
	h.settle()
	if tb.reads.req == stale && tb.reads.req != 0 {
		t.Error("the read for the older view is still awaited")
	}
}

func TestCopyOrderID(t *testing.T) {
	h := newHarness(t, opts(cscartLike("Cart", 20, 1)), 120, 40)
	id := h.selected().key.id
	h.press("y")
	if !h.copied(id) {
		t.Errorf("y did not set the clipboard to %q", id)
	}
	h.mustSee("copied order number " + id)
}

func TestQuitWaitsForChangesInFlight(t *testing.T) {
	s := cscartLike("Cart", 30, 1)
	h := newHarness(t, opts(s), 120, 40)
	for h.selected().o.Status.Code != "O" {
		h.press("j")
	}
	release := s.Gate(backendtest.OpSetStatus)
	pick(h, "Processed")
	h.send(keyPress("y"))
	h.settle()
	h.send(keyPress("q"))
	h.settle()
	if quitSeen(h) {
		t.Fatal("q quit at once with a change in flight")
	}
	h.mustSee("press q again to quit")
	h.send(keyPress("q"))
	h.settle()
	if !quitSeen(h) {
		t.Fatal("the second q did not quit")
	}
	done := make(chan int)
	go func() { done <- h.m.waitChanges(5 * time.Second) }()
	release()
	h.settle()
	if n := <-done; n != 0 {
		t.Errorf("waitChanges = %d, want 0", n)
	}
	if len(s.Changes()) != 1 {
		t.Error("the change in flight did not complete")
	}
}

func TestCtrlCAlwaysQuits(t *testing.T) {
	o := opts(cscartLike("Cart", 5, 1))
	o.Keys = KeyBindings{"quit": {"x"}}
	h := newHarness(t, o, 120, 40)
	h.press("?")
	h.press("ctrl+c")
	if !quitSeen(h) {
		t.Error("ctrl+c did not quit from the help screen")
	}
}
