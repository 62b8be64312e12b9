package backendtest

import (
	"context"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

var ctx = context.Background()

func TestPagingModes(t *testing.T) {
	for _, c := range []struct {
		paging  Paging
		numbers bool
		total   bool
	}{{PageNumbers, true, true}, {NextFlag, true, false}, {Cursor, false, false}} {
		s := New(Config{Orders: 120, Seed: 1, Paging: c.paging})
		var all []backend.Order
		q := backend.Query{PageSize: 50}
		pages := 0
		for {
			p, err := s.List(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			all = append(all, p.Orders...)
			if c.numbers && p.Number != pages {
				t.Errorf("paging %d: page number %d, want %d", c.paging, p.Number, pages)
			}
			if !c.numbers && p.Number != 0 {
				t.Errorf("cursor paging reports page number %d", p.Number)
			}
			if c.total && p.Total != 120 || !c.total && p.Total != -1 {
				t.Errorf("paging %d: total %d", c.paging, p.Total)
			}
			if p.Next == "" {
				break
			}
			q.Cursor = p.Next
		}
		if pages != 3 || len(all) != 120 {
			t.Errorf("paging %d: %d pages, %d orders", c.paging, pages, len(all))
		}
		for i := 1; i < len(all); i++ {
			if all[i].Created.After(all[i-1].Created) {
				t.Fatalf("not newest first at %d", i)
			}
		}
		if all[0].Detailed || all[0].Items != nil || all[0].History != nil || all[0].ItemCount == 0 {
			t.Errorf("list row carries detail: %+v", all[0])
		}
	}
	s := New(Config{Orders: 10, Paging: Cursor})
	if _, err := s.List(ctx, backend.Query{Cursor: "2"}); !errors.Is(err, backend.ErrInvalidRequest) {
		t.Errorf("a page number on a cursor store: %v", err)
	}
	// An offset near MaxInt must not wrap round into a cursor back to the list.
	huge := base64.RawURLEncoding.EncodeToString([]byte("off:9223372036854775807"))
	if p, err := s.List(ctx, backend.Query{Cursor: huge}); err != nil || len(p.Orders) != 0 || p.Next != "" {
		t.Errorf("a cursor past the end: %d orders, next %q, %v", len(p.Orders), p.Next, err)
	}
}

func TestPageSizeCapsAndFixed(t *testing.T) {
	s := New(Config{Orders: 500, Caps: backend.Capabilities{MaxPageSize: 100}})
	p, _ := s.List(ctx, backend.Query{PageSize: 1000})
	if len(p.Orders) != 100 {
		t.Errorf("page of %d, want capped at 100", len(p.Orders))
	}
	f := New(Config{Orders: 500, Caps: backend.Capabilities{FixedPageSize: true, DefaultPageSize: 50, MaxPageSize: 50}})
	p, _ = f.List(ctx, backend.Query{PageSize: 10})
	if len(p.Orders) != 50 {
		t.Errorf("fixed page size gave %d", len(p.Orders))
	}
}

func TestFiltersFollowCapabilities(t *testing.T) {
	s := New(Config{Orders: 300, Seed: 2, Caps: backend.Capabilities{StatusFilter: true}})
	p, _ := s.List(ctx, backend.Query{Statuses: []string{"P"}, PageSize: 250})
	if len(p.Orders) == 0 || p.Total == 300 {
		t.Fatalf("status filter: %d orders of %d", len(p.Orders), p.Total)
	}
	for _, o := range p.Orders {
		if o.Status.Code != "P" {
			t.Fatalf("status filter returned %s", o.Status.Code)
		}
	}
	n := New(Config{Orders: 300, Seed: 2}) // no StatusFilter: ignored, like a platform that cannot
	p, _ = n.List(ctx, backend.Query{Statuses: []string{"P"}})
	if p.Total != 300 {
		t.Errorf("a store without status filter filtered: %d", p.Total)
	}
}

func TestSetStatusHistoryAndRules(t *testing.T) {
	at := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	s := New(Config{Orders: 50, Seed: 3, Now: func() time.Time { return at },
		Caps: backend.Capabilities{History: true, Notify: true, Notes: true, Tracking: true}})
	p, _ := s.List(ctx, backend.Query{})
	var o backend.Order
	for _, x := range p.Orders {
		if x.Status.Code == "O" {
			o = x
			break
		}
	}
	if o.ID == "" {
		t.Fatal("no open order generated")
	}
	full, _ := s.Get(ctx, o.ID)
	to := backend.Status{Code: "C", Name: "Complete", Kind: backend.KindShipped}
	if why := s.CanSet(full, to); why != "" {
		t.Fatalf("CanSet: %s", why)
	}
	got, err := s.SetStatus(ctx, backend.Change{OrderID: o.ID, To: to, Notify: true, Note: "boxed", Tracking: "1Z", Operator: "sam"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status.Code != "C" || !got.Detailed || got.Tracking != "1Z" || !got.Updated.Equal(at) {
		t.Errorf("answer = %+v", got)
	}
	if len(got.History) != len(full.History)+1 {
		t.Fatalf("history %d → %d", len(full.History), len(got.History))
	}
	ev := got.History[0]
	if ev.Status.Code != "C" || !ev.Notified || ev.Note != "boxed" || ev.Source != backend.SourcePlatform || ev.Actor != "sam" || !ev.At.Equal(at) {
		t.Errorf("newest entry = %+v", ev)
	}
	if applied, _, _ := s.Verify(ctx, backend.Change{OrderID: o.ID, To: to}); !applied {
		t.Error("Verify does not see the change")
	}
	if _, err := s.SetStatus(ctx, backend.Change{OrderID: o.ID, To: to}); !errors.Is(err, backend.ErrInvalidStatus) {
		t.Errorf("same status again: %v", err)
	}
	if _, err := s.SetStatus(ctx, backend.Change{OrderID: o.ID, To: backend.Status{Code: "N"}}); !errors.Is(err, backend.ErrInvalidStatus) {
		t.Errorf("unknown status: %v", err)
	}
	if _, err := s.SetStatus(ctx, backend.Change{OrderID: "nope", To: to}); !errors.Is(err, backend.ErrNotFound) {
		t.Errorf("unknown order: %v", err)
	}
	if why := s.CanSet(full, backend.Status{Code: "N", Name: "Incomplete"}); !strings.Contains(why, "does not offer") {
		t.Errorf("CanSet of a status the store lacks: %q", why)
	}
	if len(s.Changes()) != 1 {
		t.Errorf("changes recorded: %d", len(s.Changes()))
	}
	cancelled := backend.Order{Status: backend.Status{Code: "I", Name: "Canceled", Kind: backend.KindCancelled}}
	if DefaultCanSet(cancelled, to) == "" {
		t.Error("a cancelled order may move")
	}
	done := backend.Order{Status: backend.Status{Code: "E", Kind: backend.KindCompleted}}
	if DefaultCanSet(done, to) == "" || DefaultCanSet(done, backend.Status{Code: "R", Kind: backend.KindRefunded}) != "" {
		t.Error("completed orders: only refunds allowed")
	}
}

func TestNoHistoryPlatform(t *testing.T) {
	s := New(Config{Orders: 5})
	o, _ := s.Get(ctx, s.orders[0].ID)
	if o.History == nil || len(o.History) != 0 {
		t.Errorf("detail history = %v, want loaded and empty", o.History)
	}
}

func TestControls(t *testing.T) {
	s := New(Config{Orders: 5})
	boom := &backend.Error{Kind: backend.KindUnavailable, Message: "down"}
	s.FailNext(OpList, boom)
	if _, err := s.List(ctx, backend.Query{}); !errors.Is(err, backend.ErrUnavailable) {
		t.Errorf("FailNext: %v", err)
	}
	if _, err := s.List(ctx, backend.Query{}); err != nil {
		t.Errorf("FailNext lasted: %v", err)
	}
	s.SetError(OpGet, boom)
	for i := 0; i < 2; i++ {
		if _, err := s.Get(ctx, s.orders[0].ID); err == nil {
			t.Error("SetError did not stick")
		}
	}
	s.SetError(OpGet, nil)
	if _, err := s.Get(ctx, s.orders[0].ID); err != nil {
		t.Error(err)
	}
	if s.Calls(OpList) != 2 || s.Calls(OpGet) != 3 {
		t.Errorf("calls: list %d get %d", s.Calls(OpList), s.Calls(OpGet))
	}

	s.SetLatency(OpStatuses, time.Hour)
	c, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	if _, err := s.Statuses(c); !errors.Is(err, backend.ErrUnavailable) {
		t.Errorf("latency with a deadline: %v", err)
	}

	release := s.Gate(OpVerify)
	done := make(chan struct{})
	go func() {
		_, _, _ = s.Verify(ctx, backend.Change{OrderID: s.orders[0].ID})
		close(done)
	}()
	for s.Waiting() != 1 {
		time.Sleep(time.Millisecond)
	}
	select {
	case <-done:
		t.Fatal("the gate did not hold the call")
	default:
	}
	release()
	<-done

	until := time.Now().Add(time.Minute)
	s.SetBackoff(until)
	if !s.BackoffUntil().Equal(until) {
		t.Error("BackoffUntil")
	}
}

func TestSetStatusWithCancelledContextIsUncertain(t *testing.T) {
	s := New(Config{Orders: 5})
	release := s.Gate(OpSetStatus)
	defer release()
	c, cancel := context.WithCancel(ctx)
	cancel()
	_, err := s.SetStatus(c, backend.Change{OrderID: s.orders[0].ID, To: backend.Status{Code: "P"}})
	if !backend.IsUncertain(err) {
		t.Errorf("a write cut off is not uncertain: %v", err)
	}
}

func TestGenerateIsRepeatableAndScales(t *testing.T) {
	a := New(Config{Orders: 100, Seed: 42, Hostile: true})
	b := New(Config{Orders: 100, Seed: 42, Hostile: true})
	for i := range a.orders {
		if a.orders[i].Customer.Name != b.orders[i].Customer.Name || a.orders[i].Total != b.orders[i].Total {
			t.Fatal("same seed, different orders")
		}
	}
	hostile := 0
	for _, o := range a.orders {
		if backend.CleanLine(o.Customer.Name) != o.Customer.Name || backend.CleanText(o.Notes) != o.Notes {
			hostile++
		}
	}
	if hostile == 0 {
		t.Error("Hostile generated no hostile text")
	}
	big := New(Config{Orders: bigStore, Seed: 1})
	if big.Len() != bigStore {
		t.Errorf("Len = %d", big.Len())
	}
	p, _ := big.List(ctx, backend.Query{PageSize: 250, Cursor: itoa(bigStore / 250)})
	if len(p.Orders) != 250 || p.Next != "" {
		t.Errorf("last page: %d orders, next %q", len(p.Orders), p.Next)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// The store reports each SetStatus as one request that reached it, as a
// platform's transport would, unless a failure says it never left.
func TestSetStatusCountsSends(t *testing.T) {
	lost := &backend.Error{Kind: backend.KindUnavailable, Message: "timed out", Uncertain: true}
	refused := &backend.Error{Kind: backend.KindUnavailable, Message: "cannot reach the store"}
	cases := []struct {
		name string
		fail error
		want int
	}{
		{"answered", nil, 1},
		{"answer lost", lost, 1},
		{"never left", refused, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := New(Config{Orders: 5})
			if tc.fail != nil {
				s.FailNext(OpSetStatus, tc.fail)
			}
			c, sends := backend.CountSends(ctx)
			s.SetStatus(c, backend.Change{OrderID: s.orders[0].ID, To: backend.Status{Code: "P"}})
			if sends() != tc.want {
				t.Errorf("%d sends counted, want %d", sends(), tc.want)
			}
		})
	}
}
