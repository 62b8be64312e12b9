package ui

import (
	"context"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// Reading a tab's window of the mirror. A read is one indexed query
// around the cursor's order (keyset pagination), so it costs the same on
// row 1 and on row 900,000, and stores are merged by the database's ORDER
// BY, never by a loop here. Replies carry the tab's view generation and a
// request id: a reply for an older view, or overtaken by a newer read, is
// dropped.

// windowMode says where a window is read and where its reply puts the
// cursor.
type windowMode int

const (
	// aroundCursor reads around the cursor's order and keeps the cursor
	// on it (the top, until the operator has moved).
	aroundCursor windowMode = iota
	atTop                   // the first rows of the view (g)
	atBottom                // the last rows of the view (G)
	// following reads the first rows for a cursor the operator has not
	// moved: it stays on the newest order. If they move before the reply
	// lands, the reply keeps the cursor where they took it.
	following
	// atOrder reads around an order the operator went to (goto.go) and
	// puts the cursor on it, wherever the cursor was.
	atOrder
)

// windowMsg answers a window read.
type windowMsg struct {
	tab    int
	gen    uint64
	req    int64
	mode   windowMode
	anchor orderKey // the order an aroundCursor read was anchored at
	rows   backend.Rows
	err    error
}

// countMsg answers a count of a tab's view.
type countMsg struct {
	tab int
	gen uint64
	req int64
	n   int
	err error
}

// storeCountsMsg answers a count of every store's orders (tab titles).
type storeCountsMsg struct {
	req    int64
	counts []int
	err    error
}

// windowMargin is how many rows a window holds each side of the cursor:
// two screens, and always a page and a screen, so a page flip or a
// screen scroll finds its rows there.
func (m *Model) windowMargin() int {
	h := m.tableRows()
	return max(2*h, m.pageSize()+h)
}

// readWindow reads the active tab's window (or tab t's). An aroundCursor
// read waits behind one in flight (one more is queued); a jump (top,
// bottom) overtakes it.
func (m *Model) readWindow(t *tab, mode windowMode) tea.Cmd {
	if mode == aroundCursor && t.reads.busy() {
		t.reads.again = true
		return nil
	}
	ctx := t.reads.start(m.ctx, m.nextID())
	margin := m.windowMargin()
	w := backend.Window{View: m.viewOf(t)}
	msg := windowMsg{tab: m.tabIndex(t), gen: t.gen, req: t.reads.req}
	r := t.selected()
	if mode == aroundCursor && (r == nil || !t.moved) {
		mode = following
	}
	switch mode {
	case aroundCursor:
		w.Anchor, msg.anchor = w.View.Key(r.o), r.key
		w.Before, w.After = margin, margin+1
	case atTop, following:
		w.After = 2*margin + 1
	case atBottom:
		// The view the other way round, from its top: the last rows.
		w.View.Asc = !w.View.Asc
		w.After = 2*margin + 1
	}
	msg.mode = mode
	return windowCmd(ctx, m.mirror, w, msg)
}

func windowCmd(ctx context.Context, mr Mirror, w backend.Window, msg windowMsg) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, cacheTimeout)
		defer cancel()
		msg.rows, msg.err = mr.Window(ctx, w)
		if msg.mode == atBottom && msg.err == nil {
			rev := msg.rows
			slices.Reverse(rev.Orders)
			msg.rows = backend.Rows{Orders: rev.Orders, First: rev.Last, Last: true, Anchor: len(rev.Orders)}
		}
		return msg
	}
}

// readCount counts the tab's view, one count at a time.
func (m *Model) readCount(t *tab) tea.Cmd {
	if t.counts.busy() {
		t.counts.again = true
		return nil
	}
	ctx := t.counts.start(m.ctx, m.nextID())
	v, mr := m.viewOf(t), m.mirror
	msg := countMsg{tab: m.tabIndex(t), gen: t.gen, req: t.counts.req}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, cacheTimeout)
		defer cancel()
		msg.n, msg.err = mr.Count(ctx, v)
		return msg
	}
}

// readStoreCounts counts each store's orders for the tab titles.
func (m *Model) readStoreCounts() tea.Cmd {
	if m.storeCounts.busy() {
		m.storeCounts.again = true
		return nil
	}
	m.storeCounts.req, m.storeCounts.again = m.nextID(), false
	names := make([]string, len(m.stores))
	for i, s := range m.stores {
		names[i] = s.b.Name()
	}
	mr, ctx, req := m.mirror, m.ctx, m.storeCounts.req
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, cacheTimeout)
		defer cancel()
		msg := storeCountsMsg{req: req, counts: make([]int, len(names))}
		for i, n := range names {
			if msg.counts[i], msg.err = mr.Count(ctx, backend.View{Stores: []string{n}}); msg.err != nil {
				break
			}
		}
		return msg
	}
}

// reread reads the active tab's window and count again: the mirror
// changed under it.
func (m *Model) reread() tea.Cmd {
	t := m.tab()
	return tea.Batch(m.readWindow(t, aroundCursor), m.readCount(t), m.readStoreCounts(), m.readTally(t))
}

// rereadFor rereads when the active tab shows store s.
func (m *Model) rereadFor(s int) tea.Cmd {
	if !m.tab().shows(s) {
		return m.readStoreCounts()
	}
	return m.reread()
}

// viewChanged starts a tab's new view (a filter) from its top.
func (m *Model) viewChanged(t *tab) tea.Cmd {
	t.gen++
	t.reads, t.counts, t.tallies = reader{}, reader{}, reader{}
	t.count, t.pendingMove, t.moved = -1, 0, false
	t.window.reset()
	return tea.Batch(m.readWindow(t, atTop), m.readCount(t), m.readTally(t))
}

func (m *Model) tabIndex(t *tab) int {
	for i, x := range m.tabs {
		if x == t {
			return i
		}
	}
	return -1
}

func (m *Model) onWindow(msg windowMsg) tea.Cmd {
	if msg.tab < 0 || msg.tab >= len(m.tabs) {
		return nil
	}
	t := m.tabs[msg.tab]
	if msg.gen != t.gen || msg.req != t.reads.req {
		return nil // overtaken by a newer read, or for an older view
	}
	t.reads.req = 0
	t.reads.stop()
	var cmds []tea.Cmd
	if msg.err != nil {
		t.err = msg.err
		m.log.Warn("read window", "err", msg.err)
	} else {
		m.applyWindow(t, msg)
	}
	if t.reads.again {
		cmds = append(cmds, m.readWindow(t, aroundCursor))
	} else if t == m.tab() {
		cmds = append(cmds, m.prefetch())
	}
	if t == m.tab() {
		cmds = append(cmds, m.followDetail())
	}
	return tea.Batch(append(cmds, m.rereadDropped())...)
}

// applyWindow puts a window's rows in the tab, the cursor on the order it
// was on (rows that arrived above it do not move it), and works out where
// in the view the window starts.
func (m *Model) applyWindow(t *tab, msg windowMsg) {
	rows := m.ingest(msg.rows.Orders)
	old, keep := t.rows, t.selected()
	onScreen := t.cursor - t.offset
	t.rows, t.first, t.last = rows, msg.rows.First, msg.rows.Last
	t.loaded, t.err = true, nil
	mode := msg.mode
	if mode == following && !t.moved {
		mode = atTop
	}
	switch mode {
	case atTop:
		t.base, t.cursor, t.offset = 0, 0, 0
	case atBottom:
		t.base = -1
		if t.exactCount() {
			t.base = max(t.count-len(rows), 0)
		}
		t.cursor = len(rows) - 1
		t.offset = t.cursor
	case atOrder:
		m.placeAtOrder(t, msg)
	default:
		switch {
		case t.first:
			t.base = 0
		case t.base >= 0:
			if i := indexOf(old, msg.anchor); i >= 0 {
				t.base = max(t.base+i-msg.rows.Anchor, 0)
			} else {
				t.base = -1
			}
		}
		if t.base < 0 && t.last && t.exactCount() {
			t.base = max(t.count-len(rows), 0)
		}
		i := -1
		if keep != nil {
			i = indexOf(rows, keep.key)
		}
		if i < 0 {
			i = min(msg.rows.Anchor, len(rows)-1)
		}
		t.cursor = max(i, 0)
		t.offset = t.cursor - onScreen
	}
	if d := t.pendingMove; d != 0 && t == m.tab() {
		t.pendingMove = 0
		m.stepCursor(t, d)
	}
	t.fit(len(t.rows), m.tableRows())
	m.forget()
}

func indexOf(rows []*order, k orderKey) int {
	for i, r := range rows {
		if r.key == k {
			return i
		}
	}
	return -1
}

func (m *Model) onCount(msg countMsg) tea.Cmd {
	if msg.tab < 0 || msg.tab >= len(m.tabs) {
		return nil
	}
	t := m.tabs[msg.tab]
	if msg.gen != t.gen || msg.req != t.counts.req {
		return nil
	}
	t.counts.req = 0
	t.counts.stop()
	if msg.err == nil {
		t.count = msg.n
		// A window at the bottom knows its place from the count (rows
		// that arrived above since it was read included).
		if t.last && !t.first && t.exactCount() {
			t.base = max(t.count-len(t.rows), 0)
		}
	}
	if t.counts.again {
		return m.readCount(t)
	}
	return nil
}

func (m *Model) onStoreCounts(msg storeCountsMsg) tea.Cmd {
	if msg.req != m.storeCounts.req {
		return nil
	}
	m.storeCounts.req = 0
	if msg.err == nil {
		m.counts = msg.counts
	}
	if m.storeCounts.again {
		return m.readStoreCounts()
	}
	return nil
}

// prefetch reads the next window when the cursor nears an edge of the one
// it has: a page and a screen before it, so the rows are there when the
// operator gets to them.
func (m *Model) prefetch() tea.Cmd {
	t := m.tab()
	if !t.loaded || len(t.rows) == 0 {
		return nil
	}
	need := m.tableRows() + m.pageSize()
	nearTop := !t.first && t.cursor < need
	nearEnd := !t.last && len(t.rows)-1-t.cursor < need
	if nearTop || nearEnd {
		return m.readWindow(t, aroundCursor)
	}
	return nil
}
