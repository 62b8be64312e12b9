package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/theme"
)

// The bulk report lists every order of a bulk change with what happened
// to it: sent and confirmed, refused (and why), skipped, or unknown. It
// fills in live while the changes run; r offers to retry the failures.

func (m *Model) reportKey(k tea.KeyPressMsg) tea.Cmd {
	t := m.report
	switch k.String() {
	case "esc", "enter", "q":
		m.overlay = overlayNone
		return nil
	case "r":
		if t == nil || !t.finished {
			return m.flash("wait for the changes to finish before retrying", false)
		}
		if _, failed, _, _ := t.counts(); failed == 0 {
			return m.flash("nothing failed", true)
		}
		m.confirm = newRetryConfirm(t)
		m.overlay = overlayConfirm
		return nil
	case "down", "j":
		m.help.scroll++
	case "up", "k":
		m.help.scroll = max(m.help.scroll-1, 0)
	}
	return nil
}

func (m *Model) showReport() tea.Cmd {
	if m.lastBulk == nil {
		return m.flash("no bulk change yet in this session", false)
	}
	m.report = m.lastBulk
	m.help.scroll = 0
	m.overlay = overlayReport
	return nil
}

func (m *Model) reportView(w, h int) (string, []string) {
	st := m.st
	t := m.report
	done, failed, skipped, open := t.counts()
	title := fmt.Sprintf("Bulk change to %s · %s", backend.CleanLine(t.to.Label()), m.stores[t.store].name)
	var lines []string
	summary := fmt.Sprintf("%d of %d done", len(t.items)-open, len(t.items))
	lines = append(lines, st.Bold.Render(summary)+"  "+st.Success.Render(fmt.Sprintf("✓ %d", done))+"  "+
		st.Error.Render(fmt.Sprintf("✗ %d", failed))+st.Muted.Render(fmt.Sprintf("  skipped %d", skipped)))
	lines = append(lines, progressBar(st, w, len(t.items)-open, len(t.items)), "")
	body := make([]string, 0, len(t.items))
	for _, it := range t.items {
		var glyph, state string
		style := st.Muted
		switch it.state {
		case itemQueued:
			glyph, state = "·", "queued"
		case itemSending:
			glyph, state, style = glyphPending, "sending…", st.Pending
		case itemVerifying:
			glyph, state, style = glyphPending, "checking with the store…", st.Pending
		case itemDone:
			glyph, state, style = "✓", "done", st.Success
		case itemFailed:
			glyph, state, style = glyphFailed, it.err, st.Error
		case itemSkipped:
			glyph, state, style = "–", "skipped: "+it.err, st.Muted
		case itemUnknown:
			glyph, state, style = glyphUnknown, it.err, st.Warning
		}
		if it.state == itemDone && it.err != "" {
			state = "done; " + it.err
		}
		num := fit("#"+it.number, 12)
		body = append(body, style.Render(glyph)+" "+st.Value.Render(num)+" "+style.Render(clip(state, max(w-15, 4))))
	}
	room := max(h-len(lines)-2, 3)
	maxScroll := max(len(body)-room, 0)
	if m.help.scroll > maxScroll {
		m.help.scroll = maxScroll
	}
	end := min(m.help.scroll+room, len(body))
	lines = append(lines, body[m.help.scroll:end]...)
	if end < len(body) {
		lines = append(lines, st.Faint.Render(fmt.Sprintf("↓ %d more", len(body)-end)))
	}
	hint := "esc close · j/k scroll"
	if t.finished && failed > 0 {
		hint = "r retry the failed · " + hint
	}
	if !t.finished {
		hint = "the changes carry on if you close this · " + hint
	}
	lines = append(lines, "", st.Faint.Render(clip(hint, w)))
	return title, lines
}

func progressBar(st *theme.Styles, w, n, total int) string {
	if total == 0 || w < 4 {
		return ""
	}
	filled := w * n / total
	return st.Accent.Render(strings.Repeat("█", filled)) + st.Faint.Render(strings.Repeat("░", w-filled))
}
