package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// The model's side of the journal: reading it for the journal view
// (journal_view.go), and reconciling the changes of unknown outcome, at
// start in the background and on the operator's demand ("check now").

// journalPage is how many settled entries one read of the journal lists.
const journalPage = 200

// journalMsg answers a read of the journal.
type journalMsg struct {
	req     int64
	before  int64 // BeforeID of the read: 0 for the first entries
	entries []backend.JournalEntry
	// numbers are the entries' order numbers as the mirror has them (by
	// entry id), for orders the dashboard does not hold.
	numbers map[int64]string
	err     error
}

// stepsMsg answers a read of one change's steps.
type stepsMsg struct {
	req   int64
	id    int64
	steps []backend.JournalStep
	err   error
}

// reconcileMsg reports what reconciliation did for one store.
type reconcileMsg struct {
	store int
	start bool // the reconciliation at start, rather than the operator's
	outs  []backend.ReconcileOutcome
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

func journalCmd(ctx context.Context, db Database, q backend.ChangeFilter, msg journalMsg) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, cacheTimeout)
		defer cancel()
		msg.before = q.BeforeID
		msg.entries, msg.err = db.Changes(ctx, q)
		// The journal keeps the API id; people quote the number.
		msg.numbers = map[int64]string{}
		for _, e := range msg.entries {
			if o, _, err := db.MirrorOrder(ctx, e.Store, e.OrderID); err == nil && o.Number != "" {
				msg.numbers[e.ID] = backend.CleanLine(o.Number)
			}
		}
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
func reconcileCmd(ctx context.Context, db Database, b backend.Backend, opt backend.ReconcileOptions, msg reconcileMsg, done func()) tea.Cmd {
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
type decisionsMsg struct{ entries []backend.JournalEntry }

func decisionsCmd(ctx context.Context, db Database) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, cacheTimeout)
		defer cancel()
		es, err := db.Changes(ctx, backend.ChangeFilter{Limit: 1}) // every open one, and one more
		if err != nil {
			return dbErrMsg{err: err}
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
	m.open(&journalView{prefix: m.storePrefix})
	return m.loadJournal()
}

// journal is the open journal view, or nil.
func (m *Model) journal() *journalView {
	j, _ := findDialog[*journalView](m.dialogs)
	return j
}

// loadJournal reads the journal again from its newest entries, when the
// view is open.
func (m *Model) loadJournal() tea.Cmd {
	j := m.journal()
	if m.db == nil || j == nil {
		return nil
	}
	j.req = m.nextID()
	j.loading = true
	return journalCmd(m.ctx, m.db, backend.ChangeFilter{Limit: journalPage}, journalMsg{req: j.req})
}

// loadOlder reads the settled entries after the view's last one.
func (m *Model) loadOlder(before int64) tea.Cmd {
	j := m.journal()
	if m.db == nil || j == nil {
		return nil
	}
	j.req = m.nextID()
	j.loading = true
	return journalCmd(m.ctx, m.db, backend.ChangeFilter{Limit: journalPage, BeforeID: before}, journalMsg{req: j.req})
}

func (m *Model) onJournal(msg journalMsg) tea.Cmd {
	j := m.journal()
	if j == nil || msg.req != j.req {
		return nil
	}
	numbers := map[int64]string{}
	for _, e := range msg.entries {
		numbers[e.ID] = m.orderNumber(e)
		if n := msg.numbers[e.ID]; n != "" && numbers[e.ID] == backend.CleanLine(e.OrderID) {
			numbers[e.ID] = n
		}
	}
	j.setEntries(msg, numbers)
	if msg.err == nil && msg.before == 0 {
		m.noteDecisions(msg.entries)
	}
	return nil
}

func (m *Model) onSteps(msg stepsMsg) tea.Cmd {
	if j := m.journal(); j != nil {
		j.setSteps(msg)
	}
	return nil
}

// loadSteps reads one change's steps for the journal view.
func (m *Model) loadSteps(id int64) tea.Cmd {
	j := m.journal()
	if m.db == nil || j == nil {
		return nil
	}
	j.stepsReq = m.nextID()
	return stepsCmd(m.ctx, m.db, stepsMsg{req: j.stepsReq, id: id})
}

// checkNow reconciles the open changes on the operator's demand.
func (m *Model) checkNow() tea.Cmd {
	if m.reconciling > 0 {
		return m.flash("already checking with the stores…", true)
	}
	return tea.Batch(m.startReconcile(false), m.flash("checking the open changes with the stores…", true))
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
		case backend.ReconcileConfirmed:
			confirmed++
		case backend.ReconcileResent:
			resent++
		case backend.ReconcileFailed, backend.ReconcileUnknown:
			failed++
		case backend.ReconcileNeedsDecision:
			decide++
			m.decisions[o.Entry.ID] = true
		case backend.ReconcileDeferred:
			later++
		}
		if r := m.orders[orderKey{store: s.idx, id: o.Entry.OrderID}]; r != nil && (o.Action == backend.ReconcileConfirmed || o.Action == backend.ReconcileResent) && r.pending == nil {
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
	} else {
		cmds = append(cmds, m.loadJournal())
	}
	if m.reconciling == 0 {
		cmds = append(cmds, decisionsCmd(m.ctx, m.db))
	}
	return tea.Batch(cmds...)
}
