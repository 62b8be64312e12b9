package ui

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/theme"
)

// Opening the status picker, filling it from a store's statuses, and
// acting on a status filter it chose.

// openPicker opens the change picker for the marked rows, or the selected
// one.
func (m *Model) openPicker() tea.Cmd {
	if m.opts.ReadOnly {
		return m.flash(readOnlyText("status changes are off"), false)
	}
	t := m.tab()
	var targets []orderKey
	store := -1
	if len(t.marks) > 0 {
		// Marked rows a filter now hides, or out of the window, still
		// count: the marks are the targets, in the order shown where shown.
		seen := map[orderKey]bool{}
		for _, r := range t.rows {
			if t.marks[r.key] {
				targets = append(targets, r.key)
				seen[r.key] = true
			}
		}
		var rest []orderKey
		for k := range t.marks {
			if !seen[k] {
				rest = append(rest, k)
			}
		}
		slices.SortFunc(rest, func(a, b orderKey) int { return cmp.Or(cmp.Compare(a.store, b.store), cmp.Compare(a.id, b.id)) })
		targets = append(targets, rest...)
		if stores := t.markStores(); len(stores) > 1 {
			return m.openStoresPicker(targets)
		}
		store = targets[0].store
	} else if r := t.selected(); r != nil {
		targets = []orderKey{r.key}
		store = r.key.store
	}
	if len(targets) == 0 {
		return m.flash("no order selected", false)
	}
	s := m.stores[store]
	if why := m.writesOff(s); why != "" {
		return m.flash(why, false)
	}
	p := newPicker(false, store, targets, m.pickerSummary(s, targets))
	m.open(p)
	if s.statuses == nil {
		p.loading = true
		s.statusesErr = nil
		return m.loadStatuses(s)
	}
	m.fillChangePicker(p, s)
	return nil
}

// fillChangePicker lists the store's statuses in a change picker.
func (m *Model) fillChangePicker(p *picker, s *store) {
	p.setItems(m.changeItems(s, p.targets))
	if len(s.statuses) == 0 {
		p.err = errNoStatuses.Error()
	}
}

// pickerSummary is the line above a change picker's search.
func (m *Model) pickerSummary(s *store, targets []orderKey) func(*theme.Styles, int) []string {
	name := s.name
	if len(targets) != 1 {
		n := len(targets)
		return func(st *theme.Styles, w int) []string {
			return []string{st.Bold.Render(clip(fmt.Sprintf("%d marked orders on %s", n, name), w))}
		}
	}
	r := m.orders[targets[0]]
	if r == nil {
		return func(*theme.Styles, int) []string { return nil }
	}
	number, status, kind := r.disp.number, r.disp.status, r.disp.kind
	return func(st *theme.Styles, w int) []string {
		head := st.Bold.Render(clip("#"+number, w/2)) + st.Muted.Render(clip(" · "+name+" · now ", w-w/2))
		now := kindGlyph(kind) + " " + status
		if width(head)+width(now) <= w {
			return []string{head + st.KindStyle(string(kind), false).Render(now)}
		}
		// A long status goes on a line of its own rather than being cut.
		return append([]string{head}, wrapStyled(st.KindStyle(string(kind), false), now, w)...)
	}
}

// changeItems are a store's statuses as the change picker lists them for
// the target orders: greyed with the reason where none of them can move
// there.
func (m *Model) changeItems(s *store, targets []orderKey) []pickItem {
	items := make([]pickItem, 0, len(s.statuses))
	for _, st := range backend.ByLifecycle(s.statuses) {
		it := pickItem{status: st, label: backend.CleanLine(st.Label())}
		can, cur := 0, 0
		var reason string
		for _, k := range targets {
			r := m.orders[k]
			if r == nil {
				continue
			}
			if r.o.Status.Code == st.Code {
				cur++
			}
			if why := s.b.CanSet(r.full(), st); why != "" {
				if reason == "" {
					reason = backend.CleanLine(why)
				}
			} else {
				can++
			}
		}
		it.current = cur > 0 && cur == len(targets)
		if can == 0 {
			it.reason = reason
			if it.reason == "" {
				it.reason = "not possible"
			}
		} else if can < len(targets) {
			it.note = fmt.Sprintf("%d of %d can", can, len(targets))
		}
		items = append(items, it)
	}
	return items
}

// openStatusFilter opens the picker of statuses (kinds on All stores) to
// filter the active tab by.
func (m *Model) openStatusFilter() tea.Cmd {
	t := m.tab()
	what := "Filters the mirror by status."
	if t.all {
		what = "Filters every store's orders in the mirror by kind of status."
	}
	say := func(st *theme.Styles, w int) []string {
		return []string{st.Muted.Render(clip(what, w))}
	}
	p := newPicker(true, t.store, nil, say)
	m.open(p)
	if !t.all && m.stores[t.store].statuses == nil {
		p.loading = true
		p.items = m.filterItems(t)
		return m.loadStatuses(m.stores[t.store])
	}
	p.setItems(m.filterItems(t))
	return nil
}

// filterItems are what the active tab can be filtered by: any status, and
// the store's statuses (kinds on All stores), the active one marked.
func (m *Model) filterItems(t *tab) []pickItem {
	items := []pickItem{{label: "any status", clear: true}}
	if t.all {
		for _, k := range backend.Kinds {
			items = append(items, pickItem{status: backend.Status{Code: string(k), Name: kindTitle(k), Kind: k}, label: kindTitle(k)})
		}
	} else {
		for _, st := range m.stores[t.store].statuses {
			items = append(items, pickItem{status: st, label: backend.CleanLine(st.Label())})
		}
	}
	if f := t.status; f != nil {
		// The filter's statuses (kinds) are marked: a reopened f shows
		// the selection it applies.
		for i := range items {
			it := &items[i]
			switch {
			case it.clear:
			case len(f.kinds) > 0:
				it.current = slices.Contains(f.kinds, it.status.Kind)
			default:
				it.current = slices.Contains(f.codes, it.status.Code)
			}
		}
	}
	return items
}

// statusesArrived fills (or fails) an open picker of the store.
func (m *Model) statusesArrived(s *store) {
	p, ok := findDialog[*picker](m.dialogs)
	if ok && !p.filterMode && p.store < 0 {
		m.storesStatusesArrived(p, s)
		return
	}
	if !ok || p.store != s.idx {
		return
	}
	switch {
	case s.statusesErr != nil:
		p.setErr(errorLine(s.statusesErr))
	case p.filterMode:
		p.setItems(m.filterItems(m.tab()))
	default:
		m.fillChangePicker(p, s)
	}
}

func kindTitle(k backend.StatusKind) string {
	s := strings.ReplaceAll(string(k), "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// applyStatusFilter filters the active tab by the statuses chosen (kinds
// on All stores and views): a new view of the mirror, read from its top.
// "any status" among them drops the filter.
func (m *Model) applyStatusFilter(items []pickItem) tea.Cmd {
	t := m.tab()
	var f statusFilter
	var labels []string
	for _, it := range items {
		if it.clear {
			f = statusFilter{}
			labels = nil
			break
		}
		labels = append(labels, it.label)
		if t.all {
			f.kinds = append(f.kinds, it.status.Kind)
		} else {
			f.codes = append(f.codes, it.status.Code)
		}
	}
	if len(labels) == 0 {
		if t.status == nil {
			return nil
		}
		t.status = nil
		return m.viewChanged(t)
	}
	f.label = filterLabel(labels, t.all)
	t.status = &f
	return m.viewChanged(t)
}

// filterLabel names a status filter for the footer and the state file:
// "Pending, On hold" for up to three, else "4 kinds" or "5 statuses".
func filterLabel(labels []string, kinds bool) string {
	if len(labels) <= 3 {
		return strings.Join(labels, ", ")
	}
	if kinds {
		return fmt.Sprintf("%d kinds", len(labels))
	}
	return fmt.Sprintf("%d statuses", len(labels))
}

func (m *Model) loadStatuses(s *store) tea.Cmd {
	if s.statusesLoading {
		return nil
	}
	s.statusesLoading = true
	s.statusesReq = m.nextID()
	s.inflight++
	return statusesCmd(m.ctx, s.b, statusesMsg{store: s.idx, req: s.statusesReq})
}

func (m *Model) onStatuses(msg statusesMsg) tea.Cmd {
	if msg.store < 0 || msg.store >= len(m.stores) {
		return nil
	}
	s := m.stores[msg.store]
	if s.inflight > 0 {
		s.inflight--
	}
	if msg.req != s.statusesReq {
		return nil
	}
	s.statusesLoading = false
	now := m.env.now()
	if msg.err != nil {
		s.statusesErr = msg.err
		s.fail(msg.err)
		m.log.Info("statuses failed", "store", s.b.Name(), "err", msg.err)
		m.statusesArrived(s)
		return nil
	}
	back := s.ok(now)
	s.statusesErr = nil
	s.statuses = cleanStatuses(msg.res)
	m.statusesArrived(s)
	if back {
		return m.backOnline(s)
	}
	return nil
}

// cleanStatuses drops statuses without a code and gives the others a
// kind. Names are left as the store sent them, since a chosen status goes
// back to the store and into the journal as it is; they are cleaned where
// they are drawn.
func cleanStatuses(in []backend.Status) []backend.Status {
	out := make([]backend.Status, 0, len(in))
	for _, st := range in {
		if st.Code == "" {
			continue
		}
		if st.Kind == "" {
			st.Kind = backend.KindOther
		}
		out = append(out, st)
	}
	return out
}

var errNoStatuses = errors.New("this store offers no statuses to set")
