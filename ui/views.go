package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/orderdash/orderdash/backend"
)

// ViewTab is a saved view ([[views]] in the config): a tab after All
// stores whose query is fixed (stores, statuses or kinds, late only, sort,
// a search text); the operator's `f` and `/` narrow it further.
type ViewTab struct {
	Name string
	// View is the query; empty Stores is every store.
	View backend.View
}

// viewTabs adds a tab per saved view, after All stores and before the
// stores' own tabs. A view naming a store the dashboard does not show is
// refused here (config checks the file's; this catches a caller's).
func (m *Model) viewTabs(views []ViewTab) error {
	var out []*tab
	for _, v := range views {
		t := newTab(true, -1)
		for _, s := range v.View.Stores {
			i, ok := m.storeIdx[s]
			if !ok {
				return fmt.Errorf("view %q: no store is called %q", v.Name, s)
			}
			t.viewStores = append(t.viewStores, i)
		}
		vt := v
		vt.View.Text = strings.TrimSpace(vt.View.Text)
		t.preset = &vt
		out = append(out, t)
	}
	at := 0
	if len(m.tabs) > 0 && m.tabs[0].all {
		at = 1
	}
	m.tabs = slices.Insert(m.tabs, at, out...)
	return nil
}

// presetView is a view tab's query under the operator's own filters: the
// view's stores (every store when it names none), its late flag and sort,
// its statuses unless `f` chose others (kinds stay: both apply), and its
// text before what was typed at `/` (every word must match).
func (m *Model) presetView(t *tab, v *backend.View) {
	p := t.preset.View
	if len(p.Stores) > 0 {
		v.Stores = slices.Clone(p.Stores)
	}
	v.Late, v.Sort, v.Asc = p.Late, p.Sort, p.Asc
	if len(v.Statuses) == 0 {
		v.Statuses = slices.Clone(p.Statuses)
	}
	v.Kinds = append(slices.Clone(p.Kinds), v.Kinds...)
	v.Text = strings.TrimSpace(p.Text + " " + v.Text)
}
