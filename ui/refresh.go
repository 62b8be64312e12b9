package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

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

// refreshWait is R's "refreshing every store…": it stays while a store's
// pass is still to report, and gives way to "refreshed N stores" the
// moment the last one does, rather than lingering on a timer.
type refreshWait struct {
	waiting map[string]bool // stores whose pass has not reported yet
	since   time.Time       // when R was pressed: older reports do not count
	stores  int
	seq     int64 // the toast that says it
}

// refreshWaitMax bounds the message when a store's pass never reports
// (the sync stopped): it must not stay on the status bar for good.
const refreshWaitMax = 2 * time.Minute

// startRefreshWait shows "refreshing every store…" until every store's
// pass has reported (onRefreshReports).
func (m *Model) startRefreshWait() tea.Cmd {
	if m.opts.SyncNow == nil {
		// Nothing reports passes: say it was asked, briefly.
		return m.flash("refreshing every store…", true)
	}
	w := refreshWait{waiting: map[string]bool{}, since: m.env.now(), stores: len(m.stores)}
	for _, s := range m.stores {
		w.waiting[s.b.Name()] = true
	}
	now := m.env.now()
	m.toast = toast{text: "refreshing every store…", ok: true, until: now.Add(refreshWaitMax), seq: m.nextID()}
	w.seq = m.toast.seq
	m.refreshing = w
	return m.env.after(refreshWaitMax, toastExpiredMsg{seq: m.toast.seq})
}

// onRefreshReports counts the stores whose pass since R has reported
// (done, failed or stopped); after the last one the message says so.
func (m *Model) onRefreshReports(reports []backend.SyncProgress) tea.Cmd {
	w := &m.refreshing
	if len(w.waiting) == 0 {
		return nil
	}
	for _, p := range reports {
		switch {
		case p.Phase == backend.SyncIdle && !p.Synced.Before(w.since),
			p.Phase == backend.SyncFailed, p.Phase == backend.SyncStopped:
			delete(w.waiting, p.Store)
		}
	}
	if len(w.waiting) > 0 {
		return nil
	}
	still := m.toast.seq == w.seq
	n := w.stores
	*w = refreshWait{}
	if !still {
		return nil // another message took the status bar meanwhile
	}
	return m.flash("✓ refreshed "+plural(n, "store", "stores"), true)
}
