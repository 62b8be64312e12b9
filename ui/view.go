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
// are laid over the middle.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "orderdash"
	return v
}

func (m *Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

func (m *Model) render() string {
	if m.tooSmall() {
		return m.smallView()
	}
	m.sync()
	g := m.geometry()
	lines := make([]string, 0, m.height)
	lines = append(lines, m.headerView(m.width))
	var body []string
	if m.overlay == overlayJournal {
		body = m.journalView(m.width, g.bodyH)
	} else {
		body = m.bodyView(g)
	}
	lines = append(lines, body...)
	if g.errLine {
		lines = append(lines, m.errorLineView(m.width))
	}
	lines = append(lines, m.statusBarView(m.width), m.footerView(m.width))
	if m.overlay != overlayNone && (m.overlay != overlayJournal || m.journal.ask != nil) {
		m.drawOverlay(lines[1 : 1+g.bodyH])
	}
	return strings.Join(lines, "\n")
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
	return max(m.geometry().tableH-1, 1)
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

// drawOverlay lays the open dialog over the middle of the body lines.
func (m *Model) drawOverlay(body []string) {
	w := min(m.width-4, 72)
	maxH := len(body) - 2
	var title string
	var lines []string
	switch m.overlay {
	case overlayPicker:
		title, lines = m.pickerView(w-4, maxH-2)
	case overlayConfirm:
		title, lines = m.confirm.view(m, w-4)
	case overlayReport:
		title, lines = m.reportView(w-4, maxH-2)
	case overlayHelp:
		w = min(m.width-4, 104)
		title, lines = m.helpView(w-4, maxH-2)
	case overlayJournal:
		title, lines = m.journal.ask.view(m, w-4)
	}
	if len(lines) > maxH-2 {
		lines = lines[:maxH-2]
	}
	box := m.box(title, lines, w)
	top := max((len(body)-len(box))/2, 0)
	left := max((m.width-w)/2, 0)
	for i, l := range box {
		if top+i >= len(body) {
			break
		}
		body[top+i] = splice(body[top+i], l, left, w)
	}
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
