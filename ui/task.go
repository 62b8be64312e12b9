package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// task is one status change the operator confirmed, for one order or a
// marked set of orders of one store or of several (a kind on All stores,
// each store's orders grouped with its own status: bulkstores.go). Its
// items run a few at a time through backend.Apply, each with its own
// store and status; the bulk report shows each one's outcome and store.
type task struct {
	id int64
	// store is the one store of the change, -1 when it spans several.
	store int
	// to is the status chosen; on several stores, the kind (its Code is
	// the kind), and each item carries its store's own status.
	to       backend.Status
	bulk     bool
	notify   bool
	note     string
	tracking string
	items    []*taskItem
	next     int // index of the next queued item
	running  int
	finished bool
}

type itemState int

const (
	itemQueued itemState = iota
	itemSending
	itemVerifying
	itemDone
	itemFailed
	itemSkipped
	itemUnknown
)

type taskItem struct {
	key    orderKey
	number string
	to     backend.Status // the status of the item's store it moves to
	change backend.Change
	state  itemState
	err    string
	// id is the change's id in the journal once recorded; resend, when
	// set, sends that journal entry again instead of recording a new one.
	id     int64
	resend int64
	// unknown: an earlier attempt's outcome is unknown, so a retry asks
	// the store before sending (resendCmd).
	unknown bool
	// decide: the outcome is unknown and only the operator can settle it
	// (resend or drop, in the journal view).
	decide bool
}

// counts returns how many items succeeded, failed (or stayed unknown) and
// were skipped, and how many are still running or queued.
func (t *task) counts() (done, failed, skipped, open int) {
	for _, it := range t.items {
		switch it.state {
		case itemDone:
			done++
		case itemFailed, itemUnknown:
			failed++
		case itemSkipped:
			skipped++
		default:
			open++
		}
	}
	return
}

// taskOptions carry what a retry knows about earlier attempts.
type taskOptions struct {
	unknown map[orderKey]bool  // an earlier attempt's outcome is unknown
	resend  map[orderKey]int64 // journal entries to send again
	// left are orders the picker left out (others are changing them):
	// listed as skipped, with the rest.
	left []leftOut
}

// changeGroup is one store's part of a change: its orders and the status
// of that store they move to, or why they are all skipped.
type changeGroup struct {
	store   int
	to      backend.Status
	targets []orderKey
	skip    string // non-empty: the store cannot take the change (no status of the kind)
}

// startTask records the change on every target and starts sending.
func (m *Model) startTask(s *store, targets []orderKey, to backend.Status, notify bool, note, tracking string, bulk bool, opt taskOptions) tea.Cmd {
	return m.startGroups([]changeGroup{{store: s.idx, to: to, targets: targets}}, to, notify, note, tracking, bulk, opt)
}

// startGroups records a change of one or several stores' orders (to is
// what was chosen: a status, or a kind across stores) and starts sending.
func (m *Model) startGroups(groups []changeGroup, to backend.Status, notify bool, note, tracking string, bulk bool, opt taskOptions) tea.Cmd {
	t := &task{id: m.nextID(), store: -1, to: to, bulk: bulk, notify: notify, note: note, tracking: tracking}
	if len(groups) == 1 {
		t.store = groups[0].store
	}
	for _, g := range groups {
		s := m.stores[g.store]
		for _, k := range g.targets {
			if it := m.taskItem(s, k, g, notify, note, tracking, opt); it != nil {
				t.items = append(t.items, it)
			}
		}
	}
	for _, l := range opt.left {
		t.items = append(t.items, &taskItem{key: l.key, number: strings.TrimPrefix(m.orderLabel(l.key), "#"), state: itemSkipped, err: l.why})
	}
	m.tasks[t.id] = t
	if bulk {
		m.lastBulk = t
		m.dialogs.remove("report") // a retry's report replaces the first
		m.open(m.newReport(t))
	}
	m.log.Info("status change", "stores", len(groups), "to", to.Code, "orders", len(t.items), "task", t.id)
	return m.pump(t)
}

// taskItem is one order of a change: queued with its change built, or
// skipped with the reason; nil for an order the dashboard no longer holds.
func (m *Model) taskItem(s *store, k orderKey, g changeGroup, notify bool, note, tracking string, opt taskOptions) *taskItem {
	r := m.orders[k]
	if r == nil {
		return nil
	}
	to := g.to
	it := &taskItem{key: k, number: r.disp.number, to: to}
	resend := opt.resend[k]
	switch {
	case g.skip != "":
		it.state, it.err = itemSkipped, g.skip
	case r.pending != nil:
		it.state, it.err = itemSkipped, "a change of this order is already in flight"
	case m.othersChanging(k) != "" && resend == 0:
		// Claimed by another operator since the picker opened.
		it.state, it.err = itemSkipped, m.othersChanging(k)
	case s.b.CanSet(r.full(), to) != "" && resend == 0:
		it.state, it.err = itemSkipped, backend.CleanLine(s.b.CanSet(r.full(), to))
	default:
		it.change = backend.Change{
			Store: s.b.Name(), OrderID: k.id, From: r.o.Status, To: to,
			Notify: notify && s.caps.Notify, Operator: m.opts.Operator,
		}
		if s.caps.Notes {
			it.change.Note = note
		}
		if s.caps.TakesTracking(to.Kind) {
			it.change.Tracking = tracking
		}
		it.unknown = opt.unknown[k]
		it.resend, it.id = resend, resend
		st := to
		r.pending = &st
		r.failed, r.unknown = "", false
		r.touch()
	}
	return it
}

// pump starts queued items up to the parallel limit.
func (m *Model) pump(t *task) tea.Cmd {
	done := m.changes.Done
	var cmds []tea.Cmd
	for t.next < len(t.items) && t.running < m.env.parallel {
		i := t.next
		t.next++
		it := t.items[i]
		if it.state != itemQueued {
			continue
		}
		s := m.stores[it.key.store]
		it.state = itemSending
		t.running++
		m.inflight++
		m.changes.Add(1)
		switch {
		case it.resend != 0 || it.unknown:
			if it.unknown {
				it.state = itemVerifying // the store is asked first
			}
			cmds = append(cmds, resendCmd(m.ctx, m.db, s.b, m.opts.Journal, it.change, it.resend, it.unknown, changeMsg{task: t.id, item: i}, done))
		default:
			cmds = append(cmds, applyCmd(m.ctx, s.b, m.opts.Journal, it.change, changeMsg{task: t.id, item: i}, done))
		}
	}
	if t.running == 0 && t.next >= len(t.items) && !t.finished {
		cmds = append(cmds, m.finishTask(t))
	}
	return tea.Batch(cmds...)
}

func (m *Model) onChange(msg changeMsg) tea.Cmd {
	t := m.tasks[msg.task]
	if t == nil || msg.item < 0 || msg.item >= len(t.items) {
		return nil
	}
	it := t.items[msg.item]
	s := m.stores[it.key.store]
	r := m.orders[it.key]
	m.inflight--
	now := m.env.now()
	done := m.changes.Done
	if msg.id != 0 {
		it.id = msg.id
	}

	applied := msg.err == nil || (msg.res.ID != "" && backend.KindOf(msg.err) == backend.KindJournal)
	if msg.settled {
		applied = msg.action == backend.ReconcileConfirmed || msg.action == backend.ReconcileResent
	}
	var cmds []tea.Cmd
	switch {
	case applied:
		it.state, it.err = itemDone, ""
		delete(m.decisions, it.id)
		if msg.err != nil && !msg.settled { // applied, but the journal could not record the outcome
			it.err = errorLine(msg.err)
			m.addError(fmt.Sprintf("#%s: %s is applied, but %s", it.number, backend.CleanLine(it.to.Label()), it.err))
		}
		s.ok(now)
		if r != nil {
			m.applied(r, it.to, msg.res)
			if m.detail.open && m.detail.key == r.key {
				// The timeline gains the change once the journal has it
				// confirmed, which it has now: read the order again.
				cmds = append(cmds, m.loadDetail(true))
			}
		}
		// The mirror takes the order as the store returned it (the
		// journal has patched its status already); the table reads it.
		if res := msg.res; res.ID != "" {
			res.Store = s.b.Name()
			cmds = append(cmds, mirrorPutCmd(m.ctx, m.mirror, []backend.Order{res}, []int{s.idx}))
		} else {
			cmds = append(cmds, m.rereadFor(s.idx))
		}
		cmds = append(cmds, m.loadJournal()) // when it is open
	case !msg.settled && backend.IsUncertain(msg.err):
		// The request may have reached the store: settle it before anything
		// else happens, never resend blindly.
		it.state, it.err = itemVerifying, errorLine(msg.err)
		m.inflight++
		m.changes.Add(1)
		m.log.Warn("change outcome unknown; settling it", "store", s.b.Name(), "order", it.key.id, "change", it.id, "err", msg.err)
		return settleCmd(m.ctx, m.db, s.b, it.change, it.id, m.reconcileOptions(s), msg.err, changeMsg{task: t.id, item: msg.item}, done)
	default:
		t.running--
		it.state = itemFailed
		switch {
		case !msg.settled || msg.action == backend.ReconcileFailed:
			it.err = errorLine(msg.err)
		case msg.action == backend.ReconcileNeedsDecision:
			it.state, it.decide = itemUnknown, true
			it.err = "needs your decision: " + orDash(errorLine(msg.err))
		case m.db == nil || it.id == 0: // not in the journal: nothing will check it again
			it.state = itemUnknown
			it.err = "outcome unknown (" + orDash(errorLine(msg.err)) + "); check the order before trying again"
		default:
			it.state = itemUnknown
			it.err = "outcome unknown (" + orDash(errorLine(msg.err)) + "); checked again at the next start, or now from the journal (" + m.keys.first(actJournal) + ")"
		}
		if msg.err != nil && !msg.settled {
			s.fail(msg.err)
		}
		m.log.Info("change failed", "store", s.b.Name(), "order", it.key.id, "err", it.err)
		if r != nil {
			r.pending = nil
			r.failed = it.err
			r.unknown = it.state == itemUnknown
			r.touch()
		}
		if !t.bulk {
			m.addError(fmt.Sprintf("#%s: could not set %s: %s", it.number, backend.CleanLine(it.to.Label()), it.err))
		}
		cmds = append(cmds, m.pump(t))
		if it.decide {
			cmds = append(cmds, m.askDecision(1))
		} else {
			cmds = append(cmds, m.loadJournal())
		}
		return tea.Batch(cmds...)
	}
	t.running--
	cmds = append(cmds, m.pump(t))
	return tea.Batch(cmds...)
}

// reconcileOptions are the reconciliation options for one store: never
// resend where the operator may not change anything.
func (m *Model) reconcileOptions(s *store) backend.ReconcileOptions {
	return backend.ReconcileOptions{Operator: m.opts.Operator, NoResend: m.opts.ReadOnly || s.readOnly}
}

// applied updates an order from the store's answer to a change. The
// timeline is not touched here: the change reaches it through the
// journal's local history, merged in by the store (cmd wraps it), the
// next time the order is read.
func (m *Model) applied(r *order, to backend.Status, res backend.Order) {
	r.pending = nil
	r.failed, r.unknown = "", false
	if res.ID != "" {
		res.Store = r.o.Store
		r.set(res)
	} else {
		o := r.o
		o.Status = to
		o.Updated = m.env.now()
		r.set(o)
	}
	// The answer predates the journal's confirmation: read it again when
	// the order is next opened.
	r.detail, r.detailLive = nil, false
	r.touch()
}

func (m *Model) finishTask(t *task) tea.Cmd {
	t.finished = true
	delete(m.tasks, t.id)
	done, failed, skipped, _ := t.counts()
	label := backend.CleanLine(t.to.Label())
	if !t.bulk {
		if done == 1 {
			return m.flash(fmt.Sprintf("✓ #%s is now %s", t.items[0].number, label), true)
		}
		if skipped == 1 {
			m.addError(fmt.Sprintf("#%s: not changed: %s", t.items[0].number, t.items[0].err))
		}
		return nil
	}
	text := fmt.Sprintf("bulk %s: %d ✓ %d ✗", label, done, failed)
	if skipped > 0 {
		text += fmt.Sprintf(" %d skipped", skipped)
	}
	if left := m.leftViewNote(t); left != "" {
		// Where the changed rows went comes first: the table just lost them.
		text = fmt.Sprintf("%s (%d ✓ %d ✗", left, done, failed)
		if skipped > 0 {
			text += fmt.Sprintf(" %d skipped", skipped)
		}
		text += ")"
	}
	if top := m.dialogs.top(); top == nil || top.kind() != "report" {
		text += " · " + m.keys.first(actReport) + " shows the report"
	}
	return m.flash(text, failed == 0)
}

// retryFailed sends the failed items of a bulk task again as a new task,
// through resendCmd: with a database each goes back through the journal
// entry it already has (nothing is recorded twice); an item whose outcome
// stayed unknown is checked with the store first either way, and sent
// again only if the store shows it did not apply.
func (m *Model) retryFailed(old *task) tea.Cmd {
	var groups []changeGroup
	unknown := map[orderKey]bool{}
	resend := map[orderKey]int64{}
	for _, it := range old.items {
		if it.state != itemFailed && it.state != itemUnknown {
			continue
		}
		// Items come grouped by store, so a new store (or status) starts
		// a new group.
		if n := len(groups); n == 0 || groups[n-1].store != it.key.store || groups[n-1].to.Code != it.to.Code {
			groups = append(groups, changeGroup{store: it.key.store, to: it.to})
		}
		g := &groups[len(groups)-1]
		g.targets = append(g.targets, it.key)
		unknown[it.key] = it.state == itemUnknown
		if m.db != nil && it.id != 0 {
			resend[it.key] = it.id
		}
		if r := m.orders[it.key]; r != nil && r.failed != "" {
			r.failed, r.unknown = "", false
			r.touch()
		}
	}
	if len(groups) == 0 {
		return m.flash("nothing to retry", true)
	}
	return m.startGroups(groups, old.to, old.notify, old.note, old.tracking, true, taskOptions{unknown: unknown, resend: resend})
}

// failedStores are the stores of a task's failed items, in order.
func (t *task) failedStores() []int {
	var out []int
	for _, it := range t.items {
		if (it.state == itemFailed || it.state == itemUnknown) && !slices.Contains(out, it.key.store) {
			out = append(out, it.key.store)
		}
	}
	return out
}

// resendTask sends journal entries again on the operator's decision (the
// journal view), as a task so the rows show it and quitting waits for it.
func (m *Model) resendTask(s *store, e backend.JournalEntry) tea.Cmd {
	k := orderKey{store: s.idx, id: e.OrderID}
	if m.orders[k] == nil {
		// Not on screen: a row to carry the outcome.
		r := &order{key: k}
		r.set(backend.Order{Store: e.Store, ID: e.OrderID, Number: e.OrderID, Status: e.From})
		m.orders[k] = r
	}
	return m.startTask(s, []orderKey{k}, e.To, e.Notify, e.Note, e.Tracking, false, taskOptions{resend: map[orderKey]int64{k: e.ID}})
}

// waitChanges waits up to d for changes in flight to report back, and
// returns how many did not.
func (m *Model) waitChanges(d time.Duration) int {
	done := make(chan struct{})
	go func() {
		m.changes.Wait()
		close(done)
	}()
	select {
	case <-done:
		return 0
	case <-time.After(d):
		return max(m.inflight, 1)
	}
}
