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
// The one-pass Reader counts as it reads instead, and stops one entry
// past a bound, so the encoding/json pass that words the error measures
// the list; what it read by then is bounded too.

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
	// encoding/json has checked b already; going through it again would
	// scan every order twice more. Raw rows are cut out directly, and a
	// list type that decodes itself is handed b as it is.
	switch l := any(&p.List).(type) {
	case *[]json.RawMessage:
		if t := bytes.TrimSpace(b); len(t) > 0 && (t[0] == '[' || t[0] == '{') {
			*l = rawElements(t)
			return nil
		}
	case json.Unmarshaler:
		return l.UnmarshalJSON(b)
	}
	return json.Unmarshal(b, &p.List)
}

// rawElements is a copy of each element of the array (each member's value
// of the object) in b; nil for anything else.
func rawElements(b []byte) []json.RawMessage {
	n := Len(b)
	if n == 0 {
		return nil
	}
	out := make([]json.RawMessage, 0, n)
	each(b, func(e []byte) bool {
		out = append(out, append(json.RawMessage(nil), e...))
		return true
	})
	return out
}

// Len is the number of elements of a JSON array, or of members of a JSON
// object, in b; 0 for any other value. It reads b once and allocates
// nothing, so a list can be measured before it is decoded. b must be
// valid JSON, as it is when encoding/json hands it to an UnmarshalJSON.
func Len(b []byte) int {
	n := 0
	each(b, func([]byte) bool { n++; return true })
	return n
}

// First is the first element of a JSON array, found without decoding the
// others or copying it: first is a part of b. ok is false for an empty
// array or anything that is not an array. Like Len, it expects valid JSON.
func First(b []byte) (first json.RawMessage, ok bool) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '[' {
		return nil, false
	}
	each(b, func(e []byte) bool { first, ok = e, true; return false })
	return first, ok
}

// each calls f with each element of the JSON array in b, or the value of
// each member of the JSON object, as a part of b, until f returns false.
// It lexes only strings and nesting, so it is several times faster than
// a JSON scanner; b must be valid JSON. A list that is not closed gives
// the elements before its last one.
func each(b []byte, f func(elem []byte) bool) {
	b = bytes.TrimSpace(b)
	if len(b) < 2 || (b[0] != '[' && b[0] != '{') {
		return
	}
	object := b[0] == '{'
	depth := 0         // nesting inside the list's own brackets
	start := -1        // where the current element starts
	inValue := !object // in an object, a value starts after the colon
	begin := func(i int) {
		if depth == 0 && inValue && start < 0 {
			start = i
		}
	}
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case ' ', '\t', '\r', '\n':
		case '"':
			begin(i)
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++ // a backslash escapes the byte after it
				}
			}
		case '[', '{':
			begin(i)
			depth++
		case ']', '}':
			if depth == 0 { // the end of the list
				if start >= 0 {
					f(bytes.TrimSpace(b[start:i]))
				}
				return
			}
			depth--
		case ':':
			if depth == 0 {
				inValue = true
			}
		case ',':
			if depth == 0 {
				if start >= 0 && !f(bytes.TrimSpace(b[start:i])) {
					return
				}
				start, inValue = -1, !object
			}
		default:
			begin(i)
		}
	}
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
