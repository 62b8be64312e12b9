package ui

import (
	"context"
	"errors"
	"reflect"
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

	// On All stores both are on screen: the beat asks for Kornit X only.
	h.fire(isStoreTick)
	if !reflect.DeepEqual(h.syncAsked, []string{"Kornit X"}) {
		t.Errorf("the beat asked the sync for %v, want [Kornit X]", h.syncAsked)
	}
	// A new order pushed meanwhile shows once the pass reports.
	kx.Put(backend.Order{ID: "900001", Number: "900001", Created: testNow, Updated: testNow, Status: backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}})
	h.press("2")
	h.syncStores("Kornit X")
	h.mustSee("900001")

	// With the detail open the cursor stays on the order being read while
	// new ones arrive above it.
	h.press("enter")
	reading := h.selected().key
	kx.Put(backend.Order{ID: "900002", Number: "900002", Created: testNow.Add(time.Minute), Updated: testNow.Add(time.Minute), Status: backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}})
	h.syncStores("Kornit X")
	h.mustSee("900002")
	if got := h.selected().key; got != reading || h.m.detail.key != reading {
		t.Errorf("a pushed order moved the cursor from %v to %v (detail %v)", reading, got, h.m.detail.key)
	}
	h.press("enter")

	// On another store's tab it is not on screen: nothing is asked, but
	// the beat goes on.
	h.press("3")
	h.syncAsked = nil
	h.fire(isStoreTick)
	if len(h.syncAsked) != 0 {
		t.Errorf("the beat asked for %v while Kornit X is not on screen", h.syncAsked)
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
