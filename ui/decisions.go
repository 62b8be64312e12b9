package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/theme"
)

// Changes only the operator can settle: the journal opens on them, the
// status bar counts them, and resend or drop each go through a confirm
// step, refused where it is not the operator's to make now.

// onDecisions counts the changes waiting for the operator once every
// store is reconciled, those an earlier run left included.
func (m *Model) onDecisions(msg decisionsMsg) {
	if m.reconciling == 0 {
		m.noteDecisions(msg.entries)
	}
}

// noteDecisions keeps the count of changes waiting for the operator
// (the status bar shows it) in step with what the journal says.
func (m *Model) noteDecisions(es []backend.JournalEntry) {
	m.decisions = map[int64]bool{}
	for _, e := range es {
		if e.NeedsDecision && e.CanResend() {
			m.decisions[e.ID] = true
		}
	}
}

// askDecision asks the operator to settle changes only they can settle:
// the journal view opens on them, unless the operator is busy in another
// dialog or typing; the status bar says so until they are settled.
func (m *Model) askDecision(n int) tea.Cmd {
	if m.db == nil {
		return nil
	}
	if top := m.dialogs.top(); top != nil && top.kind() != "journal" {
		return nil
	}
	j := m.journal()
	if j == nil {
		j = &journalView{prefix: m.storePrefix}
		m.open(j)
	}
	j.banner = fmt.Sprintf("%s may not have reached the store, and sending again could apply %s twice: check the order, then resend or drop.",
		plural(max(n, len(m.decisions)), "change", "changes"), either(max(n, len(m.decisions)) == 1, "it", "them"))
	return m.loadJournal()
}

func either(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
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
func (m *Model) decisionBlocked(e *backend.JournalEntry, resend bool) string {
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
			return "this change is still being sent; check again in a moment (" + m.keys.first(actJournalCheck) + ")"
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

// askDecisionOn opens the confirm step for the operator's resend or drop
// of a journal entry, unless it is not theirs to make now.
func (m *Model) askDecisionOn(entry backend.JournalEntry, resend bool) tea.Cmd {
	if why := m.decisionBlocked(&entry, resend); why != "" {
		return m.flash("✗ "+why, false)
	}
	lines := m.entrySummary(entry)
	title, yes := "Drop this change?", "Yes, drop it"
	onYes := func(confirmAnswer) effect { return dropChosen{entry: entry} }
	if resend {
		title, yes = "Resend this change?", "Yes, resend it"
		if entry.State == backend.StateUnknown {
			lines = append(lines, "The store is asked first: if it already shows the change, nothing is sent.")
		}
		s := m.storeNamed(entry.Store)
		if s != nil && !s.caps.SafeResend && entry.State != backend.StateFailed {
			lines = append(lines, "This store cannot tell a resend from a new change: check the order first.")
		}
		onYes = func(confirmAnswer) effect { return resendChosen{entry: entry} }
	} else {
		lines = append(lines, "Dropping sends nothing: the journal keeps the entry, marked dropped by you.")
	}
	say := func(st *theme.Styles, w int) []string {
		var out []string
		for _, l := range lines {
			out = append(out, wrapStyled(st.Value, l, w)...)
		}
		return out
	}
	m.open(newConfirm(title, say, yes, onYes, closeDialog{flash: "nothing done", ok: true}))
	return nil
}

// resend sends a journal entry again, on the operator's word.
func (m *Model) resend(entry backend.JournalEntry) tea.Cmd {
	s := m.storeNamed(entry.Store)
	if why := m.decisionBlocked(&entry, true); why != "" {
		return m.flash("✗ "+why, false)
	}
	return tea.Batch(m.resendTask(s, entry), m.flash(fmt.Sprintf("resending #%s → %s…", backend.CleanLine(entry.OrderID), backend.CleanLine(entry.To.Label())), true))
}

func (m *Model) onDrop(msg dropMsg) tea.Cmd {
	if msg.err != nil {
		m.addError(fmt.Sprintf("journal: change %d was not dropped: %s", msg.id, errorLine(msg.err)))
		return m.loadJournal()
	}
	delete(m.decisions, msg.id)
	if j := m.journal(); j != nil && len(m.decisions) == 0 {
		j.banner = ""
	}
	return tea.Batch(m.loadJournal(), m.flash(fmt.Sprintf("✓ change %d dropped: nothing was sent", msg.id), true))
}

// orderNumber is the number people quote for a journal entry's order,
// where the dashboard has seen the order; else the id the journal keeps.
func (m *Model) orderNumber(e backend.JournalEntry) string {
	if s := m.storeNamed(e.Store); s != nil {
		if r := m.orders[orderKey{store: s.idx, id: e.OrderID}]; r != nil && r.disp.number != "" {
			return r.disp.number
		}
	}
	return backend.CleanLine(e.OrderID)
}

// entrySummary is what a confirm step says about the change.
func (m *Model) entrySummary(e backend.JournalEntry) []string {
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
