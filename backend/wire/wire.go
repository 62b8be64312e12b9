// Package wire holds lenient JSON types for decoding what real store APIs
// send: numbers as strings or numbers, `false` for "no page", "" and
// "0000-00-00" for "no date", offsets without a colon, date objects, nulls.
// Every type accepts null as its zero value, so a missing field and a null
// one read the same.
package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

var null = []byte("null")

func isNull(b []byte) bool { return bytes.Equal(bytes.TrimSpace(b), null) }

// unquote reads a JSON string literal. encoding/json has already checked
// the syntax before calling UnmarshalJSON, so a literal without escapes
// and with valid UTF-8 is its own text; only escaped ones need the full
// decoder. Store APIs send numbers as strings everywhere, so this path is
// most of the decoding work.
func unquote(b []byte) (string, error) {
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		inner := b[1 : len(b)-1]
		if bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
			return string(inner), nil
		}
	}
	var v string
	err := json.Unmarshal(b, &v)
	return v, err
}

// scalar reads the JSON value Int, Decimal and Bool decode: a string
// literal unquoted and trimmed (stores pad numbers in strings), anything
// else as written. blank reports null or a string of spaces, which each of
// them reads as its zero value.
func scalar(b []byte) (txt string, blank bool, err error) {
	b = bytes.TrimSpace(b)
	if isNull(b) {
		return "", true, nil
	}
	if len(b) > 0 && b[0] == '"' {
		v, err := unquote(b)
		if err != nil {
			return "", false, err
		}
		v = strings.TrimSpace(v)
		return v, v == "", nil
	}
	return string(b), false, nil
}

// String accepts a JSON string, number or boolean and keeps its text; ids
// come as 54123 on one endpoint and "54123" on the next.
type String string

func (s *String) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if isNull(b) {
		*s = ""
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		v, err := unquote(b)
		if err != nil {
			return err
		}
		*s = String(v)
		return nil
	}
	if len(b) > 0 && (b[0] == '{' || b[0] == '[') {
		return fmt.Errorf("want a string or number, got %s", kindOf(b))
	}
	*s = String(b) // number or true/false: its literal text
	return nil
}

func (s String) String() string { return string(s) }

// Int accepts 12, "12", 12.0, "" and null (0).
type Int int64

func (n *Int) UnmarshalJSON(b []byte) error {
	txt, blank, err := scalar(b)
	if err != nil {
		return err
	}
	if blank {
		*n = 0
		return nil
	}
	if v, err := strconv.ParseInt(txt, 10, 64); err == nil {
		*n = Int(v)
		return nil
	}
	f, err := strconv.ParseFloat(txt, 64)
	if err != nil || f != float64(int64(f)) {
		return fmt.Errorf("want an integer, got %.40q", txt)
	}
	*n = Int(f)
	return nil
}

// Decimal is money or a quantity as the platform wrote it: 42.99 or
// "42.99" both give "42.99". The text is kept, never passed through a
// float, so nothing is rounded. More than MaxDecimal characters is
// refused: no amount is that long, and one would fill a screen line.
type Decimal string

func (d *Decimal) UnmarshalJSON(b []byte) error {
	txt, blank, err := scalar(b)
	if err != nil {
		return err
	}
	if blank {
		*d = ""
		return nil
	}
	if len(txt) > MaxDecimal {
		return fmt.Errorf("want a decimal number of at most %d characters, got one of %s", MaxDecimal, thousands(len(txt)))
	}
	if !isDecimal(txt) {
		return fmt.Errorf("want a decimal number, got %.40q", txt)
	}
	*d = Decimal(txt)
	return nil
}

// isDecimal accepts plain decimal notation with an optional exponent, and
// nothing else strconv.ParseFloat would take ("NaN", "Inf", hex floats,
// underscores): money must print as the number it is.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digits := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		exp := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

func (d Decimal) String() string { return string(d) }

// maxUnits bounds a quantity: more than a billion of anything on one
// order line is a broken field, not an order.
const maxUnits = 1e9

// Units reads d as a count of units for display: goods sold by weight
// come as fractions, which round; a negative, unreadable or absurd
// quantity is 0.
func (d Decimal) Units() int {
	f, err := strconv.ParseFloat(string(d), 64)
	if err != nil || f < 0 || f > maxUnits {
		return 0
	}
	return int(math.Round(f))
}

// Bool accepts true/false, 1/0, "1"/"0", "Y"/"N", "yes"/"no",
// "true"/"false" in any case, "" and null (false).
type Bool bool

func (v *Bool) UnmarshalJSON(b []byte) error {
	txt, _, err := scalar(b)
	if err != nil {
		return err
	}
	switch strings.ToLower(txt) {
	case "true", "1", "y", "yes", "on":
		*v = true
	case "false", "0", "n", "no", "off", "":
		*v = false
	default:
		return fmt.Errorf("want a boolean, got %.40q", txt)
	}
	return nil
}

// NextPage is Lunasoft's next_page: a page number, or false (or null) when
// there are no more pages. Zero means "no next page".
type NextPage int

func (p *NextPage) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch string(b) {
	case "null", "false", `""`, "0":
		*p = 0
		return nil
	case "true":
		return fmt.Errorf("next_page: want a page number or false, got true")
	}
	var n Int
	if err := n.UnmarshalJSON(b); err != nil {
		return fmt.Errorf("next_page: %w", err)
	}
	if n < 0 {
		return fmt.Errorf("next_page: negative page %d", n)
	}
	*p = NextPage(n)
	return nil
}

func kindOf(b []byte) string {
	switch b[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	}
	return "something else"
}
