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
