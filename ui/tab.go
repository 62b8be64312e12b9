package ui

import (
	"context"
	"slices"
	"strings"

	"github.com/orderdash/orderdash/backend"
)

// tab is one tab of the header: "All stores" or one store. It is a query
// over the mirror (its view: stores, status filter, text filter) and a
// window of that query's rows: those on screen plus a margin each way,
// read again around the cursor as it nears an edge. Nothing in a tab
// grows with the number of orders in the mirror.
type tab struct {
	all   bool
	store int // -1 for All stores

	// rows is the window, in the view's order; first and last say whether
	// it reaches the view's top and bottom.
	rows        []*order
	first, last bool
	// base is the position in the view of rows[0], -1 when unknown (after
	// a jump into the middle of a view whose count is not known yet).
	base int
	// count is how many orders the view holds, -1 until counted.
	count int
	// loaded is set once a window of the current view has arrived.
	loaded bool
	err    error // why the last window read failed, until one succeeds

	window // cursor and offset, indices into rows
	// moved is set once the operator moves the cursor; until then it
	// stays on the newest order as rows arrive.
	moved bool
	// pendingMove is the part of a move the window could not take yet:
	// it is made when the next window lands.
	pendingMove int

	reads  reader // window reads
	counts reader // counts of the view
	// gen goes up whenever the view changes: replies for an older view
	// are dropped.
	gen uint64

	filter string // text filter as typed
	status *statusFilter

	// sort and asc order the view (o, O; sort.go); tally is its counts
	// per kind and late, nil until counted.
	sort    backend.SortField
	asc     bool
	tally   *backend.Tally
	tallies reader

	marks map[orderKey]bool

	// preset is a saved view's query ([[views]], views.go), nil on All
	// stores and store tabs; viewStores are its stores' indices (nil: all).
	preset     *ViewTab
	viewStores []int
	// news counts the orders that arrived in the tab's view since it was
	// last visited (newrows.go).
	news newRows
}

// statusFilter narrows a tab to some statuses: one or several of the
// store's statuses on a store tab, of the kinds on All stores and views
// (f marks several: picker.go).
type statusFilter struct {
	label string
	codes []string             // store tabs
	kinds []backend.StatusKind // All stores and views: by kind
}

func newTab(all bool, store int) *tab {
	return &tab{all: all, store: store, base: 0, count: -1, marks: map[orderKey]bool{}}
}

func (t *tab) selected() *order {
	if t.cursor < 0 || t.cursor >= len(t.rows) {
		return nil
	}
	return t.rows[t.cursor]
}

func (t *tab) filtered() bool {
	return strings.TrimSpace(t.filter) != "" || t.status != nil
}

// viewOf is the query a tab is over the mirror: its stores (every
// configured one on All stores, so a store taken out of the config is not
// shown), its status filter and its text.
func (m *Model) viewOf(t *tab) backend.View {
	var v backend.View
	if t.all {
		for _, s := range m.stores {
			v.Stores = append(v.Stores, s.b.Name())
		}
	} else {
		v.Stores = []string{m.stores[t.store].b.Name()}
	}
	if t.status != nil {
		if len(t.status.kinds) > 0 {
			v.Kinds = slices.Clone(t.status.kinds)
		} else {
			v.Statuses = t.status.codes
		}
	}
	v.Text = strings.TrimSpace(t.filter)
	// A saved view's own sort until the operator sorts the tab (o, O).
	if t.preset != nil {
		m.presetView(t, &v)
	}
	v.SLA = m.opts.SLA
	if v.Late {
		// Judged at the dashboard's clock, as its Age column is.
		v.Now = m.env.now()
	}
	if t.sort != "" || t.preset == nil {
		v.Sort, v.Asc = t.sort, t.asc
	}
	return v
}

// storesOf is how many stores the tab shows: a tab of one store has no
// Store column, whatever its kind.
func (m *Model) storesOf(t *tab) int {
	if t.preset != nil && t.viewStores != nil {
		return len(t.viewStores)
	}
	if t.all {
		return len(m.stores)
	}
	return 1
}

// shows reports whether the tab's view includes store s.
func (t *tab) shows(s int) bool {
	if t.preset != nil && t.viewStores != nil {
		return slices.Contains(t.viewStores, s)
	}
	return t.all || t.store == s
}

// position is the cursor's place in the view, -1 when unknown.
func (t *tab) position() int {
	if t.base < 0 || len(t.rows) == 0 {
		return -1
	}
	return t.base + t.cursor
}

// exactCount reports whether count is the view's count: a view with text
// is counted only up to backend.TextCountLimit (more reads "200+").
func (t *tab) exactCount() bool {
	text := strings.TrimSpace(t.filter) != "" || t.preset != nil && t.preset.View.Text != ""
	return t.count >= 0 && (!text || t.count <= backend.TextCountLimit)
}

// countText is the view's count for the screen: "1,204", or "200+".
func (t *tab) countText() string {
	if t.count >= 0 && !t.exactCount() {
		return thousands(backend.TextCountLimit) + "+"
	}
	return thousands(t.count)
}

// reader is one kind of read a tab makes, coalesced: at most one in
// flight (req), and at most one more asked for meanwhile (again).
type reader struct {
	req   int64
	again bool
	// cancel stops the read in flight: a read overtaken by a new view
	// (a filter keystroke, a jump) is not left to run to its end, since
	// a text that matches little can read a large part of the mirror.
	cancel context.CancelFunc
}

func (r *reader) busy() bool { return r.req != 0 }

// start begins a read with request id req and returns its context; the
// read it replaces, if any is still running, is cancelled. Only one is
// ever outstanding, so the contexts do not pile up on the model's.
func (r *reader) start(parent context.Context, req int64) context.Context {
	r.stop()
	ctx, cancel := context.WithCancel(parent)
	r.req, r.again, r.cancel = req, false, cancel
	return ctx
}

// stop cancels the read in flight, if any.
func (r *reader) stop() {
	if r.cancel != nil {
		r.cancel()
		r.cancel = nil
	}
}
