package lunasoftsim

import "time"

// The sample data is from Salt Lake City and shows -0600 in July, so the
// site runs on US Mountain time. The rule is computed here rather than
// loaded from tzdata, which a minimal system may lack.
var (
	mst = time.FixedZone("MST", -7*3600)
	mdt = time.FixedZone("MDT", -6*3600)
)

// mountain converts t to US Mountain time, daylight saving time from the
// second Sunday of March 02:00 MST to the first Sunday of November 02:00 MDT.
func mountain(t time.Time) time.Time {
	y := t.UTC().Year()
	start := nthSunday(y, time.March, 2).Add(2*time.Hour + 7*time.Hour)  // 09:00 UTC
	end := nthSunday(y, time.November, 1).Add(2*time.Hour + 6*time.Hour) // 08:00 UTC
	if !t.Before(start) && t.Before(end) {
		return t.In(mdt)
	}
	return t.In(mst)
}

// nthSunday is midnight UTC of the nth Sunday of the month.
func nthSunday(year int, month time.Month, n int) time.Time {
	d := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	offset := (7 - int(d.Weekday())) % 7
	return d.AddDate(0, 0, offset+7*(n-1))
}

// stamp is Lunasoft's time format: "2015-04-27T17:34:31-0600".
const stamp = "2006-01-02T15:04:05-0700"

func format(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return mountain(t).Format(stamp)
}
