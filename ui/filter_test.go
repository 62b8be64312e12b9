package ui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

func TestFilterLoadedRows(t *testing.T) {
	s := cscartLike("Cart", 100, 1)
	h := newHarness(t, opts(s), 160, 45)
	target := h.m.tab().view[7]
	for _, q := range []string{target.disp.number, strings.ToLower(target.disp.email), target.disp.customer} {
		h.press("/")
		h.press("ctrl+u")
		h.typeText(q)
		if len(h.m.tab().view) == 0 {
			t.Fatalf("filter %q matches nothing", q)
		}
		for _, r := range h.m.tab().view {
			if !strings.Contains(r.search, strings.ToLower(strings.Fields(q)[0])) {
				t.Fatalf("filter %q kept %s", q, r.disp.number)
			}
		}
		h.press("enter")
		h.mustSee("filter: ")
		h.press("esc")
		if got := len(h.m.tab().view); got != 100 {
			t.Fatalf("esc left %d rows, want 100", got)
		}
	}
	// By status label, and by kind name.
	h.press("/")
	h.typeText("on hold")
	for _, r := range h.m.tab().view {
		if r.disp.kind != backend.KindOnHold {
			t.Fatalf("status filter kept %s (%s)", r.disp.number, r.disp.status)
		}
	}
	h.press("esc")
	h.press("/")
	h.typeText("zzzz-nothing")
	h.mustSee("No loaded order matches")
	h.press("esc")
	h.mustNotSee("No loaded order matches")
}

func TestStatusFilterOnTheStoreOrLocally(t *testing.T) {
	cart := cscartLike("Cart", 300, 1)   // filters by status on the platform
	luna := lunasoftLike("Luna", 120, 2) // cannot
	h := newHarness(t, opts(cart, luna), 160, 45)
	h.press("2", "f")
	h.mustSee("Filter by status", "Filters on the store", "any status")
	h.typeText("processed")
	h.press("enter")
	qs := cart.Queries()
	last := qs[len(qs)-1]
	if !reflect.DeepEqual(last.Statuses, []string{"P"}) {
		t.Fatalf("last query statuses = %v, want [P]", last.Statuses)
	}
	for _, r := range h.m.tab().view {
		if r.o.Status.Code != "P" {
			t.Fatalf("server filter shows %s", r.o.Status.Code)
		}
	}
	h.mustSee("filter: status Processed (on the store)")
	before := len(cart.Queries())
	h.press("3", "f")
	h.mustSee("Filters over the loaded rows")
	h.typeText("pending")
	h.press("enter")
	if len(cart.Queries()) != before {
		t.Error("the Cart query ran again for Luna's filter")
	}
	for _, q := range luna.Queries() {
		if len(q.Statuses) > 0 {
			t.Fatal("a status filter was sent to a store that cannot filter")
		}
	}
	for _, r := range h.m.tab().view {
		if r.o.Status.Code != "Pending" {
			t.Fatalf("local filter shows %s", r.o.Status.Code)
		}
	}
	// All stores filters by kind.
	h.press("1", "f")
	h.typeText("shipped")
	h.press("enter")
	for _, r := range h.m.tab().view {
		if r.disp.kind != backend.KindShipped {
			t.Fatalf("kind filter shows %s", r.disp.kind)
		}
	}
	// esc drops it; the store tab's server filter goes too.
	h.press("esc", "2", "esc")
	if h.m.tab().status != nil || h.m.tab().feed != h.m.stores[0].base {
		t.Error("esc did not drop the server-side filter")
	}
}

func TestRefreshPageAndAll(t *testing.T) {
	s := cscartLike("Cart", 300, 1)
	h := newHarness(t, opts(s), 160, 45)
	h.press("j")
	r := h.selected()
	// The store changes behind our back.
	o, _ := s.Order(r.key.id)
	o.Customer.Name = "Renamed Customer"
	s.Put(o)
	before := s.Calls(backendtest.OpList)
	h.press("r")
	if got := s.Calls(backendtest.OpList) - before; got != 1 {
		t.Errorf("r made %d list calls, want 1 (the page on screen)", got)
	}
	h.mustSee("Renamed Customer")
	if h.selected().key != r.key {
		t.Error("refresh moved the cursor off the order")
	}
	before = s.Calls(backendtest.OpList)
	h.press("R")
	if got := s.Calls(backendtest.OpList) - before; got < 1 {
		t.Errorf("R made %d list calls", got)
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
	before := s.Calls(backendtest.OpList)
	h.fire(func(m tea.Msg) bool { _, ok := m.(refreshTickMsg); return ok })
	if got := s.Calls(backendtest.OpList) - before; got != 1 {
		t.Errorf("refresh tick made %d list calls, want 1", got)
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
	down.SetError(backendtest.OpList, &backend.Error{Kind: backend.KindUnavailable, Store: "Down", Op: "list orders", Message: "connection refused"})
	release := slow.Gate(backendtest.OpList)
	defer release()
	h := newHarness(t, opts(good, down, slow), 160, 45)
	h.settle() // the slow store's first page is still out
	h.mustSee("Down offline", glyphOffline+" Down offline")
	h.press("2", "j", "j", "n")
	if h.m.tab().cursor != 50 {
		t.Errorf("good store does not respond while another is slow: cursor %d", h.m.tab().cursor)
	}
	h.press("3")
	h.mustSee("connection refused", "r retries")
	h.press("4")
	h.mustSee("Loading orders from Slow")
	h.press("1")
	if len(h.m.tab().view) == 0 {
		t.Error("All stores shows nothing while one store is down and one slow")
	}
	release()
	h.settle()
	h.press("4")
	h.mustNotSee("Loading orders from Slow")
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
	f := h.m.tab().feed
	rows, pages := len(f.rows), len(f.pages)
	h.send(pageMsg{store: 0, feed: f.id, req: 9999, page: -1, res: backend.Page{Orders: []backend.Order{{ID: "ghost"}}}})
	h.send(pageMsg{store: 0, feed: 12345, req: f.loading, page: -1, res: backend.Page{Orders: []backend.Order{{ID: "ghost"}}}})
	h.send(detailMsg{key: orderKey{0, "ghost"}, req: 777, res: backend.Order{ID: "ghost"}})
	h.send(statusesMsg{store: 0, req: 4242, res: []backend.Status{{Code: "X"}}})
	h.settle()
	if len(f.rows) != rows || len(f.pages) != pages {
		t.Errorf("a stale page was applied: rows %d→%d", rows, len(f.rows))
	}
	if _, ok := h.m.orders[orderKey{0, "ghost"}]; ok {
		t.Error("a stale reply added an order")
	}
	if len(h.m.stores[0].statuses) == 1 {
		t.Error("a stale statuses reply was applied")
	}
}

func TestCopyOrderID(t *testing.T) {
	h := newHarness(t, opts(cscartLike("Cart", 20, 1)), 120, 40)
	id := h.selected().key.id
	h.press("y")
	want := tea.SetClipboard(id)()
	found := false
	for _, m := range h.seen {
		if reflect.DeepEqual(m, want) {
			found = true
		}
	}
	if !found {
		t.Errorf("y did not set the clipboard to %q", id)
	}
	h.mustSee("copied order id " + id)
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
