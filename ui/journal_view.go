package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// journalView is the audit trail of every status change, over the whole
// body: open changes (pending, sent, unknown, failed) on top, then the
// settled ones, newest first; the selected one in full below. It asks the
// model to read the journal, a change's steps, to resend or drop (each
// after a confirm step whose default is No) and to reconcile; the model
// hands it the answers.
type journalView struct {
	entries []backend.JournalEntry
	numbers map[int64]string // the order number people quote, by entry
	req     int64
	loading bool
	err     string
	more    bool // older settled entries may be read
	win     window
	rows    int // entries on screen, from fit
	// banner says why the view opened on its own: changes wait for the
	// operator's decision.
	banner string

	steps    []backend.JournalStep // of stepsID, when the operator asked (enter)
	stepsID  int64
	stepsReq int64
	stepsErr string
	// prefix is the start every store's name shares ("demo-"): the Store
	// column leaves it out on narrow screens.
	prefix string
}

func (j *journalView) kind() string     { return "journal" }
func (j *journalView) place() placement { return placeBody }

func (j *journalView) selected() *backend.JournalEntry {
	if j.win.cursor < 0 || j.win.cursor >= len(j.entries) {
		return nil
	}
	return &j.entries[j.win.cursor]
}

// setEntries shows a read of the journal: the newest entries (before ==
// 0), kept on the selected entry, or older settled ones appended.
func (j *journalView) setEntries(msg journalMsg, numbers map[int64]string) {
	j.loading = false
	if msg.err != nil {
		j.err = errorLine(msg.err)
		return
	}
	j.err = ""
	settled := 0
	for _, e := range msg.entries {
		if !e.Open() {
			settled++
		}
	}
	j.more = settled >= journalPage
	if j.numbers == nil || msg.before == 0 {
		j.numbers = map[int64]string{}
	}
	for id, n := range numbers {
		j.numbers[id] = n
	}
	if msg.before != 0 {
		for _, e := range msg.entries {
			if !e.Open() {
				j.entries = append(j.entries, e)
			}
		}
		return
	}
	var keep int64
	if e := j.selected(); e != nil {
		keep = e.ID
	}
	j.entries = msg.entries
	j.win.cursor = 0
	for i, e := range j.entries {
		if e.ID == keep {
			j.win.cursor = i
		}
	}
}

func (j *journalView) setSteps(msg stepsMsg) {
	if msg.req != j.stepsReq || msg.id != j.stepsID {
		return
	}
	j.steps, j.stepsErr = msg.steps, ""
	if msg.err != nil {
		j.stepsErr = errorLine(msg.err)
	}
}

func (j *journalView) update(msg tea.Msg, c *dialogCtx) effect {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	a, ok := c.keys.lookup(modeJournal, k)
	if !ok {
		return nil
	}
	switch a {
	case actDown:
		return j.move(1)
	case actUp:
		return j.move(-1)
	case actFirst:
		return j.move(-len(j.entries))
	case actLast:
		return j.move(len(j.entries))
	case actScrollDown:
		return j.move(max(j.rows-1, 1))
	case actScrollUp:
		return j.move(-max(j.rows-1, 1))
	case actJournal, actBack, actJournalClose:
		return closeDialog{}
	case actHelp:
		return helpAsked{}
	case actJournalSteps:
		e := j.selected()
		if e == nil {
			return nil
		}
		if j.stepsID == e.ID {
			j.steps, j.stepsID = nil, 0
			return nil
		}
		j.stepsID, j.steps, j.stepsErr = e.ID, nil, ""
		return stepsAsked{id: e.ID}
	case actJournalResend, actJournalDrop:
		if e := j.selected(); e != nil {
			return decisionAsked{entry: *e, resend: a == actJournalResend}
		}
	case actJournalCheck:
		return checkAsked{}
	}
	return nil
}

// move moves the cursor, and asks for older entries near the end.
func (j *journalView) move(d int) effect {
	j.win.cursor += d
	j.win.clampCursor(len(j.entries))
	if j.stepsID != 0 {
		j.steps, j.stepsID = nil, 0
	}
	if j.win.cursor < len(j.entries)-5 || !j.more || j.loading || len(j.entries) == 0 {
		return nil
	}
	last := j.entries[len(j.entries)-1]
	if last.Open() {
		return nil
	}
	return olderAsked{before: last.ID}
}

func (j *journalView) headLines() int {
	if j.banner != "" {
		return 3
	}
	return 2
}

func journalFootLines(bodyH int) int { return clampInt(bodyH/3, 4, 12) }

func (j *journalView) fit(_ *dialogCtx, _, h int) {
	j.rows = max(h-j.headLines()-journalFootLines(h), 1)
	j.win.fit(len(j.entries), j.rows)
}

func (j *journalView) footerHints(c *dialogCtx) []key.Binding {
	km := c.keys
	var h []key.Binding
	if !c.readOnly {
		h = append(h, km.hint("resend", actJournalResend), km.hint("drop", actJournalDrop))
	}
	return append(h, km.hint("steps", actJournalSteps), km.hint("check now", actJournalCheck),
		km.hint("move", actDown, actUp), km.hint("close", actBack))
}

// view draws a title, the banner, the entries, and the selected entry in
// full.
func (j *journalView) view(c *dialogCtx, w, h int) dialogView {
	st := c.st
	out := make([]string, 0, h)
	open, decide := 0, 0
	for _, e := range j.entries {
		if e.Open() {
			open++
		}
		if e.NeedsDecision && e.CanResend() {
			decide++
		}
	}
	title := st.PaneTitle.Render(" Journal") + st.Muted.Render(" · every status change, newest first")
	counts := fmt.Sprintf("%s open", thousands(open))
	if decide > 0 {
		counts += fmt.Sprintf(" · %d need your decision", decide)
	}
	if j.loading {
		counts += " · " + glyphPending + " reading"
	}
	if c.checking {
		counts += " · " + glyphPending + " checking with the stores"
	}
	out = append(out, padLine(title+st.Muted.Render("  ·  "+counts), w))
	if j.banner != "" {
		out = append(out, padLine(st.Warning.Render(clip(" ⚠ "+j.banner, w)), w))
	}
	foot := journalFootLines(h)
	start, end := j.win.visible(len(j.entries), j.rows)
	cols := journalColumnsFor(w, j.widths(start, end))
	out = append(out, st.ColHeader.Render(fit(cols.header(), w)))
	switch {
	case j.err != "":
		out = append(out, padLine(st.Error.Render(clip(" "+glyphFailed+" the journal could not be read: "+j.err, w)), w))
	case len(j.entries) == 0 && j.loading:
		out = append(out, padLine(st.Muted.Render(" "+glyphPending+" reading the journal…"), w))
	case len(j.entries) == 0:
		out = append(out, padLine(st.Muted.Render(" No status change yet: every change made here or with set-status is listed."), w))
	}
	for i := start; i < end; i++ {
		out = append(out, j.row(c, j.entries[i], cols, i == j.win.cursor, w))
	}
	for len(out) < h-foot {
		out = append(out, strings.Repeat(" ", w))
	}
	out = out[:h-foot]
	out = append(out, j.detail(c, w, foot)...)
	return dialogView{lines: out}
}

// number is the number people quote for an entry's order, where the
// dashboard has seen the order; else the id the journal keeps.
func (j *journalView) number(e backend.JournalEntry) string {
	if n := j.numbers[e.ID]; n != "" {
		return n
	}
	return backend.CleanLine(e.OrderID)
}
