package kornitx

import (
	"strconv"
	"strings"
	"time"
)

// dispatchDeadline reads required_dispatch_date, the day by which Kornit
// X wants the order to leave, and returns the end of that day in loc (the
// first instant of the next day), in UTC: an order dispatched any time on
// the day is on time. The date is "YYYY-MM-DD"; other channels have sent
// it unpadded ("2026-6-9") or with a time ("2026-06-09 00:00:00", whose
// time is ignored: the field is a date). An empty, all-zero ("0000-00-00")
// or impossible date ("2026-06-31") is no deadline (the zero time): a
// made-up deadline would be worse than none.
func dispatchDeadline(s string, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " T"); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, "-")
	if len(parts) != 3 {
		return time.Time{}
	}
	var n [3]int
	for i, p := range parts {
		if p == "" || len(p) > 4 || strings.Trim(p, "0123456789") != "" {
			return time.Time{}
		}
		n[i], _ = strconv.Atoi(p)
	}
	y, m, d := n[0], n[1], n[2]
	// Years outside this range are typos or placeholders, not deadlines.
	if y < 2000 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}
	}
	day := time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
	if day.Day() != d || int(day.Month()) != m { // 31 June rolled into July
		return time.Time{}
	}
	return time.Date(y, time.Month(m), d+1, 0, 0, 0, 0, loc).UTC()
}
