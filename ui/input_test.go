package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

func TestFieldEditing(t *testing.T) {
	f := newField(10)
	steps := []struct {
		key  string
		text string
		want string
		pos  int
	}{
		{text: "hello", want: "hello", pos: 5},
		{key: "left", want: "hello", pos: 4},
		{key: "backspace", want: "helo", pos: 3},
		{key: "home", want: "helo", pos: 0},
		{key: "delete", want: "elo", pos: 0},
		{key: "end", want: "elo", pos: 3},
		{key: "space", want: "elo ", pos: 4},
		{text: "wörld", want: "elo wörld", pos: 9},
		{key: "ctrl+w", want: "elo ", pos: 4},
		{key: "left", want: "elo ", pos: 3},
		{key: "ctrl+k", want: "elo", pos: 3},
		{key: "ctrl+a", want: "elo", pos: 0},
		{key: "ctrl+e", want: "elo", pos: 3},
		{key: "ctrl+u", want: "", pos: 0},
		{text: "0123456789abc", want: "0123456789", pos: 10}, // the limit
	}
	for i, s := range steps {
		if s.text != "" {
			for _, r := range s.text {
				f.update(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
		} else {
			f.update(keyPress(s.key))
		}
		if f.value() != s.want || f.pos() != s.pos {
			t.Fatalf("step %d (%q%q): %q at %d, want %q at %d", i, s.key, s.text, f.value(), f.pos(), s.want, s.pos)
		}
	}
	if f.update(keyPress("ctrl+x")) || f.update(tea.KeyPressMsg{Code: 'x', Text: "x", Mod: tea.ModAlt}) {
		t.Error("ctrl+x or alt+x was typed into the field")
	}
	f.set("")
	f.update(tea.PasteMsg{Content: "a\x1b[31mb\nc"})
	if f.value() != "ab c" {
		t.Errorf("pasted text not cleaned: %q", f.value())
	}
}

// Word jumps and word deletes come with bubbles' textinput.
func TestFieldWords(t *testing.T) {
	f := newField(80)
	f.set("1Z 999 AA")
	for _, s := range []struct {
		key  string
		want string
		pos  int
	}{
		{"alt+left", "1Z 999 AA", 7},
		{"ctrl+left", "1Z 999 AA", 3},
		{"alt+right", "1Z 999 AA", 6},
		{"alt+backspace", "1Z  AA", 3},
		{"alt+d", "1Z ", 3},
	} {
		f.update(keyPress(s.key))
		if f.value() != s.want || f.pos() != s.pos {
			t.Fatalf("%s: %q at %d, want %q at %d", s.key, f.value(), f.pos(), s.want, s.pos)
		}
	}
}

func TestPasteGoesToTheFocusedField(t *testing.T) {
	s := cscartLike("Cart", 30, 1)
	h := newHarness(t, opts(s), 120, 40)
	h.press("/")
	h.send(tea.PasteMsg{Content: h.m.tab().rows[3].disp.number})
	h.settle()
	if n := len(h.m.tab().rows); n != 1 {
		t.Errorf("pasting an order number into the filter leaves %d rows", n)
	}
	h.press("esc")
	for h.selected().o.Status.Code != "O" {
		h.press("j")
	}
	pick(h, "Processed")
	h.send(tea.PasteMsg{Content: "ignored: the notify box has focus"})
	h.press("y")
	if got := s.Changes()[0].Note; got != "" {
		t.Errorf("a store without notes got note %q", got)
	}
}

func TestConfirmNavigation(t *testing.T) {
	s := cursorStore("A2C", 30, 3) // notify, notes and tracking
	h := newHarness(t, opts(s), 160, 45)
	for h.selected().disp.kind != backend.KindPending {
		h.press("j")
	}
	pick(h, "Complete") // a shipped status: tracking is offered
	h.mustSee("Tracking", "Note", "notify the customer")
	c := h.confirm()
	if c.focused() != fieldNotify {
		t.Fatalf("focus starts on %v", c.focused())
	}
	h.press("space", "down") // notify on, to the note
	h.send(tea.PasteMsg{Content: "left at reception"})
	h.settle()
	h.press("tab")
	h.typeText("1Z999")
	h.press("enter") // a text field: on to the buttons
	if c.focused() != fieldNo {
		t.Fatalf("after the fields focus is on %v, want No", c.focused())
	}
	h.press("right")
	if c.focused() != fieldYes {
		t.Fatal("right did not move to Yes")
	}
	h.press("left", "shift+tab", "up", "tab", "tab", "l")
	if c.focused() != fieldYes {
		t.Fatalf("focus = %v, want Yes", c.focused())
	}
	h.press("enter")
	ch := s.Changes()
	if len(ch) != 1 || ch[0].Note != "left at reception" || ch[0].Tracking != "1Z999" || !ch[0].Notify {
		t.Fatalf("changes = %+v", ch)
	}
	h.press("enter")
	h.mustSee("tracking 1Z999", "left at reception")
	h.press("enter")

	// n answers No.
	for h.selected().disp.kind != backend.KindPending {
		h.press("j")
	}
	pick(h, "Complete")
	h.press("esc")
	if h.top() != "" || len(s.Changes()) != 1 {
		t.Error("esc did not cancel")
	}
	pick(h, "Complete")
	c = h.confirm()
	for c.focused() != fieldNo {
		h.press("tab")
	}
	h.press("n")
	if len(s.Changes()) != 1 {
		t.Error("n sent the change")
	}
}

func TestRefreshWhileAChangeIsInFlightKeepsThePendingStatus(t *testing.T) {
	s := cscartLike("Cart", 30, 1)
	h := newHarness(t, opts(s), 120, 40)
	for h.selected().o.Status.Code != "O" {
		h.press("j")
	}
	r := h.selected()
	release := s.Gate(backendtest.OpSetStatus)
	pick(h, "Processed")
	h.press("y")
	h.press("r") // the list still says Open: the change in flight wins
	if r.pending == nil || r.o.Status.Code != "O" {
		t.Fatalf("pending %v, status %s", r.pending, r.o.Status.Code)
	}
	if l := h.line(r.disp.number); !containsAll(l, "⟳ Processed") {
		t.Errorf("row lost its pending mark on refresh: %q", l)
	}
	release()
	h.settle()
	if r.pending != nil || r.o.Status.Code != "P" {
		t.Errorf("after the answer: pending %v, status %s", r.pending, r.o.Status.Code)
	}
}

func TestBulkCountsMarkedRowsAFilterHides(t *testing.T) {
	s := cscartLike("Cart", 60, 1)
	h := newHarness(t, opts(s), 160, 45)
	n := 0
	for n < 3 {
		if h.selected().o.Status.Code == "O" {
			h.press("space")
			n++
		} else {
			h.press("j")
		}
	}
	h.press("/")
	h.typeText(h.m.tab().rows[0].disp.number) // hides two of the marked rows
	h.press("enter")
	h.press("s")
	if got := len(h.picker().targets); got != 3 {
		t.Errorf("picker targets = %d, want the 3 marked", got)
	}
}

func TestStatusesFailThenLoad(t *testing.T) {
	s := cscartLike("Cart", 10, 1)
	s.FailNext(backendtest.OpStatuses, &backend.Error{Kind: backend.KindUnauthorized, Message: "key revoked"})
	h := newHarness(t, opts(s), 120, 40)
	h.press("s")
	h.mustSee("Set status")
	if h.picker().err == "" && len(h.picker().items) == 0 && !h.picker().loading {
		t.Fatalf("picker shows neither an error nor statuses:\n%s", h.view())
	}
	h.mustSee("Open", "Processed") // reopening the picker retried and loaded them
	h.press("esc", "2")
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
