package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
)

// statusBarView is one line: a transient message or task progress, each
// store's health (last sync, error, back-off), and where the operator is.
func (m *Model) statusBarView(w int) string {
	st := m.st
	now := m.env.now()
	right := m.positionText()
	var parts []string
	if m.toast.text != "" && now.Before(m.toast.until) {
		if m.toast.ok {
			parts = append(parts, st.Success.Render(m.toast.text))
		} else {
			parts = append(parts, st.Warning.Render(m.toast.text))
		}
	}
	if c := m.teamChip(); c != "" {
		parts = append(parts, c)
	}
	if p := m.progressText(); p != "" {
		parts = append(parts, st.Pending.Render(p))
	}
	if n := len(m.decisions); n > 0 && m.journal() == nil {
		parts = append(parts, st.Warning.Render(fmt.Sprintf("%s %s your decision · %s", glyphUnknown,
			plural(n, "change needs", "changes need"), m.keys.first(actJournal))))
	}
	rw := width(right)
	fixed := strings.Join(parts, st.Faint.Render("  "))
	// The counter on the right is never cut; the stores' chips shorten,
	// level by level, to make room, and keep their names throughout.
	var left string
	for _, lvl := range chipLevels {
		chips := make([]string, 0, len(m.stores))
		for _, s := range m.stores {
			chips = append(chips, m.healthChip(s, now, lvl))
		}
		all := append([]string{}, fixed)
		if fixed == "" {
			all = all[:0]
		}
		left = " " + strings.Join(append(all, chips...), st.Faint.Render("  "))
		if width(left)+rw+1 <= w {
			break
		}
	}
	if width(left)+rw+1 > w {
		left = clip(left, max(w-rw-1, 0))
	}
	gap := max(w-width(left)-rw, 0)
	return st.Bar.Render(padLine(left+strings.Repeat(" ", gap)+st.Muted.Render(right), w))
}

// chipLevel is how much of a store's health the status bar has room for.
type chipLevel struct {
	nameMax int  // the store's name cut to this many cells
	short   bool // the names' shared prefix ("demo-") left out
	compact bool // the mirror without counts or errors
	bare    bool // a healthy mirror not shown, a syncing one as a glyph
	noAge   bool // the store's last answer without its age
}

// chipLevels go from the most said to the least; the names stay in all
// of them, as a tab number would have to be looked up.
var chipLevels = []chipLevel{
	{nameMax: 16}, {nameMax: 12},
	{nameMax: 12, short: true, compact: true},
	{nameMax: 8, short: true, compact: true},
	{nameMax: 8, short: true, compact: true, bare: true},
	{nameMax: 6, short: true, compact: true, bare: true},
	{nameMax: 6, short: true, compact: true, bare: true, noAge: true},
	{nameMax: 4, short: true, compact: true, bare: true, noAge: true},
}

// healthChip is one store's health and its mirror's.
func (m *Model) healthChip(s *store, now time.Time, lvl chipLevel) string {
	return m.storeChip(s, now, lvl) + m.mirrorChip(s, now, lvl)
}

// chipName is the store's name as short as lvl asks.
func (m *Model) chipName(s *store, lvl chipLevel) string {
	name := s.name
	if lvl.short {
		name = strings.TrimPrefix(name, m.sharedPrefix())
	}
	return clip(name, lvl.nameMax)
}

// sharedPrefix is the start every store's name shares up to a separator
// ("demo-" of demo-cscart and demo-lunasoft), "" when they share none or
// a name would be left empty.
func sharedPrefix(stores []*store) string {
	if len(stores) < 2 {
		return ""
	}
	p := stores[0].name
	for _, s := range stores[1:] {
		for !strings.HasPrefix(s.name, p) {
			p = p[:len(p)-1]
		}
	}
	if i := strings.LastIndexAny(p, "-_ .:/"); i >= 0 {
		p = p[:i+1]
	} else {
		p = ""
	}
	for _, s := range stores {
		if len(s.name) == len(p) {
			return ""
		}
	}
	return p
}

func (m *Model) sharedPrefix() string { return m.storePrefix }

func storeNames(stores []*store) []string {
	names := make([]string, len(stores))
	for i, s := range stores {
		names[i] = s.name
	}
	return names
}

// storeChip is the health of the store's own answers.
func (m *Model) storeChip(s *store, now time.Time, lvl chipLevel) string {
	st := m.st
	name := m.chipName(s, lvl)
	errMax := 36
	switch {
	case lvl.compact:
		errMax = 0
	case lvl.nameMax < 16:
		errMax = lvl.nameMax * 2
	}
	errPart := func(text string) string {
		if errMax == 0 || text == "" {
			return ""
		}
		return st.Muted.Render(" " + clip(text, errMax))
	}
	if d := s.backoffLeft(now); d > 0 {
		return st.Warning.Render("⏸ " + name + " back-off " + age(d))
	}
	if s.offline {
		why := ""
		if s.lastErr != "" {
			why = "· " + s.lastErr
		}
		return st.Warning.Render(glyphOffline+" "+name+" offline") + errPart(why)
	}
	if s.lastErr != "" {
		return st.Error.Render(glyphFailed+" "+name) + errPart(s.lastErr)
	}
	if s.inflight > 0 {
		return st.Pending.Render(glyphPending + " " + name)
	}
	if s.lastSync.IsZero() {
		return st.Faint.Render("· " + name)
	}
	if lvl.noAge {
		return st.Success.Render("●") + st.Muted.Render(" "+name)
	}
	return st.Success.Render("●") + st.Muted.Render(" "+name+" "+age(now.Sub(s.lastSync)))
}

// age is a short duration: "now", "12s", "4m", "2h", "3d".
func age(d time.Duration) string {
	switch {
	case d < time.Second:
		return "now"
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	}
	return fmt.Sprintf("%dd", int(d.Hours()/24))
}

func (m *Model) progressText() string {
	var sending, bulkDone, bulkAll int
	for _, t := range m.tasks {
		_, _, _, open := t.counts()
		if t.bulk {
			bulkAll += len(t.items)
			bulkDone += len(t.items) - open
		} else {
			sending += open
		}
	}
	var parts []string
	if sending > 0 {
		parts = append(parts, glyphPending+" sending "+plural(sending, "change", "changes"))
	}
	if bulkAll > 0 {
		parts = append(parts, fmt.Sprintf("%s bulk %d/%d", glyphPending, bulkDone, bulkAll))
	}
	return strings.Join(parts, "  ")
}

// positionText says where the cursor is in the tab's view: "row 1,204
// of 98,311" (of those matching a filter). The row is known from the
// window's place in the view; after a jump to the middle of a view not
// yet counted it is left out until the count arrives.
func (m *Model) positionText() string {
	t := m.tab()
	if len(t.rows) == 0 {
		return ""
	}
	pos := ""
	if p := t.position(); p >= 0 {
		pos = "row " + thousands(p+1)
	}
	if t.count >= 0 {
		if pos == "" {
			pos = "row ?"
		}
		pos += " of " + t.countText()
	}
	if pos == "" {
		return ""
	}
	if t.filtered() {
		pos += " matching"
	}
	return pos + " "
}

// errorLineView shows the latest error until the operator dismisses it.
func (m *Model) errorLineView(w int) string {
	st := m.st
	if len(m.errs) == 0 {
		return strings.Repeat(" ", w)
	}
	last := m.errs[len(m.errs)-1]
	more := ""
	if n := len(m.errs) - 1; n > 0 {
		more = fmt.Sprintf(" (+%d more)", n)
	}
	hint := st.Muted.Render(more + " · " + m.keys.first(actBack) + " dismisses")
	text := " " + glyphFailed + " " + last
	if width(text)+width(hint) > w {
		// The error (a link to copy) before the hint: the footer's help
		// says how to dismiss it too.
		hint = ""
	}
	text = clip(text, max(w-width(hint), 10))
	return padLine(st.ErrorLine.Render(text)+hint, w)
}

// footerView shows the few most useful keys: the table's, or those of the
// view over the body (the journal).
func (m *Model) footerView(c *dialogCtx, w int) string {
	st := m.st
	t := m.tab()
	var b strings.Builder
	b.WriteString(" ")
	var hints []key.Binding
	if fh, ok := m.dialogs.bodyDialog().(footerHinter); ok {
		hints = fh.footerHints(c)
	} else {
		if sum := t.filterSummary(); sum != "" {
			b.WriteString(st.Accent.Render("filter: "+clip(sum, 40)) + st.Faint.Render(" · "))
		}
		if len(t.marks) > 0 {
			b.WriteString(st.RowMarked.Render(glyphMark+" "+t.marksText()) + st.Faint.Render(" · "))
		}
		hints = m.footer.hints
	}
	used := width(b.String())
	first := true
	for _, h := range hints {
		if !h.Enabled() {
			continue
		}
		part := st.Key.Render(h.Help().Key) + " " + st.KeyDesc.Render(h.Help().Desc)
		if !first {
			part = "  " + part
		}
		if used+width(part) > w {
			break
		}
		first = false
		b.WriteString(part)
		used += width(part)
	}
	return padLine(b.String(), w)
}

// footerState is what the table's footer hints depend on; they are built
// again (in Update) only when it changes.
type footerState struct {
	marked, detail, writes, journal bool
}

type footerCache struct {
	state footerState
	hints []key.Binding
}

// fitFooter builds the table's footer hints for the state the table is
// in now.
func (m *Model) fitFooter() {
	writes := !m.opts.ReadOnly
	if s := m.tabStore(); s != nil && m.writesOff(s) != "" {
		writes = false
	}
	st := footerState{marked: len(m.tab().marks) > 0, detail: m.detail.open, writes: writes, journal: m.db != nil}
	if st != m.footer.state || m.footer.hints == nil {
		m.footer = footerCache{state: st, hints: m.footerHints(st)}
	}
}

// footerHints are the table's keys worth showing, most useful first; help
// lists the rest.
func (m *Model) footerHints(st footerState) []key.Binding {
	km := m.keys
	writes := st.writes
	h := []key.Binding{km.hint("help", actHelp)}
	if st.marked && writes {
		h = append(h, km.hint("change marked", actStatus), km.hint("clear marks", actBack))
	}
	h = append(h, km.hint("move", actDown, actUp), km.hint("page", actNextPage, actPrevPage))
	if st.detail {
		h = append(h, km.hint("close detail", actDetail))
	} else {
		h = append(h, km.hint("detail", actDetail))
	}
	if writes && !st.marked {
		h = append(h, km.hint("status", actStatus), km.hint("mark", actMark))
	}
	h = append(h, km.hint("filter", actFilter), km.hint("tabs", actNextTab), km.hint("refresh", actRefresh))
	if st.journal {
		h = append(h, km.hint("journal", actJournal))
	}
	return append(h, km.hint("go to", actGoto), km.hint("copy", actCopy), km.hint("quit", actQuit))
}
