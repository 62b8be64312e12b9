package ui

import (
	"strings"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// help lists the effective keys (after the config's [keys]) of the table
// and of every dialog, grouped, built from the keymap so it can never
// disagree with it. It scrolls in a viewport; any key but its scroll keys
// closes it, as in gh-dash, and its hint says so.
type help struct {
	entries  []helpEntry
	readOnly bool
	vp       viewport.Model
	builtW   int
	builtH   int
}

func newHelp(entries []helpEntry, readOnly bool) *help {
	return &help{entries: entries, readOnly: readOnly, vp: viewport.New()}
}

func (h *help) kind() string     { return "help" }
func (h *help) place() placement { return placeWideBox }

func (h *help) update(msg tea.Msg, c *dialogCtx) effect {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch a, _ := c.keys.lookup(modeHelp, k); a {
	case actHelpDown:
		h.vp.ScrollDown(1)
	case actHelpUp:
		h.vp.ScrollUp(1)
	default:
		return closeDialog{}
	}
	return nil
}

func (h *help) fit(c *dialogCtx, w, ht int) {
	room := max(ht-2, 3)
	if w != h.builtW || room != h.builtH {
		h.builtW, h.builtH = w, room
		body := h.body(c, w, false)
		if compact := h.body(c, w, true); len(body) > room && len(compact) <= room {
			// Groups without a blank line between them, rather than scroll.
			body = compact
		}
		h.vp.SetWidth(w)
		h.vp.SetContentLines(body)
	}
	h.vp.SetHeight(min(room, h.vp.TotalLineCount()))
	h.vp.SetYOffset(h.vp.YOffset()) // clamp to the new height
}

// body is one block per group: the table's groups, then the dialogs'. A
// dialog wide enough shows them side by side, the table's on the left;
// each column sizes its keys to its own entries.
func (h *help) body(c *dialogCtx, w int, compact bool) []string {
	var table, dialogs []helpEntry
	for _, e := range h.entries {
		if isDialogGroup(e.group) {
			dialogs = append(dialogs, e)
		} else {
			table = append(table, e)
		}
	}
	if w < 96 {
		out := helpColumn(c, table, w, compact)
		if !compact {
			out = append(out, "")
		}
		return append(out, helpColumn(c, dialogs, w, compact)...)
	}
	colW := (w - 3) / 2
	left, right := helpColumn(c, table, colW, compact), helpColumn(c, dialogs, colW, compact)
	body := make([]string, 0, max(len(left), len(right)))
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
	return body
}

func isDialogGroup(g string) bool {
	for _, d := range dialogModes {
		if d.title == g {
			return true
		}
	}
	return false
}

// helpColumn draws entries w cells wide, a title over each group.
func helpColumn(c *dialogCtx, entries []helpEntry, w int, compact bool) []string {
	st := c.st
	keyW := 0
	for _, e := range entries {
		keyW = max(keyW, width(e.keys))
	}
	keyW = min(keyW, 20)
	var out []string
	group := ""
	for _, e := range entries {
		if e.group != group {
			if group != "" && !compact {
				out = append(out, "")
			}
			group = e.group
			out = append(out, st.Section.Render(group))
		}
		out = append(out, " "+st.Key.Render(fit(e.keys, keyW))+"  "+st.Value.Render(clip(e.desc, max(w-keyW-3, 4))))
	}
	return out
}

func (h *help) view(c *dialogCtx, w, _ int) dialogView {
	lines := strings.Split(h.vp.View(), "\n")
	// The scroll keys do not close help, so the hint names them whether or
	// not there is anything to scroll: "any key closes" would be untrue.
	hint := hintLine(c.keys.hint("scroll", actHelpDown, actHelpUp))
	if hint != "" {
		hint += " · "
	}
	hint += closeKeys(c.keys) + " or any other key closes"
	if total, ht := h.vp.TotalLineCount(), h.vp.Height(); total > ht {
		// Where the operator is, so the keys below the box are not missed.
		top := h.vp.YOffset()
		hint = "lines " + itoa(top+1) + "–" + itoa(min(top+ht, total)) + " of " + itoa(total) + " · " + hint
	}
	if h.readOnly {
		hint = "read-only: changes are off · " + hint
	}
	lines = append(lines, "", c.st.Faint.Render(clip(hint, w)))
	return dialogView{title: "Keys", lines: lines}
}

// closeKeys names the keys an operator reaches for to close help: back and
// help itself ("esc, ?").
func closeKeys(km *keymap) string {
	var ks []string
	for _, a := range []action{actBack, actHelp} {
		if k := km.first(a); k != "" {
			ks = append(ks, keyLabel(k))
		}
	}
	return strings.Join(ks, ", ")
}
