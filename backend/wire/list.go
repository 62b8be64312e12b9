package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// List is a JSON list as PHP stores send it: an array; an object whose
// values are the elements (a PHP associative array, such as CS-Cart's
// products keyed by cart item id), kept in the order they were sent; or
// null, false or "" for none (PHP's empty() values). A list of more than
// MaxList entries is refused before any is decoded.
type List[T any] []T

func (l *List[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || isNull(b) || string(b) == "false" || string(b) == `""` {
		*l = nil
		return nil
	}
	if err := CheckList(b); err != nil {
		return err
	}
	if raw, ok := any(l).(*List[json.RawMessage]); ok && (b[0] == '[' || b[0] == '{') {
		// Raw rows are cut out without a second pass of the JSON scanner.
		*raw = rawElements(b)
		if *raw == nil {
			*raw = List[json.RawMessage]{} // [] and {} are empty lists, not none
		}
		return nil
	}
	switch b[0] {
	case '[':
		var arr []T
		if err := json.Unmarshal(b, &arr); err != nil {
			return err
		}
		*l = arr
		return nil
	case '{':
		dec := json.NewDecoder(bytes.NewReader(b))
		if _, err := dec.Token(); err != nil { // the opening brace
			return err
		}
		out := []T{} // {} is an empty list, not none
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return err
			}
			var v T
			if err := dec.Decode(&v); err != nil {
				return fmt.Errorf("entry %.40q: %w", fmt.Sprint(key), err)
			}
			out = append(out, v)
		}
		*l = out
		return nil
	}
	return fmt.Errorf("want a list, got %.40s", b)
}
