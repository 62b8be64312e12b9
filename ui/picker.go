package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/theme"
)

// picker lists a store's settable statuses for a change (s), or the
// statuses (kinds on All stores) to filter by (f). Typing filters the
// list; statuses an order cannot move to stay visible, greyed, with the
// reason. The model fills it (setItems) once the store's statuses are in;
// what the operator typed meanwhile stays.
type picker struct {
	filterMode bool
	store      int // -1 for kinds on All stores
	targets    []orderKey
	// left are marked orders taken out of targets: others are changing them.
	left []leftOut
	// say draws the lines above the search for w cells.
	say     func(st *theme.Styles, w int) []string
	items   []pickItem
	shown   []int
	win     window
	rows    int // list lines on screen, from fit
	end     int // the list shows shown[win.offset:end], from fit
	labelW  int // the label column, from fit
	input   field
	loading bool
	err     string
	// marked are the items (indices) space marked in a filter picker:
	// Enter applies them all. It starts as the filter's own selection.
	marked map[int]bool
}

type pickItem struct {
	status  backend.Status
	label   string // cleaned
	reason  string // why it cannot be chosen; "" when it can
	note    string // e.g. "3 of 5 can"
	current bool
	clear   bool // "any status": drops the filter
}

func newPicker(filterMode bool, store int, targets []orderKey, say func(*theme.Styles, int) []string) *picker {
	return &picker{filterMode: filterMode, store: store, targets: targets, say: say, input: newField(60)}
}

func (p *picker) kind() string     { return "picker" }
func (p *picker) place() placement { return placeBox }

// setItems shows the statuses; a change picker starts on the first one
// the orders can move to.
func (p *picker) setItems(items []pickItem) {
	p.loading, p.err = false, ""
	p.items = items
	p.refilter()
	if p.filterMode {
		p.marked = map[int]bool{}
		for i, it := range items {
			if it.current {
				p.marked[i] = true
			}
		}
		return
	}
	for i, idx := range p.shown {
		if p.items[idx].reason == "" && !p.items[idx].current {
			p.win.cursor = i
			break
		}
	}
}

func (p *picker) setErr(text string) { p.loading, p.err = false, text }

func (p *picker) refilter() {
	q := strings.ToLower(strings.TrimSpace(p.input.value()))
	p.shown = p.shown[:0]
	for i, it := range p.items {
		if q == "" || strings.Contains(strings.ToLower(it.label), q) || strings.EqualFold(it.status.Code, q) {
			p.shown = append(p.shown, i)
		}
	}
	p.win.clampCursor(len(p.shown))
}

func (p *picker) update(msg tea.Msg, c *dialogCtx) effect {
	k, ok := msg.(tea.KeyPressMsg)
	if ok {
		a, _ := c.keys.lookup(modePicker, k)
		switch a {
		case actPickerCancel:
			return closeDialog{}
		case actPickerUp:
			p.win.cursor = max(p.win.cursor-1, 0)
			return nil
		case actPickerDown:
			p.win.cursor = min(p.win.cursor+1, max(len(p.shown)-1, 0))
			return nil
		case actPickerChoose:
			return p.choose()
		case actPickerToggle:
			if p.filterMode {
				p.toggle()
				return nil
			}
		}
	}
	if p.input.update(msg) {
		p.win.cursor = 0
		p.refilter()
	}
	return nil
}

// toggle marks or unmarks the filter picker's status under the cursor;
// "any status" clears the marks.
func (p *picker) toggle() {
	if p.loading || p.win.cursor >= len(p.shown) {
		return
	}
	i := p.shown[p.win.cursor]
	if p.items[i].clear {
		clear(p.marked)
		return
	}
	if p.marked[i] {
		delete(p.marked, i)
	} else {
		p.marked[i] = true
	}
}

// chosen is what Enter applies in a filter picker: the marked statuses,
// else the one under the cursor (the single choice stays one key).
func (p *picker) chosen(cursor pickItem) []pickItem {
	var out []pickItem
	for i, it := range p.items {
		if p.marked[i] {
			out = append(out, it)
		}
	}
	if len(out) == 0 || cursor.clear {
		return []pickItem{cursor}
	}
	return out
}

func (p *picker) choose() effect {
	if p.loading || p.win.cursor >= len(p.shown) {
		return nil
	}
	it := p.items[p.shown[p.win.cursor]]
	switch {
	case p.filterMode:
		return effects{closeDialog{}, statusFilterChosen{items: p.chosen(it)}}
	case it.reason != "":
		return flash{text: "✗ " + it.label + ": " + it.reason}
	}
	return statusChosen{store: p.store, targets: p.targets, to: it.status, left: p.left}
}

// head is the lines above the list, and where the search's caret is.
func (p *picker) head(st *theme.Styles, w int) ([]string, tea.Position) {
	lines := p.say(st, w)
	prompt := st.Accent.Render("› ")
	caret := tea.Position{X: 2, Y: len(lines)}
	if p.input.value() == "" {
		lines = append(lines, prompt+st.Faint.Render("type to filter"))
	} else {
		text, x := p.input.view(st, w-2, true)
		lines = append(lines, prompt+text)
		caret.X += x
	}
	lines = append(lines, "")
	switch {
	case p.loading:
		lines = append(lines, st.Muted.Render(glyphPending+" loading the store's statuses…"))
	case p.err != "":
		lines = append(lines, wrapStyled(st.Error, glyphFailed+" "+p.err, w)...)
	case len(p.shown) == 0:
		lines = append(lines, st.Muted.Render("no status matches"))
	}
	return lines, caret
}

func (p *picker) fit(c *dialogCtx, w, h int) {
	head, _ := p.head(c.st, w)
	p.rows = max(h-len(head)-2, 3)
	longest := 0
	for _, it := range p.items {
		longest = max(longest, width(it.label))
	}
	// A label is cut only when it leaves the reason no room at all.
	p.labelW = clampInt(longest+6, 12, max(w-8, 12))
	// Items take a line each, more where a reason wraps: the window holds
	// the cursor's item and as many around it as the lines allow.
	n := len(p.shown)
	p.win.fit(n, p.rows)
	lines := func(i int) int { return len(p.itemLines(c.st, p.items[p.shown[i]], false, false, p.labelW, w)) }
	for p.win.offset < p.win.cursor {
		used := 0
		for i := p.win.offset; i <= p.win.cursor; i++ {
			used += lines(i)
		}
		if used <= p.rows {
			break
		}
		p.win.offset++
	}
	end, used := p.win.offset, 0
	for end < n && (end == p.win.offset || used+lines(end) <= p.rows) {
		used += lines(end)
		end++
	}
	for p.win.offset > 0 && end == n && used+lines(p.win.offset-1) <= p.rows {
		p.win.offset--
		used += lines(p.win.offset)
	}
	p.end = end
}

func (p *picker) view(c *dialogCtx, w, _ int) dialogView {
	st := c.st
	lines, caret := p.head(st, w)
	start, end := p.win.offset, min(p.end, len(p.shown))
	for i := start; i < end; i++ {
		lines = append(lines, p.itemLines(st, p.items[p.shown[i]], p.marked[p.shown[i]], i == p.win.cursor, p.labelW, w)...)
	}
	if end < len(p.shown) {
		lines = append(lines, st.Faint.Render(fmt.Sprintf("↓ %d more", len(p.shown)-end)))
	}
	km := c.keys
	hints := []key.Binding{km.hint("move", actPickerUp, actPickerDown)}
	if p.filterMode {
		hints = append(hints, km.hint("mark", actPickerToggle), km.hint("apply", actPickerChoose))
	} else {
		hints = append(hints, km.hint("choose", actPickerChoose))
	}
	hints = append(hints, km.hint("cancel", actPickerCancel))
	lines = append(lines, "", st.Faint.Render(clip(hintLine(hints...), w)))
	title := "Set status"
	if p.filterMode {
		title = "Filter by status"
	}
	return dialogView{title: title, lines: lines, caret: &caret}
}

// itemLines draws one status: its label, code and reason, the reason
// wrapped under itself rather than cut. The cursor and the current status
// are marked by shape as well as colour.
func (p *picker) itemLines(st *theme.Styles, it pickItem, marked, sel bool, labelW, w int) []string {
	cursor, cur := " ", " "
	if sel {
		cursor = "›"
	}
	if it.current && !p.filterMode {
		cur = glyphMark
	}
	if p.filterMode && !it.clear {
		// Marked by shape: [x] or [ ], never colour alone.
		cur = "[ ]"
		if marked {
			cur = "[x]"
		}
	} else if p.filterMode {
		cur = "   "
	}
	mark := cursor + cur + " "
	glyph := kindGlyph(it.status.Kind)
	if it.clear {
		glyph = "*"
	}
	label := glyph + " " + it.label
	extra := ""
	switch {
	case it.current && !p.filterMode:
		extra = "current"
	case it.current:
		extra = "active"
	}
	if it.reason != "" && !it.current {
		extra = it.reason
	}
	if it.note != "" {
		extra = it.note
	}
	code := ""
	if !it.clear && !p.filterMode && it.status.Code != it.label {
		code = backend.CleanLine(it.status.Code)
	}
	line := mark + fit(label, labelW-3)
	rest := w - labelW
	codeW := 0
	if code != "" {
		codeW = min(max(width(code)+1, 6), rest)
	}
	extraW := max(rest-codeW-1, 1)
	indent := strings.Repeat(" ", labelW)
	parts := []string{""}
	// A reason too long for the room beside the label goes under it, the
	// width of the box, rather than down a narrow column.
	const minBeside = 24
	if extra != "" && width(extra) > extraW && extraW < minBeside {
		extraW, codeW = max(w-6, 8), 0
		indent = "     "
		parts = append([]string{code}, wrapText(extra, extraW)...)
		code = ""
	} else if extra != "" {
		parts = wrapText(extra, extraW)
	}
	tails := make([]string, len(parts))
	for i, part := range parts {
		pre := strings.Repeat(" ", codeW)
		if i == 0 {
			pre = fit(code, codeW)
		}
		tails[i] = pre + part
	}
	out := make([]string, len(tails))
	for i, tail := range tails {
		head := line
		if i > 0 {
			head = indent
		}
		switch {
		case sel:
			out[i] = st.ItemSelected.Render(padLine(head+" "+tail, w))
		case it.reason != "" && !it.current:
			out[i] = st.ItemDisabled.Render(head + " " + tail)
		case it.current:
			out[i] = st.Accent.Render(head) + " " + st.Muted.Render(tail)
		default:
			out[i] = st.KindStyle(string(it.status.Kind), false).Render(head) + " " + st.Muted.Render(tail)
		}
	}
	return out
}
