package ui

import (
	"slices"

	"github.com/orderdash/orderdash/backend"
)

// leftViewNote says how many orders a finished bulk change took out of the
// active tab's view ("2 orders left this view: now Backordered"): under a
// status filter the changed rows leave the table when the mirror is read
// again after each answer, and the operator should know where they went.
// "" when none left.
func (m *Model) leftViewNote(t *task) string {
	tb := m.tab()
	v := m.viewOf(tb)
	n := 0
	for _, it := range t.items {
		// Each item moved to its own store's status (a kind across stores).
		if it.state == itemDone && tb.shows(it.key.store) && !viewTakes(v, it.to) {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return plural(n, "order", "orders") + " left this view: now " + backend.CleanLine(t.to.Label())
}

// viewTakes reports whether an order in status st can be in view v, as
// far as its status decides.
func viewTakes(v backend.View, st backend.Status) bool {
	if len(v.Statuses) > 0 && !slices.Contains(v.Statuses, st.Code) {
		return false
	}
	return len(v.Kinds) == 0 || slices.Contains(v.Kinds, st.Kind)
}
