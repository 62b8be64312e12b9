package ui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// task is one status change the operator confirmed, for one order or a
// marked set of orders of one store. Its items run a few at a time through
// backend.Apply; the bulk report shows each one's outcome.
type task struct {
	id       int64
	store    int
	to       backend.Status
	bulk     bool
	notify   bool
	note     string
	tracking string
	items    []*taskItem
	next     int // index of the next queued item
	running  int
	started  time.Time
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
	from   backend.Status
	change backend.Change
	state  itemState
	err    string
	// verifyFirst asks the store whether an earlier attempt of unknown
	// outcome applied before sending the change again.
	verifyFirst bool
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

// startTask records the change on every target and starts sending.
func (m *Model) startTask(s *store, targets []orderKey, to backend.Status, notify bool, note, tracking string, bulk bool, verifyFirst map[orderKey]bool) tea.Cmd {
	t := &task{id: m.nextID(), store: s.idx, to: to, bulk: bulk, notify: notify, note: note, tracking: tracking, started: m.env.now()}
	for _, k := range targets {
		r := m.orders[k]
		if r == nil {
			continue
		}
		it := &taskItem{key: k, number: r.disp.number, from: r.o.Status}
		if r.pending != nil {
			it.state, it.err = itemSkipped, "a change of this order is already in flight"
		} else if reason := s.b.CanSet(r.full(), to); reason != "" {
			it.state, it.err = itemSkipped, backend.CleanLine(reason)
		} else {
			it.change = backend.Change{
				Store: s.b.Name(), OrderID: k.id, From: r.o.Status, To: to,
				Notify: notify && s.caps.Notify, Operator: m.opts.Operator,
			}
			if s.caps.Notes {
				it.change.Note = note
			}
			if s.caps.Tracking && to.Kind == backend.KindShipped {
				it.change.Tracking = tracking
			}
			it.verifyFirst = verifyFirst[k]
			st := to
			r.pending = &st
			r.failed, r.unknown = "", false
			r.touch()
		}
		t.items = append(t.items, it)
	}
	m.tasks[t.id] = t
	if bulk {
		m.lastBulk = t
		m.report = t
		m.overlay = overlayReport
	}
	m.log.Info("status change", "store", s.b.Name(), "to", to.Code, "orders", len(t.items), "task", t.id)
	return m.pump(t)
}

// pump starts queued items up to the parallel limit.
func (m *Model) pump(t *task) tea.Cmd {
	s := m.stores[t.store]
	done := m.changes.Done
	var cmds []tea.Cmd
	for t.next < len(t.items) && t.running < m.env.parallel {
		i := t.next
		t.next++
		it := t.items[i]
		if it.state != itemQueued {
			continue
		}
		it.state = itemSending
		t.running++
		m.inflight++
		m.changes.Add(1)
		if it.verifyFirst {
			it.state = itemVerifying
			cmds = append(cmds, verifyCmd(m.ctx, s.b, it.change, changeMsg{task: t.id, item: i}, done))
			continue
		}
		cmds = append(cmds, applyCmd(m.ctx, s.b, m.opts.Journal, it.change, changeMsg{task: t.id, item: i}, done))
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
	s := m.stores[t.store]
	r := m.orders[it.key]
	m.inflight--
	now := m.env.now()
	done := m.changes.Done

	applied := msg.err == nil || (msg.res.ID != "" && backend.KindOf(msg.err) == backend.KindJournal)
	if msg.verified {
		applied = msg.err == nil && msg.applied
	}
	var cmds []tea.Cmd
	switch {
	case msg.verified && msg.err == nil && !msg.applied && it.verifyFirst:
		// The earlier attempt did not apply: now it is safe to send.
		it.verifyFirst = false
		m.log.Info("verified not applied; sending", "store", s.b.Name(), "order", it.key.id)
		m.inflight++
		m.changes.Add(1)
		it.state = itemSending
		return applyCmd(m.ctx, s.b, m.opts.Journal, it.change, changeMsg{task: t.id, item: msg.item}, done)
	case applied:
		it.state, it.err = itemDone, ""
		if msg.err != nil { // applied, but the journal could not record the outcome
			it.err = errorLine(msg.err)
			m.addError(fmt.Sprintf("#%s: %s is applied, but %s", it.number, t.to.Label(), it.err))
		}
		s.ok(now)
		if r != nil {
			m.applied(r, s, t, it, msg.res, now)
			if m.detail.open && m.detail.key == r.key && r.detail == nil {
				cmds = append(cmds, m.loadDetail(true))
			}
		}
	case !msg.verified && backend.IsUncertain(msg.err):
		// The request may have reached the store: ask it before anything
		// else happens, never resend blindly.
		it.state, it.err = itemVerifying, errorLine(msg.err)
		m.inflight++
		m.changes.Add(1)
		m.log.Warn("change outcome unknown; verifying", "store", s.b.Name(), "order", it.key.id, "err", msg.err)
		return verifyCmd(m.ctx, s.b, it.change, changeMsg{task: t.id, item: msg.item}, done)
	default:
		t.running--
		it.state = itemFailed
		switch {
		case msg.verified && msg.err != nil:
			it.state = itemUnknown
			it.err = "outcome unknown (the store could not be asked: " + errorLine(msg.err) + "); check the order before trying again"
		case msg.verified:
			it.err = "not applied (checked with the store): " + it.err
		default:
			it.err = errorLine(msg.err)
		}
		if msg.err != nil {
			s.fail(now, msg.err)
		}
		m.log.Info("change failed", "store", s.b.Name(), "order", it.key.id, "err", it.err)
		if r != nil {
			r.pending = nil
			r.failed = it.err
			r.unknown = it.state == itemUnknown
			r.touch()
		}
		if !t.bulk {
			m.addError(fmt.Sprintf("#%s: could not set %s: %s", it.number, backend.CleanLine(t.to.Label()), it.err))
		}
		m.changed()
		return m.pump(t)
	}
	t.running--
	m.changed()
	cmds = append(cmds, m.pump(t))
	return tea.Batch(cmds...)
}

// applied updates an order from the platform's answer to a change.
func (m *Model) applied(r *order, s *store, t *task, it *taskItem, res backend.Order, now time.Time) {
	r.pending = nil
	r.failed, r.unknown = "", false
	if res.ID != "" {
		res.Store = r.o.Store
		r.set(res)
	} else {
		o := r.o
		o.Status = t.to
		o.Updated = now
		r.set(o)
	}
	if !s.caps.History {
		// The platform keeps no timeline: show what orderdash did.
		ev := backend.Event{At: now.UTC(), Status: t.to, Note: it.change.Note, Notified: it.change.Notify,
			Source: backend.SourceLocal, Actor: m.opts.Operator, Tracking: it.change.Tracking}
		r.local = append([]backend.Event{ev}, r.local...)
	}
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
	if m.overlay != overlayReport {
		text += " · " + m.keys.first(actReport) + " shows the report"
	}
	return m.flash(text, failed == 0)
}

// retryFailed sends the failed items of a bulk task again as a new task.
// An item whose outcome stayed unknown is first checked with Verify, and
// sent again only if the store shows it did not apply.
func (m *Model) retryFailed(old *task) tea.Cmd {
	s := m.stores[old.store]
	var keys []orderKey
	unknown := map[orderKey]bool{}
	for _, it := range old.items {
		if it.state == itemFailed || it.state == itemUnknown {
			keys = append(keys, it.key)
			unknown[it.key] = it.state == itemUnknown
		}
	}
	if len(keys) == 0 {
		return m.flash("nothing to retry", true)
	}
	for _, k := range keys {
		if r := m.orders[k]; r != nil && r.failed != "" {
			r.failed, r.unknown = "", false
			r.touch()
		}
	}
	cmd := m.startTask(s, keys, old.to, old.notify, old.note, old.tracking, true, unknown)
	return cmd
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
