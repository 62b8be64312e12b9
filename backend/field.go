package backend

import (
	"strings"
	"unicode/utf8"
)

// A store's text fields are untrusted and unbounded: a name can carry
// escape sequences, a note can be megabytes. The Field helpers turn what a
// store sent into what an Order keeps, the same way for every platform:
// cleaned (CleanLine, CleanText), trimmed of surrounding space, and cut to
// a bound. They take any string type, so a client passes its lenient wire
// types as they are.

// Bounds of one field, in bytes.
const (
	MaxFieldLine = 512      // names, cities, SKUs
	MaxFieldText = 64 << 10 // notes
)

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
