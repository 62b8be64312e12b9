package ui

import (
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// tab is one tab of the header: "All stores" (merged, newest first) or one
// store. It is a view over feeds: its own cursor, filter and marks.
type tab struct {
	all   bool
	store int   // -1 for All stores
	feed  *feed // store tabs: the store's feed, or its status-filtered feed

	view  []*order // rows shown, after the filter
	built uint64   // the model's data generation the view was built at

	window
	// moved is set once the operator moves the cursor; until then it
	// stays on the newest order as rows arrive.
	moved bool

	filter string // text filter as typed
	status *statusFilter

	marks     map[orderKey]bool
	markStore int

	// jump is the page index the operator asked for that is still loading,
	// or -1.
	jump int
}

// statusFilter narrows a tab to some statuses: on the platform when it can
// filter (server), else over the loaded rows.
type statusFilter struct {
	label  string
	codes  []string           // store tabs
	kind   backend.StatusKind // All stores: by kind
	server bool
}

func newTab(all bool, store int, f *feed) *tab {
	return &tab{all: all, store: store, feed: f, marks: map[orderKey]bool{}, markStore: -1, jump: -1}
}

func (t *tab) selected() *order {
	if t.cursor < 0 || t.cursor >= len(t.view) {
		return nil
	}
	return t.view[t.cursor]
}

func (t *tab) filtered() bool {
	return strings.TrimSpace(t.filter) != "" || (t.status != nil && !t.status.server)
}

// matches applies the local filters.
func (t *tab) matches(r *order) bool {
	if t.status != nil && !t.status.server {
		if t.status.kind != "" {
			if r.disp.kind != t.status.kind {
				return false
			}
		} else if !containsFold(t.status.codes, r.o.Status.Code) {
			return false
		}
	}
	if q := strings.ToLower(strings.TrimSpace(t.filter)); q != "" {
		for _, word := range strings.Fields(q) {
			if !strings.Contains(r.search, word) {
				return false
			}
		}
	}
	return true
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// rebuild recomputes the view from its feeds, keeping the cursor on the
// same order when it is still shown.
func (t *tab) rebuild(feeds []*feed, gen uint64) {
	var keep orderKey
	had := false
	if r := t.selected(); r != nil && t.moved {
		keep, had = r.key, true
	}
	var src []*order
	if t.all {
		src = mergeFeeds(feeds)
	} else {
		src = t.feed.rows
	}
	if t.filtered() {
		view := make([]*order, 0, len(src)/4)
		for _, r := range src {
			if t.matches(r) {
				view = append(view, r)
			}
		}
		t.view = view
	} else {
		t.view = src
	}
	t.built = gen
	if had {
		// Most rebuilds append, so the order is usually where it was.
		if t.cursor < len(t.view) && t.view[t.cursor].key == keep {
			return
		}
		for i, r := range t.view {
			if r.key == keep {
				t.cursor = i
				return
			}
		}
	}
	t.clampCursor(len(t.view))
}

// mergeFeeds merges the stores' feeds newest first. A store with more
// pages to load holds back the others' older rows: an order is shown only
// once every store has loaded everything newer than it, so rows only ever
// append as pages arrive. Stores that failed or have not answered yet do
// not hold the others back.
func mergeFeeds(feeds []*feed) []*order {
	var frontier time.Time
	n := 0
	for _, f := range feeds {
		n += len(f.rows)
		if f.done || f.err != nil || len(f.rows) == 0 {
			continue
		}
		if o := f.oldest(); o.After(frontier) {
			frontier = o
		}
	}
	out := make([]*order, 0, n)
	pos := make([]int, len(feeds))
	for {
		best := -1
		var bt time.Time
		for i, f := range feeds {
			if pos[i] >= len(f.rows) {
				continue
			}
			c := f.rows[pos[i]].disp.created
			if best < 0 || c.After(bt) {
				best, bt = i, c
			}
		}
		if best < 0 || bt.Before(frontier) {
			return out
		}
		out = append(out, feeds[best].rows[pos[best]])
		pos[best]++
	}
}

// frontierFeed is the feed whose next page the merged view needs first:
// the unfinished one that has reached the least far back in time.
func frontierFeed(feeds []*feed) *feed {
	var best *feed
	for _, f := range feeds {
		if f.done || !f.started || len(f.rows) == 0 {
			continue
		}
		if best == nil || f.oldest().After(best.oldest()) {
			best = f
		}
	}
	return best
}
