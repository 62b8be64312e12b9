package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// Marks select rows of one store for a bulk status change. Whether a row
// is marked is part of its render cache key, so marking redraws it without
// touching the order (which would also throw away its detail rendering).

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
	if len(t.marks) > 0 && t.markStore != r.key.store {
		return m.flash("marks are for one store at a time: "+m.stores[t.markStore].name+" has marks ("+m.keys.first(actBack)+" clears them)", false)
	}
	if t.marks[r.key] {
		delete(t.marks, r.key)
	} else {
		t.marks[r.key] = true
		t.markStore = r.key.store
	}
	if len(t.marks) == 0 {
		t.markStore = -1
	}
	return m.move(1)
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
	store := t.rows[0].key.store
	all := true
	for _, r := range t.rows {
		if r.key.store != store {
			return m.flash("marks are for one store at a time: filter this tab to one store, or use its own tab", false)
		}
		if !t.marks[r.key] {
			all = false
		}
	}
	if why := m.writesOff(m.stores[store]); why != "" {
		return m.flash(why, false)
	}
	if len(t.marks) > 0 && t.markStore != store {
		return m.flash("marks are for one store at a time ("+m.keys.first(actBack)+" clears them)", false)
	}
	if all {
		t.marks = map[orderKey]bool{}
		t.markStore = -1
	} else {
		for _, r := range t.rows {
			t.marks[r.key] = true
		}
		t.markStore = store
	}
	return m.flash(plural(len(t.marks), "order marked", "orders marked"), true)
}
