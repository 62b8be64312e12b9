package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// chooser is a short list to pick one line from: the orders several
// stores answer a lookup with, the status a scan moves orders to, what Y
// copies. It moves and chooses with the status picker's keys (picker_*),
// so an operator learns one set. Enter closes it and carries out the
// line's effect; a line with a reason cannot be chosen and says why.
type chooser struct {
	title string
	say   string
	items []chooseItem
	win   window
	rows  int
}

type chooseItem struct {
	cols   []string // cells, cleaned; columns are as wide as their widest cell
	reason string   // why it cannot be chosen; "" when it can
	pick   effect
}

func newChooser(title, say string, items []chooseItem) *chooser {
	return &chooser{title: title, say: say, items: items}
}

func (c *chooser) kind() string     { return "chooser" }
func (c *chooser) place() placement { return placeBox }

func (c *chooser) update(msg tea.Msg, ctx *dialogCtx) effect {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	a, _ := ctx.keys.lookup(modePicker, k)
	switch a {
	case actPickerCancel:
		return closeDialog{}
	case actPickerUp:
		c.win.cursor = max(c.win.cursor-1, 0)
	case actPickerDown:
		c.win.cursor = min(c.win.cursor+1, max(len(c.items)-1, 0))
	case actPickerChoose:
		if c.win.cursor >= len(c.items) {
			return nil
		}
		it := c.items[c.win.cursor]
		if it.reason != "" {
			return flash{text: "✗ " + it.reason}
		}
		return effects{closeDialog{}, it.pick}
	}
	return nil
}

func (c *chooser) fit(_ *dialogCtx, _, h int) {
	c.rows = max(h-4, 3)
	c.win.fit(len(c.items), c.rows)
}

func (c *chooser) view(ctx *dialogCtx, w, _ int) dialogView {
	st := ctx.st
	lines := []string{st.Muted.Render(clip(c.say, w)), ""}
	var widths []int
	for _, it := range c.items {
		for i, s := range it.cols {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], width(s))
		}
	}
	start, end := c.win.visible(len(c.items), c.rows)
	for i := start; i < end; i++ {
		it := c.items[i]
		line := "  "
		if i == c.win.cursor {
			line = "› "
		}
		for j, s := range it.cols {
			cell := s
			if j < len(it.cols)-1 {
				cell = fit(s, min(widths[j], max(w/3, 8))) + "  "
			}
			line += cell
		}
		if it.reason != "" {
			line += "  (" + it.reason + ")"
		}
		line = clip(line, w)
		switch {
		case i == c.win.cursor:
			line = st.ItemSelected.Render(padLine(line, w))
		case it.reason != "":
			line = st.ItemDisabled.Render(line)
		}
		lines = append(lines, line)
	}
	if end < len(c.items) {
		lines = append(lines, st.Faint.Render(fmt.Sprintf("↓ %d more", len(c.items)-end)))
	}
	km := ctx.keys
	lines = append(lines, "", st.Faint.Render(clip(hintLine(km.hint("move", actPickerUp, actPickerDown),
		km.hint("choose", actPickerChoose), km.hint("cancel", actPickerCancel)), w)))
	return dialogView{title: c.title, lines: lines}
}
