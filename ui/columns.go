package ui

import "strings"

// layoutCache tracks the widest values seen, so column widths adapt to the
// data without measuring every loaded row on every frame, and the column
// widths computed for each (table width, tab kind, widest status on
// screen). The status is measured on the rows on screen (statusWidth), so
// one store's long statuses do not widen another's tab.
type layoutCache struct {
	number, total, store int
	// storeShort is the widest store name without the prefix all share
	// (storeCell); 0 when none is noted.
	storeShort int
	gen        uint64 // bumps when any width above grows
	cols       [2]columns
}

// note records the widths of newly arrived rows.
func (l *layoutCache) note(rows []*order) {
	grew := false
	for _, r := range rows {
		if w := width(r.disp.number); w > l.number {
			l.number, grew = w, true
		}
		if w := width(r.disp.total); w > l.total {
			l.total, grew = w, true
		}
	}
	if grew {
		l.gen++
	}
}

func (l *layoutCache) noteStore(name string) {
	if w := width(name); w > l.store {
		l.store = w
		l.gen++
	}
}

// noteStoresShort records the stores' names without their shared prefix.
func (l *layoutCache) noteStoresShort(names []string, prefix string) {
	w := 0
	for _, n := range names {
		w = max(w, width(strings.TrimPrefix(n, prefix)))
	}
	l.storeShort = w
	l.gen++
}

// columns are the widths of the table's cells for one table width.
type columns struct {
	width int
	all   bool
	gen   uint64
	valid bool
	// seen is what is on screen: the status and customer columns are
	// as wide as its widest while the table has room.
	seen     onScreen
	gap      int
	number   int
	date     int
	longDate bool
	store    int
	customer int
	items    int
	total    int
	status   int
	age      int // the Age column (sort.go); 0 when it does not fit
}

const prefixW = 2 // cursor bar and mark

// ageW fits "! late 12d", "▲ urgent" and "Due ▴"; the column is as wide
// as what the rows on screen say (ageMin fits its title), so a screen of
// "3h" leaves the rest to the customer.
const (
	ageW   = 10
	ageMin = 5
)

func clampInt(v, lo, hi int) int { return max(lo, min(v, hi)) }

// onScreen are the widest values of the rows on screen, measured each
// frame (a few dozen rows) rather than over every loaded order: one
// store's long statuses do not widen another store's tab.
type onScreen struct {
	status   int // the label and its glyph
	customer int // the name alone
	age      int // the Age column's text (ageText)
}

func (m *Model) measure(rows []*order) onScreen {
	var s onScreen
	for _, r := range rows {
		s.status = max(s.status, width(r.disp.status)+2)
		s.customer = max(s.customer, width(r.disp.customer))
		text, _ := m.ageText(r)
		s.age = max(s.age, width(text))
	}
	return s
}

// columnsFor returns the column widths for a table w cells wide showing
// rows as wide as seen.
func (l *layoutCache) columnsFor(w int, all bool, seen onScreen) columns {
	slot := 0
	if all {
		slot = 1
	}
	if c := l.cols[slot]; c.valid && c.width == w && c.gen == l.gen && c.seen == seen {
		return c
	}
	c := columns{width: w, all: all, gen: l.gen, valid: true, gap: 2, seen: seen}
	c.number = clampInt(l.number, 5, 16)
	c.total = clampInt(l.total, 8, 18)
	// The status column grows with the terminal (up to a third of it,
	// 22 to 50 cells): Kornit X's "➜ Dispatched (Retailer Notified)" is
	// whole from 96 columns, wherever the customer keeps its 12.
	c.status = clampInt(seen.status, 10, clampInt(w/3, 22, 50))
	c.items = 5
	c.age = clampInt(seen.age, ageMin, ageW)
	c.date, c.longDate = 16, true
	if all {
		c.store = clampInt(l.store, 6, 18)
	}
	const minCustomer = 12
	// The first steps (gaps, the year, "Items" → "Qty") lose nothing a
	// row says, so they are taken while a name on screen would be cut.
	const cheap = 3
	wantCustomer := clampInt(seen.customer, minCustomer, 24)
	fixed := func() int {
		n := prefixW + c.number + c.date + c.items + c.total + c.status + c.age
		cols := 5
		if c.items > 0 {
			cols++
		}
		if c.age > 0 {
			cols++
		}
		if all {
			n += c.store
			cols++
		}
		return n + c.gap*(cols-1)
	}
	// Give up space in order of least use to an operator at a bench;
	// the status last (below).
	shrink := []func() bool{
		func() bool { c.gap = 1; return true },
		func() bool { c.date, c.longDate = 12, false; return true },
		func() bool { c.items = 3; return true },
		func() bool {
			// The names without their shared prefix ("demo-") first.
			if short := max(l.storeShort, 8); all && l.storeShort > 0 && c.store > short {
				c.store = short
				return true
			}
			return false
		},
		func() bool {
			if all && c.store > 10 {
				c.store = 10
				return true
			}
			return false
		},
		func() bool {
			if c.total > 12 {
				c.total = 12
				return true
			}
			return false
		},
		func() bool {
			if all && c.store > 8 {
				c.store = 8
				return true
			}
			return false
		},
		// The order number is never cut (it is what people quote and
		// scan): the quantity, also in the detail pane, goes instead.
		func() bool { c.items = 0; return true },
	}
	for i, s := range shrink {
		if i < cheap && w-fixed() < wantCustomer {
			s()
			continue
		}
		if w-fixed() >= minCustomer {
			break
		}
		s()
	}
	// The status is what this dashboard changes: it gives way last, and
	// only as much as the customer needs ("In Production" stays whole
	// while the other columns have room to give).
	if short := minCustomer - (w - fixed()); short > 0 && c.status > 12 {
		c.status = max(12, c.status-short)
	}
	c.customer = max(w-fixed(), 4)
	l.cols[slot] = c
	return c
}
