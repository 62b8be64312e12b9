package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// prompt is the text filter of the tab's view being typed in the footer (/). It
// applies as it is typed; keep returns to the table with it, clear drops
// it. The arrows and page keys move through the matches meanwhile.
type prompt struct {
	input field
}

func newPrompt(text string) *prompt {
	p := &prompt{input: newField(200)}
	p.input.set(text)
	return p
}

func (p *prompt) kind() string             { return "filter" }
func (p *prompt) place() placement         { return placeFooter }
func (p *prompt) fit(*dialogCtx, int, int) {}

func (p *prompt) update(msg tea.Msg, c *dialogCtx) effect {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		a, _ := c.keys.lookup(modeFilter, k)
		switch a {
		case actFilterKeep:
			return closeDialog{}
		case actFilterClear:
			return effects{closeDialog{}, filterTyped{}}
		case actFilterDown:
			return tableAction{actDown}
		case actFilterUp:
			return tableAction{actUp}
		case actFilterScrollDown:
			return tableAction{actScrollDown}
		case actFilterScrollUp:
			return tableAction{actScrollUp}
		}
	}
	if p.input.update(msg) {
		return filterTyped{text: p.input.value()}
	}
	return nil
}

func (p *prompt) view(c *dialogCtx, w, _ int) dialogView {
	st := c.st
	km := c.keys
	lead := st.Accent.Render(" / ")
	hint := st.Faint.Render("  " + hintLine(km.hint("keep", actFilterKeep), km.hint("clear", actFilterClear),
		km.hint("move", actFilterUp, actFilterDown)))
	fw := max(w-width(lead)-width(hint), 10)
	text, x := p.input.view(st, fw, true)
	return dialogView{lines: []string{padLine(lead+text+hint, w)}, caret: &tea.Position{X: width(lead) + x}}
}

// applyFilterText filters the active tab by text: a new view of the
// mirror (View.Text), read from its top.
func (m *Model) applyFilterText(text string) tea.Cmd {
	t := m.tab()
	if strings.TrimSpace(text) == strings.TrimSpace(t.filter) {
		t.filter = text
		return nil
	}
	t.filter = text
	return m.viewChanged(t)
}

// clearFilters drops the text and status filters of the active tab.
func (m *Model) clearFilters() tea.Cmd {
	t := m.tab()
	t.filter = ""
	t.status = nil
	return m.viewChanged(t)
}

// filterSummary describes the active filters for the footer.
func (t *tab) filterSummary() string {
	s := ""
	if t.status != nil {
		s = "status " + t.status.label
	}
	if t.filter != "" {
		if s != "" {
			s += " · "
		}
		s += fmt.Sprintf("%q", t.filter)
	}
	return s
}
