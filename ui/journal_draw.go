package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/theme"
)

// Drawing the journal: its columns, rows and the selected entry in full.

type journalColumns struct {
	state, when, store, order, change, by, tries, result int
	// short: the Store column leaves out the start every store's name
	// shares ("demo-"), as the orders table does at narrow widths.
	short bool
	// shortDate: the Asked column reads "Dec 03 21:38", as the orders
	// table's Created column does at narrow widths.
	shortDate bool
}

// journalWidths are the widest values of the entries on screen; short is
// the widest store name without the shared prefix, 0 when there is none.
type journalWidths struct{ state, order, store, short, change, by int }

// minJournalChange is the least the Change column keeps before the order
// number is cut: "Received → Dispatc…" still says where the order went.
const minJournalChange = 20

// journalColumnsFor lays the columns out for w cells. The order number and
// the store get the width of the widest on screen (within a cap), so
// "#CG31000741" is never cut beside empty columns; the change comes next,
// and on wide screens the outcome (the store's answer) gets the rest.
// The State and By columns are as wide as their widest value; below 110
// columns the store names drop their shared prefix and the dates their
// year, so the change keeps the room ("Received → Dispatched" rather than
// "Received → Di…"). When the order number and the change still do not
// both fit, the change is cut down to minJournalChange, and only then the
// order number, at its start (orderCell): sequential numbers differ at
// the end.
func journalColumnsFor(w int, vw journalWidths) journalColumns {
	c := journalColumns{state: clampInt(vw.state, 5, 12), when: 16, by: clampInt(vw.by, 2, 12), tries: 5}
	storeCap := 24
	if w < 110 {
		c.when, c.shortDate = 12, true
		c.by, c.tries, storeCap = min(c.by, 8), 0, 12
		if vw.short > 0 {
			vw.store, c.short = vw.short, true
		}
	}
	c.store = clampInt(vw.store, 8, storeCap)
	fixed := 2 + c.state + c.when + c.store + c.by + 5
	if c.tries > 0 {
		fixed += c.tries + 1
	}
	room := w - fixed // for the order, the change and the outcome
	order := clampInt(vw.order, 7, 24)
	change := clampInt(vw.change, 10, 48)
	const minResult = 16
	switch {
	case room >= order+change+1+minResult:
		c.order, c.change = order, change
		c.result = room - order - change - 1
	case room >= order+min(change, minJournalChange):
		c.order, c.change = order, room-order
	default:
		c.change = min(change, minJournalChange)
		c.order = max(room-c.change, 7)
		c.change = max(room-c.order, 10)
	}
	return c
}

// widths measures the entries from..to as the columns show them.
func (j *journalView) widths(from, to int) journalWidths {
	var vw journalWidths
	for _, e := range j.entries[from:to] {
		name := backend.CleanLine(e.Store)
		label, _ := stateLabel(e)
		vw.state = max(vw.state, width(label))
		vw.order = max(vw.order, width("#"+j.number(e)))
		vw.store = max(vw.store, width(name))
		if j.prefix != "" {
			vw.short = max(vw.short, width(strings.TrimPrefix(name, j.prefix)))
		}
		vw.change = max(vw.change, width(backend.CleanLine(e.From.Label())+" → "+backend.CleanLine(e.To.Label())))
		vw.by = max(vw.by, width(backend.CleanLine(e.Operator)))
	}
	return vw
}

// orderCell is "#" and the order number in w cells; a number too long
// for them loses its start ("#…31000741"), where sequential numbers
// agree, and keeps the end that tells them apart.
func orderCell(number string, w int) string {
	s := "#" + number
	if width(s) <= w || w < 3 {
		return fit(s, w)
	}
	return fit("#…"+ansi.TruncateLeft(number, width(number)-(w-2), ""), w)
}

// when is an entry's Asked cell.
func (c journalColumns) asked(d *dialogCtx, t time.Time) string {
	if c.shortDate && !t.IsZero() {
		return t.In(d.loc).Format("Jan 02 15:04")
	}
	return d.fmtTime(t)
}

// storeName is an entry's store as the Store column shows it.
func (j *journalView) storeName(e backend.JournalEntry, c journalColumns) string {
	name := backend.CleanLine(e.Store)
	if c.short {
		name = strings.TrimPrefix(name, j.prefix)
	}
	return name
}

func (c journalColumns) header() string {
	s := "  " + fit("State", c.state) + " " + fit("Asked", c.when) + " " + fit("Store", c.store) + " " +
		fit("Order", c.order) + " " + fit("Change", c.change) + " " + fit("By", c.by)
	if c.tries > 0 {
		s += " " + fitRight("Tries", c.tries)
	}
	if c.result > 0 {
		s += " " + fit("Outcome", c.result)
	}
	return s
}

// outcome is what became of a change, in a few words.
func outcome(e backend.JournalEntry) string {
	switch {
	case e.Error != "":
		return backend.CleanLine(e.Error)
	case e.State == backend.StateConfirmed && e.Result != nil:
		return "the store shows " + backend.CleanLine(e.Result.Label())
	case e.State == backend.StateConfirmed:
		return "the store confirmed it"
	}
	return ""
}

// stateLabel is an entry's state with its glyph: never colour alone.
func stateLabel(e backend.JournalEntry) (string, string) {
	switch {
	case e.NeedsDecision && e.CanResend():
		return glyphUnknown + " decide", "warning"
	case e.State == backend.StatePending:
		return "○ pending", "pending"
	case e.State == backend.StateSent:
		return glyphPending + " sent", "pending"
	case e.State == backend.StateUnknown:
		return glyphUnknown + " unknown", "warning"
	case e.State == backend.StateFailed:
		return glyphFailed + " failed", "error"
	case e.State == backend.StateConfirmed:
		return "✓ confirmed", "success"
	case e.State == backend.StateDropped:
		return "– dropped", "muted"
	}
	return "· " + string(e.State), "muted"
}

// tonePaint is the paint of a stateLabel tone. A switch, not a map
// literal: row runs for every row on every frame.
func tonePaint(st *theme.Styles, tone string) theme.Paint {
	switch tone {
	case "warning":
		return st.Warning
	case "pending":
		return st.Pending
	case "error":
		return st.Error
	case "success":
		return st.Success
	}
	return st.Muted
}

func (j *journalView) row(c *dialogCtx, e backend.JournalEntry, cols journalColumns, selected bool, w int) string {
	st := c.st
	label, tone := stateLabel(e)
	paint := tonePaint(st, tone)
	bar := " "
	base := st.Row
	if selected {
		bar = "▌"
		base = st.RowSelected
		paint = st.RowSelected
	}
	change := backend.CleanLine(e.From.Label()) + " → " + backend.CleanLine(e.To.Label())
	line := paint.Render(fit(label, cols.state)) + base.Render(" "+fit(cols.asked(c, e.Requested), cols.when)+" "+
		fit(j.storeName(e, cols), cols.store)+" "+orderCell(j.number(e), cols.order)+" "+
		fit(change, cols.change)+" "+fit(backend.CleanLine(e.Operator), cols.by))
	if cols.tries > 0 {
		line += base.Render(" " + fitRight(itoa(e.Attempts), cols.tries))
	}
	if cols.result > 0 {
		out := base
		if !selected {
			out = st.Muted
		}
		line += base.Render(" ") + out.Render(fit(outcome(e), cols.result))
	}
	prefix := bar + " "
	if selected {
		prefix = st.Cursor.Render(bar) + base.Render(" ")
	}
	return padLine(prefix+line, w)
}

// detail is the selected entry in full, and its steps when asked for.
func (j *journalView) detail(c *dialogCtx, w, h int) []string {
	st := c.st
	var lines []string
	lines = append(lines, st.PaneBorder.Render(strings.Repeat("─", w)))
	if e := j.selected(); e != nil {
		what := fmt.Sprintf("change %d · order #%s on %s · %s → %s", e.ID, j.number(*e), backend.CleanLine(e.Store),
			backend.CleanLine(e.From.Label()), backend.CleanLine(e.To.Label()))
		// The entry in full wraps: this is where a cut change or number is read.
		lines = append(lines, indented(st.Bold, what, w)...)
		var facts []string
		if e.Notify {
			facts = append(facts, "notify the customer")
		}
		if n := backend.CleanLine(e.Note); n != "" {
			facts = append(facts, "note "+n)
		}
		if t := backend.CleanLine(e.Tracking); t != "" {
			facts = append(facts, "tracking "+t)
		}
		if !e.Sent.IsZero() {
			facts = append(facts, "last sent "+c.fmtTime(e.Sent))
		}
		if e.Result != nil {
			facts = append(facts, "the store shows "+backend.CleanLine(e.Result.Label()))
		}
		if len(facts) > 0 {
			lines = append(lines, indented(st.Muted, strings.Join(facts, " · "), w)...)
		}
		if e.Error != "" {
			style := st.Error
			if e.State == backend.StateUnknown || e.NeedsDecision {
				style = st.Warning
			}
			lines = append(lines, wrapStyled(style, " "+backend.CleanLine(e.Error), w)...)
		}
		if j.stepsID == e.ID {
			switch {
			case j.stepsErr != "":
				lines = append(lines, st.Error.Render(clip(" "+glyphFailed+" "+j.stepsErr, w)))
			case j.steps == nil:
				lines = append(lines, st.Faint.Render(" "+glyphPending+" reading its steps…"))
			}
			for _, s := range j.steps {
				who := ""
				if s.Operator != "" {
					who = " · " + backend.CleanLine(s.Operator)
				}
				lines = append(lines, st.Value.Render(clip(" "+c.fmtTime(s.At)+"  "+backend.CleanLine(s.Message)+who, w)))
			}
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	lines = lines[:h]
	for i, l := range lines {
		lines[i] = padLine(l, w)
	}
	return lines
}

// indented is text wrapped to w cells, each line one cell in.
func indented(style theme.Paint, text string, w int) []string {
	out := wrapText(text, w-1)
	for i, l := range out {
		out[i] = style.Render(" " + l)
	}
	return out
}
