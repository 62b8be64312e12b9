package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// picker lists a store's settable statuses for a change (s), or the
// statuses (kinds on All stores) to filter by (f). Typing filters the
// list; statuses an order cannot move to stay visible, greyed, with the
// reason.
type picker struct {
	filterMode bool
	store      int // -1 for kinds on All stores
	targets    []orderKey
	items      []pickItem
	shown      []int
	cursor     int
	input      lineInput
	loading    bool
	err        string
	current    string // the targets' current status, for the title
}

type pickItem struct {
	status  backend.Status
	label   string // cleaned
	reason  string // why it cannot be chosen; "" when it can
	note    string // e.g. "3 of 5 can"
	current bool
	clear   bool // "any status": drops the filter
}

func (m *Model) openPicker() tea.Cmd {
	if m.opts.ReadOnly {
		return nil
	}
	t := m.tab()
	var targets []orderKey
	store := -1
	if len(t.marks) > 0 {
		store = t.markStore
		for _, r := range t.view {
			if t.marks[r.key] {
				targets = append(targets, r.key)
			}
		}
		// Marked rows a filter now hides still count.
		if len(targets) < len(t.marks) {
			targets = targets[:0]
			for _, r := range m.feedRowsOf(t) {
				if t.marks[r.key] {
					targets = append(targets, r.key)
				}
			}
		}
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
	m.picker = picker{store: store, targets: targets, input: newLineInput(60)}
	m.overlay = overlayPicker
	if len(targets) == 1 {
		if r := m.orders[targets[0]]; r != nil {
			m.picker.current = r.disp.status
		}
	}
	if s.statuses == nil {
		m.picker.loading = true
		s.statusesErr = nil
		return m.loadStatuses(s)
	}
	m.picker.load(m, s)
	return nil
}

// feedRowsOf is every loaded row a tab could show, before its filter.
func (m *Model) feedRowsOf(t *tab) []*order {
	if t.all {
		return mergeFeeds(m.baseFeeds())
	}
	return t.feed.rows
}

// load fills the change picker from the store's statuses.
func (p *picker) load(m *Model, s *store) {
	p.loading = false
	p.err = ""
	p.items = p.items[:0]
	if len(s.statuses) == 0 {
		p.err = errNoStatuses.Error()
	}
	for _, st := range s.statuses {
		it := pickItem{status: st, label: backend.CleanLine(st.Label())}
		can, cur := 0, 0
		var reason string
		for _, k := range p.targets {
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
		it.current = cur > 0 && cur == len(p.targets)
		if can == 0 {
			it.reason = reason
			if it.reason == "" {
				it.reason = "not possible"
			}
		} else if can < len(p.targets) {
			it.note = fmt.Sprintf("%d of %d can", can, len(p.targets))
		}
		p.items = append(p.items, it)
	}
	p.refilter()
	// Start on the first status the order can move to.
	for i, idx := range p.shown {
		if p.items[idx].reason == "" && !p.items[idx].current {
			p.cursor = i
			break
		}
	}
}

func (m *Model) openStatusFilter() tea.Cmd {
	t := m.tab()
	m.picker = picker{filterMode: true, store: t.store, input: newLineInput(60)}
	p := &m.picker
	p.items = append(p.items, pickItem{label: "any status", clear: true})
	if t.all {
		for _, k := range backend.Kinds {
			p.items = append(p.items, pickItem{status: backend.Status{Code: string(k), Name: kindTitle(k), Kind: k}, label: kindTitle(k)})
		}
	} else {
		s := m.stores[t.store]
		if s.statuses == nil {
			p.loading = true
			m.overlay = overlayPicker
			return m.loadStatuses(s)
		}
		for _, st := range s.statuses {
			p.items = append(p.items, pickItem{status: st, label: backend.CleanLine(st.Label())})
		}
	}
	if t.status != nil {
		for i := range p.items {
			if !p.items[i].clear && p.items[i].label == t.status.label {
				p.items[i].current = true
			}
		}
	}
	m.overlay = overlayPicker
	p.refilter()
	return nil
}

func kindTitle(k backend.StatusKind) string {
	s := strings.ReplaceAll(string(k), "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (p *picker) refilter() {
	q := strings.ToLower(strings.TrimSpace(p.input.value()))
	p.shown = p.shown[:0]
	for i, it := range p.items {
		if q == "" || strings.Contains(strings.ToLower(it.label), q) || strings.EqualFold(it.status.Code, q) {
			p.shown = append(p.shown, i)
		}
	}
	if p.cursor >= len(p.shown) {
		p.cursor = max(len(p.shown)-1, 0)
	}
}

func (p *picker) key(m *Model, k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "esc":
		m.overlay = overlayNone
		return nil
	case "up", "ctrl+p", "shift+tab":
		if p.cursor > 0 {
			p.cursor--
		}
		return nil
	case "down", "ctrl+n", "tab":
		if p.cursor < len(p.shown)-1 {
			p.cursor++
		}
		return nil
	case "enter":
		return p.choose(m)
	}
	if p.input.key(k) {
		p.cursor = 0
		p.refilter()
	}
	return nil
}

func (p *picker) choose(m *Model) tea.Cmd {
	if p.loading || p.cursor >= len(p.shown) {
		return nil
	}
	it := p.items[p.shown[p.cursor]]
	if p.filterMode {
		m.overlay = overlayNone
		return m.applyStatusFilter(it)
	}
	if it.reason != "" {
		return m.flash("✗ "+it.label+": "+it.reason, false)
	}
	s := m.stores[p.store]
	m.overlay = overlayNone
	if !*m.cfg.Confirm {
		return m.startTask(s, p.targets, it.status, false, "", "", len(p.targets) > 1, taskOptions{})
	}
	m.confirm = newConfirm(s, p.targets, it.status)
	m.overlay = overlayConfirm
	return nil
}

// applyStatusFilter filters the active tab: on the platform where it can
// filter by status, else over the loaded rows.
func (m *Model) applyStatusFilter(it pickItem) tea.Cmd {
	t := m.tab()
	if it.clear {
		if t.status == nil {
			return nil
		}
		if t.status.server {
			t.feed = m.stores[t.store].base
		}
		t.status = nil
		t.cursor, t.offset = 0, 0
		m.changed()
		return m.prefetch()
	}
	if t.all {
		t.status = &statusFilter{label: it.label, kind: it.status.Kind}
		t.cursor, t.offset = 0, 0
		m.changed()
		return m.prefetch()
	}
	s := m.stores[t.store]
	t.status = &statusFilter{label: it.label, codes: []string{it.status.Code}}
	t.cursor, t.offset = 0, 0
	m.changed()
	if s.caps.StatusFilter && !s.offline {
		t.status.server = true
		q := s.base.query
		q.Statuses = []string{it.status.Code}
		t.feed = newFeed(m.nextID(), s.idx, q)
		return m.fetchNext(t.feed)
	}
	t.feed = s.base
	return m.prefetch()
}

// pickerView draws the picker's lines for a dialog w cells wide.
func (m *Model) pickerView(w, h int) (string, []string) {
	st := m.st
	p := &m.picker
	var lines []string
	title := "Set status"
	if p.filterMode {
		title = "Filter by status"
		t := m.tab()
		where := "over the loaded rows"
		if !t.all && m.stores[t.store].caps.StatusFilter && !m.stores[t.store].offline {
			where = "on the store"
		}
		lines = append(lines, st.Muted.Render(clip("Filters "+where+".", w)))
	} else {
		s := m.stores[p.store]
		if len(p.targets) == 1 {
			r := m.orders[p.targets[0]]
			if r != nil {
				lines = append(lines, st.Bold.Render(clip("#"+r.disp.number, w/2))+st.Muted.Render(clip(" · "+s.name+" · now ", w-w/2))+
					st.KindStyle(string(r.disp.kind), false).Render(clip(kindGlyph(r.disp.kind)+" "+r.disp.status, max(w-width("#"+r.disp.number+" · "+s.name+" · now "), 4))))
			}
		} else {
			lines = append(lines, st.Bold.Render(clip(fmt.Sprintf("%d marked orders on %s", len(p.targets), s.name), w)))
		}
	}
	prompt := st.Accent.Render("› ")
	if p.input.value() == "" {
		lines = append(lines, prompt+st.Faint.Render("type to filter"))
	} else {
		lines = append(lines, prompt+p.input.view(st, w-2, true))
	}
	lines = append(lines, "")
	switch {
	case p.loading:
		lines = append(lines, st.Muted.Render(glyphPending+" loading the store's statuses…"))
	case p.err != "":
		lines = append(lines, wrapStyled(st.Error, glyphFailed+" "+p.err, w)...)
	case len(p.shown) == 0:
		lines = append(lines, st.Muted.Render("no status matches"))
	}
	room := max(h-len(lines)-2, 3)
	start := 0
	if p.cursor >= room {
		start = p.cursor - room + 1
	}
	end := min(start+room, len(p.shown))
	longest := 0
	for _, it := range p.items {
		longest = max(longest, width(it.label))
	}
	labelW := clampInt(longest+6, 12, w/2)
	for i := start; i < end; i++ {
		it := p.items[p.shown[i]]
		sel := i == p.cursor
		// The cursor and the current status are marked by shape as well
		// as colour.
		cursor, cur := " ", " "
		if sel {
			cursor = "›"
		}
		if it.current {
			cur = glyphMark
		}
		mark := cursor + cur + " "
		glyph := kindGlyph(it.status.Kind)
		if it.clear {
			glyph = "*"
		}
		label := glyph + " " + it.label
		extra := ""
		switch {
		case it.current && !p.filterMode:
			extra = "current"
		case it.current:
			extra = "active"
		}
		if it.reason != "" && !it.current {
			extra = it.reason
		}
		if it.note != "" {
			extra = it.note
		}
		code := ""
		if !it.clear && !p.filterMode && it.status.Code != it.label {
			code = backend.CleanLine(it.status.Code)
		}
		line := mark + fit(label, labelW-3)
		rest := w - labelW
		tail := ""
		if code != "" {
			tail = fit(code, min(6, rest))
		}
		tail += clip(extra, max(rest-width(tail)-1, 0))
		var out string
		switch {
		case sel:
			out = st.ItemSelected.Render(padLine(line+" "+tail, w))
		case it.reason != "" && !it.current:
			out = st.ItemDisabled.Render(line + " " + tail)
		case it.current:
			out = st.Accent.Render(line) + " " + st.Muted.Render(tail)
		default:
			out = st.KindStyle(string(it.status.Kind), false).Render(line) + " " + st.Muted.Render(tail)
		}
		lines = append(lines, out)
	}
	if end < len(p.shown) {
		lines = append(lines, st.Faint.Render(fmt.Sprintf("↓ %d more", len(p.shown)-end)))
	}
	lines = append(lines, "", st.Faint.Render(clip("↑↓ move · enter choose · esc cancel", w)))
	return title, lines
}
