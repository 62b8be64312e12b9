package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// detailPane shows one order in full: customer, ship-to, items, totals,
// notes and the status-history timeline.
type detailPane struct {
	open     bool
	key      orderKey
	vp       viewport.Model // scrolls the lines drawn for the order
	req      int64
	loading  bool
	err      string
	debounce int64

	cacheKey   detailCacheKey
	cacheLines []string

	// dropped: a newer row of the open order dropped its detail (ingest);
	// rereadFor is the row it was last read again for, so a store and a
	// mirror that disagree on the order's time cost one read, not a loop.
	dropped   bool
	rereadFor backend.Order
}

type detailCacheKey struct {
	key     orderKey
	version uint64
	width   int
	styles  uint64
	loading bool
	err     string
	offline bool
	pane    string // a bottom pane may lay the order out in two columns
}

func (d *detailPane) scrollBy(n int) {
	if n > 0 {
		d.vp.ScrollDown(n)
	} else {
		d.vp.ScrollUp(-n)
	}
}

// top shows the pane from its first line.
func (d *detailPane) top() { d.vp.SetYOffset(0) }

func (m *Model) toggleDetail() tea.Cmd {
	if m.detail.open {
		m.detail.open = false
		return nil
	}
	t := m.tab()
	r := t.selected()
	if r == nil {
		return nil
	}
	// The operator is reading this order: rows arriving above it (new
	// orders, pushed ones every few seconds) must not slide the cursor,
	// and the picker, off it.
	t.moved = true
	m.detail.open = true
	m.detail.key = r.key
	m.detail.top()
	m.detail.err = ""
	return m.loadDetail(false)
}

// followDetail moves the open pane to the selected order. The detail is
// fetched after a short pause, so holding j down does not fire a request
// per row.
func (m *Model) followDetail() tea.Cmd {
	if !m.detail.open {
		return nil
	}
	r := m.tab().selected()
	if r == nil || r.key == m.detail.key {
		return nil
	}
	m.detail.key = r.key
	m.detail.top()
	m.detail.err = ""
	m.detail.loading = false
	m.detail.req = 0
	if r.detailLive {
		return nil
	}
	m.detail.debounce = m.nextID()
	return m.env.after(150*time.Millisecond, detailDebounceMsg{key: r.key, seq: m.detail.debounce})
}

func (m *Model) onDetailDebounce(msg detailDebounceMsg) tea.Cmd {
	if !m.detail.open || msg.seq != m.detail.debounce || msg.key != m.detail.key {
		return nil
	}
	return m.loadDetail(false)
}

// loadDetail reads the open order in full from its store unless it is
// loaded already; the mirror's copy shows at once meanwhile. While the
// store is offline it comes from the mirror alone.
func (m *Model) loadDetail(force bool) tea.Cmd {
	r := m.orders[m.detail.key]
	if r == nil || (!force && (r.detailLive || r.detail != nil && m.stores[r.key.store].offline)) {
		return nil
	}
	s := m.stores[r.key.store]
	m.detail.req = m.nextID()
	m.detail.loading = true
	msg := detailMsg{key: r.key, req: m.detail.req}
	if s.offline && !force {
		msg.cacheOnly = true
		return detailCmd(m.ctx, m.mirror, s.b, msg)
	}
	s.inflight++
	cmds := []tea.Cmd{detailCmd(m.ctx, m.mirror, s.b, msg), m.loadShipments()}
	if r.detail == nil {
		early := msg
		early.cacheOnly, early.early = true, true
		cmds = append(cmds, detailCmd(m.ctx, m.mirror, s.b, early))
	}
	return tea.Batch(cmds...)
}

// rereadDropped reads the open order again when a newer row dropped its
// detail, once per state of the row.
func (m *Model) rereadDropped() tea.Cmd {
	if !m.detail.dropped {
		return nil
	}
	m.detail.dropped = false
	r := m.orders[m.detail.key]
	if !m.detail.open || r == nil || r.pending != nil || r.detail != nil || m.detail.loading {
		return nil
	}
	was := m.detail.rereadFor
	if was.Store == r.o.Store && was.ID == r.o.ID && was.Updated.Equal(r.o.Updated) && was.Status == r.o.Status {
		return nil
	}
	m.detail.rereadFor = r.o
	return m.loadDetail(false)
}

func (m *Model) onDetail(msg detailMsg) tea.Cmd {
	if msg.key.store < 0 || msg.key.store >= len(m.stores) {
		return nil
	}
	s := m.stores[msg.key.store]
	r := m.orders[msg.key]
	if msg.early {
		// The mirror's copy while the store answers: only where nothing
		// better is on show.
		if msg.err == nil && r != nil && r.pending == nil && r.detail == nil && msg.res.Detailed {
			r.setDetail(msg.res)
			r.detailAt, r.detailLive = msg.fetched, false
			r.touch()
		}
		return nil
	}
	if s.inflight > 0 && !msg.cacheOnly {
		s.inflight--
	}
	now := m.env.now()
	current := msg.req == m.detail.req && msg.key == m.detail.key
	if current {
		m.detail.loading = false
	}
	if msg.err != nil && !msg.cacheOnly {
		s.fail(msg.err)
	}
	if msg.cached {
		// The store did not answer: show the mirror's copy, marked with
		// its age, unless a newer one is on screen already.
		if r != nil && r.pending == nil && !r.detailLive && msg.res.Detailed {
			r.setDetail(msg.res)
			r.detailAt, r.detailLive = msg.fetched, false
			r.touch()
		}
		if current {
			m.detail.err = ""
		}
		return nil
	}
	if msg.err != nil {
		if current {
			m.detail.err = errorLine(msg.err)
		}
		return nil
	}
	back := s.ok(now)
	var cmds []tea.Cmd
	if r != nil && msg.req < r.detailReq {
		// A later read of this order answered first (two notices of
		// another operator's change each read it again): this one shows
		// the order as it was, and must not replace the newer detail.
		r = nil
	}
	if r != nil && r.pending == nil {
		r.detailReq = msg.req
		msg.res.Detailed = true
		if msg.res.Store == "" {
			msg.res.Store = r.o.Store
		}
		if msg.res.Store == "" {
			msg.res.Store = s.b.Name()
		}
		r.setDetail(msg.res)
		// The mirror follows what the operator sees; the table reads it.
		cmds = append(cmds, mirrorPutCmd(m.ctx, m.mirror, []backend.Order{msg.res}, []int{s.idx}))
	}
	if current {
		m.detail.err = ""
	}
	if back {
		cmds = append(cmds, m.backOnline(s))
	}
	return tea.Batch(cmds...)
}

// backOnline says a store that did not answer does again.
func (m *Model) backOnline(s *store) tea.Cmd {
	m.log.Info("store back online", "store", s.b.Name())
	return tea.Batch(m.rereadFor(s.idx), m.flash("✓ "+s.name+" answers again", true))
}

// detailSize is the pane's content size for the current layout.
func (m *Model) detailSize() (w, h int) {
	g := m.geometry()
	switch g.pane {
	case "right":
		return g.paneW - 3, g.paneH
	case "bottom":
		return m.width, g.paneH - 1
	case "full":
		return m.width, g.bodyH
	}
	return 0, 0
}

// fitDetail lays the open order out for the pane, once per order version
// and layout, and fits the pane's viewport to it.
func (m *Model) fitDetail() {
	if !m.detail.open || m.tooSmall() {
		return
	}
	w, h := m.detailSize()
	if w <= 0 || h <= 0 {
		return
	}
	vp := &m.detail.vp
	vp.SetWidth(w)
	vp.SetHeight(h)
	m.detailLines(w)            // sets the viewport's lines when it draws them anew
	vp.SetYOffset(vp.YOffset()) // clamp to the new height
}

// detailView draws the pane's content, w cells wide and h lines high.
func (m *Model) detailView(w, h int) []string {
	vp := m.detail.vp
	out := strings.Split(vp.View(), "\n")
	for len(out) < h {
		out = append(out, strings.Repeat(" ", w))
	}
	out = out[:h]
	if more := vp.TotalLineCount() - vp.YOffset() - h; more > 0 && h > 2 {
		hint := fmt.Sprintf("↓ %d more lines · %s/%s scroll", more, m.keys.first(actDetailDown), m.keys.first(actDetailUp))
		out[h-1] = padLine(m.st.Faint.Render(clip(hint, w)), w)
	}
	return out
}

// detailLines renders the whole detail once per (order version, width,
// theme, pane position); scrolling only moves the viewport over it.
func (m *Model) detailLines(w int) []string {
	r := m.orders[m.detail.key]
	key := detailCacheKey{key: m.detail.key, width: w, styles: m.styleGen, loading: m.detail.loading, err: m.detail.err, pane: m.previewMode()}
	if r != nil {
		key.version = r.version
		key.offline = m.stores[r.key.store].offline
	}
	if key == m.detail.cacheKey && m.detail.cacheLines != nil {
		return m.detail.cacheLines
	}
	var lines []string
	if r == nil {
		lines = []string{padLine(m.st.Muted.Render("No order selected."), w)}
	} else {
		lines = m.drawDetail(r, w)
	}
	for i, l := range lines {
		lines[i] = padLine(l, w)
	}
	m.detail.cacheKey, m.detail.cacheLines = key, lines
	m.detail.vp.SetContentLines(lines)
	return lines
}

func (m *Model) fmtTime(t time.Time) string { return fmtTimeIn(t, m.env.loc) }

func fmtTimeIn(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "–"
	}
	return t.In(loc).Format("2006-01-02 15:04")
}
