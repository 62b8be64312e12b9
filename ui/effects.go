package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/theme"
)

// effect is what a dialog asks the model to do in answer to a key: close
// it, say something, filter, send a change, read the journal. Only the
// model carries effects out (apply), so only the model changes its state.
type effect any

type (
	// effects are carried out in order.
	effects []effect
	// closeDialog closes the top dialog, and says flash if set.
	closeDialog struct {
		flash string
		ok    bool
	}
	// flash says something in the status bar.
	flash struct {
		text string
		ok   bool
	}
	// tableAction moves the table below the filter prompt.
	tableAction struct{ a action }
	// filterTyped filters the active tab's view by text.
	filterTyped struct{ text string }
	// statusFilterChosen filters the active tab by statuses (kinds).
	statusFilterChosen struct{ items []pickItem }
	// statusChosen is a status picked for orders: confirm, then send.
	statusChosen struct {
		store   int
		targets []orderKey
		to      backend.Status
		// left are the marked orders left out (others are changing them):
		// the bulk report lists them as skipped.
		left []leftOut
	}
	// changeConfirmed sends a status change.
	changeConfirmed struct {
		store   int
		targets []orderKey
		to      backend.Status
		answer  confirmAnswer
		left    []leftOut
		// groups, set when store is -1, are the stores' parts of a change
		// by kind across stores.
		groups []changeGroup
	}
	// retryAsked offers to send a bulk change's failures again.
	retryAsked struct{ t *task }
	// retryConfirmed sends them.
	retryConfirmed struct{ t *task }
	// helpAsked opens help.
	helpAsked struct{}
	// olderAsked reads settled journal entries older than before.
	olderAsked struct{ before int64 }
	// stepsAsked reads a journal entry's steps.
	stepsAsked struct{ id int64 }
	// checkAsked reconciles the open changes now.
	checkAsked struct{}
	// decisionAsked asks to resend (or drop) a journal entry.
	decisionAsked struct {
		entry  backend.JournalEntry
		resend bool
	}
	resendChosen struct{ entry backend.JournalEntry }
	dropChosen   struct{ entry backend.JournalEntry }
)

// apply carries out a dialog's effect.
func (m *Model) apply(e effect) tea.Cmd {
	switch e := e.(type) {
	case nil:
		return nil
	case effects:
		cmds := make([]tea.Cmd, 0, len(e))
		for _, x := range e {
			cmds = append(cmds, m.apply(x))
		}
		return tea.Batch(cmds...)
	case closeDialog:
		m.dialogs.pop()
		if e.flash != "" {
			return m.flash(e.flash, e.ok)
		}
	case flash:
		return m.flash(e.text, e.ok)
	case tableAction:
		return m.do(e.a)
	case filterTyped:
		return m.applyFilterText(e.text)
	case statusFilterChosen:
		return m.applyStatusFilter(e.items)
	case statusChosen:
		return m.confirmChange(e)
	case changeConfirmed:
		return m.sendChange(e)
	case retryAsked:
		m.open(m.retryConfirm(e.t))
	case retryConfirmed:
		for _, si := range e.t.failedStores() {
			if why := m.writesOff(m.stores[si]); why != "" {
				return m.flash("no change sent: "+why, false)
			}
		}
		return m.retryFailed(e.t)
	case helpAsked:
		m.openHelp()
	case olderAsked:
		return m.loadOlder(e.before)
	case stepsAsked:
		return m.loadSteps(e.id)
	case checkAsked:
		return m.checkNow()
	case decisionAsked:
		return m.askDecisionOn(e.entry, e.resend)
	case resendChosen:
		return m.resend(e.entry)
	case gotoAsked:
		return m.startLookup(e.text)
	case gotoCancelled:
		m.dialogs.remove("goto")
		return m.flash("lookup cancelled", true)
	case gotoChosen:
		return m.onGotoChosen(e)
	case scanAsked:
		return m.openScanTargets()
	case scanTargetChosen:
		return m.startScanning(e.target)
	case copyChosen:
		return m.copyText(e.what, e.text)
	case dropChosen:
		return dropCmd(m.ctx, m.db, e.entry.ID, m.opts.Operator)
	default:
		if cmd, ok := m.applyTeam(e); ok {
			return cmd
		}
		m.log.Error("effect nobody carries out", "type", fmt.Sprintf("%T", e))
	}
	return nil
}

func (m *Model) openHelp() {
	m.open(newHelp(m.helpEntries(), m.opts.ReadOnly))
}

// helpEntries are the keys help lists now.
func (m *Model) helpEntries() []helpEntry { return m.keys.helpEntries(m.opts.ReadOnly) }

// confirmChange closes the picker and asks before sending, unless the
// config says not to ask.
func (m *Model) confirmChange(e statusChosen) tea.Cmd {
	m.dialogs.pop()
	if e.store < 0 {
		if !*m.cfg.Confirm {
			return m.sendGroups(changeConfirmed{store: -1, targets: e.targets, to: e.to, left: e.left, groups: m.kindPlan(e.targets, e.to.Kind)})
		}
		m.open(m.storesConfirm(e))
		return nil
	}
	s := m.stores[e.store]
	if !*m.cfg.Confirm {
		return m.startTask(s, e.targets, e.to, false, "", "", len(e.targets)+len(e.left) > 1, taskOptions{left: e.left})
	}
	m.open(m.changeConfirm(e))
	return nil
}

// changeConfirm is the confirm step of a status change: the summary and
// the fields the store takes with it.
func (m *Model) changeConfirm(e statusChosen) *confirm {
	s := m.stores[e.store]
	send := changeConfirmed{store: e.store, targets: e.targets, to: e.to, left: e.left}
	c := newConfirm("Change status?", m.changeSummary(s, e.targets, e.to), "Yes, send it",
		func(a confirmAnswer) effect { send.answer = a; return send },
		closeDialog{flash: "no change sent", ok: true})
	var fs []confirmField
	if s.caps.Notify {
		fs = append(fs, fieldNotify)
	}
	if s.caps.Notes {
		fs = append(fs, fieldNote)
	}
	if s.caps.TakesTracking(e.to.Kind) {
		fs = append(fs, fieldTracking)
	}
	c.withFields(fs...)
	if len(e.targets) > 1 {
		c.list = m.bulkList(e.targets)
	}
	if len(fs) == 0 {
		c.footnote = "This store takes no note or notification with a change."
	}
	return c
}

// changeSummary says what a status change will do, from the rows as they
// are when the operator is asked.
func (m *Model) changeSummary(s *store, targets []orderKey, to backend.Status) func(*theme.Styles, int) []string {
	label := backend.CleanLine(to.Label())
	var number, from string
	var kind backend.StatusKind
	known := false
	if len(targets) == 1 {
		if r := m.orders[targets[0]]; r != nil {
			number, from, kind, known = r.disp.number, r.disp.status, r.disp.kind, true
		}
	}
	n, name := len(targets), s.name
	return func(st *theme.Styles, w int) []string {
		var lines []string
		if n == 1 {
			if known {
				lines = append(lines, st.Bold.Render(clip("Order #"+number, w/2))+st.Muted.Render(clip(" · "+name, w-w/2)))
			}
			return append(lines, st.KindStyle(string(kind), false).Render(kindGlyph(kind)+" "+from)+
				st.Muted.Render("  →  ")+st.KindStyle(string(to.Kind), false).Render(kindGlyph(to.Kind)+" "+label))
		}
		return append(lines, st.Bold.Render(clip(fmt.Sprintf("%d orders on %s", n, name), w)),
			st.Muted.Render("all  →  ")+st.KindStyle(string(to.Kind), false).Render(kindGlyph(to.Kind)+" "+label))
	}
}

// bulkList is a bulk change's orders as its confirm step lists them:
// number, customer and current status, in columns sized to the orders.
func (m *Model) bulkList(targets []orderKey) []string {
	type row struct{ number, customer, status string }
	rows := make([]row, 0, len(targets))
	numW, custW := 0, 0
	for _, k := range targets {
		r := row{number: "#" + backend.CleanLine(k.id), customer: "–", status: "not loaded"}
		if o := m.orders[k]; o != nil {
			r = row{number: "#" + o.disp.number, customer: orDash(o.disp.customer), status: kindGlyph(o.disp.kind) + " " + o.disp.status}
		}
		numW, custW = max(numW, width(r.number)), max(custW, width(r.customer))
		rows = append(rows, r)
	}
	custW = min(custW, 28)
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = fit(r.number, numW) + "  " + fit(r.customer, custW) + "  " + r.status
	}
	return out
}

// sendChange starts a confirmed status change.
func (m *Model) sendChange(e changeConfirmed) tea.Cmd {
	if e.store < 0 {
		return m.sendGroups(e)
	}
	s := m.stores[e.store]
	if why := m.writesOff(s); why != "" {
		return m.flash("no change sent: "+why, false)
	}
	bulk := len(e.targets)+len(e.left) > 1
	if bulk {
		// Marks have done their job; the report lists the orders.
		t := m.tab()
		t.marks = map[orderKey]bool{}
	}
	a := e.answer
	return m.startTask(s, e.targets, e.to, a.notify, a.note, a.tracking, bulk, taskOptions{left: e.left})
}

// retryConfirm asks before a bulk change's failures are sent again; No
// goes back to the report below it.
func (m *Model) retryConfirm(t *task) *confirm {
	_, failed, _, _ := t.counts()
	to, name := backend.CleanLine(t.to.Label()), ""
	if stores := t.failedStores(); len(stores) == 1 {
		name = m.stores[stores[0]].name
	} else {
		name = plural(len(stores), "store", "stores")
	}
	say := func(st *theme.Styles, w int) []string {
		return []string{
			clip(fmt.Sprintf("Send %s to %s again for %s on %s.", "the change", to, plural(failed, "order", "orders"), name), w),
			st.Muted.Render(clip("Orders whose outcome is unknown are checked first.", w)),
		}
	}
	return newConfirm("Retry failed changes?", say, "Yes, send it",
		func(confirmAnswer) effect { return retryConfirmed{t: t} }, closeDialog{})
}
