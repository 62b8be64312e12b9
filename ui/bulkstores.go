package ui

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/theme"
)

// A bulk change across stores. Marks on a tab that shows several stores
// may span them; statuses differ per platform, so the picker offers status
// kinds, and each store's orders move to that store's canonical status of
// the kind: its first one in its own list (backend.ByLifecycle keeps the
// platform's order within a kind), the rule scan mode follows too. A store
// with no status of the kind keeps its orders: they are listed as skipped,
// with the reason. The confirm step and the report group the orders by
// store; one task carries every store's items, each with its own store and
// status, so the running limit and the report stay one.

// kindStatus is the status a picker item and a task stand for when they
// mean a kind across stores: only its Kind and Label are read.
func kindStatus(k backend.StatusKind) backend.Status {
	return backend.Status{Code: kindTitle(k), Name: kindTitle(k), Kind: k}
}

// storesOf are the stores of keys, in config order.
func storesOf(keys []orderKey) []int {
	var out []int
	for _, k := range keys {
		if !slices.Contains(out, k.store) {
			out = append(out, k.store)
		}
	}
	slices.Sort(out)
	return out
}

// canonical is store s's status of kind k that a change by kind sends,
// or why it has none.
func canonical(s *store, k backend.StatusKind) (backend.Status, string) {
	return scanTarget{kind: k}.resolve(s)
}

// kindPlan splits targets into one group per store (config order), each
// with its canonical status of kind k, or the reason its orders are
// skipped. The order of targets is kept within a group.
func (m *Model) kindPlan(targets []orderKey, k backend.StatusKind) []changeGroup {
	var groups []changeGroup
	for _, si := range storesOf(targets) {
		g := changeGroup{store: si}
		g.to, g.skip = canonical(m.stores[si], k)
		for _, t := range targets {
			if t.store == si {
				g.targets = append(g.targets, t)
			}
		}
		groups = append(groups, g)
	}
	return groups
}

// openStoresPicker opens the change picker for marks on several stores:
// kinds, once every store's statuses are in.
func (m *Model) openStoresPicker(targets []orderKey) tea.Cmd {
	stores := storesOf(targets)
	for _, si := range stores {
		if why := m.writesOff(m.stores[si]); why != "" {
			return m.flash(why, false)
		}
	}
	p := newPicker(false, -1, targets, m.storesPickerSummary(targets))
	m.open(p)
	var cmds []tea.Cmd
	for _, si := range stores {
		if s := m.stores[si]; s.statuses == nil {
			s.statusesErr = nil
			cmds = append(cmds, m.loadStatuses(s))
		}
	}
	if len(cmds) > 0 {
		p.loading = true
		return tea.Batch(cmds...)
	}
	m.fillStoresPicker(p)
	return nil
}

// storesPickerSummary is the line above a picker of kinds.
func (m *Model) storesPickerSummary(targets []orderKey) func(*theme.Styles, int) []string {
	line := fmt.Sprintf("%d marked orders on %s: each moves to its store's own status of the kind",
		len(targets), plural(len(storesOf(targets)), "store", "stores"))
	return func(st *theme.Styles, w int) []string {
		return wrapStyled(st.Bold, line, w)
	}
}

// storesStatusesArrived fills (or fails) an open picker of kinds when one
// of its stores' statuses arrive.
func (m *Model) storesStatusesArrived(p *picker, s *store) {
	if !slices.Contains(storesOf(p.targets), s.idx) {
		return
	}
	if s.statusesErr != nil {
		p.setErr(s.name + ": " + errorLine(s.statusesErr))
		return
	}
	for _, si := range storesOf(p.targets) {
		if m.stores[si].statuses == nil {
			return
		}
	}
	m.fillStoresPicker(p)
}

// fillStoresPicker lists the kinds any of the stores has, in lifecycle
// order: greyed with the reason where none of the orders can move there,
// and saying which store has none of it (its orders would be skipped).
func (m *Model) fillStoresPicker(p *picker) {
	var items []pickItem
	for _, k := range backend.Kinds {
		plan := m.kindPlan(p.targets, k)
		var lacking []string
		skipped, can, cur := 0, 0, 0
		var reason string
		for _, g := range plan {
			if g.skip != "" {
				lacking = append(lacking, m.stores[g.store].name)
				skipped += len(g.targets)
				continue
			}
			s := m.stores[g.store]
			for _, key := range g.targets {
				r := m.orders[key]
				if r == nil {
					continue
				}
				if r.o.Status.Kind == k {
					cur++
				}
				if why := s.b.CanSet(r.full(), g.to); why != "" {
					reason = cmpOr(reason, backend.CleanLine(why))
				} else {
					can++
				}
			}
		}
		if len(lacking) == len(plan) {
			continue // no store of the set has it
		}
		it := pickItem{status: kindStatus(k), label: kindTitle(k), current: cur == len(p.targets)}
		switch {
		case can == 0:
			it.reason = cmpOr(reason, "not possible")
		case len(lacking) > 0:
			it.note = fmt.Sprintf("none on %s: %s skipped", strings.Join(lacking, ", "), plural(skipped, "order", "orders"))
		case can < len(p.targets):
			it.note = fmt.Sprintf("%d of %d can", can, len(p.targets))
		}
		items = append(items, it)
	}
	p.setItems(items)
}

// storesConfirm is the confirm step of a change by kind across stores:
// the orders grouped by store under the status each store gets, and the
// fields some store takes with it (notify, note), the tracking number only
// when every store that gets the change takes one for its status.
func (m *Model) storesConfirm(e statusChosen) *confirm {
	groups := m.kindPlan(e.targets, e.to.Kind)
	send := changeConfirmed{store: -1, targets: e.targets, to: e.to, left: e.left, groups: groups}
	c := newConfirm("Change status?", m.storesSummary(groups, e.to), "Yes, send it",
		func(a confirmAnswer) effect { send.answer = a; return send },
		closeDialog{flash: "no change sent", ok: true})
	notify, notes, partial := false, false, false
	tracking, sending := true, 0
	for _, g := range groups {
		if g.skip != "" {
			continue
		}
		caps := m.stores[g.store].caps
		sending++
		notify, notes = notify || caps.Notify, notes || caps.Notes
		partial = partial || !caps.Notify || !caps.Notes
		tracking = tracking && caps.TakesTracking(g.to.Kind)
	}
	var fs []confirmField
	if notify {
		fs = append(fs, fieldNotify)
	}
	if notes {
		fs = append(fs, fieldNote)
	}
	if tracking && sending > 0 {
		fs = append(fs, fieldTracking)
	}
	c.withFields(fs...)
	c.list = m.storesList(groups)
	switch {
	case len(fs) == 0:
		c.footnote = "These stores take no note or notification with a change."
	case partial:
		c.footnote = "Stores without notification or notes get the change without them."
	}
	return c
}

// storesSummary says what a change across stores will do.
func (m *Model) storesSummary(groups []changeGroup, to backend.Status) func(*theme.Styles, int) []string {
	n, skipped := 0, 0
	for _, g := range groups {
		n += len(g.targets)
		if g.skip != "" {
			skipped += len(g.targets)
		}
	}
	head := fmt.Sprintf("%d orders on %s", n, plural(len(groups), "store", "stores"))
	if skipped > 0 {
		head += fmt.Sprintf(" (%d skipped)", skipped)
	}
	label := kindTitle(to.Kind)
	return func(st *theme.Styles, w int) []string {
		return []string{st.Bold.Render(clip(head, w)),
			st.Muted.Render("all  →  ") + st.KindStyle(string(to.Kind), false).Render(kindGlyph(to.Kind)+" "+label) +
				st.Muted.Render(clip("  (each store's own status of this kind)", max(w-width(label)-10, 0)))}
	}
}

// storesList is the confirm step's list of a change across stores: a
// line per store naming the status it gets (or why it is skipped), its
// orders under it.
func (m *Model) storesList(groups []changeGroup) []string {
	var out []string
	for _, g := range groups {
		s := m.stores[g.store]
		n := plural(len(g.targets), "order", "orders")
		if g.skip != "" {
			out = append(out, fmt.Sprintf("▸ %s: %s skipped: %s", s.name, n, g.skip))
		} else {
			to := backend.CleanLine(g.to.Label())
			if code := backend.CleanLine(g.to.Code); code != to {
				to += " (" + code + ")"
			}
			out = append(out, fmt.Sprintf("▸ %s  →  %s %s · %s", s.name, kindGlyph(g.to.Kind), to, n))
		}
		for _, l := range m.bulkList(g.targets) {
			out = append(out, "  "+l)
		}
	}
	return out
}

// sendGroups starts a confirmed change across stores.
func (m *Model) sendGroups(e changeConfirmed) tea.Cmd {
	for _, g := range e.groups {
		if why := m.writesOff(m.stores[g.store]); why != "" && g.skip == "" {
			return m.flash("no change sent: "+why, false)
		}
	}
	// Marks have done their job; the report lists the orders.
	m.tab().marks = map[orderKey]bool{}
	a := e.answer
	return m.startGroups(e.groups, e.to, a.notify, a.note, a.tracking, true, taskOptions{left: e.left})
}
