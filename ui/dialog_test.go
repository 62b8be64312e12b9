package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// Keys typed while a dialog is still opening (the picker waits for the
// store's statuses) go to that dialog and stay there once it is filled:
// none reaches the table below, and none is thrown away.
func TestKeysTypedWhileADialogOpensStayInIt(t *testing.T) {
	for _, key := range []string{"f", "s"} {
		t.Run(key, func(t *testing.T) {
			s := cscartLike("Cart", 60, 1)
			release := s.Gate(backendtest.OpStatuses)
			h := newHarness(t, opts(s), 120, 40)
			before := h.selected().key
			h.press(key)
			h.mustSee("loading the store's statuses")
			h.typeText("proc") // p is the table's previous page, a loose key would flip
			release()
			h.settle()
			h.mustSee("› proc", "Processed")
			h.mustNotSee("type to filter", "loading the store's statuses")
			if got := h.selected().key; got != before {
				t.Errorf("the table moved from %v to %v under the dialog", before, got)
			}
		})
	}
}

// A dialog's keys are rebindable like the table's: the new key works, the
// old one no longer does, and help and the hint line show the new one.
func TestReboundDialogKeysWorkAndShowInHelp(t *testing.T) {
	s := cscartLike("Cart", 30, 1)
	o := opts(s)
	o.Keys = KeyBindings{"picker_down": {"ctrl+j"}, "confirm_yes": {"Y"}, "help_down": {"ctrl+j", "down"}}
	h := newHarness(t, o, 160, 45)
	for h.selected().o.Status.Code != "O" {
		h.press("j")
	}
	h.press("s")
	p := h.picker()
	start := p.win.cursor
	h.press("down")
	if p.win.cursor != start {
		t.Error("down still moves the picker")
	}
	h.press("ctrl+j")
	if p.win.cursor != start+1 {
		t.Fatalf("ctrl+j did not move the picker: cursor %d, want %d", p.win.cursor, start+1)
	}
	h.mustSee("↑/ctrl+j move")
	h.typeText("Processed")
	h.press("enter")
	h.confirm().setFocus(fieldNo)
	h.press("y")
	if h.top() != "confirm" || len(s.Changes()) != 0 {
		t.Fatal("y still answers yes")
	}
	h.mustSee("Y yes")
	h.press("Y")
	if len(s.Changes()) != 1 {
		t.Fatal("Y did not send the change")
	}

	h.press("?")
	for _, want := range [][2]string{{" ctrl+j ", "next status"}, {" Y ", " yes"}} {
		found := false
		for _, l := range strings.Split(h.view(), "\n") {
			found = found || strings.Contains(l, want[0]) && strings.Contains(l, want[1])
		}
		if !found {
			t.Errorf("help does not show %q with its key %q:\n%s", want[1], want[0], h.view())
		}
	}
}

func TestDialogKeyBindingsValidate(t *testing.T) {
	cases := []struct {
		keys KeyBindings
		want []string // substrings of the error; nil for no error
	}{
		{KeyBindings{"confirm_yes": {"enter"}}, []string{`"enter"`, "confirm_choose", "confirm_yes", "confirm step"}},
		{KeyBindings{"confirm_yes": {"Y", "ctrl+y"}}, nil},
		// A key of the table and a key of a dialog may be the same...
		{KeyBindings{"picker_cancel": {"ctrl+d"}}, nil},
		// ...unless the dialog answers the table's key as well.
		{KeyBindings{"journal_resend": {"j"}}, []string{`"j"`, "down", "journal_resend", "journal"}},
		// A key that types would never reach the field.
		{KeyBindings{"picker_down": {"j"}}, []string{"picker_down", `"j"`, "typed", "status picker"}},
		{KeyBindings{"filter_keep": {"space"}}, []string{"filter_keep", "typed"}},
		{KeyBindings{"report_close": {"ctrl+c"}}, []string{"reserved"}},
		{KeyBindings{"picker_dwn": {"ctrl+j"}}, []string{`unknown action "picker_dwn"`, `"picker_down"`}},
	}
	for _, c := range cases {
		err := c.keys.Validate()
		switch {
		case c.want == nil && err != nil:
			t.Errorf("%v: %v", c.keys, err)
		case c.want != nil && err == nil:
			t.Errorf("%v: no error", c.keys)
		case err != nil:
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%v: error %q lacks %q", c.keys, err, w)
				}
			}
		}
	}
}

// The tracking field is a real text field: a pasted number, word jumps
// and word deletes, and the terminal's cursor where the caret is.
func TestTrackingFieldPasteAndWordJumps(t *testing.T) {
	s := cursorStore("A2C", 30, 3) // notify, notes and tracking
	h := newHarness(t, opts(s), 160, 45)
	for h.selected().disp.kind != backend.KindPending {
		h.press("j")
	}
	pick(h, "Complete") // a shipped status: tracking is offered
	c := h.confirm()
	c.setFocus(fieldTracking)
	h.send(tea.PasteMsg{Content: "1Z 999 AA\n"})
	h.settle()
	h.press("alt+left") // to the start of AA
	h.typeText("X")
	h.press("ctrl+left", "alt+backspace") // 999 goes
	if got := c.tracking.value(); got != "1Z XAA " {
		t.Fatalf("tracking = %q, want %q", got, "1Z XAA ")
	}

	// The terminal's cursor sits on the caret, after "1Z ".
	v := h.m.View()
	if v.Cursor == nil {
		t.Fatal("no terminal cursor while the tracking field has focus")
	}
	lines := strings.Split(h.view(), "\n")
	y := v.Cursor.Y
	if y < 0 || y >= len(lines) || !strings.Contains(lines[y], "Tracking") {
		t.Fatalf("cursor on line %d, not the tracking field's", y)
	}
	col := strings.Index(lines[y], "1Z XAA")
	if col < 0 {
		t.Fatalf("tracking field line %q", lines[y])
	}
	if want := width(lines[y][:col]) + width("1Z "); v.Cursor.X != want {
		t.Errorf("cursor at column %d, want %d", v.Cursor.X, want)
	}

	h.press("tab", "tab") // No, Yes
	h.press("enter")
	if ch := s.Changes(); len(ch) != 1 || ch[0].Tracking != "1Z XAA " {
		t.Fatalf("changes = %+v", ch)
	}
	if h.m.View().Cursor != nil {
		t.Error("the terminal cursor stays with no field focused")
	}
}

// In a text field of the confirm step y and n are typed, so its hint line
// does not offer "y yes"; it says what moves on. On the toggles and
// buttons it offers y again.
func TestConfirmHintInATextField(t *testing.T) {
	s := cursorStore("A2C", 30, 3) // notify, notes and tracking
	h := newHarness(t, opts(s), 160, 45)
	for h.selected().disp.kind != backend.KindPending {
		h.press("j")
	}
	pick(h, "Complete")
	c := h.confirm()
	c.setFocus(fieldTracking)
	h.settle()
	if v := h.view(); strings.Contains(v, "y yes") || !strings.Contains(v, "tab/enter next") {
		t.Errorf("hint line in the tracking field:\n%s", v)
	}
	h.typeText("y")
	if got := c.tracking.value(); got != "y" {
		t.Errorf("tracking = %q after typing y, want it typed", got)
	}
	c.setFocus(fieldNotify)
	h.settle()
	if v := h.view(); !strings.Contains(v, "y yes") {
		t.Errorf("hint line on the notify toggle lacks y yes:\n%s", v)
	}
}
