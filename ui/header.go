package ui

import "strings"

// headerView is the top line: the app, the demo and read-only badges, and
// a tab per store with its order count.
func (m *Model) headerView(w int) string {
	st := m.st
	left := st.App.Render(" orderdash")
	if m.opts.Demo {
		left += " " + st.DemoBadge.Render("DEMO")
	}
	if m.opts.ReadOnly {
		left += " " + st.ROBadge.Render("READ-ONLY")
	}
	left += "  "
	room := w - width(left)
	tabs := m.tabTitles(room)
	return padLine(left+tabs, w)
}

type tabTitle struct {
	num, name, count, mark string
	news                   string // "3 new" (newrows.go)
}

func (m *Model) tabTitle(i int) tabTitle {
	t := m.tabs[i]
	tt := tabTitle{num: itoa(i + 1)}
	if i >= 9 {
		tt.num = ""
	}
	tt.news = t.newsText()
	if t.preset != nil {
		tt.name = t.preset.Name
		if t.count >= 0 {
			tt.count = t.countText()
		}
		return tt
	}
	if t.all {
		tt.name = "All stores"
		if m.counts != nil {
			total := 0
			for _, n := range m.counts {
				total += n
			}
			tt.count = thousands(total)
		}
		if late := t.lateText(); late != "" {
			tt.count = strings.TrimSpace(tt.count + " " + late)
		}
		return tt
	}
	s := m.stores[t.store]
	tt.name = s.name
	if m.counts != nil {
		tt.count = thousands(m.counts[t.store])
	}
	if late := t.lateText(); late != "" {
		tt.count = strings.TrimSpace(tt.count + " " + late)
	}
	switch {
	case s.offline:
		tt.mark = markOffline
	case s.lastErr != "":
		tt.mark = glyphFailed
	case s.readOnly && !m.opts.ReadOnly:
		tt.mark = "ro"
	}
	return tt
}

// markOffline marks the tab of a store that does not answer: its rows
// come from the mirror as last synced, and nothing can be changed.
const markOffline = "offline"

// tabTitles fits the tabs into room cells: shorter store names first,
// then counts only on the active tab, then a window of tabs around the
// active one.
func (m *Model) tabTitles(room int) string {
	st := m.st
	titles := make([]tabTitle, len(m.tabs))
	for i := range m.tabs {
		titles[i] = m.tabTitle(i)
	}
	render := func(from, to, nameMax int, counts bool) (string, int) {
		var b strings.Builder
		n := 0
		if from > 0 {
			b.WriteString(st.Faint.Render("‹ "))
			n += 2
		}
		for i := from; i < to; i++ {
			t := titles[i]
			if i > from {
				b.WriteString(st.TabSep.Render(" │ "))
				n += 3
			}
			style := st.Tab
			if i == m.active {
				style = st.TabActive
			}
			text := strings.TrimSpace(t.num + " " + clip(t.name, nameMax))
			b.WriteString(style.Render(text))
			n += width(text)
			if t.count != "" && (counts || i == m.active) {
				b.WriteString(st.TabCount.Render(" " + t.count))
				n += 1 + width(t.count)
			}
			if t.news != "" {
				b.WriteString(" " + st.Pending.Render(t.news))
				n += 1 + width(t.news)
			}
			if t.mark != "" {
				ms := st.Muted
				switch t.mark {
				case glyphFailed:
					ms = st.Error
				case markOffline:
					ms = st.Warning
				}
				b.WriteString(" " + ms.Render(t.mark))
				n += 1 + width(t.mark)
			}
		}
		if to < len(titles) {
			b.WriteString(st.Faint.Render(" ›"))
			n += 2
		}
		return b.String(), n
	}
	all := len(titles)
	for _, counts := range []bool{true, false} {
		for nameMax := 30; nameMax >= 12; nameMax -= 2 {
			if s, n := render(0, all, nameMax, counts); n <= room {
				return s
			}
		}
	}
	// A window around the active tab, as wide as fits.
	from, to := m.active, m.active+1
	best, _ := render(from, to, 24, true)
	for grew := true; grew; {
		grew = false
		if to < all {
			if s, n := render(from, to+1, 12, false); n <= room {
				best, to, grew = s, to+1, true
			}
		}
		if from > 0 {
			if s, n := render(from-1, to, 12, false); n <= room {
				best, from, grew = s, from-1, true
			}
		}
	}
	return clip(best, room)
}

func thousands(n int) string {
	s := itoa(n)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
