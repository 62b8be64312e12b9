package ui

import (
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"
)

// Marks select rows for a bulk status change, of one store or, on a tab
// that shows several (All stores, a view), of several: the change then
// goes by kind, each store's orders to its own status (bulkstores.go).
// Whether a row is marked is part of its render cache key, so marking
// redraws it without touching the order (which would also throw away its
// detail rendering).

func (m *Model) toggleMark() tea.Cmd {
	if m.opts.ReadOnly {
		return m.flash(readOnlyText("marks are for bulk status changes, which are off"), false)
	}
	t := m.tab()
	r := t.selected()
	if r == nil {
		return nil
	}
	s := m.stores[r.key.store]
	if why := m.writesOff(s); why != "" {
		return m.flash(why, false)
	}
	if t.marks[r.key] {
		delete(t.marks, r.key)
	} else {
		t.marks[r.key] = true
	}
	return m.move(1)
}

// markStores are the stores of a tab's marked orders, in config order.
func (t *tab) markStores() []int {
	var out []int
	for k := range t.marks {
		if !slices.Contains(out, k.store) {
			out = append(out, k.store)
		}
	}
	slices.Sort(out)
	return out
}

// marksText is the footer's "3 marked", "3 marked in 2 stores".
func (t *tab) marksText() string {
	text := plural(len(t.marks), "marked", "marked")
	if n := len(t.markStores()); n > 1 {
		text += fmt.Sprintf(" in %d stores", n)
	}
	return text
}

// markAll marks every row of the tab's view (after its filters), or
// clears the marks when they are all marked already. The view must fit in
// the window the tab holds (a few screens): marking more at once is a
// filter away.
func (m *Model) markAll() tea.Cmd {
	if m.opts.ReadOnly {
		return m.flash(readOnlyText("marks are for bulk status changes, which are off"), false)
	}
	t := m.tab()
	if len(t.rows) == 0 {
		return nil
	}
	if !t.first || !t.last {
		return m.flash(fmt.Sprintf("too many orders to mark at once (over %s): filter the tab down first", thousands(len(t.rows))), false)
	}
	all := true
	var stores []int
	for _, r := range t.rows {
		if !slices.Contains(stores, r.key.store) {
			stores = append(stores, r.key.store)
		}
		if !t.marks[r.key] {
			all = false
		}
	}
	for _, si := range stores {
		if why := m.writesOff(m.stores[si]); why != "" {
			return m.flash(why, false)
		}
	}
	if all {
		t.marks = map[orderKey]bool{}
	} else {
		for _, r := range t.rows {
			t.marks[r.key] = true
		}
	}
	return m.flash(plural(len(t.marks), "order marked", "orders marked"), true)
}
