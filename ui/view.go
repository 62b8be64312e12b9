package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// Minimum terminal size for the full layout.
const (
	minWidth  = 80
	minHeight = 24
)

// View draws the screen: header with tabs, the table, the detail pane
// when open, the sticky error line, the status bar and the footer; dialogs
// are laid over the middle, the body or the footer. It only draws: Update
// has rebuilt and fitted everything already (sync).
func (m *Model) View() tea.View {
	content, caret := m.render()
	v := tea.NewView(content)
	v.AltScreen = true
	v.WindowTitle = "orderdash"
	if caret != nil {
		v.Cursor = tea.NewCursor(caret.X, caret.Y)
		v.Cursor.Blink = false
	}
	return v
}

func (m *Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// render draws the screen, and says where the focused field's caret is.
func (m *Model) render() (string, *tea.Position) {
	if m.tooSmall() {
		return m.smallView(), nil
	}
	g := m.geometry()
	c := &m.ctx0
	top := m.dialogs.top()
	lines := make([]string, 0, m.height)
	lines = append(lines, m.headerView(m.width))
	if d := m.dialogs.bodyDialog(); d != nil {
		lines = append(lines, d.view(c, m.width, g.bodyH).lines...)
	} else {
		lines = append(lines, m.bodyView(g)...)
	}
	if g.errLine {
		lines = append(lines, m.errorLineView(m.width))
	}
	lines = append(lines, m.statusBarView(m.width))
	var caret *tea.Position
	if top != nil && top.place() == placeFooter {
		v := top.view(c, m.width, 1)
		lines = append(lines, v.lines[0])
		if v.caret != nil {
			caret = &tea.Position{X: v.caret.X, Y: len(lines) - 1}
		}
	} else {
		lines = append(lines, m.footerView(c, m.width))
	}
	if top != nil && (top.place() == placeBox || top.place() == placeWideBox) {
		caret = m.drawBox(c, top, lines[1:1+g.bodyH], 1)
	}
	return strings.Join(lines, "\n"), caret
}

// geometry is where each part goes for the current size and pane.
type geometry struct {
	bodyH   int
	errLine bool
	pane    string // "", "right", "bottom", "full"
	tableW  int
	tableH  int
	paneW   int
	paneH   int
}

func (m *Model) geometry() geometry {
	g := geometry{errLine: len(m.errs) > 0}
	g.bodyH = m.height - 3
	if g.errLine {
		g.bodyH--
	}
	g.tableW, g.tableH = m.width, g.bodyH
	if !m.detail.open {
		return g
	}
	g.pane = m.previewMode()
	switch g.pane {
	case "right":
		g.paneW = clampInt(m.width*2/5, 44, 90)
		g.tableW = m.width - g.paneW
		g.paneH = g.bodyH
	case "bottom":
		g.paneH = max(g.bodyH*11/20, 8)
		g.tableH = g.bodyH - g.paneH
		g.paneW = m.width
	case "full":
		g.tableH = 0
		g.paneW, g.paneH = m.width, g.bodyH
	}
	return g
}

// previewMode resolves where the detail pane goes: the config's choice,
// auto by width (right when the table keeps at least 90 columns), or the
// operator's P toggle.
func (m *Model) previewMode() string {
	mode := m.cfg.Preview
	if m.previewAt != "" {
		mode = m.previewAt
	}
	switch mode {
	case "right", "bottom":
		return mode
	case "off":
		return "full"
	}
	if m.width >= 140 {
		return "right"
	}
	return "bottom"
}

func (m *Model) cyclePreview() tea.Cmd {
	next := "right"
	if m.previewMode() == "right" {
		next = "bottom"
	}
	m.previewAt = next
	return m.flash("detail pane: "+next, true)
}

// tableRows is how many order rows fit in the table now.
func (m *Model) tableRows() int {
	if m.tooSmall() {
		return 1
	}
	h := m.geometry().tableH
	if m.stripRoom(h) {
		h-- // the counts strip
	}
	return max(h-1, 1)
}

func (m *Model) detailRows() int {
	g := m.geometry()
	return max(g.paneH-1, 1)
}

func (m *Model) bodyView(g geometry) []string {
	switch g.pane {
	case "right":
		table := m.tableView(g.tableW, g.tableH)
		pane := m.detailView(g.paneW-3, g.paneH)
		border := " " + m.st.PaneBorder.Render("│") + " "
		out := make([]string, g.bodyH)
		for i := range out {
			out[i] = table[i] + border + pane[i]
		}
		return out
	case "bottom":
		out := m.tableView(g.tableW, g.tableH)
		out = append(out, m.st.PaneBorder.Render(strings.Repeat("─", m.width)))
		return append(out, m.detailView(m.width, g.paneH-1)...)
	case "full":
		return m.detailView(m.width, g.bodyH)
	}
	return m.tableView(g.tableW, g.tableH)
}

func (m *Model) smallView() string {
	msg := []string{
		"orderdash needs a terminal of at least 80×24.",
		fmt.Sprintf("This one is %d×%d: make the window larger.", m.width, m.height),
		"",
		m.keys.first(actQuit) + " quits.",
	}
	var b strings.Builder
	for i, l := range msg {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(clip(l, max(m.width, 1)))
	}
	return b.String()
}
