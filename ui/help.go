package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// helpScreen lists the effective keys (after the config's [keys]),
// grouped, generated from the keymap so it can never disagree with it.
type helpScreen struct {
	scroll int
}

func (h *helpScreen) open() { h.scroll = 0 }

func (h *helpScreen) key(m *Model, k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "down", "j":
		h.scroll++
	case "up", "k":
		h.scroll = max(h.scroll-1, 0)
	default:
		// Any other key closes help, like gh-dash and lazygit.
		m.overlay = overlayNone
	}
	return nil
}

// helpEntry is one line of help: keys and what they do.
type helpEntry struct {
	group string
	keys  string
	desc  string
}

// helpEntries lists the actions available now: those that write are left
// out in read-only mode.
func (m *Model) helpEntries() []helpEntry {
	var out []helpEntry
	var tabKeys []string
	for _, a := range actions {
		if a.writes && m.opts.ReadOnly {
			continue
		}
		keys := m.keys.keys[a.name]
		if strings.HasPrefix(string(a.name), "tab_") {
			if len(keys) > 0 {
				tabKeys = append(tabKeys, keys[0])
			}
			if a.name == tabAction(9) && len(tabKeys) > 0 {
				ks := strings.Join(tabKeys, " ")
				if strings.Join(tabKeys, "") == "123456789" {
					ks = "1–9"
				}
				out = append(out, helpEntry{a.group, ks, "jump to tab"})
			}
			continue
		}
		if len(keys) == 0 {
			continue
		}
		out = append(out, helpEntry{a.group, strings.Join(keys, " "), a.help})
	}
	// Keep each group together, in the order groups first appear.
	var order []string
	byGroup := map[string][]helpEntry{}
	for _, e := range out {
		if _, ok := byGroup[e.group]; !ok {
			order = append(order, e.group)
		}
		byGroup[e.group] = append(byGroup[e.group], e)
	}
	out = out[:0]
	for _, g := range order {
		out = append(out, byGroup[g]...)
	}
	out = append(out,
		helpEntry{"In dialogs", "↑ ↓ tab", "move"},
		helpEntry{"In dialogs", "type", "filter the list / edit a field"},
		helpEntry{"In dialogs", "enter", "choose (No is the default)"},
		helpEntry{"In dialogs", "y", "yes, on the confirm step"},
		helpEntry{"In dialogs", "esc", "cancel"},
	)
	return out
}

func (m *Model) helpView(w, h int) (string, []string) {
	st := m.st
	entries := m.helpEntries()
	keyW := 0
	for _, e := range entries {
		keyW = max(keyW, width(e.keys))
	}
	keyW = min(keyW, 20)
	// One block per group; two columns when the dialog is wide enough.
	var blocks [][]string
	group := ""
	cols := 1
	if w >= 96 {
		cols = 2
	}
	colW := (w - (cols-1)*3) / cols
	for _, e := range entries {
		if e.group != group {
			group = e.group
			blocks = append(blocks, []string{st.Section.Render(group)})
		}
		b := &blocks[len(blocks)-1]
		*b = append(*b, " "+st.Key.Render(fit(e.keys, keyW))+"  "+st.Value.Render(clip(e.desc, max(colW-keyW-3, 4))))
	}
	var body []string
	if cols == 1 {
		for i, b := range blocks {
			if i > 0 {
				body = append(body, "")
			}
			body = append(body, b...)
		}
	} else {
		total := 0
		for _, b := range blocks {
			total += len(b) + 1
		}
		var left, right []string
		for _, b := range blocks {
			col := &left
			if len(left) >= total/2 {
				col = &right
			}
			if len(*col) > 0 {
				*col = append(*col, "")
			}
			*col = append(*col, b...)
		}
		for i := 0; i < max(len(left), len(right)); i++ {
			l, r := "", ""
			if i < len(left) {
				l = left[i]
			}
			if i < len(right) {
				r = right[i]
			}
			body = append(body, padLine(l, colW)+"   "+r)
		}
	}
	room := max(h-2, 3)
	maxScroll := max(len(body)-room, 0)
	if m.help.scroll > maxScroll {
		m.help.scroll = maxScroll
	}
	end := min(m.help.scroll+room, len(body))
	lines := append([]string{}, body[m.help.scroll:end]...)
	hint := "any key closes"
	if end < len(body) || m.help.scroll > 0 {
		hint = "j/k scroll · " + hint
	}
	if m.opts.ReadOnly {
		hint = "read-only: changes are off · " + hint
	}
	lines = append(lines, "", st.Faint.Render(clip(hint, w)))
	return "Keys", lines
}
