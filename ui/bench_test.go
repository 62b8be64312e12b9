package ui

import (
	"fmt"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// loadedModel is a dashboard at 200x60 whose one store has n orders, all
// loaded through the platform's paging.
func loadedModel(b *testing.B, n int) *harness {
	b.Helper()
	s := backendtest.New(backendtest.Config{Name: "Bench store", Orders: n, Seed: 7,
		Caps: backend.Capabilities{History: true, Notify: true, Count: true, MaxPageSize: 250}})
	o := opts(s)
	o.Config.PageSize = 250
	h := newHarness(b, o, 200, 60)
	for !h.m.tab().feed.done {
		h.press("G")
	}
	if got := len(h.m.tab().view); got != n {
		b.Fatalf("loaded %d orders, want %d", got, n)
	}
	h.m.gotoRow(n / 2)
	return h
}

// BenchmarkView draws the whole screen with 1k, 10k and 100k orders
// loaded: only the visible rows are drawn, from their cache, so the cost
// does not grow with the orders loaded.
func BenchmarkView(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("orders=%d", n), func(b *testing.B) {
			h := loadedModel(b, n)
			h.m.View()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_ = h.m.View()
			}
		})
	}
}

// BenchmarkCursorMove is one j: Update and the View that follows it, with
// 100k orders loaded. Each move scrolls a row never drawn before into view.
func BenchmarkCursorMove(b *testing.B) {
	h := loadedModel(b, 100_000)
	h.m.gotoRow(0)
	h.m.View()
	down := keyPress("j")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if h.m.tab().cursor >= len(h.m.tab().view)-1 {
			b.StopTimer()
			h.m.gotoRow(0)
			h.m.View()
			b.StartTimer()
		}
		_, cmd := h.m.Update(down)
		_ = h.m.View()
		if cmd != nil {
			b.StopTimer()
			h.run(cmd)
			h.settle()
			b.StartTimer()
		}
	}
}

// BenchmarkPageFlip flips to the next page of a store that takes 100 ms
// to answer. Between flips the operator reads the page (the timer is
// stopped while the store answers the prefetch); the flip itself never
// waits for the store, because the page was fetched ahead. The waits
// metric counts flips that found their page missing: it must be 0.
func BenchmarkPageFlip(b *testing.B) {
	const latency = 100 * time.Millisecond
	s := backendtest.New(backendtest.Config{Name: "Slow store", Orders: 30 * 50, Seed: 3, Latency: latency,
		Caps: backend.Capabilities{Count: true}})
	h := newHarness(b, opts(s), 200, 60)
	next, prev := keyPress("n"), keyPress("p")
	waits := 0
	forward := true
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		h.settle() // the operator reads; the prefetch of the next page lands
		t := h.m.tab()
		f := t.feed
		page := f.pageAt(t.cursor)
		if forward && page == len(f.pages)-1 && f.done {
			forward = false
		} else if !forward && page == 0 {
			forward = true
		}
		key := next
		want := page + 1
		if !forward {
			key, want = prev, page-1
		}
		b.StartTimer()
		_, cmd := h.m.Update(key)
		_ = h.m.View()
		b.StopTimer()
		if got := f.pageAt(t.cursor); got != want {
			waits++
		}
		h.run(cmd)
		b.StartTimer()
	}
	b.StopTimer()
	h.settle()
	b.ReportMetric(float64(waits), "waits")
	b.ReportMetric(float64(latency.Milliseconds()), "store-ms")
}
