package ui

import tea "charm.land/bubbletea/v2"

// Reading again what is on screen: the operator's r and R, the [ui]
// refresh, a store's own refresh beat. The tables read the mirror, so a
// refresh asks the background sync for a pass of the stores in view now
// (Options.SyncNow) and reads the window again; the sync's report of the
// pass brings what it found. The detail on show is read from the store.

// refreshVisible refreshes the stores of the active tab (r, and the [ui]
// refresh); retry also asks an offline store whether it answers again.
func (m *Model) refreshVisible(retry bool) tea.Cmd { return m.refreshRows(-1, retry) }

// refreshStore refreshes one store (its own refresh beat).
func (m *Model) refreshStore(s *store) tea.Cmd { return m.refreshRows(s.idx, false) }

// refreshRows asks for a pass of the active tab's stores (only one of
// them when only >= 0), reads the window again, and the detail on show.
func (m *Model) refreshRows(only int, retry bool) tea.Cmd {
	t := m.tab()
	var cmds []tea.Cmd
	for _, s := range m.stores {
		if !t.shows(s.idx) || (only >= 0 && s.idx != only) {
			continue
		}
		m.syncNow(s)
		if s.offline || (retry && s.statusesErr != nil) {
			// A cheap read that tells whether the store answers again.
			cmds = append(cmds, m.loadStatuses(s))
		}
	}
	m.newCountsEpoch()
	cmds = append(cmds, m.reread())
	if m.detail.open && (only < 0 || m.detail.key.store == only) {
		cmds = append(cmds, m.loadDetail(true))
	}
	return tea.Batch(cmds...)
}

// refreshAll asks for a pass of every store and reads their statuses
// again (R); the window and the detail on show are read again too.
func (m *Model) refreshAll() tea.Cmd {
	var cmds []tea.Cmd
	for _, s := range m.stores {
		m.syncNow(s)
		s.statusesErr = nil
		cmds = append(cmds, m.loadStatuses(s))
	}
	m.newCountsEpoch()
	cmds = append(cmds, m.reread())
	if m.detail.open {
		cmds = append(cmds, m.loadDetail(true))
	}
	return tea.Batch(cmds...)
}

// syncNow asks the background sync for a pass of s now.
func (m *Model) syncNow(s *store) {
	if m.opts.SyncNow != nil {
		m.opts.SyncNow(s.b.Name())
	}
}
