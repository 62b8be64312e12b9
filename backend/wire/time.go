package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Layouts ParseTime tries, in order. Offsets come with and without a colon.
var layouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05-0700",
	"2006-01-02T15:04:05.999999999-0700",
	"2006-01-02 15:04:05-0700",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
}

// ParseTime reads a date as stores write it. Empty and all-zero dates
// ("", "0000-00-00", "0000-00-00 00:00:00", "0") are the zero time with no
// error. A time without an offset is read in loc (UTC when nil). A string
// of digits is Unix seconds. The result is in UTC.
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if isZeroDate(s) {
		return time.Time{}, nil
	}
	if loc == nil {
		loc = time.UTC
	}
	if allDigits(s) && len(s) >= 9 {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err == nil {
			return time.Unix(sec, 0).UTC(), nil
		}
	}
	for _, l := range layouts {
		if !zoneFits(l, s) {
			continue
		}
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("unrecognised date %.40q", s)
}

// zoneFits reports whether s can end in the zone layout l ends in: a
// failed parse costs an error value, and stores write one zone form, so
// the layouts for the others are skipped. "Z07:00" takes Z or ±hh:mm,
// "-0700" only ±hhmm; other layouts are tried.
func zoneFits(l, s string) bool {
	switch {
	case strings.HasSuffix(l, "Z07:00"):
		return strings.HasSuffix(s, "Z") || (len(s) > 6 && s[len(s)-3] == ':' && (s[len(s)-6] == '+' || s[len(s)-6] == '-'))
	case strings.HasSuffix(l, "-0700"):
		return len(s) > 5 && (s[len(s)-5] == '+' || s[len(s)-5] == '-')
	}
	return true
}

func isZeroDate(s string) bool {
	if s == "" {
		return true
	}
	for _, c := range s {
		if c != '0' && c != '-' && c != ':' && c != ' ' && c != 'T' {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Time decodes any date form a store sends: a string in one of the layouts
// above, Unix seconds as a number or string, an API2Cart object
// {"value": "...", "format": "..."}, a one-element array of either, "" or
// null. Times without an offset are read as UTC.
type Time struct{ time.Time }

func (t *Time) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if isNull(b) || len(b) == 0 {
		t.Time = time.Time{}
		return nil
	}
	switch b[0] {
	case '"':
		s, err := unquote(b)
		if err != nil {
			return err
		}
		v, err := ParseTime(s, time.UTC)
		t.Time = v
		return err
	case '{':
		var obj struct {
			Value  json.RawMessage `json:"value"`
			Format string          `json:"format"`
		}
		if err := json.Unmarshal(b, &obj); err != nil {
			return err
		}
		if len(obj.Value) == 0 {
			t.Time = time.Time{}
			return nil
		}
		return t.UnmarshalJSON(obj.Value)
	case '[':
		var arr []json.RawMessage
		if err := json.Unmarshal(b, &arr); err != nil {
			return err
		}
		if len(arr) == 0 {
			t.Time = time.Time{}
			return nil
		}
		return t.UnmarshalJSON(arr[0])
	case 't', 'f':
		return fmt.Errorf("want a date, got %s", b)
	}
	// A bare number: Unix seconds.
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("want a date, got %.40q", b)
	}
	if f == 0 {
		t.Time = time.Time{}
		return nil
	}
	t.Time = time.Unix(int64(f), 0).UTC()
	return nil
}
