package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// filterKey edits the filter of loaded rows; it applies as it is typed.
// enter keeps it and returns to the table, esc clears it.
func (m *Model) filterKey(k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "enter":
		m.editing = false
		return nil
	case "esc":
		m.editing = false
		m.filter.set("")
		return m.applyFilterText()
	case "down", "up", "pgdown", "pgup":
		// Let the operator look through the matches without leaving.
		if a, ok := m.keys.lookup(k.String(), k.Keystroke()); ok {
			return m.do(a)
		}
		return nil
	}
	if m.filter.key(k) {
		return m.applyFilterText()
	}
	return nil
}

func (m *Model) applyFilterText() tea.Cmd {
	t := m.tab()
	t.filter = m.filter.value()
	t.cursor, t.offset = 0, 0
	t.rebuild(m.feedsOf(t), m.gen)
	return tea.Batch(m.prefetch(), m.followDetail())
}

// clearFilters drops the text and status filters of the active tab.
func (m *Model) clearFilters() tea.Cmd {
	t := m.tab()
	t.filter = ""
	m.filter.set("")
	if t.status != nil {
		if t.status.server {
			t.feed = m.stores[t.store].base
		}
		t.status = nil
	}
	t.cursor, t.offset = 0, 0
	t.rebuild(m.feedsOf(t), m.gen)
	return tea.Batch(m.prefetch(), m.followDetail())
}

// filterSummary describes the active filters for the footer.
func (t *tab) filterSummary() string {
	s := ""
	if t.status != nil {
		where := "loaded rows"
		if t.status.server {
			where = "on the store"
		}
		s = fmt.Sprintf("status %s (%s)", t.status.label, where)
	}
	if t.filter != "" {
		if s != "" {
			s += " · "
		}
		s += fmt.Sprintf("%q", t.filter)
	}
	return s
}
