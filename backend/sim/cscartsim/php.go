package cscartsim

import (
	"bytes"
	"encoding/json"
	"math"
	"regexp"
	"strconv"
)

// phpNumPrefix is the leading numeric part PHP's (int) cast reads.
var phpNumPrefix = regexp.MustCompile(`^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?`)

// phpInt reads s the way PHP's (int) cast does: leading whitespace, then the
// longest numeric prefix ("2024-01-01" is 2024, "1e3" is 1000, "abc" is 0).
func phpInt(s string) int64 {
	m := phpNumPrefix.FindString(s)
	if m == "" {
		return 0
	}
	f, err := strconv.ParseFloat(string(bytes.TrimLeft([]byte(m), " \t\n\r\v\f")), 64)
	if err != nil || math.IsNaN(f) {
		return 0
	}
	if f >= math.MaxInt64 {
		return math.MaxInt64
	}
	if f <= math.MinInt64 {
		return math.MinInt64
	}
	return int64(f)
}

// phpEmptyString is PHP's empty() on a query parameter: "" and "0".
func phpEmptyString(s string) bool { return s == "" || s == "0" }

// phpEmptyJSON is PHP's empty() on a value json_decode'd into an array:
// null, false, 0, 0.0, "", "0", [] and {} are empty; everything else,
// including the strings "false", "N" and "no", is not.
func phpEmptyJSON(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return true
	}
	switch raw[0] {
	case 'n', 'f':
		return true // null, false
	case 't':
		return false
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return true
		}
		return s == "" || s == "0"
	case '[':
		var a []json.RawMessage
		return json.Unmarshal(raw, &a) == nil && len(a) == 0
	case '{':
		var o map[string]json.RawMessage
		return json.Unmarshal(raw, &o) == nil && len(o) == 0
	default:
		f, err := strconv.ParseFloat(string(raw), 64)
		return err == nil && f == 0
	}
}
