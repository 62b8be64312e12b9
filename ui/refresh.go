package ui

import tea "charm.land/bubbletea/v2"

// Reading again what is on screen: the operator's r and R, the background
// refresh, a store's own refresh beat.

// refreshVisible fetches again the pages behind the rows on screen (r),
// and the detail on show. retry also refetches pages that failed.
func (m *Model) refreshVisible(retry bool) tea.Cmd { return m.refreshRows(-1, retry) }

// refreshStore fetches again what is on screen of one store only: its
// visible pages, an empty list (new orders may have come in) and its open
// detail.
func (m *Model) refreshStore(s *store) tea.Cmd { return m.refreshRows(s.idx, false) }

// refreshRows refreshes the visible pages of one store (or every store for
// -1), and the detail on show.
func (m *Model) refreshRows(only int, retry bool) tea.Cmd {
	t := m.tab()
	m.syncTab()
	var cmds []tea.Cmd
	type fp struct {
		f *feed
		i int
	}
	seen := map[fp]bool{}
	start := min(t.offset, len(t.view))
	end := min(start+m.tableRows(), len(t.view))
	for _, r := range t.view[start:end] {
		if only >= 0 && r.key.store != only {
			continue
		}
		f := m.feedOfRow(t, r)
		if f == nil {
			continue
		}
		i, ok := f.where[r.key.id]
		if !ok || seen[fp{f, i}] {
			continue
		}
		seen[fp{f, i}] = true
		cmds = append(cmds, m.refreshPage(f, i))
	}
	for _, f := range m.feedsOf(t) {
		if only >= 0 && f.store != only {
			continue
		}
		switch {
		case f.err != nil && retry:
			f.err = nil
			cmds = append(cmds, m.fetch(f, true))
		case !f.started || (len(f.pages) == 0 && f.loading == 0 && retry):
			cmds = append(cmds, m.fetch(f, retry))
		case only >= 0 && len(f.rows) == 0 && f.done && f.loading == 0:
			cmds = append(cmds, m.resetFeed(f))
		}
	}
	if m.detail.open && (only < 0 || m.detail.key.store == only) {
		cmds = append(cmds, m.loadDetail(true))
	}
	return tea.Batch(cmds...)
}

func (m *Model) feedOfRow(t *tab, r *order) *feed {
	if t.all {
		return m.stores[r.key.store].base
	}
	return t.feed
}

// refreshAll starts every store again from its first page (R). The rows
// loaded so far stay on screen until the first page lands and replaces
// them; the cursor stays on its order where that order is still there.
func (m *Model) refreshAll() tea.Cmd {
	var cmds []tea.Cmd
	seen := map[*feed]bool{}
	reset := func(f *feed) {
		if f == nil || seen[f] {
			return
		}
		seen[f] = true
		cmds = append(cmds, m.resetFeed(f))
	}
	for _, s := range m.stores {
		reset(s.base)
		s.statusesErr = nil
		cmds = append(cmds, m.loadStatuses(s))
	}
	for _, t := range m.tabs {
		reset(t.feed)
	}
	if m.detail.open {
		cmds = append(cmds, m.loadDetail(true))
	}
	m.changed()
	return tea.Batch(cmds...)
}

// resetFeed asks for a feed's first page again; a next-page fetch still
// out is dropped when it lands (its request id no longer matches).
func (m *Model) resetFeed(f *feed) tea.Cmd {
	s := m.stores[f.store]
	q := f.query
	f.resetting = true
	f.started = true
	f.done = false
	f.err = nil
	f.refreshing = map[int]int64{}
	f.loading = m.nextID()
	s.inflight++
	ref := pageRef{store: s.b.Name(), tab: f.tab, index: 1}
	return listCmd(m.ctx, m.env.loader, s.b, q, ref, pageMsg{store: f.store, feed: f.id, req: f.loading, page: -1})
}
