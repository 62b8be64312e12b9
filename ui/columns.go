package ui

import "strings"

// layoutCache tracks the widest values seen, so column widths adapt to the
// data without measuring every loaded row on every frame, and the column
// widths computed for each (table width, tab kind).
type layoutCache struct {
	number, total, status, store int
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
		if w := width(r.disp.status) + 2; w > l.status {
			l.status, grew = w, true
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
	width    int
	all      bool
	gen      uint64
	valid    bool
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

// ageW fits "! late 12d", "▲ urgent" and "Due ▴".
const ageW = 10

func clampInt(v, lo, hi int) int { return max(lo, min(v, hi)) }

// columnsFor returns the column widths for a table w cells wide.
func (l *layoutCache) columnsFor(w int, all bool) columns {
	slot := 0
	if all {
		slot = 1
	}
	if c := l.cols[slot]; c.valid && c.width == w && c.gen == l.gen {
		return c
	}
	c := columns{width: w, all: all, gen: l.gen, valid: true, gap: 2}
	c.number = clampInt(l.number, 5, 16)
	c.total = clampInt(l.total, 8, 18)
	c.status = clampInt(l.status, 10, 22)
	c.items = 5
	c.age = ageW
	c.date, c.longDate = 16, true
	if all {
		c.store = clampInt(l.store, 6, 18)
	}
	const minCustomer = 12
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
	// Give up space in order of least use to an operator at a bench.
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
			if c.status > 12 {
				c.status = 12
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
	for _, s := range shrink {
		if w-fixed() >= minCustomer {
			break
		}
		s()
	}
	c.customer = max(w-fixed(), 4)
	l.cols[slot] = c
	return c
}
