package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/theme"
)

// The journal view is the audit trail of every status change: open
// changes (pending, sent, unknown, failed) on top, then the settled ones,
// newest first. An open change can be resent or dropped, each after a
// confirm step whose default is No; reconciliation runs from here on
// demand ("check now"), and at start, in the background.

// journalPage is how many settled entries one read of the journal lists.
const journalPage = 200

type journalView struct {
	open    bool
	entries []JournalEntry
	req     int64
	loading bool
	err     string
	more    bool // older settled entries may be read
	cursor  int
	offset  int
	// banner says why the view opened on its own: changes wait for the
	// operator's decision.
	banner string

	steps    []JournalStep // of stepsID, when the operator asked (enter)
	stepsID  int64
	stepsReq int64
	stepsErr string

	ask *askDialog // a confirm step over the view
}

// journalMsg answers a read of the journal.
type journalMsg struct {
	req     int64
	before  int64 // BeforeID of the read: 0 for the first entries
	entries []JournalEntry
	err     error
}

// stepsMsg answers a read of one change's steps.
type stepsMsg struct {
	req   int64
	id    int64
	steps []JournalStep
	err   error
}

// reconcileMsg reports what reconciliation did for one store.
type reconcileMsg struct {
	store int
	start bool // the reconciliation at start, rather than the operator's
	outs  []Reconciled
	err   error
}

// dropMsg reports an operator's drop.
type dropMsg struct {
	id  int64
	err error
}

// reconcileTimeout bounds one store's reconciliation: a store that does
// not answer leaves its changes for next time.
const reconcileTimeout = 30 * time.Second

func journalCmd(ctx context.Context, db Database, q ChangeQuery, msg journalMsg) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, cacheTimeout)
		defer cancel()
		msg.before = q.BeforeID
		msg.entries, msg.err = db.Changes(ctx, q)
		return msg
	}
}

func stepsCmd(ctx context.Context, db Database, msg stepsMsg) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, cacheTimeout)
		defer cancel()
		msg.steps, msg.err = db.Steps(ctx, msg.id)
		return msg
	}
}

// reconcileCmd reconciles one store's changes. Quitting cuts it short:
// a resend under way still has its outcome written (backend.Apply), and
// whatever is left is reconciled at the next start; Run waits for it to
// wind down before the database is closed.
func reconcileCmd(ctx context.Context, db Database, b backend.Backend, opt ReconcileOptions, msg reconcileMsg, done func()) tea.Cmd {
	return func() tea.Msg {
		defer done()
		ctx, cancel := context.WithTimeout(ctx, reconcileTimeout)
		defer cancel()
		msg.outs, msg.err = db.Reconcile(ctx, b, opt)
		return msg
	}
}

// decisionsMsg lists the open changes once reconciliation is done, to
// count those waiting for the operator (an earlier run's included).
type decisionsMsg struct{ entries []JournalEntry }

func decisionsCmd(ctx context.Context, db Database) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, cacheTimeout)
		defer cancel()
		es, err := db.Changes(ctx, ChangeQuery{Limit: 1}) // every open one, and one more
		if err != nil {
			return cacheErrMsg{err: err}
		}
		return decisionsMsg{entries: es}
	}
}

func dropCmd(ctx context.Context, db Database, id int64, operator string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cacheTimeout)
		defer cancel()
		return dropMsg{id: id, err: db.Drop(ctx, id, operator)}
	}
}

// openJournal shows the journal view.
func (m *Model) openJournal() tea.Cmd {
	if m.db == nil {
		why := "orderdash runs without its local database"
		if m.opts.DBProblem != nil {
			why = "the local database could not be opened (" + m.keys.first(actBack) + " shows why)"
		}
		return m.flash("no journal: "+why, false)
	}
	m.journal.open = true
	m.journal.cursor, m.journal.offset = 0, 0
	m.journal.ask = nil
	m.overlay = overlayJournal
	return m.loadJournal()
}

func (m *Model) closeJournal() {
	m.journal.open = false
	m.journal.banner = ""
	m.journal.ask = nil
	m.journal.steps, m.journal.stepsID = nil, 0
	if m.overlay == overlayJournal {
		m.overlay = overlayNone
	}
}

// loadJournal reads the journal again from its newest entries.
func (m *Model) loadJournal() tea.Cmd {
	if m.db == nil || !m.journal.open {
		return nil
	}
	m.journal.req = m.nextID()
	m.journal.loading = true
	return journalCmd(m.ctx, m.db, ChangeQuery{Limit: journalPage}, journalMsg{req: m.journal.req})
}

// loadOlder reads the settled entries after the last one listed.
func (m *Model) loadOlder() tea.Cmd {
	j := &m.journal
	if m.db == nil || !j.more || j.loading || len(j.entries) == 0 {
		return nil
	}
	last := j.entries[len(j.entries)-1]
	if last.Open() {
		return nil
	}
	j.req = m.nextID()
	j.loading = true
	return journalCmd(m.ctx, m.db, ChangeQuery{Limit: journalPage, BeforeID: last.ID}, journalMsg{req: j.req})
}

func (m *Model) onJournal(msg journalMsg) tea.Cmd {
	j := &m.journal
	if msg.req != j.req {
		return nil
	}
	j.loading = false
	if msg.err != nil {
		j.err = errorLine(msg.err)
		return nil
	}
	j.err = ""
	settled := 0
	for _, e := range msg.entries {
		if !e.Open() {
			settled++
		}
	}
	j.more = settled >= journalPage
	if msg.before == 0 {
		var keep int64
		if e := j.selected(); e != nil {
			keep = e.ID
		}
		j.entries = msg.entries
		j.cursor = 0
		for i, e := range j.entries {
			if e.ID == keep {
				j.cursor = i
			}
		}
		m.noteDecisions(msg.entries)
	} else {
		for _, e := range msg.entries {
			if !e.Open() {
				j.entries = append(j.entries, e)
			}
		}
	}
	j.clamp()
	return nil
}

// onDecisions counts the changes waiting for the operator once every
// store is reconciled, those an earlier run left included.
func (m *Model) onDecisions(msg decisionsMsg) {
	if m.reconciling == 0 {
		m.noteDecisions(msg.entries)
	}
}

// noteDecisions keeps the count of changes waiting for the operator
// (the status bar shows it) in step with what the journal says.
func (m *Model) noteDecisions(es []JournalEntry) {
	m.decisions = map[int64]bool{}
	for _, e := range es {
		if e.NeedsDecision && e.CanResend() {
			m.decisions[e.ID] = true
		}
	}
}

func (j *journalView) selected() *JournalEntry {
	if j.cursor < 0 || j.cursor >= len(j.entries) {
		return nil
	}
	return &j.entries[j.cursor]
}

func (j *journalView) clamp() {
	j.cursor = clampInt(j.cursor, 0, max(len(j.entries)-1, 0))
}

func (m *Model) onSteps(msg stepsMsg) tea.Cmd {
	j := &m.journal
	if msg.req != j.stepsReq || msg.id != j.stepsID {
		return nil
	}
	j.steps, j.stepsErr = msg.steps, ""
	if msg.err != nil {
		j.stepsErr = errorLine(msg.err)
	}
	return nil
}

// startReconcile reconciles every store's changes of unknown outcome in
// the background (at start, and on the operator's demand): each store on
// its own, so one that does not answer holds up no other, and a
// read-only store is never resent to.
func (m *Model) startReconcile(start bool) tea.Cmd {
	if m.db == nil {
		return nil
	}
	var cmds []tea.Cmd
	for _, s := range m.stores {
		m.reconciling++
		m.changes.Add(1)
		cmds = append(cmds, reconcileCmd(m.ctx, m.db, s.b, m.reconcileOptions(s), reconcileMsg{store: s.idx, start: start}, m.changes.Done))
	}
	return tea.Batch(cmds...)
}

func (m *Model) onReconcile(msg reconcileMsg) tea.Cmd {
	m.reconciling--
	if msg.store < 0 || msg.store >= len(m.stores) {
		return nil
	}
	s := m.stores[msg.store]
	if msg.err != nil {
		m.addError(fmt.Sprintf("journal: %s could not be reconciled: %s", s.name, errorLine(msg.err)))
		return nil
	}
	var confirmed, resent, failed, decide, later int
	var cmds []tea.Cmd
	for _, o := range msg.outs {
		m.log.Info("reconciled", "store", s.b.Name(), "change", o.Entry.ID, "action", string(o.Action), "err", o.Err)
		switch o.Action {
		case ReconcileConfirmed:
			confirmed++
		case ReconcileResent:
			resent++
		case ReconcileFailed, ReconcileUnknown:
			failed++
		case ReconcileNeedsDecision:
			decide++
			m.decisions[o.Entry.ID] = true
		case ReconcileDeferred:
			later++
		}
		if r := m.orders[orderKey{store: s.idx, id: o.Entry.OrderID}]; r != nil && (o.Action == ReconcileConfirmed || o.Action == ReconcileResent) && r.pending == nil {
			// The row may still show the status from before the change.
			st := o.Entry.To
			if o.Entry.Result != nil {
				st = *o.Entry.Result
			}
			if r.o.Status.Code != st.Code {
				ro := r.o
				ro.Status = st
				r.set(ro)
				r.detail, r.detailLive = nil, false
				m.changed()
			}
		}
	}
	var parts []string
	add := func(n int, what string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, what))
		}
	}
	add(confirmed, "confirmed")
	add(resent, "resent")
	add(failed, "failed again")
	add(later, "left for later (the store did not answer)")
	add(decide, "need your decision")
	if len(parts) > 0 {
		cmds = append(cmds, m.flash("journal, "+s.name+": "+strings.Join(parts, ", "), failed+decide == 0))
	} else if !msg.start && m.reconciling == 0 {
		cmds = append(cmds, m.flash("journal: nothing to reconcile", true))
	}
	if decide > 0 {
		cmds = append(cmds, m.askDecision(decide))
	} else if m.journal.open {
		cmds = append(cmds, m.loadJournal())
	}
	if m.reconciling == 0 {
		cmds = append(cmds, decisionsCmd(m.ctx, m.db))
	}
	return tea.Batch(cmds...)
}

// askDecision asks the operator to settle changes only they can settle:
// the journal view opens on them, unless the operator is busy in another
// dialog or typing; the status bar says so until they are settled.
func (m *Model) askDecision(n int) tea.Cmd {
	if m.db == nil {
		return nil
	}
	busy := m.editing || (m.overlay != overlayNone && m.overlay != overlayJournal)
	if busy {
		return nil
	}
	if !m.journal.open {
		m.journal.open = true
		m.journal.cursor, m.journal.offset = 0, 0
		m.overlay = overlayJournal
	}
	m.journal.banner = fmt.Sprintf("%s may not have reached the store, and sending again could apply %s twice: check the order, then resend or drop.",
		plural(max(n, len(m.decisions)), "change", "changes"), either(max(n, len(m.decisions)) == 1, "it", "them"))
	return m.loadJournal()
}

func either(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

// journalKey handles a key in the journal view.
func (m *Model) journalKey(k tea.KeyPressMsg) tea.Cmd {
	j := &m.journal
	if j.ask != nil {
		return j.ask.key(m, k)
	}
	if a, ok := m.keys.lookup(k.String(), k.Keystroke()); ok {
		switch a {
		case actDown:
			return m.journalMove(1)
		case actUp:
			return m.journalMove(-1)
		case actFirst:
			return m.journalMove(-len(j.entries))
		case actLast:
			return m.journalMove(len(j.entries))
		case actScrollDown:
			return m.journalMove(max(m.journalRows()-1, 1))
		case actScrollUp:
			return m.journalMove(-max(m.journalRows()-1, 1))
		case actJournal, actBack:
			m.closeJournal()
			return nil
		case actHelp:
			m.help.open()
			m.closeJournal()
			m.overlay = overlayHelp
			return nil
		}
	}
	switch k.String() {
	case "esc", "q":
		m.closeJournal()
	case "enter":
		return m.toggleSteps()
	case "r":
		return m.askResend()
	case "d":
		return m.askDrop()
	case "c":
		if m.reconciling > 0 {
			return m.flash("already checking with the stores…", true)
		}
		return tea.Batch(m.startReconcile(false), m.flash("checking the open changes with the stores…", true))
	}
	return nil
}

func (m *Model) journalMove(d int) tea.Cmd {
	j := &m.journal
	j.cursor += d
	j.clamp()
	if j.stepsID != 0 {
		j.steps, j.stepsID = nil, 0
	}
	if j.cursor >= len(j.entries)-5 {
		return m.loadOlder()
	}
	return nil
}

func (m *Model) toggleSteps() tea.Cmd {
	j := &m.journal
	e := j.selected()
	if e == nil {
		return nil
	}
	if j.stepsID == e.ID {
		j.steps, j.stepsID = nil, 0
		return nil
	}
	j.stepsID, j.steps, j.stepsErr = e.ID, nil, ""
	j.stepsReq = m.nextID()
	return stepsCmd(m.ctx, m.db, stepsMsg{req: j.stepsReq, id: e.ID})
}

// storeNamed finds a configured store by the name the journal keeps.
func (m *Model) storeNamed(name string) *store {
	for _, s := range m.stores {
		if s.b.Name() == name {
			return s
		}
	}
	return nil
}

// decisionBlocked says why the operator may not resend (or drop) e now,
// or "" when they may.
func (m *Model) decisionBlocked(e *JournalEntry, resend bool) string {
	if m.opts.ReadOnly {
		return "read-only: resend and drop are off (" + m.readOnlyReason() + ")"
	}
	verb := "dropped"
	ok := e.CanDrop()
	if resend {
		verb, ok = "resent", e.CanResend()
	}
	if !ok {
		if e.State == backend.StateSent {
			return "this change is still being sent; check again in a moment (c)"
		}
		return "a " + string(e.State) + " change cannot be " + verb
	}
	s := m.storeNamed(e.Store)
	if s == nil {
		if resend {
			return backend.CleanLine(e.Store) + " is not configured now: the change cannot be resent"
		}
		return ""
	}
	if s.readOnly {
		return s.name + " is read-only: resend and drop are off for it"
	}
	if resend && s.offline {
		return s.name + " is offline: resend once it answers again"
	}
	if resend {
		if r := m.orders[orderKey{store: s.idx, id: e.OrderID}]; r != nil && r.pending != nil {
			return "a change of this order is in flight"
		}
	}
	return ""
}

func (m *Model) readOnlyReason() string {
	if m.opts.DBProblem != nil && m.db == nil {
		return "the journal could not be opened"
	}
	return "--read-only"
}

func (m *Model) askResend() tea.Cmd {
	e := m.journal.selected()
	if e == nil {
		return nil
	}
	if why := m.decisionBlocked(e, true); why != "" {
		return m.flash("✗ "+why, false)
	}
	entry := *e
	s := m.storeNamed(entry.Store)
	lines := m.entrySummary(entry)
	if entry.State == backend.StateUnknown {
		lines = append(lines, "The store is asked first: if it already shows the change, nothing is sent.")
	}
	if s != nil && !s.caps.SafeResend && entry.State != backend.StateFailed {
		lines = append(lines, "This store cannot tell a resend from a new change: check the order first.")
	}
	m.journal.ask = newAsk("Resend this change?", lines, "Yes, resend it", func(m *Model) tea.Cmd {
		return tea.Batch(m.resendTask(s, entry), m.flash(fmt.Sprintf("resending #%s → %s…", backend.CleanLine(entry.OrderID), backend.CleanLine(entry.To.Label())), true))
	})
	return nil
}

func (m *Model) askDrop() tea.Cmd {
	e := m.journal.selected()
	if e == nil {
		return nil
	}
	if why := m.decisionBlocked(e, false); why != "" {
		return m.flash("✗ "+why, false)
	}
	entry := *e
	lines := append(m.entrySummary(entry), "Dropping sends nothing: the journal keeps the entry, marked dropped by you.")
	m.journal.ask = newAsk("Drop this change?", lines, "Yes, drop it", func(m *Model) tea.Cmd {
		return dropCmd(m.ctx, m.db, entry.ID, m.opts.Operator)
	})
	return nil
}

func (m *Model) onDrop(msg dropMsg) tea.Cmd {
	if msg.err != nil {
		m.addError(fmt.Sprintf("journal: change %d was not dropped: %s", msg.id, errorLine(msg.err)))
		return m.loadJournal()
	}
	delete(m.decisions, msg.id)
	if len(m.decisions) == 0 {
		m.journal.banner = ""
	}
	return tea.Batch(m.loadJournal(), m.flash(fmt.Sprintf("✓ change %d dropped: nothing was sent", msg.id), true))
}

// orderNumber is the number people quote for a journal entry's order,
// where the dashboard has seen the order; else the id the journal keeps.
func (m *Model) orderNumber(e JournalEntry) string {
	if s := m.storeNamed(e.Store); s != nil {
		if r := m.orders[orderKey{store: s.idx, id: e.OrderID}]; r != nil && r.disp.number != "" {
			return r.disp.number
		}
	}
	return backend.CleanLine(e.OrderID)
}

// entrySummary is what a confirm step says about the change.
func (m *Model) entrySummary(e JournalEntry) []string {
	out := []string{
		fmt.Sprintf("Order #%s on %s", m.orderNumber(e), backend.CleanLine(e.Store)),
		fmt.Sprintf("%s  →  %s   (%s, asked by %s at %s)", backend.CleanLine(e.From.Label()), backend.CleanLine(e.To.Label()),
			e.State, orDash(backend.CleanLine(e.Operator)), m.fmtTime(e.Requested)),
	}
	if e.Error != "" {
		out = append(out, backend.CleanLine(e.Error))
	}
	return out
}

// journalRows is how many entries fit on screen.
func (m *Model) journalRows() int {
	g := m.geometry()
	return max(g.bodyH-m.journalHeadLines()-m.journalFootLines(g.bodyH), 1)
}

func (m *Model) journalHeadLines() int {
	if m.journal.banner != "" {
		return 3
	}
	return 2
}

func (m *Model) journalFootLines(bodyH int) int {
	return clampInt(bodyH/3, 4, 12)
}

// journalView draws the view into the body: a title, the banner, the
// entries, and the selected entry in full.
func (m *Model) journalView(w, h int) []string {
	st := m.st
	j := &m.journal
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
	if m.reconciling > 0 {
		counts += " · " + glyphPending + " checking with the stores"
	}
	out = append(out, padLine(title+st.Muted.Render("  ·  "+counts), w))
	if j.banner != "" {
		out = append(out, padLine(st.Warning.Render(clip(" ⚠ "+j.banner, w)), w))
	}
	foot := m.journalFootLines(h)
	rows := max(h-m.journalHeadLines()-foot, 1)
	c := m.journalColumns(w)
	out = append(out, st.ColHeader.Render(fit(c.header(), w)))
	switch {
	case j.err != "":
		out = append(out, padLine(st.Error.Render(clip(" "+glyphFailed+" the journal could not be read: "+j.err, w)), w))
	case len(j.entries) == 0 && j.loading:
		out = append(out, padLine(st.Muted.Render(" "+glyphPending+" reading the journal…"), w))
	case len(j.entries) == 0:
		out = append(out, padLine(st.Muted.Render(" No status change yet: every change made here or with set-status is listed."), w))
	}
	// Keep the cursor in the window.
	if j.cursor < j.offset {
		j.offset = j.cursor
	}
	if j.cursor >= j.offset+rows {
		j.offset = j.cursor - rows + 1
	}
	j.offset = clampInt(j.offset, 0, max(len(j.entries)-rows, 0))
	end := min(j.offset+rows, len(j.entries))
	for i := j.offset; i < end; i++ {
		out = append(out, m.journalRow(j.entries[i], c, i == j.cursor, w))
	}
	for len(out) < h-foot {
		out = append(out, strings.Repeat(" ", w))
	}
	out = out[:h-foot]
	out = append(out, m.journalDetail(w, foot)...)
	return out
}

type journalColumns struct {
	state, when, store, order, change, by, tries, result int
}

// journalColumns lays the columns out for w cells: the change itself
// first; on wide screens the outcome (the store's answer) gets the rest.
func (m *Model) journalColumns(w int) journalColumns {
	c := journalColumns{state: 12, when: 16, store: 16, order: 10, by: 12, tries: 5}
	if w < 110 {
		c.store, c.by, c.tries = 12, 8, 0
	}
	fixed := 2 + c.state + c.when + c.store + c.order + c.by + 5
	if c.tries > 0 {
		fixed += c.tries + 1
	}
	c.change = max(w-fixed, 10)
	if c.change > 40 {
		c.change = 36
		c.result = w - fixed - c.change - 1
	}
	return c
}

func (c journalColumns) header() string {
	s := "  " + fit("State", c.state) + " " + fit("Asked", c.when) + " " + fit("Store", c.store) + " " +
		fit("Order", c.order) + " " + fit("Change", c.change) + " " + fit("By", c.by)
	if c.tries > 0 {
		s += " " + fitRight("Tries", c.tries)
	}
	if c.result > 0 {
		s += " " + fit("Outcome", c.result)
	}
	return s
}

// outcome is what became of a change, in a few words.
func outcome(e JournalEntry) string {
	switch {
	case e.Error != "":
		return backend.CleanLine(e.Error)
	case e.State == backend.StateConfirmed && e.Result != nil:
		return "the store shows " + backend.CleanLine(e.Result.Label())
	case e.State == backend.StateConfirmed:
		return "the store confirmed it"
	}
	return ""
}

// stateLabel is an entry's state with its glyph: never colour alone.
func stateLabel(e JournalEntry) (string, string) {
	switch {
	case e.NeedsDecision && e.CanResend():
		return glyphUnknown + " decide", "warning"
	case e.State == backend.StatePending:
		return "○ pending", "pending"
	case e.State == backend.StateSent:
		return glyphPending + " sent", "pending"
	case e.State == backend.StateUnknown:
		return glyphUnknown + " unknown", "warning"
	case e.State == backend.StateFailed:
		return glyphFailed + " failed", "error"
	case e.State == backend.StateConfirmed:
		return "✓ confirmed", "success"
	case e.State == backend.StateDropped:
		return "– dropped", "muted"
	}
	return "· " + string(e.State), "muted"
}

// tonePaint is the paint of a stateLabel tone. A switch, not a map
// literal: journalRow runs for every row on every frame.
func tonePaint(st *theme.Styles, tone string) theme.Paint {
	switch tone {
	case "warning":
		return st.Warning
	case "pending":
		return st.Pending
	case "error":
		return st.Error
	case "success":
		return st.Success
	}
	return st.Muted
}

func (m *Model) journalRow(e JournalEntry, c journalColumns, selected bool, w int) string {
	st := m.st
	label, tone := stateLabel(e)
	paint := tonePaint(st, tone)
	bar := " "
	base := st.Row
	if selected {
		bar = "▌"
		base = st.RowSelected
		paint = st.RowSelected
	}
	change := backend.CleanLine(e.From.Label()) + " → " + backend.CleanLine(e.To.Label())
	line := paint.Render(fit(label, c.state)) + base.Render(" "+fit(m.fmtTime(e.Requested), c.when)+" "+
		fit(backend.CleanLine(e.Store), c.store)+" "+fit("#"+m.orderNumber(e), c.order)+" "+
		fit(change, c.change)+" "+fit(backend.CleanLine(e.Operator), c.by))
	if c.tries > 0 {
		line += base.Render(" " + fitRight(itoa(e.Attempts), c.tries))
	}
	if c.result > 0 {
		out := base
		if !selected {
			out = st.Muted
		}
		line += base.Render(" ") + out.Render(fit(outcome(e), c.result))
	}
	prefix := bar + " "
	if selected {
		prefix = st.Cursor.Render(bar) + base.Render(" ")
	}
	return padLine(prefix+line, w)
}

// journalDetail is the selected entry in full, its steps when asked for,
// and the keys.
func (m *Model) journalDetail(w, h int) []string {
	st := m.st
	j := &m.journal
	var lines []string
	lines = append(lines, st.PaneBorder.Render(strings.Repeat("─", w)))
	if e := j.selected(); e != nil {
		what := fmt.Sprintf("change %d · order #%s on %s · %s → %s", e.ID, m.orderNumber(*e), backend.CleanLine(e.Store),
			backend.CleanLine(e.From.Label()), backend.CleanLine(e.To.Label()))
		lines = append(lines, st.Bold.Render(clip(" "+what, w)))
		var facts []string
		if e.Notify {
			facts = append(facts, "notify the customer")
		}
		if n := backend.CleanLine(e.Note); n != "" {
			facts = append(facts, "note "+n)
		}
		if t := backend.CleanLine(e.Tracking); t != "" {
			facts = append(facts, "tracking "+t)
		}
		if !e.Sent.IsZero() {
			facts = append(facts, "last sent "+m.fmtTime(e.Sent))
		}
		if e.Result != nil {
			facts = append(facts, "the store shows "+backend.CleanLine(e.Result.Label()))
		}
		if len(facts) > 0 {
			lines = append(lines, st.Muted.Render(clip(" "+strings.Join(facts, " · "), w)))
		}
		if e.Error != "" {
			style := st.Error
			if e.State == backend.StateUnknown || e.NeedsDecision {
				style = st.Warning
			}
			lines = append(lines, wrapStyled(style, " "+backend.CleanLine(e.Error), w)...)
		}
		if j.stepsID == e.ID {
			switch {
			case j.stepsErr != "":
				lines = append(lines, st.Error.Render(clip(" "+glyphFailed+" "+j.stepsErr, w)))
			case j.steps == nil:
				lines = append(lines, st.Faint.Render(" "+glyphPending+" reading its steps…"))
			}
			for _, s := range j.steps {
				who := ""
				if s.Operator != "" {
					who = " · " + backend.CleanLine(s.Operator)
				}
				lines = append(lines, st.Value.Render(clip(" "+m.fmtTime(s.At)+"  "+backend.CleanLine(s.Message)+who, w)))
			}
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	lines = lines[:h]
	for i, l := range lines {
		lines[i] = padLine(l, w)
	}
	return lines
}

// journalHints are the journal view's keys, for the footer.
func (m *Model) journalHints() [][2]string {
	var h [][2]string
	if !m.opts.ReadOnly {
		h = append(h, [2]string{"r", "resend"}, [2]string{"d", "drop"})
	}
	move := m.keys.first(actDown) + "/" + m.keys.first(actUp)
	return append(h, [2]string{"enter", "steps"}, [2]string{"c", "check now"}, [2]string{move, "move"}, [2]string{"esc", "close"})
}

// askDialog is a yes/no confirm step whose default is No: enter on No,
// esc and n all cancel; only y or enter on Yes go ahead.
type askDialog struct {
	title      string
	lines      []string
	yes        string
	onYes      func(m *Model) tea.Cmd
	onYesFocus bool
}

func newAsk(title string, lines []string, yes string, onYes func(m *Model) tea.Cmd) *askDialog {
	return &askDialog{title: title, lines: lines, yes: yes, onYes: onYes}
}

func (a *askDialog) key(m *Model, k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "esc", "n", "N", "q":
		m.journal.ask = nil
		return m.flash("nothing done", true)
	case "tab", "shift+tab", "left", "right", "h", "l":
		a.onYesFocus = !a.onYesFocus
	case "y", "Y":
		m.journal.ask = nil
		return a.onYes(m)
	case "enter":
		m.journal.ask = nil
		if a.onYesFocus {
			return a.onYes(m)
		}
		return m.flash("nothing done", true)
	}
	return nil
}

func (a *askDialog) view(m *Model, w int) (string, []string) {
	st := m.st
	var lines []string
	for _, l := range a.lines {
		lines = append(lines, wrapStyled(st.Value, l, w)...)
	}
	no, yes := st.Button.Render("  No  "), st.Button.Render("  "+a.yes+"  ")
	if a.onYesFocus {
		yes = st.ButtonFocused.Render("[ " + a.yes + " ]")
	} else {
		no = st.ButtonFocused.Render("[ No ]")
	}
	lines = append(lines, "", no+" "+yes, "", st.Faint.Render(clip("tab switch · enter choose · y yes · esc cancel", w)))
	return a.title, lines
}
