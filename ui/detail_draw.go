package ui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/theme"
)

// Drawing one order in full: the head, customer, ship-to, items, totals,
// notes and the status-history timeline.

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
		out = append(out, wrapStyled(st.Warning, glyphOffline+" "+s.name+" did not answer: this is the mirror's copy from "+age(m.env.now().Sub(r.detailAt))+" ago", w)...)
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
	// The longest label ("Vendor ref") and two spaces, so no label ever
	// runs into its value.
	const labelW = 12
	field := func(label, value string) {
		if value == "" {
			return
		}
		vw := max(w-labelW, 8)
		for i, l := range wrapValue(value, vw) {
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
	add(m.shipmentLines(r, w)...)

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
			// A SKU is what the picker reads off the shelf: it is never cut
			// while the line has room for it beside a readable name; else
			// it goes on a line of its own under the name.
			const minName = 16
			skuW, under := 0, false
			if sku != "" {
				skuW = width(sku) + 2
				if w-rightW-skuW < minName {
					skuW, under = 0, true
				}
			}
			nameW := max(w-rightW-skuW, 6)
			line := st.Value.Render(fit(left, nameW))
			if skuW > 0 {
				line += st.Faint.Render(fit("  "+sku, skuW))
			}
			add(line + st.Value.Render(fitRight(price, w-nameW-skuW)))
			if under {
				for _, l := range wrapValue(sku, max(w-4, 8)) {
					add("    " + st.Faint.Render(l))
				}
			}
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
