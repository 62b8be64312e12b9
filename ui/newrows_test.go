package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// The orders a store's first fill brings into an empty mirror are not new
// to the operator: no tab says "N new" during the fill or after it; an
// order that arrives after the fill does.
func TestFirstFillIsNotNew(t *testing.T) {
	filling := func(store string, done int) backend.SyncProgress {
		return backend.SyncProgress{Store: store, Phase: backend.SyncFilling, Done: done, Total: -1}
	}
	filled := func(store string) backend.SyncProgress {
		return backend.SyncProgress{Store: store, Phase: backend.SyncIdle, Total: -1, Synced: testNow}
	}
	// step is one sync report; fill names the store whose orders reach
	// the mirror before it.
	type step struct {
		fill   string
		report backend.SyncProgress
	}
	cases := []struct {
		name  string
		steps []step
	}{
		{"one store", []step{
			{"", filling("A", 0)}, {"A", filling("A", 40)}, {"", filled("A")},
			{"", filling("B", 0)}, {"B", filling("B", 40)}, {"", filled("B")},
		}},
		{"rows before the first report", []step{
			{"A", filling("A", 40)}, {"", filled("A")}, {"B", filled("B")},
		}},
		{"two at once", []step{
			{"", filling("A", 0)}, {"", filling("B", 0)}, {"A", filling("A", 40)},
			{"B", filling("B", 40)}, {"", filled("B")}, {"", filled("A")},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, b := cscartLike("A", 40, 1), cscartLike("B", 40, 2)
			h := newHarness(t, opts(a, b), 160, 45, noFill)
			stores := map[string]backend.Backend{"A": a, "B": b}
			for _, s := range c.steps {
				if s.fill != "" {
					fillMirror(t, h.db, stores[s.fill])
				}
				h.send(syncMsg{reports: []backend.SyncProgress{s.report}})
				h.settle()
				for i, tb := range h.m.tabs {
					if tb.news.n != 0 {
						t.Fatalf("after %s %s %d: tab %d counts %d new", s.report.Store, s.report.Phase, s.report.Done, i+1, tb.news.n)
					}
				}
				if v := h.view(); strings.Contains(v, " new") {
					t.Fatalf("after %s %s: a title says new:\n%s", s.report.Store, s.report.Phase, v)
				}
			}
			h.mustSee("1 All stores 80", "2 A 40", "3 B 40")
			// After the fill, an order that arrives is new.
			at := testNow.Add(time.Hour)
			a.Put(backend.Order{ID: "900001", Number: "900001", Created: at, Updated: at,
				Status: backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}})
			h.press("3")
			h.syncStores()
			h.mustSee("2 A 41 1 new")
			h.mustNotSee("3 B 40 1 new")
		})
	}
}

// Team mode: another orderdash fills the shared mirror for the first time
// and tells of each page (NoticeSynced); this dashboard's own sync only
// says the store is filling. The pages are not new orders here either;
// an order that arrives after the fill is.
func TestOthersFirstFillIsNotNew(t *testing.T) {
	filling := func(store string) backend.SyncProgress {
		return backend.SyncProgress{Store: store, Phase: backend.SyncFilling, Total: -1}
	}
	filled := func(store string) backend.SyncProgress {
		return backend.SyncProgress{Store: store, Phase: backend.SyncIdle, Total: -1, Synced: testNow}
	}
	for _, reportFirst := range []bool{true, false} {
		t.Run(fmt.Sprintf("reported filling first %v", reportFirst), func(t *testing.T) {
			a, b := cscartLike("A", 40, 1), cscartLike("B", 40, 2)
			h := newHarness(t, opts(a, b), 160, 45, noFill)
			ended := make(chan backend.Notice)
			close(ended)
			synced := func(store string) {
				h.send(noticesMsg{gen: h.m.team.live.gen, ch: ended, ns: []backend.Notice{{Kind: backend.NoticeSynced, Store: store}}})
				h.settle()
			}
			noNews := func(step string) {
				t.Helper()
				for i, tb := range h.m.tabs {
					if tb.news.n != 0 {
						t.Fatalf("after %s: tab %d counts %d new", step, i+1, tb.news.n)
					}
				}
			}
			if reportFirst {
				h.send(syncMsg{reports: []backend.SyncProgress{filling("A"), filling("B")}})
				h.settle()
			}
			for _, s := range []struct {
				name string
				b    backend.Backend
			}{{"A", a}, {"B", b}} {
				fillMirror(t, h.db, s.b)
				synced(s.name)
				noNews("a page of " + s.name)
			}
			h.send(syncMsg{reports: []backend.SyncProgress{filled("A"), filled("B")}})
			h.settle()
			noNews("the fill's end")
			at := testNow.Add(time.Hour)
			a.Put(backend.Order{ID: "900001", Number: "900001", Created: at, Updated: at,
				Status: backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}})
			fillMirror(t, h.db, a)
			synced("A")
			h.mustSee("2 A 41 1 new")
			h.mustNotSee("3 B 40 1 new")
		})
	}
}
