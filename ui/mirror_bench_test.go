package ui

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/storage"
)

// The dashboard on a mirror of 10k, 100k and 1M orders over three stores
// (storage.MirrorFixture, built once and kept in the temporary folder), so
// the growth shows in every note: View, a cursor move, a sync report and
// a filter keystroke must cost the same at every size. Targets (issue 11)
// at 200x60: View and a move ≤ 1 ms; a new page or push ≤ 1 ms of Update
// work; All stores' first screen from the 1M mirror ≤ 50 ms; a filter
// keystroke ≤ 16 ms; resident memory after scrolling the 1M All stores
// tab top to bottom ≤ 100 MB.
//
// ORDERDASH_BENCH_SIZES picks the sizes (default "10k,100k,1M"); the
// scroll through every row runs at 1M only, and only when 1M is picked.

var benchSizes = storage.BenchSizes("10k,100k,1M")

func sizeName(n int) string { return "orders=" + storage.SizeName(n) }

// fixturePath is the mirror fixture of n orders.
func fixturePath(b *testing.B, n int) string {
	b.Helper()
	path, err := storage.MirrorFixture(context.Background(), n)
	if err != nil {
		b.Fatal(err)
	}
	return path
}

// benchOptions are the fixture's three stores (empty: the mirror holds
// their orders) on db.
func benchOptions(db *storage.DB) Options {
	var stores []backend.Backend
	for _, name := range storage.FixtureStores {
		stores = append(stores, backendtest.New(backendtest.Config{Name: name}))
	}
	o := opts(stores...)
	o.Mirror = db
	o.Config.Refresh = 0
	return o
}

// openBench opens the fixture of n orders and the dashboard on it at
// 200x60, on All stores.
func openBench(b *testing.B, n int) (*harness, *storage.DB) {
	b.Helper()
	db, err := storage.Open(context.Background(), fixturePath(b, n))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	h := newHarness(b, benchOptions(db), 200, 60, noFill)
	if len(h.m.tab().rows) == 0 {
		b.Fatal("the dashboard shows no rows")
	}
	return h, db
}

// runNow runs a command and what it returns, on this goroutine, and
// returns the messages (batches flattened).
func runNow(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runNow(c)...)
		}
		return out
	case timerMsg:
		return nil
	default:
		return []tea.Msg{msg}
	}
}

// deliver feeds msgs to Update and returns the messages their commands
// produce.
func deliver(m *Model, msgs []tea.Msg) []tea.Msg {
	var out []tea.Msg
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		out = append(out, runNow(cmd)...)
	}
	return out
}

func msPerOp(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
}

// BenchmarkView draws the whole screen of All stores: only the rows on
// screen, from their cache.
func BenchmarkView(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			h, _ := openBench(b, n)
			h.press("n", "n")
			h.m.View()
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				_ = h.m.View()
			}
			msPerOp(b)
		})
	}
}

// BenchmarkCursorMove is one j on All stores: Update and the View that
// follows. A window read it starts runs outside the timer (it is a
// command's work, off the Update loop); its reply's Update is timed.
func BenchmarkCursorMove(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			h, _ := openBench(b, n)
			h.m.View()
			down := keyPress("j")
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				_, cmd := h.m.Update(down)
				_ = h.m.View()
				if cmd != nil {
					b.StopTimer()
					msgs := runNow(cmd)
					b.StartTimer()
					for len(msgs) > 0 {
						b.StopTimer()
						next := msgs
						b.StartTimer()
						msgs = nil
						for _, msg := range next {
							_, c := h.m.Update(msg)
							b.StopTimer()
							msgs = append(msgs, runNow(c)...)
							b.StartTimer()
						}
					}
				}
			}
			msPerOp(b)
		})
	}
}

// BenchmarkFirstScreen is All stores' first frame: open the database,
// read the first window and the counts, draw.
func BenchmarkFirstScreen(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			path := fixturePath(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				db, err := storage.Open(context.Background(), path)
				if err != nil {
					b.Fatal(err)
				}
				m, err := newModel(benchOptions(db), env{now: func() time.Time { return testNow }})
				if err != nil {
					b.Fatal(err)
				}
				m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
				t := m.tab()
				deliver(m, runNow(tea.Batch(m.readWindow(t, atTop), m.readCount(t), m.readStoreCounts())))
				if !strings.Contains(m.View().Content, "row 1 of") {
					b.Fatal("the first screen lacks its rows")
				}
				b.StopTimer()
				m.cancel()
				db.Close()
				b.StartTimer()
			}
			msPerOp(b)
		})
	}
}

// BenchmarkSyncReport is the Update work of a sync page or a push: the
// report, and the window and counts read again (the reads themselves are
// commands, outside the timer).
func BenchmarkSyncReport(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			h, _ := openBench(b, n)
			h.press("n", "n", "j")
			report := syncMsg{reports: []backend.SyncProgress{{Store: storage.FixtureStores[1], Phase: backend.SyncUpdating, Total: -1}}}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				_, cmd := h.m.Update(report)
				b.StopTimer()
				replies := runNow(cmd)
				b.StartTimer()
				for _, msg := range replies {
					h.m.Update(msg)
				}
				_ = h.m.View()
			}
			msPerOp(b)
		})
	}
}

// BenchmarkFilterKeystroke is one key typed in the / prompt, round trip:
// Update, the window query of the new view, its reply's Update and the
// View. The terms typed and erased are a common first name (one order in
// eight matches) and a rare one. The count of the matches runs in a
// command of its own beside it and is not timed.
func BenchmarkFilterKeystroke(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			h, _ := openBench(b, n)
			h.press("/")
			var keys []tea.KeyPressMsg
			for _, term := range []string{strings.ToLower(storage.FixtureCommonName), "kwame"} {
				for _, r := range term {
					keys = append(keys, tea.KeyPressMsg{Code: r, Text: string(r)})
				}
				for range term {
					keys = append(keys, keyPress("backspace"))
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				_, cmd := h.m.Update(keys[i%len(keys)])
				for _, msg := range runNow(cmd) {
					if _, ok := msg.(countMsg); ok {
						continue
					}
					h.m.Update(msg)
				}
				_ = h.m.View()
			}
			msPerOp(b)
		})
	}
}

// BenchmarkScrollMemory scrolls All stores of the 1M mirror from its top
// to its bottom a screen at a time and reports what the dashboard then
// holds: the Go heap in use after a collection, the process's resident
// memory (VmRSS, the database's page cache included) and the orders held.
func BenchmarkScrollMemory(b *testing.B) {
	const n = 1_000_000
	found := false
	for _, s := range benchSizes {
		found = found || s == n
	}
	if !found {
		b.Skip("ORDERDASH_BENCH_SIZES leaves out 1M")
	}
	h, _ := openBench(b, n)
	h.seen = nil // the harness's record of messages is not the dashboard's
	m := h.m
	// press delivers a key and every reply it leads to, on this goroutine
	// (the harness would keep a record of each).
	press := func(k string) {
		_, cmd := m.Update(keyPress(k))
		for msgs := runNow(cmd); len(msgs) > 0; {
			msgs = deliver(m, msgs)
		}
	}
	b.ResetTimer()
	for range b.N {
		press("g")
		for steps := 0; ; steps++ {
			t := m.tab()
			if t.last && t.cursor == len(t.rows)-1 {
				break
			}
			if steps > 2*n {
				b.Fatal("the scroll never reached the bottom")
			}
			press("pgdown")
			_ = m.View()
		}
	}
	b.StopTimer()
	// The fixture splits its orders evenly over its stores.
	if p, want := h.m.tab().position(), n/len(storage.FixtureStores)*len(storage.FixtureStores)-1; p != want {
		b.Fatalf("the scroll ended on row %d, want %d", p, want)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
	b.ReportMetric(float64(vmRSS())/(1<<20), "rss-MB")
	b.ReportMetric(float64(len(h.m.orders)), "orders-held")
}

// vmRSS is the process's resident memory in bytes (Linux), 0 elsewhere.
func vmRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
