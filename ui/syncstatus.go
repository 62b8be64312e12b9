package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// SyncReports follows the mirror's background sync (mirror.Reports): Wait
// blocks until reports are waiting and returns each store's latest.
type SyncReports interface {
	Wait(ctx context.Context) ([]backend.SyncProgress, error)
}

// syncMsg carries the sync's latest reports into Update.
type syncMsg struct{ reports []backend.SyncProgress }

// waitSync waits for the sync's next reports in a command of its own, so
// that Update never waits and a sync never waits for a frame.
func (m *Model) waitSync() tea.Cmd {
	src, ctx := m.opts.Sync, m.ctx
	if src == nil {
		return nil
	}
	return func() tea.Msg {
		ps, err := src.Wait(ctx)
		if err != nil {
			return nil // the dashboard is closing
		}
		return syncMsg{reports: ps}
	}
}

// onSync records each store's report for the status bar, reads the
// active tab's window again when it shows a store that reported (a pass
// may have written rows: at most one read in flight and one queued, so a
// fill of thousands of pages costs a few window reads, not one each), and
// waits for the next reports. A pass that completed says the store
// answers again.
func (m *Model) onSync(msg syncMsg) tea.Cmd {
	cmds := []tea.Cmd{m.waitSync()}
	shown, known := false, false
	var fills, firsts []int
	for _, p := range msg.reports {
		s := m.storeNamed(p.Store)
		if s == nil {
			continue
		}
		known = true
		shown = shown || m.tab().shows(s.idx)
		switch {
		case p.Synced.IsZero() || (s.mirrorKnown && s.mirror.Synced.IsZero()):
			fills = append(fills, s.idx)
		case !s.mirrorKnown:
			firsts = append(firsts, s.idx)
		}
		s.mirror, s.mirrorKnown = p, true
		if p.Phase == backend.SyncStopped && !s.mirrorStopSaid {
			s.mirrorStopSaid = true
			m.addError("the mirror of " + s.name + " stopped syncing: " + backend.CleanLine(p.Err))
		}
		if p.Phase == backend.SyncIdle && p.Err == "" && s.offline {
			s.ok(m.env.now())
			cmds = append(cmds, m.flash("✓ "+s.name+" answers again", true))
		}
	}
	if known {
		cmds = append(cmds, m.newsAfterSync(fills, firsts), m.onRefreshReports(msg.reports))
	}
	switch {
	case shown:
		cmds = append(cmds, m.reread())
	case known:
		cmds = append(cmds, m.readStoreCounts())
	}
	return tea.Batch(cmds...)
}

// mirrorChip says where a store's mirror stands: filling or syncing (with
// how far the pass got), or how old it is; a failed pass says when it is
// tried again. compact leaves out counts and errors, for narrow terminals.
func (m *Model) mirrorChip(s *store, now time.Time, lvl chipLevel) string {
	compact := lvl.compact
	if !s.mirrorKnown {
		return ""
	}
	st, p := m.st, s.mirror
	done := ""
	if !compact && p.Done > 0 {
		done = " " + thousands(p.Done)
		if p.Total > 0 {
			done += "/" + thousands(p.Total)
		}
	}
	mirrorAge := "mirror empty"
	if !p.Synced.IsZero() {
		mirrorAge = "mirror " + age(now.Sub(p.Synced))
	}
	if lvl.bare {
		// Room for a glyph: a healthy mirror says nothing, the store's
		// chip already shows it answered.
		switch p.Phase {
		case backend.SyncFilling:
			return st.Pending.Render(" " + glyphPending + " filling")
		case backend.SyncUpdating, backend.SyncReading:
			return st.Pending.Render(" " + glyphPending)
		case backend.SyncFailed:
			return st.Warning.Render(" " + mirrorAge)
		case backend.SyncStopped:
			return st.Error.Render(" " + glyphFailed + " sync stopped")
		}
		return ""
	}
	switch p.Phase {
	case backend.SyncFilling:
		return st.Pending.Render(" " + glyphPending + " filling" + done)
	case backend.SyncUpdating, backend.SyncReading:
		return st.Pending.Render(" "+glyphPending+" syncing"+done) + st.Muted.Render(" · "+mirrorAge)
	case backend.SyncFailed:
		retry := ""
		if d := p.RetryAt.Sub(now); d > 0 {
			retry = ", retry in " + age(d)
		}
		if compact {
			return st.Warning.Render(" " + mirrorAge)
		}
		return st.Muted.Render(" "+mirrorAge) + st.Warning.Render(" · sync failed"+retry)
	case backend.SyncStopped:
		return st.Error.Render(" " + glyphFailed + " " + mirrorAge + " · sync stopped")
	}
	return st.Muted.Render(" · " + mirrorAge)
}
