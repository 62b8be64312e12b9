package ui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/theme"
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

// loadDetail fetches the open order in full unless it is already loaded
// from the store. While the store is offline it comes from the cache.
func (m *Model) loadDetail(force bool) tea.Cmd {
	r := m.orders[m.detail.key]
	if r == nil || (!force && (r.detailLive || r.detail != nil && m.stores[r.key.store].offline)) {
		return nil
	}
	s := m.stores[r.key.store]
	m.detail.req = m.nextID()
	m.detail.loading = true
	msg := detailMsg{key: r.key, req: m.detail.req}
	if m.db != nil && s.offline && !force {
		msg.cacheOnly = true
	} else {
		s.inflight++
	}
	return detailCmd(m.ctx, m.env.loader, s.b, msg)
}

func (m *Model) onDetail(msg detailMsg) tea.Cmd {
	if msg.key.store < 0 || msg.key.store >= len(m.stores) {
		return nil
	}
	s := m.stores[msg.key.store]
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
	r := m.orders[msg.key]
	if msg.cached {
		// The store did not answer: show the copy cached last time, marked
		// with its age, unless a newer one is on screen already.
		if r != nil && r.pending == nil && !r.detailLive && msg.res.Detailed {
			r.setDetail(msg.res)
			r.detailAt, r.detailLive = msg.fetched, false
			r.touch()
			m.changed()
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
	if r != nil && r.pending == nil {
		msg.res.Detailed = true
		if msg.res.Store == "" {
			msg.res.Store = r.o.Store
		}
		if msg.res.Store == "" {
			msg.res.Store = s.b.Name()
		}
		r.setDetail(msg.res)
		m.changed()
		if m.db != nil {
			cmds = append(cmds, saveOrderCmd(m.ctx, m.env.loader, msg.res, now))
		}
	}
	if current {
		m.detail.err = ""
	}
	if back {
		cmds = append(cmds, m.backOnline(s))
	}
	return tea.Batch(cmds...)
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

// drawDetail lays the order out in one column, or, in a bottom pane wide
// enough, in two: the order on the left and its timeline on the right, so
// both show without scrolling.
func (m *Model) drawDetail(r *order, w int) []string {
	st := m.st
	s := m.stores[r.key.store]
	o := r.full()
	out := m.detailHead(r, o, s, w)
	timelineTitle := st.Section.Render("Timeline (newest first)")
	if w >= 76 && m.previewMode() == "bottom" {
		lw := (w - 3) / 2
		rw := w - lw - 3
		left := m.detailBody(r, o, lw)
		right := append([]string{"", timelineTitle}, m.timeline(r, s, o, rw)...)
		sep := " " + st.PaneBorder.Render("│") + " "
		for i := 0; i < max(len(left), len(right)); i++ {
			l, rt := "", ""
			if i < len(left) {
				l = left[i]
			}
			if i < len(right) {
				rt = right[i]
			}
			out = append(out, padLine(l, lw)+sep+rt)
		}
		return out
	}
	out = append(out, m.detailBody(r, o, w)...)
	out = append(out, "", timelineTitle)
	return append(out, m.timeline(r, s, o, w)...)
}

// detailHead is the order number, store, status and dates, and any error.
func (m *Model) detailHead(r *order, o backend.Order, s *store, w int) []string {
	st := m.st
	var out []string
	title := "Order #" + r.disp.number
	out = append(out, st.PaneTitle.Render(clip(title, w-width(s.name)-2))+"  "+st.Muted.Render(clip(s.name, max(w-width(title)-2, 0))))
	status := st.KindStyle(string(r.disp.kind), false).Render(kindGlyph(r.disp.kind) + " " + r.disp.status)
	if r.pending != nil {
		status += st.Pending.Render("  " + glyphPending + " changing to " + backend.CleanLine(r.pending.Label()))
	}
	out = append(out, status)
	dates := "created " + m.fmtTime(o.Created)
	if !o.Updated.IsZero() {
		dates += " · updated " + m.fmtTime(o.Updated)
	}
	out = append(out, st.Muted.Render(clip(dates, w)))
	switch {
	case !r.detailAt.IsZero():
		out = append(out, wrapStyled(st.Warning, glyphOffline+" "+s.name+" did not answer: this is the copy cached "+age(m.env.now().Sub(r.detailAt))+" ago", w)...)
	case s.offline && r.detail == nil:
		out = append(out, wrapStyled(st.Warning, glyphOffline+" "+s.name+" is offline: only the order's list row is known here; the rest loads once the store answers", w)...)
	case s.offline:
		out = append(out, wrapStyled(st.Warning, glyphOffline+" "+s.name+" is offline: this is what was loaded before", w)...)
	}
	if r.failed != "" {
		out = append(out, wrapStyled(st.Error, glyphFailed+" last change failed: "+r.failed, w)...)
	}
	if m.detail.err != "" {
		out = append(out, wrapStyled(st.Error, glyphFailed+" could not load the full order: "+m.detail.err, w)...)
	}
	return out
}

// detailBody is customer, ship-to, items, totals and notes.
func (m *Model) detailBody(r *order, o backend.Order, w int) []string {
	st := m.st
	var out []string
	add := func(l ...string) { out = append(out, l...) }
	const labelW = 10
	field := func(label, value string) {
		if value == "" {
			return
		}
		vw := max(w-labelW, 8)
		for i, l := range wrapText(value, vw) {
			lab := ""
			if i == 0 {
				lab = label
			}
			add(st.Label.Render(fit(lab, labelW)) + st.Value.Render(l))
		}
	}
	section := func(title string) {
		add("", st.Section.Render(title))
	}
	section("Customer")
	field("Name", backend.CleanLine(o.Customer.Name))
	field("E-mail", backend.CleanLine(o.Customer.Email))
	field("Phone", backend.CleanLine(o.Customer.Phone))

	section("Ship to")
	if addr := addressLines(o.ShipTo); len(addr) > 0 {
		for i, l := range addr {
			lab := ""
			if i == 0 {
				lab = "Address"
			}
			field(lab, l)
		}
	} else {
		add(st.Faint.Render("no address given"))
	}
	field("Method", backend.CleanLine(o.ShipMethod))
	field("Tracking", backend.CleanLine(o.Tracking))
	field("Payment", backend.CleanLine(o.Payment))
	field("Vendor ref", backend.CleanLine(o.VendorRef))

	section(fmt.Sprintf("Items (%s)", orDash(r.disp.items)))
	switch {
	case len(o.Items) > 0:
		for _, it := range o.Items {
			price := backend.Amount(it.Price)
			if it.Total != "" {
				price = backend.Amount(it.Total)
			}
			left := fmt.Sprintf("%d × %s", it.Quantity, backend.CleanLine(it.Name))
			sku := backend.CleanLine(it.SKU)
			rightW := width(price) + 1
			skuW := 0
			if sku != "" && w > 50 {
				skuW = min(width(sku), 14) + 2
			}
			nameW := max(w-rightW-skuW, 6)
			line := st.Value.Render(fit(left, nameW))
			if skuW > 0 {
				line += st.Faint.Render(fit("  "+sku, skuW))
			}
			add(line + st.Value.Render(fitRight(price, w-nameW-skuW)))
		}
	case m.detail.loading:
		add(st.Faint.Render(glyphPending + " loading…"))
	default:
		add(st.Faint.Render("not listed by the store"))
	}

	section("Totals")
	cur := backend.CleanLine(o.Currency)
	money := func(label, v string) {
		if v != "" {
			field(label, backend.Amount(v)+" "+cur)
		}
	}
	money("Subtotal", o.Subtotal)
	money("Shipping", o.Shipping)
	money("Tax", o.Tax)
	money("Discount", o.Discount)
	field("Total", r.disp.total)

	if o.Notes != "" || o.AdminNotes != "" {
		section("Notes")
		m.note(&out, "Customer", o.Notes, w)
		m.note(&out, "Staff", o.AdminNotes, w)
	}

	return out
}

// note adds a wrapped note; a 10,000-character note is cut to a readable
// length with a marker, so the pane stays usable.
func (m *Model) note(out *[]string, label, text string, w int) {
	text = strings.TrimSpace(backend.CleanText(text))
	if text == "" {
		return
	}
	const maxLines = 40
	*out = append(*out, m.st.Label.Render(label))
	lines := wrapText(text, max(w-2, 8))
	if len(lines) > maxLines {
		more := len(lines) - maxLines
		lines = append(lines[:maxLines], fmt.Sprintf("… %d more lines", more))
	}
	for _, l := range lines {
		*out = append(*out, "  "+m.st.Value.Render(l))
	}
}

// timeline draws the status history newest first: the platform's entries
// and those recorded here, each with time, status, note, whether the
// customer was notified and where it came from.
func (m *Model) timeline(r *order, s *store, o backend.Order, w int) []string {
	st := m.st
	events := make([]backend.Event, 0, len(o.History))
	events = append(events, o.History...)
	sort.SliceStable(events, func(i, j int) bool { return events[i].At.After(events[j].At) })
	var out []string
	if len(events) == 0 {
		switch {
		case r.detail == nil && m.detail.loading:
			return []string{st.Faint.Render(glyphPending + " loading…")}
		case r.detail == nil && s.offline:
			return []string{st.Faint.Render("not loaded: the store is offline")}
		case !s.caps.History && m.db == nil:
			return append(out, wrapStyled(st.Faint, "This store's platform keeps no status history, and without the local database orderdash keeps none either.", w)...)
		case !s.caps.History:
			return append(out, wrapStyled(st.Faint, "This store's platform keeps no status history. Changes made here are added as they happen.", w)...)
		default:
			return []string{st.Faint.Render("no entries")}
		}
	}
	timeW, timeFmt := 17, "2006-01-02 15:04"
	if w < 48 {
		timeW, timeFmt = 12, "01-02 15:04"
	}
	statusW := 8
	for _, ev := range events {
		statusW = max(statusW, width(backend.CleanLine(ev.Status.Label()))+3)
	}
	statusW = min(statusW, 22, max(w-timeW, 8))
	indent := strings.Repeat(" ", timeW)
	for _, ev := range events {
		label := backend.CleanLine(ev.Status.Label())
		kind := ev.Status.Kind
		if kind == "" {
			kind = backend.KindOther
		}
		src := st.Platform.Render("platform")
		if ev.Source == backend.SourceLocal {
			src = st.Local.Render("local")
		}
		metas := []string{src}
		if ev.Notified {
			metas = append(metas, st.Muted.Render("notified"))
		} else {
			metas = append(metas, st.Faint.Render("not notified"))
		}
		if a := backend.CleanLine(ev.Actor); a != "" {
			metas = append(metas, st.Muted.Render(clip(a, 24)))
		}
		sep := st.Faint.Render(" · ")
		meta := strings.Join(metas, sep)
		at := "–"
		if !ev.At.IsZero() {
			at = ev.At.In(m.env.loc).Format(timeFmt)
		}
		line := st.Muted.Render(fit(at, timeW)) +
			st.KindStyle(string(kind), false).Render(fit(kindGlyph(kind)+" "+label, statusW))
		if timeW+statusW+1+width(meta) <= w {
			out = append(out, line+" "+meta)
		} else {
			// Too narrow for one line: where it came from goes under it,
			// broken between its parts, never inside one.
			out = append(out, line)
			cur := ""
			for _, p := range metas {
				switch {
				case cur == "":
					cur = p
				case width(cur)+width(sep)+width(p) <= w-timeW:
					cur += sep + p
				default:
					out = append(out, indent+cur)
					cur = p
				}
			}
			out = append(out, indent+clip(cur, max(w-timeW, 1)))
		}
		if t := backend.CleanLine(ev.Tracking); t != "" {
			out = append(out, indent+st.Value.Render(clip("tracking "+t, w-timeW)))
		}
		if n := strings.TrimSpace(backend.CleanText(ev.Note)); n != "" {
			lines := wrapText(n, max(w-timeW, 8))
			if len(lines) > 12 {
				lines = append(lines[:12], fmt.Sprintf("… %d more lines", len(lines)-12))
			}
			for _, l := range lines {
				out = append(out, indent+st.Value.Render(l))
			}
		}
	}
	return out
}

func wrapStyled(style theme.Paint, text string, w int) []string {
	var out []string
	for _, l := range wrapText(text, w) {
		out = append(out, style.Render(l))
	}
	return out
}

// addressLines is the ship-to as the pane lists it: city, region and
// postcode share a line, and empty parts leave no blank line.
func addressLines(a backend.Address) []string {
	parts := append([]string{a.Name, a.Company}, a.Lines...)
	parts = append(parts, backend.JoinFields(a.City, a.Region, a.Postcode), a.Country, a.Phone)
	return backend.FieldLines(parts...)
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func (m *Model) fmtTime(t time.Time) string { return fmtTimeIn(t, m.env.loc) }

func fmtTimeIn(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "–"
	}
	return t.In(loc).Format("2006-01-02 15:04")
}
