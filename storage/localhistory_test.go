package storage

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

func TestWithLocalHistory(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name        string
		history     bool // the platform keeps a history of its own
		wantEntries int  // timeline length after one change
		wantSource  backend.Source
	}{
		// CS-Cart and Kornit X: the journal is the whole timeline.
		{"no platform history", false, 1, backend.SourceLocal},
		// The platform shows the change too: one entry, the operator filled in.
		{"platform history", true, 1, backend.SourcePlatform},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTest(t)
			f := newFake("Shop", true)
			f.caps.History = tt.history
			var inner backend.Backend = f
			if !tt.history {
				inner = noHistory{f}
			}
			b := WithLocalHistory(inner, db)
			got, err := backend.Apply(ctx, b, db.Journal("sam"), change("Shop", "1"))
			if err != nil {
				t.Fatal(err)
			}
			// SetStatus runs before the journal confirms the change.
			if n := countActor(got.History, "sam"); n != 0 {
				t.Errorf("SetStatus's order already has the change being applied: %+v", got.History)
			}

			o, err := b.Get(ctx, "1")
			if err != nil {
				t.Fatal(err)
			}
			if len(o.History) != tt.wantEntries {
				t.Fatalf("timeline %+v, want %d entries", o.History, tt.wantEntries)
			}
			ev := o.History[0]
			if ev.Actor != "sam" || ev.Source != tt.wantSource || ev.Status.Code != stShipped.Code || ev.Tracking != "1Z999" {
				t.Errorf("entry %+v", ev)
			}
			applied, vo, err := b.Verify(ctx, change("Shop", "1"))
			if err != nil || !applied || countActor(vo.History, "sam") != 1 {
				t.Errorf("Verify: applied %v, history %+v, err %v", applied, vo.History, err)
			}

			// The next change's SetStatus carries the earlier one.
			second := change("Shop", "1")
			second.To = stNew
			got, err = backend.Apply(ctx, b, db.Journal("ann"), second)
			if err != nil || countActor(got.History, "sam") != 1 {
				t.Errorf("SetStatus lacks the earlier change: %+v (%v)", got.History, err)
			}

			// Another order has none of it.
			if o, err := b.Get(ctx, "2"); err != nil || len(o.History) != 0 {
				t.Errorf("order 2: %+v %v", o.History, err)
			}
		})
	}
}

// noHistory is a platform that keeps no status history (CS-Cart).
type noHistory struct{ *fakeStore }

func (n noHistory) Get(ctx context.Context, id string) (backend.Order, error) {
	o, err := n.fakeStore.Get(ctx, id)
	o.History = []backend.Event{}
	return o, err
}

func (n noHistory) SetStatus(ctx context.Context, ch backend.Change) (backend.Order, error) {
	o, err := n.fakeStore.SetStatus(ctx, ch)
	o.History = []backend.Event{}
	return o, err
}

func (n noHistory) Verify(ctx context.Context, ch backend.Change) (bool, backend.Order, error) {
	o, err := n.Get(ctx, ch.OrderID)
	return err == nil && o.Status.Code == ch.To.Code, o, err
}

func countActor(h []backend.Event, actor string) int {
	n := 0
	for _, e := range h {
		if e.Actor == actor {
			n++
		}
	}
	return n
}

func TestWithLocalHistoryKeepsUnloadedHistory(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	f := newFake("Shop", true)
	b := WithLocalHistory(f, db)
	if _, err := backend.Apply(ctx, b, db.Journal("sam"), change("Shop", "1")); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	f.orders["1"].History = nil // the platform keeps one, but did not send it
	f.mu.Unlock()
	o, err := b.Get(ctx, "1")
	if err != nil || o.History != nil {
		t.Errorf("an unloaded history was filled with local entries: %+v %v", o.History, err)
	}
}

func TestWithLocalHistoryDatabaseGone(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	f := newFake("Shop", true)
	b := WithLocalHistory(f, db)
	db.Close()
	o, err := b.Get(ctx, "1")
	if err != nil || o.ID != "1" {
		t.Errorf("a database that cannot be read failed the store's answer: %+v %v", o, err)
	}
}

// backoffFake is a client in a rate-limit back-off that may be re-read
// often (both sides of what the dashboard asks of a store besides orders).
type backoffFake struct {
	*fakeStore
	until time.Time
}

func (b backoffFake) BackoffUntil() time.Time { return b.until }

func TestWithLocalHistoryForwards(t *testing.T) {
	db := openTest(t)
	until := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	pushed := newFake("C", true)
	pushed.caps.RefreshInterval = 3 * time.Second
	tests := []struct {
		name    string
		b       backend.Backend
		until   time.Time
		refresh time.Duration
	}{
		{"plain", newFake("A", true), time.Time{}, 0},
		{"backoff", backoffFake{newFake("B", true), until}, until, 0},
		{"refresh", pushed, time.Time{}, 3 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := WithLocalHistory(tt.b, db)
			if got := w.BackoffUntil(); !got.Equal(tt.until) {
				t.Errorf("BackoffUntil = %v, want %v", got, tt.until)
			}
			if got := w.Capabilities().RefreshInterval; got != tt.refresh {
				t.Errorf("RefreshInterval = %v, want %v", got, tt.refresh)
			}
			if u, ok := w.(interface{ Unwrap() backend.Backend }); !ok || u.Unwrap() != tt.b {
				t.Error("Unwrap does not return the client")
			}
			if again := WithLocalHistory(w, db); again != w {
				t.Error("wrapping twice stacks two decorators")
			}
			if w.Name() != tt.b.Name() || w.Capabilities().SafeResend != tt.b.Capabilities().SafeResend {
				t.Error("Name or Capabilities not forwarded")
			}
		})
	}
	if WithLocalHistory(nil, db) != nil {
		t.Error("nil backend")
	}
}

// BenchmarkWithLocalHistoryGet is what the decorator adds to every detail
// read: one indexed query of the order's confirmed changes, in a journal
// of a few thousand, and the merge.
func BenchmarkWithLocalHistoryGet(b *testing.B) {
	ctx := context.Background()
	db := openTest(b)
	f := newFake("Shop", true)
	for i := range 2000 {
		id := strconv.Itoa(1000 + i)
		f.orders[id] = &backend.Order{Store: "Shop", ID: id, Status: stNew, History: []backend.Event{}}
	}
	j := db.Journal("sam")
	for i := range 2000 {
		ch := change("Shop", strconv.Itoa(1000+i%200))
		ch.To = []backend.Status{stNew, stShipped}[i%2]
		if _, err := backend.Apply(ctx, f, j, ch); err != nil {
			b.Fatal(err)
		}
	}
	w := WithLocalHistory(f, db)
	b.ReportAllocs()
	for b.Loop() {
		o, err := w.Get(ctx, "1042")
		if err != nil || len(o.History) < 10 {
			b.Fatalf("%d entries, %v", len(o.History), err)
		}
	}
}
