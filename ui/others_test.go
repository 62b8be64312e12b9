package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

// Another operator's change in flight marks the row with a glyph and a
// label (who, to what) until a notice says it is confirmed or failed; an
// outcome left unknown says so.
func TestRowMarksAnotherOperatorsChangeInFlight(t *testing.T) {
	s := lunasoftLike("Luna", 30, 2)
	db := memoryDB(t)
	o := opts(s)
	o.DB = db
	o.Live = &fakeLive{}
	h := newHarness(t, o, 160, 45)
	ctx := context.Background()
	rows := h.m.tab().rows
	ended := make(chan backend.Notice)
	close(ended)
	notice := func(ns ...backend.Notice) {
		t.Helper()
		h.send(noticesMsg{gen: h.m.team.live.gen, ch: ended, ns: ns})
		h.settle()
	}
	record := func(r *order) (backend.Change, backend.Journal) {
		t.Helper()
		to := otherStatus(t, s, r.o.Status)
		ch := backend.Change{Store: "Luna", OrderID: r.key.id, From: r.o.Status, To: to, Operator: "ann"}
		j := db.Journal("ann")
		if err := j.Record(ctx, &ch); err != nil {
			t.Fatal(err)
		}
		return ch, j
	}
	changeNotice := func(ch backend.Change, st backend.ChangeState) backend.Notice {
		return backend.Notice{Kind: backend.NoticeChange, Store: ch.Store, OrderID: ch.OrderID, ChangeID: ch.ID, State: st}
	}

	cases := []struct {
		name   string
		end    func(j backend.Journal, ch backend.Change) error
		state  backend.ChangeState
		marked string
	}{
		{"confirmed", func(j backend.Journal, ch backend.Change) error {
			return j.Confirmed(ctx, ch.ID, 1, backend.Order{})
		}, backend.StateConfirmed, glyphOthers + " ann"},
		{"failed", func(j backend.Journal, ch backend.Change) error {
			return j.Failed(ctx, ch.ID, 1, fakeErr("refused"))
		}, backend.StateFailed, glyphOthers + " ann"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := rows[i]
			ch, j := record(r)
			notice(changeNotice(ch, backend.StatePending))
			if err := j.Sent(ctx, ch.ID); err != nil {
				t.Fatal(err)
			}
			notice(changeNotice(ch, backend.StateSent))
			line := h.line(r.disp.number)
			if want := tc.marked; !strings.Contains(line, want) {
				t.Fatalf("the row of #%s is %q, want %q on it", r.disp.number, line, want)
			}
			if err := tc.end(j, ch); err != nil {
				t.Fatal(err)
			}
			notice(changeNotice(ch, tc.state))
			if line := h.line(r.disp.number); strings.Contains(line, glyphOthers) || strings.Contains(line, "ann") {
				t.Errorf("the row of #%s still shows ann's change once %s: %q", r.disp.number, tc.state, line)
			}
		})
	}

	// An entry read before the notice that ends it does not mark the row
	// again; an unknown outcome is said as such.
	r := rows[2]
	ch, j := record(r)
	if err := j.Sent(ctx, ch.ID); err != nil {
		t.Fatal(err)
	}
	if err := j.Unknown(ctx, ch.ID, 1, fakeErr("timeout")); err != nil {
		t.Fatal(err)
	}
	notice(changeNotice(ch, backend.StateUnknown))
	if line := h.line(r.disp.number); !strings.Contains(line, glyphUnknown+" ann") {
		t.Fatalf("an unknown outcome by ann: row %q", line)
	}
	e, _ := db.Change(ctx, ch.ID)
	notice(changeNotice(ch, backend.StateDropped))
	h.send(othersMsg{entries: []backend.JournalEntry{e}})
	if line := h.line(r.disp.number); strings.Contains(line, "ann") {
		t.Errorf("a stale read marked the row again: %q", line)
	}
}

// The cell says who and to what as far as the column allows; the glyph
// always leads (never colour alone).
func TestOthersCellFits(t *testing.T) {
	m := &Model{}
	k := orderKey{id: "7"}
	disp := backend.Status{Code: "8", Name: "Dispatched", Kind: backend.KindShipped}
	m.team.others.byOrder = map[orderKey]othersChange{k: {id: 1, operator: "ann", to: disp, state: backend.StateSent}}
	cases := []struct {
		w    int
		want string
	}{
		{40, "⇢ ann is sending Dispatched"},
		{20, "⇢ ann → Dispatched"},
		{10, "⇢ ann"},
	}
	for _, tc := range cases {
		if got, ok := m.othersCell(k, tc.w); !ok || got != tc.want {
			t.Errorf("width %d: %q, want %q", tc.w, got, tc.want)
		}
	}
	m.team.others.byOrder[k] = othersChange{id: 1, operator: "ann", to: disp, state: backend.StateUnknown}
	if got, _ := m.othersCell(k, 40); got != "? ann's Dispatched: outcome unknown" {
		t.Errorf("unknown: %q", got)
	}
	if _, ok := m.othersCell(orderKey{id: "8"}, 40); ok {
		t.Error("an order nobody else changes is marked")
	}
}
