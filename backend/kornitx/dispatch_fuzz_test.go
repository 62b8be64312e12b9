package kornitx

import (
	"testing"
	"time"
)

// FuzzDispatchDeadline: whatever a push carries as required_dispatch_date,
// the deadline is none or the midnight after a real day of a plausible
// year, whose date written back reads the same deadline.
func FuzzDispatchDeadline(f *testing.F) {
	for _, s := range []string{"2026-06-30", "0000-00-00", "2026-6-9", "2026-06-31", "2026-06-09 00:00:00", "", "9999-99-99", "2026-06-30T", "-", "--"} {
		f.Add(s)
	}
	zones := []*time.Location{time.UTC, time.FixedZone("behind", -11*3600), time.FixedZone("ahead", 14*3600)}
	f.Fuzz(func(t *testing.T, s string) {
		for _, loc := range zones {
			got := dispatchDeadline(s, loc)
			if got.IsZero() {
				continue
			}
			if got.Location() != time.UTC {
				t.Fatalf("%q: deadline %v not in UTC", s, got)
			}
			local := got.In(loc)
			if local.Hour() != 0 || local.Minute() != 0 || local.Second() != 0 || local.Nanosecond() != 0 {
				t.Fatalf("%q: deadline %v is not a midnight in %v", s, local, loc)
			}
			day := local.AddDate(0, 0, -1)
			if y := day.Year(); y < 2000 || y > 2200 {
				t.Fatalf("%q: deadline in year %d", s, y)
			}
			if again := dispatchDeadline(day.Format("2006-01-02"), loc); !again.Equal(got) {
				t.Fatalf("%q: deadline %v, but its day %s reads %v", s, got, day.Format("2006-01-02"), again)
			}
		}
	})
}
