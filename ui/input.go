package ui

import (
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/theme"
)

// field is a one-line text field: the filter, the picker's search, the
// confirm step's note and tracking number. Bubbles' textinput edits it
// (word jumps with alt+←/→ or ctrl+←/→, alt+backspace and ctrl+w, ctrl+u,
// ctrl+k, home/end); the field draws itself with the theme's paints and
// says where its caret is, so the model can put the terminal's real cursor
// there for input methods and screen readers. Nothing blinks: textinput's
// virtual cursor is off, and with it its timer.
type field struct {
	ti textinput.Model
}

func newField(limit int) field {
	ti := textinput.New()
	ti.Prompt = ""
	ti.CharLimit = limit
	ti.SetVirtualCursor(false)
	// ctrl+v would read the clipboard itself; terminals paste with a
	// bracketed paste, which arrives as tea.PasteMsg. Tab and the arrows
	// belong to the dialogs, not to completion.
	ti.KeyMap.Paste.SetEnabled(false)
	ti.KeyMap.AcceptSuggestion.SetEnabled(false)
	ti.KeyMap.NextSuggestion.SetEnabled(false)
	ti.KeyMap.PrevSuggestion.SetEnabled(false)
	ti.Focus()
	return field{ti: ti}
}

func (f *field) value() string { return f.ti.Value() }

// pos is the caret, in runes from the start.
func (f *field) pos() int { return f.ti.Position() }

func (f *field) set(s string) {
	f.ti.SetValue(backend.CleanLine(s))
	f.ti.CursorEnd()
}

// update edits the field with a key press or a paste, and reports whether
// its text changed. Typed and pasted text is cleaned like store data: no
// escapes, one line.
func (f *field) update(msg tea.Msg) bool {
	switch k := msg.(type) {
	case tea.KeyPressMsg:
		if k.Mod&^tea.ModShift != 0 || !utf8.ValidString(k.Text) {
			k.Text = "" // alt+x and ctrl+x type nothing
		}
		k.Text = backend.CleanLine(k.Text)
		msg = k
	case tea.PasteMsg:
		k.Content = backend.CleanLine(k.Content)
		msg = k
	default:
		return false
	}
	before := f.ti.Value()
	f.ti, _ = f.ti.Update(msg)
	return f.ti.Value() != before
}

// view draws the field in w cells, scrolled so the caret shows, and
// returns the caret's column.
func (f *field) view(st *theme.Styles, w int, focused bool) (string, int) {
	if w <= 1 {
		return "", 0
	}
	runes := []rune(f.ti.Value())
	if !focused {
		return st.Input.Render(fit(string(runes), w)), 0
	}
	pos := min(f.pos(), len(runes))
	before, after := string(runes[:pos]), string(runes[pos:])
	// Keep the caret in view, with a cell for it at the end: drop text
	// from the left when needed.
	for width(before)+1 > w && before != "" {
		_, size := utf8.DecodeRuneInString(before)
		before = before[size:]
	}
	after = clip(after, max(w-width(before), 0))
	pad := max(w-width(before)-width(after), 0)
	return st.InputFocused.Render(before+after) + strings.Repeat(" ", pad), width(before)
}
