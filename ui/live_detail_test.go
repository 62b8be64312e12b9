package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// Another operator's change is told in two notices (sent, then
// confirmed), each reading the open order's detail again. When the first
// read's answer (the order as it was) arrives after the second's, it must
// not replace the newer detail: it did, the table's next read of the
// mirror then dropped that old detail as out of date, and the pane stayed
// in its short form (no timeline, nothing loading) for good.
func TestLateDetailReplyKeepsTheOpenDetail(t *testing.T) {
	ctx := context.Background()
	s := lunasoftLike("Luna", 30, 2)
	db := memoryDB(t)
	o := opts(s)
	o.DB = db
	o.Live = &fakeLive{}
	h := newHarness(t, o, 160, 45)
	ended := make(chan backend.Notice)
	close(ended)
	notice := func(n backend.Notice) {
		t.Helper()
		h.send(noticesMsg{gen: h.m.team.live.gen, ch: ended, ns: []backend.Notice{n}})
		h.settle()
	}

	r := h.selected()
	h.press("enter")
	if !h.m.detail.open || r.detail == nil || !r.detailLive {
		t.Fatalf("the detail of #%s did not load", r.disp.number)
	}
	// ann's change, recorded and sent: bob reads the order again, as it
	// still is on the store.
	to := otherStatus(t, s, r.o.Status)
	ch := backend.Change{Store: "Luna", OrderID: r.key.id, From: r.o.Status, To: to, Operator: "ann"}
	j := db.Journal("ann")
	if err := j.Record(ctx, &ch); err != nil {
		t.Fatal(err)
	}
	if err := j.Sent(ctx, ch.ID); err != nil {
		t.Fatal(err)
	}
	notice(backend.Notice{Kind: backend.NoticeChange, Store: "Luna", OrderID: ch.OrderID, ChangeID: ch.ID, State: backend.StateSent})
	// That read's answer, held back: it arrives last.
	late := detailMsg{key: r.key, req: h.m.detail.req, res: *r.detail}

	// The store applies it; the confirmation's notice reads it again.
	now, _ := s.Order(r.key.id)
	now.Status, now.Updated = to, now.Updated.Add(time.Minute)
	now.History = append([]backend.Event{{At: now.Updated, Status: to, Source: backend.SourceLocal, Actor: "ann", Tracking: "1Z999AA10123456784"}}, now.History...)
	s.Put(now)
	if err := j.Confirmed(ctx, ch.ID, 1, now); err != nil {
		t.Fatal(err)
	}
	notice(backend.Notice{Kind: backend.NoticeChange, Store: "Luna", OrderID: ch.OrderID, ChangeID: ch.ID, State: backend.StateConfirmed})
	h.mustSee("tracking 1Z999AA10123456784")

	h.send(late)
	h.settle()
	if r.detail == nil || r.detail.Status.Code != to.Code {
		t.Fatalf("after the late answer the detail is %+v; want the order as %s", r.detail, to.Code)
	}
	if r.o.Status.Code != to.Code {
		t.Errorf("the row shows %s, want %s", r.o.Status.Code, to.Code)
	}
	h.mustSee("tracking 1Z999AA10123456784")
	if strings.Contains(h.view(), "loading") {
		t.Errorf("the pane still says loading:\n%s", h.view())
	}
}

// The open order changed by someone else and synced into the mirror
// (another orderdash of the team syncs the store): the table's newer row
// drops the detail read before, and the pane reads the order again
// rather than staying in its short form.
func TestOpenDetailReadAgainWhenASyncBringsANewerOrder(t *testing.T) {
	s := lunasoftLike("Luna", 30, 2)
	o := opts(s)
	h := newHarness(t, o, 160, 45)
	r := h.selected()
	h.press("enter")
	if r.detail == nil || !r.detailLive {
		t.Fatalf("the detail of #%s did not load", r.disp.number)
	}
	to := otherStatus(t, s, r.o.Status)
	now, _ := s.Order(r.key.id)
	now.Status, now.Updated = to, now.Updated.Add(time.Minute)
	now.History = append([]backend.Event{{At: now.Updated, Status: to, Source: backend.SourceLocal, Actor: "ann", Tracking: "1Z999AA10123456784"}}, now.History...)
	s.Put(now)
	gets := s.Calls(backendtest.OpGet)
	h.syncStores()
	if r.o.Status.Code != to.Code {
		t.Fatalf("the row shows %s after the sync, want %s", r.o.Status.Code, to.Code)
	}
	if r.detail == nil || r.detail.Status.Code != to.Code {
		t.Fatalf("the open detail is %v after the sync; want it read again, as %s", r.detail, to.Code)
	}
	h.mustSee("tracking 1Z999AA10123456784")
	// Read again once, not in a loop.
	if n := s.Calls(backendtest.OpGet) - gets; n != 1 {
		t.Errorf("the order was read %d times, want once", n)
	}
}

// In team mode the journal's confirming transaction patches the shared
// mirror's row to the new status but keeps its old time (the store's
// new time arrives with the next write of the order), so for a moment
// the tables read the order as the new status at the old time. The open
// detail, read from the store, is newer: such a row must not drop it.
// It did, and the second such row (a window read started before the
// re-read's answer was written back) was not read again (the re-read
// guard had seen that row), so the pane stayed in its short form, without
// the other operator's timeline entry.
func TestOpenDetailKeptWhenARowIsOlderThanIt(t *testing.T) {
	s := lunasoftLike("Luna", 30, 2)
	h := newHarness(t, opts(s), 160, 45)
	tb := h.m.tab()
	r := h.selected()
	h.press("enter")
	if r.detail == nil || !r.detailLive {
		t.Fatalf("the detail of #%s did not load", r.disp.number)
	}
	was := r.o.Updated
	to := backend.Status{Code: "Shipped", Name: "Shipped", Kind: backend.KindShipped}
	now, _ := s.Order(r.key.id)
	now.Status, now.Updated = to, now.Updated.Add(time.Minute)
	now.History = append([]backend.Event{{At: now.Updated, Status: to, Source: backend.SourceLocal, Actor: "ann", Tracking: "1Z999AA10123456784"}}, now.History...)
	s.Put(now)
	// window answers a read of the tab's window with the order's row
	// changed by edit, as a read racing the writes of the shared mirror
	// sees it.
	window := func(edit func(*backend.Order)) {
		t.Helper()
		cmd := h.m.readWindow(tb, aroundCursor)
		if cmd == nil {
			t.Fatal("no window read started")
		}
		msg := cmd().(windowMsg)
		found := false
		for i, o := range msg.rows.Orders {
			if o.ID == r.key.id {
				edit(&msg.rows.Orders[i])
				found = true
			}
		}
		if !found {
			t.Fatalf("the window lacks order %s", r.key.id)
		}
		h.send(msg)
		h.settle()
	}
	// The confirmation's notice read the order from the store.
	ended := make(chan backend.Notice)
	close(ended)
	h.send(noticesMsg{gen: h.m.team.live.gen, ch: ended, ns: []backend.Notice{{Kind: backend.NoticeChange, Store: "Luna", OrderID: r.key.id, State: backend.StateConfirmed}}})
	h.settle()
	h.mustSee("tracking 1Z999AA10123456784")
	for i := range 2 {
		// The new status at the old time.
		window(func(o *backend.Order) { o.Status, o.Updated = to, was })
		if r.detail == nil || r.detail.Status.Code != to.Code {
			t.Fatalf("after patched row %d the open detail is %v; want the store's, as %s", i+1, r.detail, to.Code)
		}
		h.mustSee("tracking 1Z999AA10123456784")
	}
	// The mirror catches up with the store: still the full detail.
	window(func(o *backend.Order) { o.Status, o.Updated = to, now.Updated })
	h.mustSee("tracking 1Z999AA10123456784")
	if r.o.Status.Code != to.Code {
		t.Errorf("the row shows %s, want %s", r.o.Status.Code, to.Code)
	}
}

// Window reads that began before the open order changed answer after the
// store's newer detail: each drops it (the row's status differs), and
// the second is not read again (the re-read guard had seen that row).
// The mirror's newer row then arrives: the pane, with no detail left,
// reads the order again rather than staying in its short form.
func TestOpenDetailReadAgainWhenItsRowMovesOnWithoutIt(t *testing.T) {
	s := lunasoftLike("Luna", 30, 2)
	h := newHarness(t, opts(s), 160, 45)
	tb := h.m.tab()
	r := h.selected()
	h.press("enter")
	if r.detail == nil || !r.detailLive {
		t.Fatalf("the detail of #%s did not load", r.disp.number)
	}
	stale := r.o
	to := backend.Status{Code: "Shipped", Name: "Shipped", Kind: backend.KindShipped}
	now, _ := s.Order(r.key.id)
	now.Status, now.Updated = to, now.Updated.Add(time.Minute)
	now.History = append([]backend.Event{{At: now.Updated, Status: to, Source: backend.SourceLocal, Actor: "ann", Tracking: "1Z999AA10123456784"}}, now.History...)
	s.Put(now)
	window := func(edit func(*backend.Order)) {
		t.Helper()
		cmd := h.m.readWindow(tb, aroundCursor)
		if cmd == nil {
			t.Fatal("no window read started")
		}
		msg := cmd().(windowMsg)
		for i, o := range msg.rows.Orders {
			if o.ID == r.key.id {
				edit(&msg.rows.Orders[i])
			}
		}
		h.send(msg)
		h.settle()
	}
	ended := make(chan backend.Notice)
	close(ended)
	h.send(noticesMsg{gen: h.m.team.live.gen, ch: ended, ns: []backend.Notice{{Kind: backend.NoticeChange, Store: "Luna", OrderID: r.key.id, State: backend.StateConfirmed}}})
	h.settle()
	h.mustSee("tracking 1Z999AA10123456784")
	for range 2 {
		window(func(o *backend.Order) { o.Status, o.Updated = stale.Status, stale.Updated })
	}
	window(func(o *backend.Order) { o.Status, o.Updated = to, now.Updated })
	if r.detail == nil || r.detail.Status.Code != to.Code {
		t.Fatalf("the open detail is %v once the mirror has the order as %s; want it read again", r.detail, to.Code)
	}
	h.mustSee("tracking 1Z999AA10123456784")
}

// A store's answer does not say since when the order is in its status;
// the mirror does. The row keeps the mirror's time through a detail read
// of the same status, and takes it from a mirror row that is otherwise
// older than the detail (another operator's change): the Age column
// says "0m", not the time since the order was made.
func TestDetailKeepsTheMirrorsTimeInStatus(t *testing.T) {
	p := backend.Status{Code: "P", Name: "Processed", Kind: backend.KindProcessing}
	c := backend.Status{Code: "C", Name: "Complete", Kind: backend.KindCompleted}
	made := testNow.Add(-2 * time.Hour)
	since := testNow.Add(-time.Hour)
	r := &order{}
	r.show(backend.Order{ID: "1", Status: p, Created: made, Updated: since, StatusSince: since})
	r.setDetail(backend.Order{ID: "1", Status: p, Created: made, Updated: since})
	if !r.o.StatusSince.Equal(since) {
		t.Errorf("after a detail read of the same status the row's time in status is %v, want %v", r.o.StatusSince, since)
	}
	// Another operator's change: the store's detail first, then the
	// shared mirror's row at the row's old time.
	changed := testNow.Add(-time.Minute)
	r.setDetail(backend.Order{ID: "1", Status: c, Created: made, Updated: testNow})
	r.set(backend.Order{ID: "1", Status: c, Created: made, Updated: since, StatusSince: changed})
	if !r.o.StatusSince.Equal(changed) {
		t.Errorf("after the mirror's row the time in status is %v, want %v", r.o.StatusSince, changed)
	}
	if r.detail == nil || !r.detailLive {
		t.Error("the detail read from the store was dropped")
	}
}
