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

func (h *helpScreen) open(m *Model) { h.scroll = 0 }

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
	keyW = min(keyW, 22)
	var body []string
	group := ""
	for _, e := range entries {
		if e.group != group {
			if group != "" {
				body = append(body, "")
			}
			group = e.group
			body = append(body, st.Section.Render(group))
		}
		body = append(body, "  "+st.Key.Render(fit(e.keys, keyW))+"  "+st.Value.Render(clip(e.desc, max(w-keyW-4, 4))))
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
