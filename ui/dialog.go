package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/theme"
)

// A dialog is one thing open over the order table: the status picker, the
// confirm step, the bulk report, help, the journal, the filter prompt.
// Open dialogs sit on a stack; the top one gets every key and paste. A
// dialog keeps its own state and never touches the model's: it answers
// each message with an effect, which the model carries out (Model.apply).
//
// To add one (say "go to order"): write a type with these five methods in
// a file of its own; in keys.go give it a mode (listed in dialogModes, for
// help) and its keys an action each (default keys, help text), plus the
// table action that opens it with m.open. The validator, [keys], help and
// the hint lines pick the new keys up. A new effect, if it needs one, is a
// type in effects.go and a case in Model.apply.
type dialog interface {
	// kind names the dialog, for tests and logs.
	kind() string
	// place says where it is drawn.
	place() placement
	// update handles a key press or a paste (tea.KeyPressMsg,
	// tea.PasteMsg) and says what the model should do.
	update(msg tea.Msg, c *dialogCtx) effect
	// fit lays the dialog out for w×h cells: every clamp and rebuild
	// happens here, in Update, so that view only draws.
	fit(c *dialogCtx, w, h int)
	// view draws the dialog's lines for w×h cells (inside its frame for a
	// box).
	view(c *dialogCtx, w, h int) dialogView
}

// footerHinter is a dialog that replaces the table's footer hints with
// its own (the journal, which fills the body).
type footerHinter interface {
	footerHints(c *dialogCtx) []key.Binding
}

// placement is where a dialog is drawn.
type placement int

const (
	placeBox     placement = iota // a framed box over the middle of the body
	placeWideBox                  // the same, wider (help)
	placeBody                     // the whole body (the journal)
	placeFooter                   // the footer line (the filter prompt)
)

// dialogView is what a dialog draws.
type dialogView struct {
	title string
	lines []string
	// caret is where the focused field's cursor is, in lines; the model
	// puts the terminal's own cursor there (IMEs, screen readers).
	caret *tea.Position
}

// dialogCtx is what dialogs may read of the dashboard: the keys, the
// styles and a few facts. It is built by the model and holds no pointer
// into the model's state.
type dialogCtx struct {
	keys     *keymap
	st       *theme.Styles
	loc      *time.Location
	readOnly bool
	checking bool // stores are being reconciled
}

// dialogCtx brings what dialogs may read up to date and returns it. Only
// Update calls it; View reads m.ctx0 as the last Update left it.
func (m *Model) dialogCtx() *dialogCtx {
	m.ctx0 = dialogCtx{keys: m.keys, st: m.st, loc: m.env.loc, readOnly: m.opts.ReadOnly, checking: m.reconciling > 0}
	return &m.ctx0
}

// fmtTime is a time as every list of the dashboard shows it.
func (c *dialogCtx) fmtTime(t time.Time) string { return fmtTimeIn(t, c.loc) }

// dialogStack is the open dialogs, the top one last.
type dialogStack []dialog

func (s *dialogStack) push(d dialog) { *s = append(*s, d) }

func (s *dialogStack) pop() {
	if n := len(*s); n > 0 {
		(*s)[n-1] = nil
		*s = (*s)[:n-1]
	}
}

func (s dialogStack) top() dialog {
	if len(s) == 0 {
		return nil
	}
	return s[len(s)-1]
}

// remove takes every dialog of a kind off the stack.
func (s *dialogStack) remove(kind string) {
	out := (*s)[:0]
	for _, d := range *s {
		if d.kind() != kind {
			out = append(out, d)
		}
	}
	for i := len(out); i < len(*s); i++ {
		(*s)[i] = nil
	}
	*s = out
}

// findDialog returns the topmost open dialog of type T.
func findDialog[T dialog](s dialogStack) (T, bool) {
	for i := len(s) - 1; i >= 0; i-- {
		if d, ok := s[i].(T); ok {
			return d, true
		}
	}
	var zero T
	return zero, false
}

// bodyDialog is the topmost dialog that fills the body, or nil.
func (s dialogStack) bodyDialog() dialog {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i].place() == placeBody {
			return s[i]
		}
	}
	return nil
}

// open puts a dialog on top; it gets the next key. Dialogs open inside
// Update, never from a command, so a key typed right after the one that
// opened it reaches it and not what is below.
func (m *Model) open(d dialog) {
	m.dialogs.push(d)
	m.log.Debug("dialog", "open", d.kind(), "depth", len(m.dialogs))
}

// dialogMsg gives a key press or paste to the top dialog and carries out
// its answer.
func (m *Model) dialogMsg(msg tea.Msg) tea.Cmd {
	d := m.dialogs.top()
	return m.apply(d.update(msg, m.dialogCtx()))
}

// boxArea is the outer width of a box dialog and the inner size it draws
// into.
//
// Boxes grow with the terminal, three fifths of it (help: four fifths),
// from 72 (104) cells up to 120 (160): long status names and reasons
// fit on a wide screen, and a line stays short enough to read.
func (m *Model) boxArea(p placement, bodyH int) (outer, w, h int) {
	outer = min(m.width-4, clampInt(m.width*3/5, 72, 120))
	if p == placeWideBox {
		outer = min(m.width-4, clampInt(m.width*4/5, 104, 160))
	}
	return outer, outer - 4, bodyH - 4
}

// fitDialogs lays every open dialog out for the screen as it is now.
func (m *Model) fitDialogs() {
	if len(m.dialogs) == 0 || m.tooSmall() {
		return
	}
	c := &m.ctx0
	g := m.geometry()
	for _, d := range m.dialogs {
		switch p := d.place(); p {
		case placeBody:
			d.fit(c, m.width, g.bodyH)
		case placeFooter:
			d.fit(c, m.width, 1)
		default:
			_, w, h := m.boxArea(p, g.bodyH)
			d.fit(c, w, h)
		}
	}
}

// drawBox lays the top dialog, when it is a box, over the middle of the
// body lines, and returns where its caret is on screen (bodyY is the
// screen line of the body's first line).
func (m *Model) drawBox(c *dialogCtx, d dialog, body []string, bodyY int) *tea.Position {
	outer, w, h := m.boxArea(d.place(), len(body))
	v := d.view(c, w, h)
	lines := v.lines
	if len(lines) > h {
		lines = lines[:h]
	}
	box := m.box(v.title, lines, outer)
	top := max((len(body)-len(box))/2, 0)
	left := max((m.width-outer)/2, 0)
	for i, l := range box {
		if top+i >= len(body) {
			break
		}
		body[top+i] = splice(body[top+i], l, left, outer)
	}
	if v.caret == nil || v.caret.Y >= len(lines) {
		return nil
	}
	return &tea.Position{X: left + 2 + v.caret.X, Y: bodyY + top + 1 + v.caret.Y}
}

// box frames lines in the dialog border with a title.
func (m *Model) box(title string, lines []string, w int) []string {
	st := m.st
	inner := w - 4
	out := make([]string, 0, len(lines)+2)
	edge := st.Accent
	if st.NoColor {
		edge = st.Bold
	}
	t := clip(" "+title+" ", inner)
	out = append(out, edge.Render("╭─")+st.DialogTitle.Render(t)+edge.Render(strings.Repeat("─", max(w-3-width(t), 0))+"╮"))
	for _, l := range lines {
		out = append(out, edge.Render("│")+" "+padLine(l, inner)+" "+edge.Render("│"))
	}
	out = append(out, edge.Render("╰"+strings.Repeat("─", w-2)+"╯"))
	return out
}

// buttons draws No and Yes; the focused one (if any) is marked by
// brackets as well as by colour.
func buttons(st *theme.Styles, yes string, noFocused, yesFocused bool) string {
	no, y := st.Button.Render("  No  "), st.Button.Render("  "+yes+"  ")
	if noFocused {
		no = st.ButtonFocused.Render("[ No ]")
	}
	if yesFocused {
		y = st.ButtonFocused.Render("[ " + yes + " ]")
	}
	return no + " " + y
}
