package ui

import (
	"context"
	"errors"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// pushed is a store whose orders change under us (Kornit X: pushed to
// the local database), so it asks to be re-read every few seconds.
type pushed struct{ *backendtest.Store }

func (p pushed) Capabilities() backend.Capabilities {
	c := p.Store.Capabilities()
	c.RefreshInterval = 3 * time.Second
	return c
}

func isStoreTick(msg tea.Msg) bool { _, ok := msg.(storeTickMsg); return ok }

func TestStoreRefreshHintTouchesOnlyThatStore(t *testing.T) {
	kx := cscartLike("Kornit X", 30, 1)
	cart := cscartLike("Cart", 30, 2)
	h := newHarness(t, opts(pushed{kx}, cart), 160, 45)
	kxLists, cartLists := kx.Calls(backendtest.OpList), cart.Calls(backendtest.OpList)

	// On All stores both are on screen: the beat re-reads Kornit X only.
	h.fire(isStoreTick)
	if got := kx.Calls(backendtest.OpList); got != kxLists+1 {
		t.Errorf("Kornit X lists: %d → %d, want one more", kxLists, got)
	}
	if got := cart.Calls(backendtest.OpList); got != cartLists {
		t.Errorf("the other store was listed %d more times", got-cartLists)
	}
	// A new order pushed meanwhile shows within a beat.
	kx.Put(backend.Order{ID: "900001", Number: "900001", Created: testNow, Status: backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}})
	h.press("2")
	h.fire(isStoreTick)
	h.mustSee("900001")

	// With the detail open the cursor stays on the order being read while
	// new ones arrive above it.
	h.press("enter")
	reading := h.selected().key
	kx.Put(backend.Order{ID: "900002", Number: "900002", Created: testNow.Add(time.Minute), Status: backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}})
	h.fire(isStoreTick)
	h.mustSee("900002")
	if got := h.selected().key; got != reading || h.m.detail.key != reading {
		t.Errorf("a pushed order moved the cursor from %v to %v (detail %v)", reading, got, h.m.detail.key)
	}
	h.press("enter")

	// On another store's tab it is not on screen: nothing is read, but
	// the beat goes on.
	h.press("3")
	before := kx.Calls(backendtest.OpList)
	h.fire(isStoreTick)
	if got := kx.Calls(backendtest.OpList); got != before {
		t.Errorf("Kornit X was listed %d times while not on screen", got-before)
	}
	ticks := 0
	for _, msg := range h.timers {
		if isStoreTick(msg) {
			ticks++
		}
	}
	if ticks != 1 {
		t.Errorf("%d store beats pending, want 1", ticks)
	}
}

func TestUnreachable(t *testing.T) {
	for err, want := range map[error]bool{
		nil: false,
		&backend.Error{Kind: backend.KindUnavailable}:                               true,
		context.DeadlineExceeded:                                                    true,
		&backend.Error{Kind: backend.KindUnauthorized}:                              false,
		&backend.Error{Kind: backend.KindRateLimited}:                               false,
		errors.New("something else"):                                                false,
		errors.Join(errors.New("x"), &backend.Error{Kind: backend.KindUnavailable}): true,
	} {
		if got := unreachable(err); got != want {
			t.Errorf("unreachable(%v) = %v, want %v", err, got, want)
		}
	}
}

func TestCacheTabAndPageSig(t *testing.T) {
	if got := cacheTab(backend.Query{}); got != "all" {
		t.Errorf("cacheTab of no filter = %q", got)
	}
	if a, b := cacheTab(backend.Query{Statuses: []string{"P", "O"}}), cacheTab(backend.Query{Statuses: []string{"O", "P"}}); a != b || a != "status=O,P" {
		t.Errorf("cacheTab depends on the order of statuses: %q, %q", a, b)
	}
	p := backend.Page{Orders: []backend.Order{{ID: "1", Status: backend.Status{Code: "O"}}}, Next: "2", Total: 3}
	q := p
	q.Orders = []backend.Order{{ID: "1", Status: backend.Status{Code: "P"}}}
	if pageSig(p) == pageSig(q) {
		t.Error("a status change does not change the page's signature")
	}
	if pageSig(p) != pageSig(backend.Page{Orders: []backend.Order{{ID: "1", Status: backend.Status{Code: "O"}}}, Next: "2", Total: 3}) {
		t.Error("the same page has two signatures")
	}
}

// A list row, even one the platform marks Detailed, never replaces the
// detail read from the store while it describes the same state.
func TestOrderKeepsTheDetailReadFromTheStore(t *testing.T) {
	open := backend.Status{Code: "O", Name: "Open"}
	local := []backend.Event{{Status: open, Source: backend.SourceLocal, Actor: "sam"}}
	r := &order{key: orderKey{id: "1"}}
	r.set(backend.Order{ID: "1", Status: open, Detailed: true, History: []backend.Event{}})
	if r.detailLive {
		t.Fatal("a full list row counts as read from the store")
	}
	r.setDetail(backend.Order{ID: "1", Status: open, History: local})
	r.set(backend.Order{ID: "1", Status: open, Detailed: true, History: []backend.Event{}})
	if !r.detailLive || len(r.full().History) != 1 {
		t.Errorf("the list row replaced the detail: live %v, history %v", r.detailLive, r.full().History)
	}
	r.set(backend.Order{ID: "1", Status: backend.Status{Code: "P", Name: "Processed"}, Detailed: true, History: []backend.Event{}})
	if r.detailLive || r.full().Status.Code != "P" {
		t.Errorf("a row with a new status kept the old detail")
	}
}
