package wire

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	denver, _ := time.LoadLocation("America/Denver")
	utc := func(y int, mo time.Month, d, h, mi, s int) time.Time {
		return time.Date(y, mo, d, h, mi, s, 0, time.UTC)
	}
	cases := []struct {
		in   string
		loc  *time.Location
		want time.Time
		err  bool
	}{
		{"2015-04-27T17:34:31-0600", nil, utc(2015, 4, 27, 23, 34, 31), false},
		{"2015-04-27T17:34:31-06:00", nil, utc(2015, 4, 27, 23, 34, 31), false},
		{"2024-05-01T00:00:00+0000", nil, utc(2024, 5, 1, 0, 0, 0), false},
		{"2024-05-01T00:00:00Z", nil, utc(2024, 5, 1, 0, 0, 0), false},
		{"2024-05-01T00:00:00.123+02:00", nil, time.Date(2024, 4, 30, 22, 0, 0, 123e6, time.UTC), false},
		{"2026-01-08 17:41:22", nil, utc(2026, 1, 8, 17, 41, 22), false},
		{"2026-01-08 17:41:22", denver, utc(2026, 1, 9, 0, 41, 22), false},
		{"2026-07-08 17:41:22", denver, utc(2026, 7, 8, 23, 41, 22), false},
		{"2026-01-08 17:41:22 -0700", nil, utc(2026, 1, 9, 0, 41, 22), false},
		{"2026-01-08", nil, utc(2026, 1, 8, 0, 0, 0), false},
		{"1456917981", nil, utc(2016, 3, 2, 11, 26, 21), false},
		{"Mon, 02 Jan 2006 15:04:05 -0700", nil, utc(2006, 1, 2, 22, 4, 5), false},
		{" 2026-01-08 ", nil, utc(2026, 1, 8, 0, 0, 0), false},
		{"", nil, time.Time{}, false},
		{"0000-00-00", nil, time.Time{}, false},
		{"0000-00-00 00:00:00", nil, time.Time{}, false},
		{"0", nil, time.Time{}, false},
		{"yesterday", nil, time.Time{}, true},
		{"2026-13-45", nil, time.Time{}, true},
		{"12345", nil, time.Time{}, true},
	}
	for _, tc := range cases {
		got, err := ParseTime(tc.in, tc.loc)
		if (err != nil) != tc.err || !got.Equal(tc.want) || (!got.IsZero() && got.Location() != time.UTC) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestTime(t *testing.T) {
	want := time.Date(2024, 8, 1, 2, 18, 42, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Time
		err  bool
	}{
		{`"2024-08-01T02:18:42+0000"`, want, false},
		{`{"value":"2024-08-01T02:18:42+0000","format":"Y-m-d\\TH:i:sO"}`, want, false},
		{`[{"value":"2024-08-01T02:18:42+0000"}]`, want, false},
		{`["2024-08-01 02:18:42"]`, want, false},
		{`1722478722`, want, false},
		{`"1722478722"`, want, false},
		{`1722478722.9`, want, false},
		{`0`, time.Time{}, false},
		{`""`, time.Time{}, false},
		{`"0000-00-00"`, time.Time{}, false},
		{`null`, time.Time{}, false},
		{`{}`, time.Time{}, false},
		{`[]`, time.Time{}, false},
		{`{"value":null}`, time.Time{}, false},
		{`true`, time.Time{}, true},
		{`"soon"`, time.Time{}, true},
		{`{"value":"soon"}`, time.Time{}, true},
		{`"x`, time.Time{}, true},
	}
	for _, tc := range cases {
		got, err := decode[Time](tc.in)
		if (err != nil) != tc.err || !got.Equal(tc.want) {
			t.Errorf("Time %s = %v, %v; want %v", tc.in, got.Time, err, tc.want)
		}
	}
}

// Skipping the layouts whose zone cannot fit changes no result: ParseTime
// reads what trying every layout reads.
func FuzzParseTimeSkipsOnlyFailures(f *testing.F) {
	for _, s := range []string{"2015-04-27T17:34:31-0600", "2026-11-20T05:19:08-05:00", "2026-11-20T05:19:08Z", "2026-11-20 05:19:08",
		"2026-11-20T05:19:08.123+0100", "2026-11-20 05:19:08 +0100", "Mon, 02 Jan 2006 15:04:05 -0700", "Mon, 02 Jan 2006 15:04:05 MST",
		"2026-11-20T05:19:08+05:30:00", "2026-11-20T05:19:08z", "2026-11-20", "1456917981"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, gotErr := ParseTime(s, time.UTC)
		want, wantErr := parseEveryLayout(s)
		if !got.Equal(want) || (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%q: ParseTime %v %v, every layout %v %v", s, got, gotErr, want, wantErr)
		}
	})
}

func parseEveryLayout(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if isZeroDate(s) {
		return time.Time{}, nil
	}
	if allDigits(s) && len(s) >= 9 {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(sec, 0).UTC(), nil
		}
	}
	for _, l := range layouts {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, errors.New("unrecognised")
}
