package ui

import (
	"strings"

	"github.com/orderdash/orderdash/theme"

	"github.com/orderdash/orderdash/backend"
)

// rowCache is one rendered row, valid while its key matches.
type rowCache struct {
	key rowCacheKey
	s   string
}

type rowCacheKey struct {
	version  uint64
	layout   uint64
	styles   uint64
	width    int
	seen     onScreen // the widths follow what is on screen
	marked   bool
	selected bool
	clock    int64 // the minute: ages and late labels move with it
}

// tableView draws the table (column header and visible rows) into lines
// of exactly w cells. Only the rows on screen are drawn, and each comes
// from its cache unless the order, the layout or the theme changed.
func (m *Model) tableView(w, h int) (lines []string) {
	t := m.tab()
	lines = make([]string, 0, h)
	if h <= 0 {
		return lines
	}
	strip := m.stripRoom(h)
	if strip {
		h-- // the counts strip, under the rows
		defer func() { lines = append(lines, m.stripLine(t, w)) }()
	}
	rows := h - 1
	end := min(t.offset+rows, len(t.rows))
	c := m.layout.columnsFor(w, t.all && m.storesOf(t) > 1, m.measure(t.rows[min(t.offset, end):end]))
	lines = append(lines, m.headerRow(c, w))
	if len(t.rows) == 0 {
		msg := m.emptyMessage(t)
		for i := 0; i < rows; i++ {
			line := ""
			if i == min(2, rows-1) {
				line = "  " + msg
			}
			lines = append(lines, padLine(line, w))
		}
		return lines
	}
	for i := t.offset; i < end; i++ {
		r := t.rows[i]
		lines = append(lines, m.renderRow(r, c, i == t.cursor, t.marks[r.key]))
	}
	blank := strings.Repeat(" ", w)
	if len(lines) < h {
		if more := m.moreLine(t, w); more != "" {
			lines = append(lines, more)
		}
	}
	for len(lines) < h {
		lines = append(lines, blank)
	}
	return lines
}

// renderRow returns the row's cached rendering or draws it.
func (m *Model) renderRow(r *order, c columns, selected, marked bool) string {
	slot := 0
	if c.all {
		slot = 1
	}
	key := rowCacheKey{version: r.version, layout: m.layout.gen, styles: m.styleGen, width: c.width, seen: c.seen, marked: marked, selected: selected,
		clock: m.clock.Unix()}
	if rc := &r.cache[slot]; rc.key == key && rc.s != "" {
		return rc.s
	}
	s := m.drawRow(r, c, selected, marked)
	if !selected {
		// The selected row changes with every move; caching it would only
		// evict the row's ordinary rendering.
		r.cache[slot] = rowCache{key: key, s: s}
	}
	return s
}

func (m *Model) drawRow(r *order, c columns, selected, marked bool) string {
	st := m.st
	base, muted := st.Row, st.Muted
	if selected {
		base, muted = st.RowSelected, st.RowSelected
	}
	gap := strings.Repeat(" ", c.gap)
	var b strings.Builder
	b.Grow(c.width * 2)
	// Cursor bar and mark: shapes, not just colour.
	bar := " "
	if selected {
		bar = "▌"
	}
	if selected {
		b.WriteString(st.Cursor.Render(bar))
	} else {
		b.WriteString(bar)
	}
	markStyle := st.RowMarked
	if selected {
		markStyle = st.RowMarkedSelected
	}
	if marked {
		b.WriteString(markStyle.Render(glyphMark))
	} else {
		b.WriteString(base.Render(" "))
	}
	num := base
	if marked {
		num = markStyle
	}
	b.WriteString(num.Render(fit(r.disp.number, c.number)))
	b.WriteString(base.Render(gap))
	b.WriteString(muted.Render(fit(m.formatDate(r, c.longDate), c.date)))
	b.WriteString(base.Render(gap))
	if c.all {
		b.WriteString(muted.Render(fit(m.storeCell(m.stores[r.key.store].name, c.store), c.store)))
		b.WriteString(base.Render(gap))
	}
	b.WriteString(m.customerCell(r, c.customer, base, muted))
	b.WriteString(base.Render(gap))
	used := prefixW + c.number + c.date + c.customer + c.total + c.status + 4*c.gap
	if c.items > 0 {
		b.WriteString(muted.Render(fitRight(r.disp.items, c.items)))
		b.WriteString(base.Render(gap))
		used += c.items + c.gap
	}
	b.WriteString(base.Render(fitRight(r.disp.total, c.total)))
	b.WriteString(base.Render(gap))
	b.WriteString(m.statusCell(r, c.status, selected))
	if c.age > 0 {
		b.WriteString(base.Render(gap))
		b.WriteString(m.ageCell(r, c.age, selected))
		used += c.gap + c.age
	}
	if c.all {
		used += c.store + c.gap
	}
	if rest := c.width - used; rest > 0 {
		b.WriteString(base.Render(strings.Repeat(" ", rest)))
	}
	return b.String()
}

// customerCell shows the name, and the e-mail too where there is room.
func (m *Model) customerCell(r *order, w int, base, muted theme.Paint) string {
	name := r.disp.customer
	if r.disp.email != "" && r.disp.email != name && w >= 40 {
		nw := min(width(name), w/2)
		left := fit(name, nw) + "  "
		return base.Render(left) + muted.Render(fit(r.disp.email, w-width(left)))
	}
	return base.Render(fit(name, w))
}

// statusCell is a glyph and a label in the kind's colour; a change in
// flight, a failed change and an unknown outcome each have their own
// glyph, so none of it depends on colour.
func (m *Model) statusCell(r *order, w int, selected bool) string {
	st := m.st
	switch {
	case r.pending != nil:
		s := st.Pending
		if selected {
			s = st.PendingSelected
		}
		return s.Render(fit(glyphPending+" "+backend.CleanLine(r.pending.Label()), w))
	case m.othersSending(r.key):
		cell, _ := m.othersCell(r.key, w)
		return st.Pending.Render(fit(cell, w))
	case m.claimedBy(r.key) != "":
		return st.Warning.Render(fit(m.claimCell(r.key, w), w))
	case r.unknown:
		s := st.Warning
		if selected {
			s = st.ErrorSelected
		}
		return s.Render(fit(glyphUnknown+" "+r.disp.status, w))
	case r.failed != "":
		s := st.Error
		if selected {
			s = st.ErrorSelected
		}
		return s.Render(fit(glyphFailed+" "+r.disp.status, w))
	}
	return st.KindStyle(string(r.disp.kind), selected).Render(fit(kindGlyph(r.disp.kind)+" "+r.disp.status, w))
}

func (m *Model) formatDate(r *order, long bool) string {
	if r.disp.created.IsZero() {
		return ""
	}
	t := r.disp.created.In(m.env.loc)
	if long {
		return t.Format("2006-01-02 15:04")
	}
	return t.Format("Jan 02 15:04")
}

func (m *Model) headerRow(c columns, w int) string {
	t := m.tab()
	sorted, asc := t.sorting()
	// title is a column's title, with the arrow when the tab is sorted by it.
	title := func(name string, fields ...backend.SortField) string {
		for _, f := range fields {
			if f == sorted {
				return sortLabel(f, asc)
			}
		}
		return name
	}
	gap := strings.Repeat(" ", c.gap)
	var b strings.Builder
	b.WriteString("  ")
	b.WriteString(fit("Order", c.number))
	b.WriteString(gap)
	b.WriteString(fit(title("Created", backend.SortCreated, backend.SortUpdated), c.date))
	b.WriteString(gap)
	if c.all {
		b.WriteString(fit(title("Store", backend.SortStore), c.store))
		b.WriteString(gap)
	}
	b.WriteString(fit(title("Customer", backend.SortCustomer), c.customer))
	b.WriteString(gap)
	if c.items > 0 {
		items := "Items"
		if c.items < 5 {
			items = "Qty"
		}
		b.WriteString(fitRight(items, c.items))
		b.WriteString(gap)
	}
	b.WriteString(fitRight(title("Total", backend.SortTotal), c.total))
	b.WriteString(gap)
	b.WriteString(fit(title("Status", backend.SortStatus), c.status))
	if c.age > 0 {
		b.WriteString(gap)
		b.WriteString(fit(title("Age", backend.SortAge, backend.SortDue), c.age))
	}
	return m.st.ColHeader.Render(fit(b.String(), w))
}

// emptyMessage explains an empty table: reading, failed, filtered,
// filling, empty.
func (m *Model) emptyMessage(t *tab) string {
	st := m.st
	switch {
	case t.err != nil:
		return st.Error.Render(glyphFailed+" the mirror could not be read: "+errorLine(t.err)) + st.Muted.Render("  ·  "+m.keys.first(actRefresh)+" retries")
	case !t.loaded:
		return st.Muted.Render(glyphPending + " Reading the mirror…")
	case t.filtered():
		return st.Muted.Render("No order matches " + t.filterSummary() + ". esc clears the filter.")
	}
	var filling []string
	for _, s := range m.stores {
		if t.shows(s.idx) && (!s.mirrorKnown || s.mirror.Synced.IsZero()) && s.mirror.Phase != backend.SyncStopped {
			filling = append(filling, s.name)
		}
	}
	if len(filling) > 0 && m.opts.Sync != nil {
		return st.Muted.Render(glyphPending + " The mirror of " + strings.Join(filling, ", ") + " is being filled…")
	}
	return st.Muted.Render("No orders.")
}

// moreLine is drawn under the last row of a short window: more is on its
// way from the mirror.
func (m *Model) moreLine(t *tab, w int) string {
	if !t.last && t.reads.busy() {
		return padLine("  "+m.st.Muted.Render(glyphPending+" reading more…"), w)
	}
	return ""
}

// storeCell is a store's name for a Store column w cells wide: whole when
// it fits, else without the prefix every store shares ("demo-"), so the
// part that tells stores apart is what shows.
func (m *Model) storeCell(name string, w int) string {
	if width(name) <= w {
		return name
	}
	return strings.TrimPrefix(name, m.sharedPrefix())
}
