package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// Another operator's change in flight, on the row: a notice says a change
// of an order was recorded, sent or left unknown by another process; the
// dashboard reads its journal entry (who, to what) and marks the row with
// a glyph and a label until a notice says it is confirmed, failed or
// dropped. This dashboard's own changes show as before (r.pending).

// glyphOthers marks a change another operator has on its way.
const glyphOthers = "⇢"

// othersChange is another operator's change in flight on one order.
type othersChange struct {
	id       int64
	operator string
	to       backend.Status
	state    backend.ChangeState
}

// othersState is the model's part of the others' changes in flight.
type othersState struct {
	byOrder map[orderKey]othersChange
	// ended are changes a notice said are over: an entry read before that
	// notice arrived does not mark the row again.
	ended map[int64]bool
}

// maxEnded bounds othersState.ended; past it the oldest knowledge is
// dropped at once (a late read then marks a row until the next resync).
const maxEnded = 4096

type othersMsg struct{ entries []backend.JournalEntry }

func inFlightState(s backend.ChangeState) bool {
	return s == backend.StatePending || s == backend.StateSent || s == backend.StateUnknown
}

// othersNotices takes a burst's change notices: ended changes unmark
// their rows at once; changes in flight on orders this dashboard is not
// changing itself are read (who, to what) in a command.
func (m *Model) othersNotices(ns []backend.Notice) tea.Cmd {
	var ids []int64
	for _, n := range ns {
		if n.Kind != backend.NoticeChange || n.ChangeID == 0 {
			continue
		}
		if !inFlightState(n.State) {
			m.othersEnded(n.ChangeID)
			continue
		}
		k, ok := m.keyOf(n.Store, n.OrderID)
		if !ok {
			continue
		}
		if r := m.orders[k]; r != nil && r.pending != nil {
			continue // this dashboard's own change
		}
		if len(ids) < liveOrders {
			ids = append(ids, n.ChangeID)
		}
	}
	return m.readOthers(ids)
}

// readOthers reads journal entries for the rows' marks.
func (m *Model) readOthers(ids []int64) tea.Cmd {
	db, ctx := m.db, m.ctx
	if db == nil || len(ids) == 0 {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, liveTimeout)
		defer cancel()
		var out []backend.JournalEntry
		for _, id := range ids {
			e, err := db.Change(ctx, id)
			if err == nil {
				out = append(out, e)
			}
		}
		return othersMsg{entries: out}
	}
}

// rereadOthers reads the marked changes again (after missed notices).
func (m *Model) rereadOthers() tea.Cmd {
	ids := make([]int64, 0, len(m.team.others.byOrder))
	for _, c := range m.team.others.byOrder {
		ids = append(ids, c.id)
	}
	return m.readOthers(ids)
}

func (m *Model) onOthers(msg othersMsg) {
	o := &m.team.others
	for _, e := range msg.entries {
		k, ok := m.keyOf(e.Store, e.OrderID)
		if !ok {
			continue
		}
		if !inFlightState(e.State) || o.ended[e.ID] {
			m.othersEnded(e.ID)
			continue
		}
		if r := m.orders[k]; r != nil && r.pending != nil {
			continue
		}
		if o.byOrder == nil {
			o.byOrder = map[orderKey]othersChange{}
		}
		c := othersChange{id: e.ID, operator: cmpOr(e.Operator, "another operator"), to: e.To, state: e.State}
		if old, ok := o.byOrder[k]; !ok || old != c {
			o.byOrder[k] = c
			m.touchOrder(k)
		}
	}
}

// othersEnded unmarks the row of a change that is over.
func (m *Model) othersEnded(id int64) {
	o := &m.team.others
	if o.ended == nil || len(o.ended) >= maxEnded {
		o.ended = map[int64]bool{}
	}
	o.ended[id] = true
	for k, c := range o.byOrder {
		if c.id == id {
			delete(o.byOrder, k)
			m.touchOrder(k)
		}
	}
}

// othersCell is the status cell of an order another operator has a change
// in flight on: "⇢ ann is sending Dispatched", "? ann's Dispatched:
// outcome unknown", or "⇢ ann → Dispatched" (or "⇢ ann") where that does
// not fit.
func (m *Model) othersCell(k orderKey, w int) (string, bool) {
	c, ok := m.team.others.byOrder[k]
	if !ok {
		return "", false
	}
	to := backend.CleanLine(c.to.Label())
	glyph, long := glyphOthers, c.operator+" is sending "+to
	if c.state == backend.StateUnknown {
		glyph, long = glyphUnknown, c.operator+"'s "+to+": outcome unknown"
	}
	for _, s := range []string{glyph + " " + long, glyph + " " + c.operator + " → " + to} {
		if width(s) <= w {
			return s, true
		}
	}
	return glyph + " " + c.operator, true
}

// othersSending reports whether another operator has a change of the
// order in flight.
func (m *Model) othersSending(k orderKey) bool {
	_, ok := m.team.others.byOrder[k]
	return ok
}
