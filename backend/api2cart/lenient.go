package api2cart

import (
	"bytes"
	"encoding/json"

	"github.com/orderdash/orderdash/backend/wire"
)

// Carts behind API2Cart serialise the same field in several ways: an
// object, the object wrapped in a one-element array (eBay's {*} answers),
// null, or an empty array or object where PHP had nothing. These two
// generic types absorb that so one odd field cannot fail a whole page.

// one holds a single object that may arrive bare, as the first element of
// an array, or not at all (null, [], {}, "", false).
type one[T any] struct {
	V   T
	Set bool
}

func (o *one[T]) UnmarshalJSON(b []byte) error {
	*o = one[T]{}
	b = bytes.TrimSpace(b)
	if isEmptyJSON(b) {
		return nil
	}
	if b[0] == '[' {
		// Only the first element counts; the others are not decoded.
		first, ok := wire.First(b)
		if !ok {
			return nil
		}
		return o.UnmarshalJSON(first)
	}
	if err := json.Unmarshal(b, &o.V); err != nil {
		return err
	}
	o.Set = true
	return nil
}

// many holds a list that may arrive as an array, a single bare object, or
// not at all (null, {}, "", false); more than wire.MaxList entries are
// refused before any is decoded.
type many[T any] []T

func (m *many[T]) UnmarshalJSON(b []byte) error {
	*m = nil
	b = bytes.TrimSpace(b)
	if isEmptyJSON(b) {
		return nil
	}
	if b[0] == '[' {
		if err := wire.CheckList(b); err != nil {
			return err
		}
	}
	if b[0] != '[' {
		var v T
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*m = many[T]{v}
		return nil
	}
	var arr []T
	if err := json.Unmarshal(b, &arr); err != nil {
		return err
	}
	*m = arr
	return nil
}

// isEmptyJSON reports the forms carts use for "nothing here".
func isEmptyJSON(b []byte) bool {
	switch string(b) {
	case "", "null", "false", `""`, "{}", "[]":
		return true
	}
	if len(b) >= 2 && (b[0] == '{' || b[0] == '[') {
		// {} or [] with whitespace inside.
		return len(bytes.TrimSpace(b[1:len(b)-1])) == 0
	}
	return false
}
