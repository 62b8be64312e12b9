package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/mirror"
)

func TestStatusBarShowsSyncProgress(t *testing.T) {
	cases := []struct {
		name string
		p    backend.SyncProgress
		want []string
		not  []string
	}{
		{name: "first fill", p: backend.SyncProgress{Phase: backend.SyncFilling, Done: 1200, Total: 5000},
			want: []string{"Cart", glyphPending + " filling 1,200/5,000"}, not: []string{"mirror"}},
		{name: "fill of unknown size", p: backend.SyncProgress{Phase: backend.SyncFilling, Done: 250, Total: -1},
			want: []string{"filling 250"}, not: []string{"250/"}},
		{name: "later pass", p: backend.SyncProgress{Phase: backend.SyncUpdating, Total: -1, Synced: testNow.Add(-3 * time.Minute)},
			want: []string{glyphPending + " syncing · mirror 3m"}},
		{name: "up to date", p: backend.SyncProgress{Phase: backend.SyncIdle, Total: -1, Synced: testNow.Add(-2 * time.Hour)},
			want: []string{"Cart", "· mirror 2h"}, not: []string{"syncing", "failed"}},
		{name: "failed", p: backend.SyncProgress{Phase: backend.SyncFailed, Total: -1, Synced: testNow.Add(-5 * time.Minute),
			Err: "store unreachable", RetryAt: testNow.Add(40 * time.Second)},
			want: []string{"mirror 5m · sync failed, retry in 40s"}},
		{name: "never filled", p: backend.SyncProgress{Phase: backend.SyncFailed, Total: -1},
			want: []string{"mirror empty · sync failed"}},
		{name: "stopped", p: backend.SyncProgress{Phase: backend.SyncStopped, Total: -1, Synced: testNow.Add(-time.Minute),
			Err: "the database file was deleted"},
			want: []string{glyphFailed + " mirror 1m · sync stopped", "the mirror of Cart stopped syncing: the database file was deleted"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, opts(cscartLike("Cart", 20, 1)), 160, 30)
			before := h.statusBar()
			c.p.Store = "Cart"
			h.send(syncMsg{reports: []backend.SyncProgress{c.p}})
			bar := h.statusBar()
			if bar == before {
				t.Errorf("the status bar did not change: %q", bar)
			}
			view := h.view()
			for _, w := range c.want {
				if !strings.Contains(view, w) {
					t.Errorf("status bar %q, error line and all: want %q", bar, w)
				}
			}
			for _, n := range c.not {
				if strings.Contains(bar, n) {
					t.Errorf("status bar %q holds %q", bar, n)
				}
			}
		})
	}
}

func TestStatusBarMirrorAgeFollowsTheClock(t *testing.T) {
	h := newHarness(t, opts(cscartLike("Cart", 20, 1)), 160, 30)
	h.send(syncMsg{reports: []backend.SyncProgress{{Store: "Cart", Phase: backend.SyncIdle, Synced: testNow}}})
	if bar := h.statusBar(); !strings.Contains(bar, "mirror now") {
		t.Fatalf("status bar %q", bar)
	}
	h.advance(90 * time.Second)
	h.send(tickMsg{})
	if bar := h.statusBar(); !strings.Contains(bar, "mirror 1m") {
		t.Errorf("after 90s the status bar says %q", bar)
	}
}

func TestStatusBarNarrowKeepsMirrorAge(t *testing.T) {
	h := newHarness(t, opts(cscartLike("A store with a long name", 20, 1), lunasoftLike("Another long store name", 20, 2)), 60, 20)
	h.send(syncMsg{reports: []backend.SyncProgress{
		{Store: "A store with a long name", Phase: backend.SyncFilling, Done: 123456, Total: 999999},
		{Store: "Another long store name", Phase: backend.SyncIdle, Synced: testNow.Add(-4 * time.Minute)},
	}})
	bar := h.statusBar()
	if !strings.Contains(bar, "filling") || strings.Contains(bar, "123,456") {
		t.Errorf("narrow status bar %q: want the phase without counts", bar)
	}
	if w := width(bar); w > 60 {
		t.Errorf("status bar is %d wide on a 60-column screen", w)
	}
}

func TestUnknownStoresReportIsIgnored(t *testing.T) {
	h := newHarness(t, opts(cscartLike("Cart", 20, 1)), 160, 30)
	before := h.view()
	h.send(syncMsg{reports: []backend.SyncProgress{{Store: "Gone", Phase: backend.SyncStopped, Err: "x"}}})
	if h.view() != before {
		t.Errorf("a report of a store not configured changed the screen")
	}
}

// The reports reach Update through a command that waits for them: the
// sync never waits for a frame, and Update never waits for the sync.
func TestSyncReportsArriveAsMessages(t *testing.T) {
	r := mirror.NewReports()
	o := opts(cscartLike("Cart", 20, 1))
	o.Sync = r
	o.Mirror = memoryDB(t)
	m, err := newModel(o, env{now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer m.cancel()
	got := make(chan any, 1)
	cmd := m.waitSync()
	go func() { got <- cmd() }()
	r.Report(backend.SyncProgress{Store: "Cart", Phase: backend.SyncIdle, Synced: testNow})
	msg, ok := (<-got).(syncMsg)
	if !ok || len(msg.reports) != 1 || msg.reports[0].Phase != backend.SyncIdle {
		t.Fatalf("waitSync returned %#v", msg)
	}
	_, next := m.Update(msg)
	if next == nil {
		t.Fatal("after a report the dashboard does not wait for the next")
	}
	if !m.stores[0].mirrorKnown {
		t.Error("the report was not recorded")
	}
	// The reply waits for the next reports (beside the window read the
	// report asks for); closing the dashboard ends the wait with no message.
	batch, ok := next().(tea.BatchMsg)
	if !ok || len(batch) == 0 {
		t.Fatalf("after a report Update returned %#v", batch)
	}
	wait := batch[0]
	go func() { got <- wait() }()
	m.cancel()
	if msg := <-got; msg != nil {
		t.Errorf("after the dashboard closed the wait returned %#v", msg)
	}
}

// statusBar is the status bar as drawn, without styles.
func (h *harness) statusBar() string { return ansi.Strip(h.m.statusBarView(h.m.width)) }
