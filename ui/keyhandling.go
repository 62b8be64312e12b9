package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// handleKey routes a key press: to the top dialog, or to the table's
// actions from the effective keymap.
func (m *Model) handleKey(k tea.KeyPressMsg) tea.Cmd {
	if k.String() == reservedQuit {
		return m.quit(true)
	}
	if len(m.dialogs) > 0 {
		return m.dialogMsg(k)
	}
	if m.tooSmall() {
		if a, ok := m.keys.lookup(modeTable, k); ok && a == actQuit {
			return m.quit(false)
		}
		return nil
	}
	a, ok := m.keys.lookup(modeTable, k)
	if !ok {
		return nil
	}
	if a != actQuit {
		m.quitArmed = false
	}
	m.log.Debug("key", "key", k.String(), "action", string(a), "tab", m.active)
	return m.do(a)
}

func (m *Model) do(a action) tea.Cmd {
	t := m.tab()
	switch a {
	case actDown:
		return m.move(1)
	case actUp:
		return m.move(-1)
	case actFirst:
		return m.toTop()
	case actLast:
		return m.toBottom()
	case actScrollDown:
		return m.move(max(1, m.tableRows()-1))
	case actScrollUp:
		return m.move(-max(1, m.tableRows()-1))
	case actNextPage:
		return m.flipPage(1)
	case actPrevPage:
		return m.flipPage(-1)
	case actNextTab:
		return m.switchTab((m.active + 1) % len(m.tabs))
	case actPrevTab:
		return m.switchTab((m.active + len(m.tabs) - 1) % len(m.tabs))
	case actDetail:
		return m.toggleDetail()
	case actDetailDown:
		m.detail.scrollBy(m.detailRows() / 2)
	case actDetailUp:
		m.detail.scrollBy(-m.detailRows() / 2)
	case actPreview:
		return m.cyclePreview()
	case actCopy:
		return m.copyID()
	case actCopyMenu:
		return m.openCopyMenu()
	case actOpenAdmin:
		return m.openAdmin()
	case actGoto:
		return m.openGoto()
	case actScan:
		return m.openScan()
	case actStatus:
		return tea.Batch(m.openPicker(), m.claimPicker())
	case actMark:
		return m.toggleMark()
	case actMarkAll:
		return m.markAll()
	case actFilter:
		m.open(newPrompt(t.filter))
	case actStatusFilt:
		return m.openStatusFilter()
	case actSort:
		return m.cycleSort()
	case actSortRev:
		return m.reverseSort()
	case actBack:
		return m.back()
	case actRefresh:
		return m.refreshVisible(true)
	case actRefreshAll:
		return tea.Batch(m.refreshAll(), m.startRefreshWait())
	case actHelp:
		m.openHelp()
	case actQuit:
		return m.quit(false)
	case actReport:
		return m.showReport()
	case actJournal:
		return m.openJournal()
	default:
		for i := 1; i <= 9; i++ {
			if a == tabAction(i) && i <= len(m.tabs) {
				return m.switchTab(i - 1)
			}
		}
	}
	return nil
}

// quit leaves at once unless changes are in flight; then the first press
// warns and the second quits (and Run waits for them to report back).
func (m *Model) quit(force bool) tea.Cmd {
	if m.inflight > 0 && !m.quitArmed && !force {
		m.quitArmed = true
		return m.flash(fmt.Sprintf("%s still being sent: press %s again to quit (orderdash waits for them)",
			plural(m.inflight, "change is", "changes are"), m.keys.first(actQuit)), false)
	}
	return tea.Quit
}

// move moves the cursor d rows. Inside the window it is Update work
// alone; the next window is read as the cursor nears an edge, and a move
// past the window's end is finished when that window lands.
func (m *Model) move(d int) tea.Cmd {
	m.stepCursor(m.tab(), d)
	return tea.Batch(m.prefetch(), m.followDetail())
}

// stepCursor moves t's cursor d rows, as far as the window goes; the rest
// waits for the next window (pendingMove).
func (m *Model) stepCursor(t *tab, d int) {
	target := t.cursor + d
	t.pendingMove = 0
	switch {
	case target >= len(t.rows) && !t.last:
		t.pendingMove = target - max(len(t.rows)-1, 0)
		target = len(t.rows) - 1
	case target < 0 && !t.first:
		t.pendingMove = target
		target = 0
	}
	m.gotoRow(target)
}

func (m *Model) gotoRow(i int) {
	t := m.tab()
	t.moved = true
	t.cursor = i
	t.fit(len(t.rows), m.tableRows())
}

// toTop goes to the view's first row: in the window when it holds it,
// else by reading the view's first window (g).
func (m *Model) toTop() tea.Cmd {
	t := m.tab()
	t.moved, t.pendingMove = true, 0
	if t.first {
		m.gotoRow(0)
		return tea.Batch(m.prefetch(), m.followDetail())
	}
	return m.readWindow(t, atTop)
}

// toBottom goes to the view's last row: the view is read the other way
// round from its top, one window (G).
func (m *Model) toBottom() tea.Cmd {
	t := m.tab()
	t.moved, t.pendingMove = true, 0
	if t.last {
		m.gotoRow(len(t.rows) - 1)
		return tea.Batch(m.prefetch(), m.followDetail())
	}
	return m.readWindow(t, atBottom)
}

// flipPage moves a page ([ui] page_size rows) down or up, with the
// cursor's row at the top of the table.
func (m *Model) flipPage(d int) tea.Cmd {
	t := m.tab()
	cmd := m.move(d * m.pageSize())
	if t.pendingMove == 0 {
		m.offsetToCursor()
	}
	return cmd
}

// offsetToCursor puts the cursor's row at the top, as a page flip should.
func (m *Model) offsetToCursor() {
	t := m.tab()
	t.offset = t.cursor
	t.fit(len(t.rows), m.tableRows())
}

func (m *Model) switchTab(i int) tea.Cmd {
	if i < 0 || i >= len(m.tabs) || i == m.active {
		return nil
	}
	m.active = i
	m.syncTab()
	// The mirror may have changed while the tab was away; its new orders
	// are seen now.
	return tea.Batch(m.reread(), m.followDetail(), m.markTabs(i))
}

func (m *Model) pageSize() int { return m.cfg.PageSize }

func (m *Model) back() tea.Cmd {
	t := m.tab()
	switch {
	case len(m.errs) > 0:
		m.errs = nil
		for _, r := range m.orders {
			if r.failed != "" {
				r.failed = ""
				r.touch()
			}
		}
	case t.filter != "" || t.status != nil:
		return m.clearFilters()
	case len(t.marks) > 0:
		t.marks = map[orderKey]bool{}
	case m.detail.open:
		m.detail.open = false
	}
	return nil
}

// showReport opens the last bulk change's report again.
func (m *Model) showReport() tea.Cmd {
	if m.lastBulk == nil {
		return m.flash("no bulk change yet in this session", false)
	}
	m.open(m.newReport(m.lastBulk))
	return nil
}
