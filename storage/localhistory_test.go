package storage

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

// backoffFake is a client in a rate-limit back-off that may be re-read
// often (both sides of what the dashboard asks of a store besides orders).
type backoffFake struct {
	*fake.Store
	until time.Time
}

func (b backoffFake) BackoffUntil() time.Time { return b.until }

func TestWithLocalHistoryForwards(t *testing.T) {
	db := openTest(t)
	until := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	pushed := fake.NewStore("C", true)
	pushed.Caps.RefreshInterval = 3 * time.Second
	tests := []struct {
		name    string
		b       backend.Backend
		until   time.Time
		refresh time.Duration
	}{
		{"plain", fake.NewStore("A", true), time.Time{}, 0},
		{"backoff", backoffFake{fake.NewStore("B", true), until}, until, 0},
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
	f := fake.NewStore("Shop", true)
	for i := range 2000 {
		id := strconv.Itoa(1000 + i)
		f.Orders[id] = &backend.Order{Store: "Shop", ID: id, Status: fake.Open, History: []backend.Event{}}
	}
	j := db.Journal("sam")
	for i := range 2000 {
		ch := fake.Change("Shop", strconv.Itoa(1000+i%200))
		ch.To = []backend.Status{fake.Open, fake.Shipped}[i%2]
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
