package ui

import (
	"context"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// Sorting a tab (o, O), its orders' age against the SLA, and its counts
// strip. The sort is the tab's view's (backend.ViewSorts): the mirror
// answers each with an indexed range, so changing it costs one window.

// Tallier is a mirror that counts a view per status kind and late
// (*storage.DB does): the counts strip and the tabs' late counts. A
// Mirror without it shows neither.
type Tallier interface {
	Tally(ctx context.Context, v backend.View, now time.Time) (backend.Tally, error)
}

// tallyMsg answers a tally of a tab's view.
type tallyMsg struct {
	tab   int
	gen   uint64
	req   int64
	tally backend.Tally
	err   error
}

// cycleSort moves the active tab to the next sort, in its usual
// direction (newest, most, oldest first; most overdue first; A to Z).
func (m *Model) cycleSort() tea.Cmd {
	t := m.tab()
	cur, _ := t.sorting()
	next := backend.ViewSorts[0]
	for i, f := range backend.ViewSorts {
		if f == cur {
			next = backend.ViewSorts[(i+1)%len(backend.ViewSorts)]
		}
	}
	t.sort, t.asc = next, backend.SortDefaultAsc(next)
	return tea.Batch(m.viewChanged(t), m.flash("sorted by "+sortLabel(t.sort, t.asc), true))
}

// reverseSort turns the active tab's order round.
func (m *Model) reverseSort() tea.Cmd {
	t := m.tab()
	f, asc := t.sorting()
	t.sort, t.asc = f, !asc
	return tea.Batch(m.viewChanged(t), m.flash("sorted by "+sortLabel(t.sort, t.asc), true))
}

// sortLabel is a sort as the header shows it: "Created ▾", "Due ▴".
// The arrow points down when the biggest (newest, oldest in status)
// comes first.
func sortLabel(f backend.SortField, asc bool) string {
	arrow := " ▾"
	if asc {
		arrow = " ▴"
	}
	return backend.SortTitle(f) + arrow
}

// readTally counts the tab's view per kind and late, when the mirror can.
func (m *Model) readTally(t *tab) tea.Cmd {
	tl, ok := m.mirror.(Tallier)
	if !ok {
		return nil
	}
	if t.tallies.busy() {
		t.tallies.again = true
		return nil
	}
	pc := m.readPlatformCounts(t)
	t.tallies.req, t.tallies.again = m.nextID(), false
	v, ctx, now := m.viewOf(t), m.ctx, m.env.now()
	msg := tallyMsg{tab: m.tabIndex(t), gen: t.gen, req: t.tallies.req}
	return tea.Batch(pc, func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, cacheTimeout)
		defer cancel()
		msg.tally, msg.err = tl.Tally(ctx, v, now)
		return msg
	})
}

func (m *Model) onTally(msg tallyMsg) tea.Cmd {
	if msg.tab < 0 || msg.tab >= len(m.tabs) {
		return nil
	}
	t := m.tabs[msg.tab]
	if msg.gen != t.gen || msg.req != t.tallies.req {
		return nil
	}
	t.tallies.req = 0
	if msg.err == nil {
		t.tally = &msg.tally
	}
	if t.tallies.again {
		return m.readTally(t)
	}
	return nil
}

// timing is where a row stands against its store's SLA now.
func (m *Model) timing(r *order) backend.Timing {
	name := ""
	if r.key.store >= 0 && r.key.store < len(m.stores) {
		name = m.stores[r.key.store].name
	}
	return backend.TimingOf(r.o, m.opts.SLA.For(name), m.clock)
}

// ageCell is the Age column: "! late 2d" and "▲ urgent" carry a glyph
// and a word, so neither depends on colour; else the time in status.
func (m *Model) ageCell(r *order, w int, selected bool) string {
	text, tone := m.ageText(r)
	s := m.st.Muted
	switch tone {
	case ageLate:
		s = m.st.Error
		if selected {
			s = m.st.ErrorSelected
		}
	case ageUrgent:
		s = m.st.Warning
		if selected {
			s = m.st.ErrorSelected
		}
	default:
		if selected {
			s = m.st.RowSelected
		}
	}
	return s.Render(fit(text, w))
}

// The tones of the Age column.
const (
	agePlain = iota
	ageUrgent
	ageLate
)

// ageText is what the Age column says of r now: how late, urgent, or
// the time in its status. The column is as wide as the widest on screen
// (measure), so it is read for the rows on screen only.
func (m *Model) ageText(r *order) (string, int) {
	tm := m.timing(r)
	switch {
	case tm.Late:
		glyph := glyphLate
		if tm.Urgent {
			glyph = glyphUrgent
		}
		return glyph + " late " + shortSpan(tm.Overdue), ageLate
	case tm.Urgent:
		return glyphUrgent + " urgent", ageUrgent
	}
	since := tm.Age
	if !tm.Since.IsZero() {
		since = max(m.clock.Sub(tm.Since), 0)
	}
	if since == 0 {
		return "", agePlain
	}
	return shortSpan(since), agePlain
}

// Glyphs of the Age column.
const (
	glyphLate   = "!"
	glyphUrgent = "▲"
)

// shortSpan writes a span in its largest unit: "45m", "5h", "2d", "3w".
func shortSpan(d time.Duration) string {
	switch {
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	case d < 48*time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	case d < 14*24*time.Hour:
		return strconv.Itoa(int(d/(24*time.Hour))) + "d"
	}
	return strconv.Itoa(int(d/(7*24*time.Hour))) + "w"
}

// stripKinds are the kinds the counts strip names, in workflow order;
// the final ones are summed as "closed".
var stripKinds = []backend.StatusKind{backend.KindPending, backend.KindProcessing, backend.KindOnHold, backend.KindShipped, backend.KindOther}

// stripRoom reports whether the screen has room for the counts strip: it
// takes a table row, so a small terminal (80x24) keeps it.
func (m *Model) stripRoom(h int) bool {
	_, ok := m.mirror.(Tallier)
	return ok && h >= 24 && m.height >= 30
}

// stripLine is the tab's counts strip: orders per open kind, closed, and
// late, from the mirror; "" until counted.
func (m *Model) stripLine(t *tab, w int) string {
	if t.tally == nil {
		return padLine("", w)
	}
	st := m.st
	var parts []string
	closed := 0
	kinds, source := m.stripKindsOf(t)
	for k, n := range kinds {
		if k.Final() {
			closed += n
		}
	}
	for _, k := range stripKinds {
		if n := kinds[k]; n > 0 {
			parts = append(parts, st.KindStyle(string(k), false).Render(kindGlyph(k)+" "+strings.ReplaceAll(string(k), "_", " ")+" "+thousands(n)))
		}
	}
	if closed > 0 {
		parts = append(parts, st.Muted.Render("closed "+thousands(closed)))
	}
	if source != "" {
		parts = append(parts, st.Muted.Render(source))
	}
	late := st.Muted.Render("no late orders")
	if t.tally.Late > 0 {
		late = st.Error.Render(glyphLate + " " + thousands(t.tally.Late) + " late")
	}
	parts = append(parts, late)
	line := "  " + strings.Join(parts, st.Muted.Render(" · "))
	if f, asc := t.sorting(); f != backend.SortCreated || asc {
		line += st.Muted.Render("  ·  by " + sortLabel(f, asc))
	}
	return padLine(fit(line, w), w)
}

// sorting is the tab's sort and direction: the operator's (o, O), else
// its saved view's, else newest first.
func (t *tab) sorting() (backend.SortField, bool) {
	switch {
	case t.sort != "":
		return t.sort, t.asc
	case t.preset != nil && t.preset.View.Sort != "":
		return t.preset.View.Sort, t.preset.View.Asc
	case t.preset != nil:
		return backend.SortCreated, t.preset.View.Asc
	}
	return backend.SortCreated, t.asc
}

// lateText is a tab title's late count: "!12", "" for none or unknown.
func (t *tab) lateText() string {
	if t.tally == nil || t.tally.Late == 0 {
		return ""
	}
	return glyphLate + thousands(t.tally.Late)
}
