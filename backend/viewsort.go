package backend

import (
	"strconv"
	"strings"
	"time"
)

// ViewSorts are the orders a view over the mirror can take, in the order
// the dashboard's `o` cycles through them.
var ViewSorts = []SortField{SortCreated, SortUpdated, SortAge, SortDue, SortTotal, SortStatus, SortStore, SortCustomer}

// SortDefaultAsc is the direction a sort starts in: newest, most, oldest
// in status first for times and totals (Asc false); most overdue first for
// due, and A to Z for names (Asc true).
func SortDefaultAsc(f SortField) bool {
	switch f {
	case SortDue, SortStatus, SortStore, SortCustomer:
		return true
	}
	return false
}

// SortTitle is how a header names a sort: "Created", "Due".
func SortTitle(f SortField) string {
	if f == "" {
		f = SortCreated
	}
	s := string(f)
	return strings.ToUpper(s[:1]) + s[1:]
}

// SLAs is each store's SLA: [sla] with every store's overrides on top.
type SLAs struct {
	Default SLA
	Stores  map[string]SLA // by store name; a store not here has Default
}

// For is the SLA of store; DefaultSLA on a nil s.
func (s *SLAs) For(store string) SLA {
	if s == nil {
		return DefaultSLA()
	}
	if sla, ok := s.Stores[store]; ok {
		return sla
	}
	return s.Default
}

// NoDue is the due offset of an order no limit applies to (a final kind,
// a kind without limit): about 146 years, so such orders sort after every
// order with a due time, by their time in status, and still fit an int64
// of nanoseconds.
const NoDue = time.Duration(1 << 62)

// DueOffset is what SortDue adds to an order's StatusSince to order it:
// its kind's limit in its store, or NoDue. It is TimingOf's due time for
// every order but those with an earlier dispatch-by date (Kornit X), which
// the sort places by their SLA limit alone.
func (s *SLAs) DueOffset(store string, k StatusKind) time.Duration {
	if k.Final() {
		return NoDue
	}
	if d := s.For(store).Limit(k); d > 0 {
		return d
	}
	return NoDue
}

// AmountValue is a money string as a number to sort by, in ten-thousandths
// (4 decimals; further ones are cut); 0 for text that is no plain decimal.
func AmountValue(s string) int64 {
	s = strings.TrimSpace(s)
	if s == "" || !isPlainDecimal(s) {
		return 0
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "+-")
	whole, frac, _ := strings.Cut(s, ".")
	frac = (frac + "0000")[:4]
	w, err := strconv.ParseInt("0"+whole, 10, 64)
	if err != nil || w > 900_000_000_000_000 {
		return 0
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	v := w*10_000 + f
	if neg {
		v = -v
	}
	return v
}

// Tally is a view's counts for a tab's counts strip: its orders per
// status kind and how many are late, from the mirror (its text aside).
type Tally struct {
	Kinds map[StatusKind]int
	Total int
	// Late is how many of its open orders are past their due time
	// (TimingOf) at the moment counted.
	Late int
}
