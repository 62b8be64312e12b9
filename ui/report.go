package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/theme"
)

// report lists every order of a bulk change with what happened to it:
// sent and confirmed, refused (and why), skipped, or unknown. It fills in
// live while the changes run (fit reads the task each Update); retry asks
// the model to offer the failures again.
type report struct {
	t     *task // read, never written
	store string
	// names are the stores' names by index when the change spans several
	// stores: each line then names its order's store.
	names  []string
	storeW int // the store column: the widest name of the change's stores
	vp     viewport.Model
}

// newReport is the report of a bulk task: its store's name in the title,
// or, across stores, their count there and each one's name on its lines.
func (m *Model) newReport(t *task) *report {
	r := &report{t: t, vp: viewport.New()}
	if t.store >= 0 {
		r.store = m.stores[t.store].name
		return r
	}
	r.names = make([]string, len(m.stores))
	var seen []int
	for i, s := range m.stores {
		r.names[i] = s.name
	}
	for _, it := range t.items {
		if !slices.Contains(seen, it.key.store) {
			seen = append(seen, it.key.store)
		}
	}
	r.store = plural(len(seen), "store", "stores")
	return r
}

func (r *report) kind() string     { return "report" }
func (r *report) place() placement { return placeBox }

func (r *report) update(msg tea.Msg, c *dialogCtx) effect {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	a, _ := c.keys.lookup(modeReport, k)
	switch a {
	case actReportClose:
		return closeDialog{}
	case actReportRetry:
		if !r.t.finished {
			return flash{text: "wait for the changes to finish before retrying"}
		}
		if _, failed, _, _ := r.t.counts(); failed == 0 {
			return flash{text: "nothing failed", ok: true}
		}
		return retryAsked{t: r.t}
	case actReportDown:
		r.vp.ScrollDown(1)
	case actReportUp:
		r.vp.ScrollUp(1)
	}
	return nil
}

// reportHead is the summary and the progress bar above the list.
const reportHead = 3

func (r *report) fit(c *dialogCtx, w, h int) {
	body := r.itemLines(c.st, w)
	r.vp.SetWidth(w)
	r.vp.SetHeight(min(max(h-reportHead-2, 3), len(body)))
	r.vp.SetContentLines(body)
}

func (r *report) itemLines(st *theme.Styles, w int) []string {
	r.storeW = 0
	for _, it := range r.t.items {
		if r.names != nil {
			r.storeW = max(r.storeW, width(r.names[it.key.store]))
		}
	}
	body := make([]string, 0, len(r.t.items))
	for _, it := range r.t.items {
		var glyph, state string
		style := st.Muted
		switch it.state {
		case itemQueued:
			glyph, state = "·", "queued"
		case itemSending:
			glyph, state, style = glyphPending, "sending…", st.Pending
		case itemVerifying:
			glyph, state, style = glyphPending, "checking with the store…", st.Pending
		case itemDone:
			glyph, state, style = "✓", "done", st.Success
		case itemFailed:
			glyph, state, style = glyphFailed, it.err, st.Error
		case itemSkipped:
			glyph, state, style = "–", "skipped: "+it.err, st.Muted
		case itemUnknown:
			glyph, state, style = glyphUnknown, it.err, st.Warning
		}
		if it.state == itemDone && it.err != "" {
			state = "done; " + it.err
		}
		num := fit("#"+it.number, 12)
		line := style.Render(glyph) + " " + st.Value.Render(num) + " "
		rest := max(w-15, 4)
		if r.names != nil {
			name := fit(r.names[it.key.store], min(r.storeW, max(rest/3, 4)))
			line += st.Muted.Render(name) + " "
			rest = max(rest-width(name)-1, 4)
		}
		body = append(body, line+style.Render(clip(state, rest)))
	}
	return body
}

func (r *report) view(c *dialogCtx, w, _ int) dialogView {
	st := c.st
	t := r.t
	done, failed, skipped, open := t.counts()
	title := fmt.Sprintf("Bulk change to %s · %s", backend.CleanLine(t.to.Label()), r.store)
	summary := fmt.Sprintf("%d of %d done", len(t.items)-open, len(t.items))
	lines := []string{
		st.Bold.Render(summary) + "  " + st.Success.Render(fmt.Sprintf("✓ %d", done)) + "  " +
			st.Error.Render(fmt.Sprintf("✗ %d", failed)) + st.Muted.Render(fmt.Sprintf("  skipped %d", skipped)),
		progressBar(st, w, len(t.items)-open, len(t.items)), "",
	}
	if r.vp.Height() > 0 {
		lines = append(lines, strings.Split(r.vp.View(), "\n")...)
	}
	if more := r.vp.TotalLineCount() - r.vp.YOffset() - r.vp.Height(); more > 0 {
		lines = append(lines, st.Faint.Render(fmt.Sprintf("↓ %d more", more)))
	}
	km := c.keys
	hints := []string{hintLine(km.hint("close", actReportClose), km.hint("scroll", actReportDown, actReportUp))}
	if t.finished && failed > 0 {
		hints = append([]string{hintLine(km.hint("retry the failed", actReportRetry))}, hints...)
	}
	if !t.finished {
		hints = append([]string{"the changes carry on if you close this"}, hints...)
	}
	lines = append(lines, "", st.Faint.Render(clip(strings.Join(hints, " · "), w)))
	return dialogView{title: title, lines: lines}
}

func progressBar(st *theme.Styles, w, n, total int) string {
	if total == 0 || w < 4 {
		return ""
	}
	filled := w * n / total
	return st.Accent.Render(strings.Repeat("█", filled)) + st.Faint.Render(strings.Repeat("░", w-filled))
}
