package wire

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"testing"
	"time"
)

// The fuzz targets feed each lenient type any bytes through
// json.Unmarshal, the way a store's answer reaches it, and check what a
// successful decode promises. Seeds are values the stores really send
// (see the table tests and the platforms' testdata).

var scalarSeeds = []string{
	`"54123"`, `54123`, `1.50`, `-0`, `true`, `false`, `null`, `""`, `" 12 "`, `"12.0"`, `1e3`,
	`"9223372036854775807"`, `"322.85"`, `"+5.5"`, `".5"`, `"1.5E-3"`, `"NaN"`, `"0x1p-2"`,
	`"Y"`, `"no"`, `"a\u001bb"`, `"\u202eevil"`, `{"a":1}`, `[1]`, `"\ud800"`, "\"\xff\"",
}

func addSeeds(f *testing.F, seeds []string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
}

func FuzzString(f *testing.F) {
	addSeeds(f, scalarSeeds)
	f.Fuzz(func(t *testing.T, b []byte) {
		var s String
		err := json.Unmarshal(b, &s)
		if !json.Valid(b) {
			if err == nil {
				t.Fatalf("%q is not JSON, yet decoded as %q", b, s)
			}
			return
		}
		// Numbers as json.Number: 2e308 is JSON, if not a float64.
		var v any
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("valid JSON %q does not decode: %v", b, err)
		}
		switch x := v.(type) {
		case nil:
			if err != nil || s != "" {
				t.Fatalf("null = %q, %v", s, err)
			}
		case string:
			if err != nil || string(s) != x {
				t.Fatalf("string %q = %q, %v", x, s, err)
			}
		case json.Number, bool:
			if err != nil || string(s) != string(bytes.TrimSpace(b)) {
				t.Fatalf("literal %q = %q, %v", b, s, err)
			}
		default:
			if err == nil {
				t.Fatalf("%T %q decoded as %q", x, b, s)
			}
		}
	})
}

func FuzzInt(f *testing.F) {
	addSeeds(f, scalarSeeds)
	f.Fuzz(func(t *testing.T, b []byte) {
		var n Int
		if json.Unmarshal(b, &n) != nil {
			if lit, err := strconv.ParseInt(string(bytes.TrimSpace(b)), 10, 64); err == nil && json.Valid(b) {
				t.Fatalf("integer literal %d refused", lit)
			}
			return
		}
		// What decoded reads back the same, written as a number or a string.
		for _, again := range []string{strconv.FormatInt(int64(n), 10), strconv.Quote(strconv.FormatInt(int64(n), 10))} {
			var m Int
			if err := json.Unmarshal([]byte(again), &m); err != nil || m != n {
				t.Fatalf("%q = %d, but %s = %d, %v", b, n, again, m, err)
			}
		}
	})
}

func FuzzDecimal(f *testing.F) {
	addSeeds(f, scalarSeeds)
	f.Fuzz(func(t *testing.T, b []byte) {
		var d Decimal
		if json.Unmarshal(b, &d) != nil {
			return
		}
		if d == "" {
			return
		}
		// Money prints as the number it is: plain notation, no NaN/Inf.
		v, err := strconv.ParseFloat(string(d), 64)
		if err != nil && !isRangeErr(err) {
			t.Fatalf("%q decoded as %q, which is not a number: %v", b, d, err)
		}
		if math.IsNaN(v) {
			t.Fatalf("%q decoded as NaN", b)
		}
		if !isDecimal(string(d)) {
			t.Fatalf("%q decoded as %q", b, d)
		}
		var again Decimal
		if err := json.Unmarshal([]byte(strconv.Quote(string(d))), &again); err != nil || again != d {
			t.Fatalf("%q does not read back: %q, %v", d, again, err)
		}
		if u := d.Units(); u < 0 || u > maxUnits {
			t.Fatalf("%q.Units() = %d", d, u)
		}
	})
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

func FuzzBool(f *testing.F) {
	addSeeds(f, scalarSeeds)
	f.Fuzz(func(t *testing.T, b []byte) {
		var v Bool
		if json.Unmarshal(b, &v) != nil {
			return
		}
		var lit bool
		if json.Unmarshal(b, &lit) == nil && bool(v) != lit {
			t.Fatalf("%s decoded as %v", b, v)
		}
		var again Bool
		if err := json.Unmarshal([]byte(strconv.FormatBool(bool(v))), &again); err != nil || again != v {
			t.Fatalf("%v does not read back: %v, %v", v, again, err)
		}
	})
}

func FuzzNextPage(f *testing.F) {
	addSeeds(f, append([]string{`2`, `"3"`, `-1`, `0`, `"0"`, `2.0`}, scalarSeeds...))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p NextPage
		if json.Unmarshal(b, &p) != nil {
			return
		}
		if p < 0 {
			t.Fatalf("%q decoded as page %d", b, p)
		}
	})
}

func FuzzTime(f *testing.F) {
	addSeeds(f, append([]string{
		`"2016-03-02 12:26:21"`, `"2022-10-05T08:56:11+0000"`, `"2026-11-20T10:00:00.123+02:00"`,
		`"0000-00-00 00:00:00"`, `"0"`, `1456917981`, `"1456917981"`, `1.5e9`,
		`{"value":"2022-10-05T08:56:11+0000","format":"Y-m-d\\TH:i:sO"}`, `[{"value":"2022-10-05"}]`,
		`{"value":null}`, `[]`, `"Tue, 01 Dec 2026 10:00:00 +0100"`, `"2026-13-45"`, `1e300`,
	}, scalarSeeds...))
	zone := time.FixedZone("site", -5*3600)
	f.Fuzz(func(t *testing.T, b []byte) {
		var tm Time
		if json.Unmarshal(b, &tm) == nil && !tm.IsZero() {
			if tm.Location() != time.UTC {
				t.Fatalf("%q decoded in %s", b, tm.Location())
			}
			// A date in the years RFC 3339 can write reads back the same.
			if y := tm.Year(); y >= 1 && y <= 9999 {
				var again Time
				s := strconv.Quote(tm.Format(time.RFC3339Nano))
				if err := json.Unmarshal([]byte(s), &again); err != nil || !again.Equal(tm.Time) {
					t.Fatalf("%q = %v, but %s = %v, %v", b, tm, s, again, err)
				}
			}
		}
		// The same text as a site's local date.
		if v, err := ParseTime(string(b), zone); err == nil && !v.IsZero() && v.Location() != time.UTC {
			t.Fatalf("ParseTime(%q) in %s", b, v.Location())
		}
	})
}

func FuzzList(f *testing.F) {
	addSeeds(f, []string{
		`[1,2,3]`, `{"7":"a","9":"b"}`, `{}`, `[]`, `null`, `false`, `""`, `"x"`, `[{"a":1}]`,
		`{"1":{"item_id":"1","amount":"2"}}`, `{"a":[1],"b":null}`, `[null,"1",2.5]`,
	})
	f.Fuzz(func(t *testing.T, b []byte) {
		var l List[String]
		if json.Unmarshal(b, &l) != nil {
			return
		}
		// Each element was a value of the input: never more of them than
		// its bytes could hold.
		if len(l) > len(b) {
			t.Fatalf("%d elements from %d bytes", len(l), len(b))
		}
		var arr []json.RawMessage
		if json.Unmarshal(b, &arr) == nil && len(arr) != len(l) {
			t.Fatalf("array of %d decoded as %d elements", len(arr), len(l))
		}
		var obj map[string]json.RawMessage
		if json.Unmarshal(b, &obj) == nil && obj != nil && len(l) < len(obj) {
			t.Fatalf("object of %d keys decoded as %d elements", len(obj), len(l))
		}
	})
}

// Hostile input never panics: every type gives a value or an error, even
// called with bytes encoding/json would not pass it.
func FuzzTypes(f *testing.F) {
	for _, s := range []string{`1`, `"x"`, `{"a":[1,{}]}`, `[[[`, `"\ud800"`, `1e999`, `{"value":"2024-01-01"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		b := []byte(in)
		var s String
		var n Int
		var d Decimal
		var v Bool
		var p NextPage
		var tm Time
		var l List[Time]
		_ = s.UnmarshalJSON(b)
		_ = n.UnmarshalJSON(b)
		_ = d.UnmarshalJSON(b)
		_ = v.UnmarshalJSON(b)
		_ = p.UnmarshalJSON(b)
		_ = tm.UnmarshalJSON(b)
		_ = l.UnmarshalJSON(b)
	})
}
