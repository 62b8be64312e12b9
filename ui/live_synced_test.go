package ui

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// windowCounter counts the window reads of the mirror it wraps.
type windowCounter struct {
	Mirror
	n atomic.Int64
}

func (c *windowCounter) Window(ctx context.Context, w backend.Window) (backend.Rows, error) {
	c.n.Add(1)
	return c.Mirror.Window(ctx, w)
}

// Another orderdash of the team syncs a store into the shared mirror and
// tells each page it wrote: the open tab reads its window again at once,
// the cursor staying on the order it was on, and a burst of such notices
// costs one read, not one per page or order.
func TestSyncedNoticeRereadsTheWindow(t *testing.T) {
	for _, pages := range []int{1, 40} {
		t.Run(fmt.Sprintf("%d pages", pages), func(t *testing.T) {
			s := lunasoftLike("Luna", 30, 2)
			other := lunasoftLike("Other", 5, 3)
			h := newHarness(t, opts(s, other), 160, 45)
			h.press("tab") // the Luna tab
			tb := h.m.tab()
			if !tb.shows(0) || tb.shows(1) {
				t.Fatal("the second tab is not Luna's alone")
			}
			h.press("j", "j", "j")
			sel := h.selected()
			// Orders newer than every other arrive in the store; another
			// process's sync writes them into the mirror.
			var added []string
			for i := range 3 {
				o, _ := s.Order(sel.key.id)
				o.ID, o.Number = fmt.Sprint(900+i), fmt.Sprint(900+i)
				o.Created = testNow.Add(-time.Duration(i+1) * time.Second)
				o.Updated = o.Created
				s.Put(o)
				added = append(added, o.ID)
			}
			fillMirror(t, h.db, s)
			wc := &windowCounter{Mirror: h.m.mirror}
			h.m.mirror = wc
			ns := make([]backend.Notice, pages)
			for i := range ns {
				ns[i] = backend.Notice{Kind: backend.NoticeSynced, Store: "Luna"}
			}
			ended := make(chan backend.Notice)
			close(ended)
			h.send(noticesMsg{gen: h.m.team.live.gen, ch: ended, ns: ns})
			h.settle()
			for _, id := range added {
				if indexOf(tb.rows, orderKey{store: 0, id: id}) < 0 {
					t.Errorf("order %s, synced by another process, is not in the tab's window", id)
				}
			}
			if got := h.selected(); got == nil || got.key != sel.key {
				t.Errorf("the cursor moved to %v, want it on %v", got, sel.key)
			}
			if n := wc.n.Load(); n != 1 {
				t.Errorf("%d window reads for %d pages, want 1", n, pages)
			}
			// Another store's pages do not read this tab's window.
			wc.n.Store(0)
			h.send(noticesMsg{gen: h.m.team.live.gen, ch: ended, ns: []backend.Notice{{Kind: backend.NoticeSynced, Store: "Other"}}})
			h.settle()
			if n := wc.n.Load(); n != 0 {
				t.Errorf("%d window reads for a page of a store the tab does not show", n)
			}
		})
	}
}

// A page this process's own sync wrote comes back as a notice too: its
// sync's report has read the window already, so the notice reads nothing
// more; another process's does, and so does one without a sender (an
// older orderdash's).
func TestOwnSyncedNoticeReadsNothing(t *testing.T) {
	for _, tc := range []struct {
		name  string
		from  []string // the burst's senders
		reads int64
	}{
		{"this process's pages", []string{"me", "me", "me"}, 0},
		{"another process's page", []string{"other"}, 1},
		{"an older orderdash's page", []string{""}, 1},
		{"a burst of both", []string{"me", "other", "me"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := lunasoftLike("Luna", 30, 2)
			o := opts(s)
			o.Live = &fakeLive{sender: "me"}
			h := newHarness(t, o, 160, 45)
			wc := &windowCounter{Mirror: h.m.mirror}
			h.m.mirror = wc
			var ns []backend.Notice
			for _, f := range tc.from {
				ns = append(ns, backend.Notice{Kind: backend.NoticeSynced, Store: "Luna", From: f})
			}
			ended := make(chan backend.Notice)
			close(ended)
			h.send(noticesMsg{gen: h.m.team.live.gen, ch: ended, ns: ns})
			h.settle()
			if n := wc.n.Load(); n != tc.reads {
				t.Errorf("%d window reads, want %d", n, tc.reads)
			}
		})
	}
}
