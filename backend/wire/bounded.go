package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// A store's answer is at most httpx's body bound (16 MiB), but what it
// decodes to can be far larger: a {} costs three bytes on the wire and a
// hundred in a struct, so a page of a million empty orders would take
// gigabytes. The bounds here keep what one answer decodes to a small
// multiple of its size. A list is measured (Len, one pass that allocates
// nothing) before any of it is decoded, and refused whole when it is too
// long: orderdash never shows part of a list as if it were all of it.

// Bounds of what one answer may hold.
const (
	// MaxList bounds every list inside an answer that is not a page of
	// orders: an order's lines, its history, a store's statuses.
	MaxList = 1000
	// MaxDecimal bounds a money value or quantity, in characters: more is
	// a broken field, not an amount.
	MaxDecimal = 32
)

// PageLimit is how many orders orderdash reads from a page it asked to
// hold asked orders: asked and a small margin, for a store that rounds its
// page size up. A page size of 0 or less reads at most MaxList.
func PageLimit(asked int) int {
	if asked <= 0 {
		return MaxList
	}
	return asked + max(10, asked/10)
}

// TooManyError is a list longer than orderdash reads.
type TooManyError struct {
	What  string // what the list holds: "orders", "entries"
	Sent  int    // how many the store sent
	Asked int    // the page size asked for; 0 for a list inside an answer
	Max   int    // how many orderdash reads at most
}

func (e *TooManyError) Error() string {
	if e.Asked > 0 {
		return fmt.Sprintf("the store sent %s %s for a page of %d; orderdash reads at most %s",
			thousands(e.Sent), e.What, e.Asked, thousands(e.Max))
	}
	return fmt.Sprintf("a list of %s %s; orderdash reads at most %s", thousands(e.Sent), e.What, thousands(e.Max))
}

// CheckList refuses a JSON list (an array, or an object standing for one)
// of more than MaxList entries, before it is decoded.
func CheckList(b []byte) error {
	if n := Len(b); n > MaxList {
		return &TooManyError{What: "entries", Sent: n, Max: MaxList}
	}
	return nil
}

// Page is the order list of a page of a list answer: L read as it always
// is (a []T, a List[T]), once Len has found no more than PageLimit(Asked)
// entries. Set Asked before decoding; more entries are a *TooManyError and
// nothing is decoded.
type Page[L any] struct {
	Asked int
	List  L
}

func (p *Page[L]) UnmarshalJSON(b []byte) error {
	if n, limit := Len(b), PageLimit(p.Asked); n > limit {
		return &TooManyError{What: "orders", Sent: n, Asked: p.Asked, Max: limit}
	}
	return json.Unmarshal(b, &p.List)
}

// Len is the number of elements of a JSON array, or of members of a JSON
// object, in b; 0 for any other value. It reads b once and allocates
// nothing, so a list can be measured before it is decoded. b must be
// valid JSON, as it is when encoding/json hands it to an UnmarshalJSON.
func Len(b []byte) int {
	b = bytes.TrimSpace(b)
	if len(b) < 2 || (b[0] != '[' && b[0] != '{') {
		return 0
	}
	n, depth, empty := 0, 0, true
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '"':
			// Skip the string; a backslash escapes the byte after it.
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
			empty = false
		case '[', '{':
			depth++
			if depth > 1 {
				empty = false
			}
		case ']', '}':
			depth--
		case ',':
			if depth == 1 {
				n++
			}
		case ' ', '\t', '\r', '\n':
		default:
			empty = false
		}
	}
	if empty {
		return 0
	}
	return n + 1
}

// First is the first element of a JSON array, found without decoding the
// others or copying it: first is a part of b. ok is false for an empty
// array or anything that is not an array. Like Len, it expects valid JSON.
func First(b []byte) (first json.RawMessage, ok bool) {
	b = bytes.TrimSpace(b)
	if len(b) < 2 || b[0] != '[' {
		return nil, false
	}
	start, depth := -1, 0
	for i := 1; i < len(b); i++ {
		switch c := b[i]; c {
		case '"':
			if start < 0 {
				start = i
			}
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			if start < 0 {
				start = i
			}
			depth++
		case ']', '}':
			if depth == 0 { // the end of the array
				if start < 0 {
					return nil, false
				}
				return bytes.TrimSpace(b[start:i]), true
			}
			depth--
		case ',':
			if depth == 0 {
				return bytes.TrimSpace(b[start:i]), start >= 0
			}
		case ' ', '\t', '\r', '\n':
		default:
			if start < 0 {
				start = i
			}
		}
	}
	return nil, false
}

// thousands writes n with commas: 1,190,000.
func thousands(n int) string {
	if n < 0 {
		return "-" + thousands(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
