package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/theme"
)

// confirm is the dashboard's one Yes/No step: what is about to happen,
// the options the platform takes with a status change (notify the
// customer, a note, a tracking number), and No / Yes with No as the
// default. Enter never confirms unless Yes has been chosen on purpose.
// The status change, its retry, and the journal's resend and drop all ask
// with it.
type confirm struct {
	title string
	// say draws what is about to happen for w cells; it captures values,
	// never the model.
	say      func(st *theme.Styles, w int) []string
	footnote string // a faint line under the fields
	yes      string // the Yes button's label
	fields   []confirmField
	focus    int
	notify   bool
	note     field
	tracking field
	onYes    func(confirmAnswer) effect
	onNo     effect
	// list is a bulk change's orders, one line each, scrolled with
	// confirm_scroll_down/up when longer than the box has room for.
	list     []string
	listOff  int
	listRows int // list lines on screen, from fit
}

// confirmAnswer is what the operator filled in.
type confirmAnswer struct {
	notify         bool
	note, tracking string
}

type confirmField int

const (
	fieldNotify confirmField = iota
	fieldNote
	fieldTracking
	fieldNo
	fieldYes
)

// newConfirm asks a question whose only fields are the buttons; the
// optional fields are added with withFields.
func newConfirm(title string, say func(*theme.Styles, int) []string, yes string, onYes func(confirmAnswer) effect, onNo effect) *confirm {
	return &confirm{title: title, say: say, yes: yes, fields: []confirmField{fieldNo, fieldYes},
		note: newField(500), tracking: newField(80), onYes: onYes, onNo: onNo}
}

// withFields puts the given fields before the buttons.
func (c *confirm) withFields(fs ...confirmField) *confirm {
	c.fields = append(fs, fieldNo, fieldYes)
	return c
}

func (c *confirm) kind() string     { return "confirm" }
func (c *confirm) place() placement { return placeBox }

// fit gives the list of orders what the box has left after the summary,
// the fields and the buttons.
func (c *confirm) fit(ctx *dialogCtx, w, h int) {
	if len(c.list) == 0 {
		return
	}
	others := len(c.say(ctx.st, w)) + len(c.fields) + 7
	c.listRows = clampInt(h-others, 3, len(c.list))
	c.listOff = clampInt(c.listOff, 0, max(len(c.list)-c.listRows, 0))
}

// listLines is the visible part of the list, with what is above and below.
func (c *confirm) listLines(st *theme.Styles, km *keymap, w int) []string {
	if len(c.list) == 0 {
		return nil
	}
	rows := max(c.listRows, 3)
	end := min(c.listOff+rows, len(c.list))
	var out []string
	for _, l := range c.list[c.listOff:end] {
		out = append(out, "  "+padLine(l, max(w-2, 1)))
	}
	if c.listOff > 0 || end < len(c.list) {
		more := fmt.Sprintf("%d–%d of %d", c.listOff+1, end, len(c.list))
		if h := hintLine(km.hint("scroll", actConfirmScrollDown, actConfirmScrollUp)); h != "" {
			more += " · " + h
		}
		out = append(out, st.Faint.Render(clip("  "+more, w)))
	}
	return out
}

func (c *confirm) focused() confirmField { return c.fields[c.focus] }

func (c *confirm) move(d int) {
	c.focus = (c.focus + d + len(c.fields)) % len(c.fields)
}

func (c *confirm) setFocus(f confirmField) {
	for i, x := range c.fields {
		if x == f {
			c.focus = i
		}
	}
}

// input is the focused text field, or nil.
func (c *confirm) input() *field {
	switch c.focused() {
	case fieldNote:
		return &c.note
	case fieldTracking:
		return &c.tracking
	}
	return nil
}

func (c *confirm) accept() effect {
	return effects{closeDialog{}, c.onYes(confirmAnswer{notify: c.notify, note: c.note.value(), tracking: c.tracking.value()})}
}

func (c *confirm) update(msg tea.Msg, ctx *dialogCtx) effect {
	in := c.input()
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		if in != nil {
			in.update(msg) // a paste
		}
		return nil
	}
	a, ok := ctx.keys.lookup(modeConfirm, k)
	if in != nil && (!ok || !actionTyping(a)) {
		in.update(k)
		return nil
	}
	f := c.focused()
	switch a {
	case actConfirmCancel, actConfirmNo:
		return c.onNo
	case actConfirmNext:
		c.move(1)
	case actConfirmPrev:
		c.move(-1)
	case actConfirmChoose:
		switch f {
		case fieldYes:
			return c.accept()
		case fieldNo:
			return c.onNo
		case fieldNotify:
			c.notify = !c.notify
		default:
			c.move(1)
		}
	case actConfirmYes:
		return c.accept()
	case actConfirmToggle:
		if f == fieldNotify {
			c.notify = !c.notify
		}
	case actConfirmScrollDown:
		c.listOff = min(c.listOff+max(c.listRows-1, 1), max(len(c.list)-c.listRows, 0))
	case actConfirmScrollUp:
		c.listOff = max(c.listOff-max(c.listRows-1, 1), 0)
	case actConfirmSwitch:
		switch f {
		case fieldNo:
			c.setFocus(fieldYes)
		case fieldYes:
			c.setFocus(fieldNo)
		}
	}
	return nil
}

func (c *confirm) view(ctx *dialogCtx, w, _ int) dialogView {
	st := ctx.st
	lines := c.say(st, w)
	lines = append(lines, c.listLines(st, ctx.keys, w)...)
	var caret *tea.Position
	if len(c.fields) > 2 || c.footnote != "" {
		lines = append(lines, "")
		for i, f := range c.fields {
			focus := i == c.focus
			marker := "  "
			if focus {
				marker = st.Accent.Render("› ")
			}
			var text string
			var x int
			switch f {
			case fieldNotify:
				box := "[ ]"
				if c.notify {
					box = "[x]"
				}
				lines = append(lines, marker+st.Value.Render(box+" notify the customer"))
				continue
			case fieldNote:
				text, x = c.note.view(st, max(w-12, 4), focus)
				text = st.Label.Render(fit("Note", 10)) + text
			case fieldTracking:
				text, x = c.tracking.view(st, max(w-12, 4), focus)
				text = st.Label.Render(fit("Tracking", 10)) + text
			default:
				continue
			}
			if focus {
				caret = &tea.Position{X: 12 + x, Y: len(lines)}
			}
			lines = append(lines, marker+text)
		}
		if c.footnote != "" {
			lines = append(lines, st.Faint.Render(clip(c.footnote, w)))
		}
	}
	km := ctx.keys
	hints := []key.Binding{km.hint("next", actConfirmNext), km.hint("choose", actConfirmChoose),
		km.hint("yes", actConfirmYes), km.hint("cancel", actConfirmCancel)}
	if c.input() != nil {
		// In a text field y and n are typed: say what moves on instead.
		hints = []key.Binding{km.hint("next", actConfirmNext, actConfirmChoose), km.hint("cancel", actConfirmCancel)}
	}
	lines = append(lines, "", buttons(st, c.yes, c.focused() == fieldNo, c.focused() == fieldYes), "",
		st.Faint.Render(clip(hintLine(hints...), w)))
	return dialogView{title: c.title, lines: lines, caret: caret}
}
