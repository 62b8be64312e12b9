package ui

import (
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/theme"
)

// lineInput is a one-line text field: the filter, the picker's search,
// the confirm step's note and tracking number. It draws its own cursor, so
// nothing blinks and no timer runs.
type lineInput struct {
	runes []rune
	pos   int
	limit int
}

func newLineInput(limit int) lineInput { return lineInput{limit: limit} }

func (l *lineInput) value() string { return string(l.runes) }

func (l *lineInput) set(s string) {
	l.runes = []rune(s)
	l.pos = len(l.runes)
}

func (l *lineInput) insert(s string) {
	// Pasted or typed text is cleaned like store data: no escapes, one line.
	s = backend.CleanLine(s)
	for _, r := range s {
		if l.limit > 0 && len(l.runes) >= l.limit {
			return
		}
		l.runes = append(l.runes, 0)
		copy(l.runes[l.pos+1:], l.runes[l.pos:])
		l.runes[l.pos] = r
		l.pos++
	}
}

// key edits the field and reports whether the key was used.
func (l *lineInput) key(k tea.KeyPressMsg) bool {
	switch k.String() {
	case "backspace", "ctrl+h":
		if l.pos > 0 {
			l.runes = append(l.runes[:l.pos-1], l.runes[l.pos:]...)
			l.pos--
		}
	case "delete", "ctrl+d":
		if l.pos < len(l.runes) {
			l.runes = append(l.runes[:l.pos], l.runes[l.pos+1:]...)
		}
	case "left", "ctrl+b":
		if l.pos > 0 {
			l.pos--
		}
	case "right", "ctrl+f":
		if l.pos < len(l.runes) {
			l.pos++
		}
	case "home", "ctrl+a":
		l.pos = 0
	case "end", "ctrl+e":
		l.pos = len(l.runes)
	case "ctrl+u":
		l.runes = l.runes[l.pos:]
		l.pos = 0
	case "ctrl+k":
		l.runes = l.runes[:l.pos]
	case "ctrl+w":
		i := l.pos
		for i > 0 && l.runes[i-1] == ' ' {
			i--
		}
		for i > 0 && l.runes[i-1] != ' ' {
			i--
		}
		l.runes = append(l.runes[:i], l.runes[l.pos:]...)
		l.pos = i
	case "space":
		l.insert(" ")
	default:
		if k.Text == "" || k.Mod&^tea.ModShift != 0 || !utf8.ValidString(k.Text) {
			return false
		}
		l.insert(k.Text)
	}
	return true
}

// view draws the field in w cells, scrolled so the cursor shows.
func (l *lineInput) view(st *theme.Styles, w int, focused bool) string {
	if w <= 1 {
		return ""
	}
	text := string(l.runes)
	if !focused {
		return st.Input.Render(fit(text, w))
	}
	before := string(l.runes[:l.pos])
	at := " "
	after := ""
	if l.pos < len(l.runes) {
		at = string(l.runes[l.pos])
		after = string(l.runes[l.pos+1:])
	}
	// Keep the cursor in view: drop text from the left when needed.
	for width(before)+width(at) > w && before != "" {
		_, size := utf8.DecodeRuneInString(before)
		before = before[size:]
	}
	rest := w - width(before) - width(at)
	after = clip(after, max(rest, 0))
	pad := max(w-width(before)-width(at)-width(after), 0)
	return st.InputFocused.Render(before) + st.InputCursor.Render(at) + st.InputFocused.Render(after) + strings.Repeat(" ", pad)
}
