package backend

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// A store's text fields are untrusted and unbounded: a name can carry
// escape sequences, a note can be megabytes. The Field helpers turn what a
// store sent into what an Order keeps, the same way for every platform:
// cleaned (CleanLine, CleanText), trimmed of surrounding space, and cut to
// a bound. They take any string type, so a client passes its lenient wire
// types as they are.

// Bounds of one field, in bytes. Money is bounded where it is read
// (wire.MaxDecimal).
const (
	MaxFieldLine = 512      // names, cities, SKUs, statuses
	MaxFieldText = 64 << 10 // notes
	MaxFieldID   = 128      // order ids and numbers
	MaxFieldCode = 16       // currency codes
)

// FieldID is s as an order id: one clean, trimmed line of at most
// MaxFieldID bytes. A longer one is an error, not cut: an id is a key, and
// two long ids cut to one would make two orders one.
func FieldID[S ~string](s S) (string, error) {
	id := strings.TrimSpace(CleanLine(string(s)))
	if len(id) > MaxFieldID {
		return "", fmt.Errorf("an order id of %d bytes (%.20q…); orderdash takes ids of at most %d", len(id), id, MaxFieldID)
	}
	return id, nil
}

// FieldNumber is s as an order number people read: FieldLine cut to
// MaxFieldID bytes (a number is shown, never used as a key).
func FieldNumber[S ~string](s S) string { return Clip(FieldLine(s), MaxFieldID) }

// FieldCode is s as a short code (a currency): FieldLine in capitals, cut
// to MaxFieldCode bytes.
func FieldCode[S ~string](s S) string { return Clip(strings.ToUpper(FieldLine(s)), MaxFieldCode) }

// FieldLine is s as one clean, trimmed line of at most MaxFieldLine bytes.
func FieldLine[S ~string](s S) string {
	return Clip(strings.TrimSpace(CleanLine(string(s))), MaxFieldLine)
}

// FieldText is s as clean, trimmed text of at most MaxFieldText bytes; it
// keeps newlines.
func FieldText[S ~string](s S) string {
	return Clip(strings.TrimSpace(CleanText(string(s))), MaxFieldText)
}

// FieldLines are the parts that are not empty as FieldLine, in order; never
// nil, since an Address's Lines is "known, and there are none".
func FieldLines[S ~string](parts ...S) []string {
	out := []string{}
	for _, p := range parts {
		if l := FieldLine(p); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// FirstField is the first part that is not empty as FieldLine: the field a
// store fills when it leaves another blank.
func FirstField[S ~string](parts ...S) string {
	for _, p := range parts {
		if l := FieldLine(p); l != "" {
			return l
		}
	}
	return ""
}

// JoinFields joins the parts that are not empty as FieldLine with a space,
// as a first and a last name make a name.
func JoinFields[S ~string](parts ...S) string {
	return strings.Join(FieldLines(parts...), " ")
}

// Clip cuts s to at most n bytes on a character boundary (a split
// character would print as garbage) and marks the cut with "…".
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
