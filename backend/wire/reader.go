package wire

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"
)

// Reader reads a JSON answer in one pass, checking its syntax as it goes,
// so a client can decode a page straight into its wire structs: through
// encoding/json, every type that decodes itself (a Page, a List, an
// object that may come wrapped in an array) is handed bytes the scanner
// has already read and reads them again, and a page of orders is scanned
// four to six times.
//
// The reader is the fast path, not the definition: it takes the shapes a
// store sends on a good day and stops (Err) at anything else, and the
// caller then decodes the answer with encoding/json and the types'
// UnmarshalJSON, which word every error and accept every odd shape. So a
// value the reader takes must decode exactly as UnmarshalJSON decodes it;
// Decode hands a value to UnmarshalJSON as encoding/json would.
//
// The methods do nothing once the reader has stopped.
type Reader struct {
	names Names // see Unknown
	b     []byte
	i     int
	open  []byte // the closing bracket of each object and array being read
	buf   [32]byte
	err   error
}

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

// ErrShape stops a reader at a value it does not take: an odd but maybe
// valid shape, which the caller's encoding/json path reads instead.
var ErrShape = errors.New("a shape the one-pass reader does not take")

// NewReader reads b; names are the member names its caller reads (see
// Unknown), nil for none but the exact ones.
func NewReader(b []byte, names Names) *Reader {
	r := &Reader{b: b, names: names}
	r.open = r.buf[:0]
	return r
}

// Names are member names a caller of a Reader reads, in lower case.
type Names map[string]bool

// NamesOf are the JSON names of the fields of the struct types of vs, of
// the structs those hold, and so on, and the names in extra: every name a
// set of wire types reads, so it cannot fall out of step with them.
func NamesOf(vs []any, extra ...string) Names {
	n := Names{}
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" {
				name = f.Name
			}
			n[strings.ToLower(name)] = true
			walk(f.Type)
		}
	}
	for _, v := range vs {
		walk(reflect.TypeOf(v))
	}
	for _, e := range extra {
		n[strings.ToLower(e)] = true
	}
	return n
}

// Err is why the reader stopped, or nil.
func (r *Reader) Err() error { return r.err }

// Fail stops the reader with err (nil does nothing).
func (r *Reader) Fail(err error) {
	if r.err == nil && err != nil {
		r.err = err
	}
}

func (r *Reader) syntax(what string) {
	r.Fail(fmt.Errorf("invalid JSON at offset %d: %s", r.i, what))
}

func (r *Reader) ws() {
	for r.i < len(r.b) {
		switch r.b[r.i] {
		case ' ', '\t', '\r', '\n':
			r.i++
		default:
			return
		}
	}
}

// Peek is the first byte of the next value ('{', '[', '"', 't', 'f', 'n',
// '-' or a digit), or 0 at the end or once stopped.
func (r *Reader) Peek() byte {
	if r.err != nil {
		return 0
	}
	r.ws()
	if r.i >= len(r.b) {
		return 0
	}
	return r.b[r.i]
}

// End checks that nothing but space follows the value read.
func (r *Reader) End() error {
	if r.Peek() != 0 {
		r.syntax("data after the value")
	}
	if r.err == nil && r.i < len(r.b) {
		r.syntax("data after the value")
	}
	return r.err
}

// Object starts reading an object: it reports whether the next value is
// one (and stops the reader if not). Read its members with More and Key.
func (r *Reader) Object() bool { return r.begin('{', '}') }

// Array starts reading an array, like Object.
func (r *Reader) Array() bool { return r.begin('[', ']') }

func (r *Reader) begin(c, end byte) bool {
	if r.Peek() != c {
		r.Fail(ErrShape)
		return false
	}
	r.i++
	if len(r.open) >= maxDepth {
		r.syntax("nested too deeply")
		return false
	}
	r.open = append(r.open, end)
	return true
}

// More reports whether the object or array being read has another
// member or element, and reads past its end when it has none.
func (r *Reader) More() bool {
	if r.Peek() == 0 {
		r.syntax("unexpected end")
		return false
	}
	c := r.b[r.i]
	if c == '}' || c == ']' {
		if len(r.open) == 0 || r.open[len(r.open)-1] != c {
			r.syntax("unmatched bracket")
			return false
		}
		r.i++
		r.open = r.open[:len(r.open)-1]
		return false
	}
	// The first member follows the bracket; every other one a comma.
	if prev := r.prev(); prev == '{' || prev == '[' {
		return true
	}
	if c != ',' {
		r.syntax("want a comma")
		return false
	}
	r.i++
	return true
}

// prev is the last byte before the reader's place that is not space.
func (r *Reader) prev() byte {
	for j := r.i - 1; j >= 0; j-- {
		switch c := r.b[j]; c {
		case ' ', '\t', '\r', '\n':
		default:
			return c
		}
	}
	return 0
}

// Key reads a member's name and its colon. A name with escapes stops the
// reader (encoding/json would match it unescaped). The result is a part
// of the answer: compare it, do not keep it.
func (r *Reader) Key() []byte {
	key := r.name()
	for _, c := range key {
		if c == '\\' {
			r.Fail(ErrShape)
			return nil
		}
	}
	return key
}

// name reads a member's name, as written, and its colon.
func (r *Reader) name() []byte {
	if r.Peek() != '"' {
		r.syntax("want a member name")
		return nil
	}
	start := r.i + 1
	r.str()
	if r.err != nil {
		return nil
	}
	key := r.b[start : r.i-1]
	if r.Peek() != ':' {
		r.syntax("want a colon")
		return nil
	}
	r.i++
	return key
}

// Unknown skips the value of a member whose name key matches none the
// caller reads exactly. encoding/json also matches names that differ in
// case, so a name with capitals that is one of the reader's Names in
// lower case, or one with non-ASCII letters (K is also the Kelvin sign),
// stops the reader.
func (r *Reader) Unknown(key []byte) {
	upper := false
	for _, c := range key {
		switch {
		case c >= 0x80:
			r.Fail(ErrShape)
			return
		case 'A' <= c && c <= 'Z':
			upper = true
		}
	}
	if upper && (r.names == nil || r.names[strings.ToLower(string(key))]) {
		r.Fail(ErrShape)
		return
	}
	r.Skip()
}

// Raw reads the next value whole and returns it, as a part of the answer.
func (r *Reader) Raw() []byte {
	if r.Peek() == 0 {
		r.syntax("unexpected end")
		return nil
	}
	start := r.i
	r.Skip()
	if r.err != nil {
		return nil
	}
	return r.b[start:r.i]
}

// unmarshaler is a *T that decodes itself.
type unmarshaler[T any] interface {
	*T
	json.Unmarshaler
}

// Unmarshal reads the next value into dst as encoding/json would: a T is
// handed the value's bytes. It is for the rare shapes a read method hands
// on (scalars have Read methods). The value is decoded into a new T and
// copied: a pointer handed to UnmarshalJSON through an interface moves
// what it points into to the heap, here every order a page holds. Every
// type here replaces its whole value, so a new one decodes the same.
func Unmarshal[T any, P unmarshaler[T]](r *Reader, dst *T) {
	if b := r.Raw(); r.err == nil {
		v := new(T)
		if err := P(v).UnmarshalJSON(b); err != nil {
			r.Fail(err)
			return
		}
		*dst = *v
	}
}

// Null reads a null and reports whether the next value was one.
func (r *Reader) Null() bool {
	if r.Peek() == 'n' {
		r.lit("null")
		return r.err == nil
	}
	return false
}

// Skip reads past the next value, checking it.
func (r *Reader) Skip() {
	switch r.Peek() {
	case 0:
		r.syntax("unexpected end")
	case '{':
		r.Object()
		for r.More() {
			r.name()
			r.Skip()
		}
	case '[':
		r.Array()
		for r.More() {
			r.Skip()
		}
	case '"':
		r.str()
	case 't':
		r.lit("true")
	case 'f':
		r.lit("false")
	case 'n':
		r.lit("null")
	default:
		r.num()
	}
}

func (r *Reader) lit(s string) {
	if len(r.b)-r.i < len(s) || string(r.b[r.i:r.i+len(s)]) != s {
		r.syntax("bad literal")
		return
	}
	r.i += len(s)
}

// str reads a string literal; the reader is at its opening quote.
func (r *Reader) str() {
	for i := r.i + 1; i < len(r.b); i++ {
		switch c := r.b[i]; {
		case c == '"':
			r.i = i + 1
			return
		case c == '\\':
			i++
			if i >= len(r.b) {
				break
			}
			switch r.b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(r.b) || !hex4(r.b[i+1:i+5]) {
					r.i = i
					r.syntax("bad \\u escape")
					return
				}
				i += 4
			default:
				r.i = i
				r.syntax("bad escape")
				return
			}
		case c < 0x20:
			r.i = i
			r.syntax("control character in a string")
			return
		}
	}
	r.i = len(r.b)
	r.syntax("unexpected end in a string")
}

func hex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// num reads a number as JSON writes one.
func (r *Reader) num() {
	b, i := r.b, r.i
	digits := func() int {
		n := 0
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case digits() == 0:
		r.syntax("bad number")
		return
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			r.syntax("bad number")
			return
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			r.syntax("bad number")
			return
		}
	}
	r.i = i
}

// Read reads t as UnmarshalJSON does, with API2Cart's {"value","format"}
// object read in the same pass.
func (t *Time) Read(r *Reader) {
	if r.Peek() != '{' {
		if b := r.Raw(); r.err == nil {
			r.Fail(t.UnmarshalJSON(b))
		}
		return
	}
	r.Object()
	var value []byte
	for r.More() {
		switch key := r.Key(); string(key) {
		case "value":
			value = r.Raw()
		case "format":
			// A string field: anything but a string or null is an error
			// encoding/json words.
			if c := r.Peek(); c != '"' && c != 'n' {
				r.Fail(ErrShape)
			}
			r.Skip()
		default:
			r.Unknown(key)
		}
	}
	if r.Err() != nil {
		return
	}
	if len(value) == 0 {
		t.Time = time.Time{}
		return
	}
	r.Fail(t.UnmarshalJSON(value))
}

// Read reads l as UnmarshalJSON does: an array, or an object whose member
// values are the entries, of at most MaxList entries, each an object read
// by elem or null (a zero entry). Other shapes go to UnmarshalJSON.
func (l *List[T]) Read(r *Reader, elem func(*T, *Reader)) {
	keyed := r.Peek() == '{'
	switch {
	case keyed:
		r.Object()
	case r.Peek() == '[':
		r.Array()
	default:
		Unmarshal(r, l)
		return
	}
	// Entries are gathered on the stack and copied once, to a list of
	// their number: most lists are short, and growing one costs an
	// allocation per doubling.
	var buf [8]T
	out := buf[:0]
	for r.More() {
		if keyed {
			r.Key()
		}
		if len(out) == MaxList {
			r.Fail(ErrShape)
			return
		}
		var v T
		switch r.Peek() {
		case 'n':
			r.Null()
		case '{':
			elem(&v, r)
		default:
			r.Fail(ErrShape)
			return
		}
		out = append(out, v)
	}
	*l = append(List[T]{}, out...) // [] and {} are empty lists, not none
}

// The scalar types read themselves as UnmarshalJSON does, through a call
// the compiler can see: Decode's interface would move every value it is
// handed, and the struct around it, to the heap.

// Read reads s as UnmarshalJSON does.
func (s *String) Read(r *Reader) {
	if b := r.Raw(); r.err == nil {
		r.Fail(s.UnmarshalJSON(b))
	}
}

// Read reads n as UnmarshalJSON does.
func (n *Int) Read(r *Reader) {
	if b := r.Raw(); r.err == nil {
		r.Fail(n.UnmarshalJSON(b))
	}
}

// Read reads d as UnmarshalJSON does.
func (d *Decimal) Read(r *Reader) {
	if b := r.Raw(); r.err == nil {
		r.Fail(d.UnmarshalJSON(b))
	}
}

// Read reads v as UnmarshalJSON does.
func (v *Bool) Read(r *Reader) {
	if b := r.Raw(); r.err == nil {
		r.Fail(v.UnmarshalJSON(b))
	}
}

// Read reads p as UnmarshalJSON does.
func (p *NextPage) Read(r *Reader) {
	if b := r.Raw(); r.err == nil {
		r.Fail(p.UnmarshalJSON(b))
	}
}

// ReadRows reads the elements of the array (or, keyed, the object) r has
// just opened, each with row. One element more than limit stops the reader
// with ErrShape, so the encoding/json pass refuses the page in words; an
// error from row stops it too. capHint sizes the result.
func ReadRows[T any](r *Reader, limit, capHint int, keyed bool, row func(*Reader) (T, error)) []T {
	out := make([]T, 0, min(max(capHint, 0), limit))
	for r.More() {
		if keyed {
			r.Key()
		}
		if len(out) == limit {
			r.Fail(ErrShape)
			return nil
		}
		v, err := row(r)
		if r.Err() != nil {
			return nil
		}
		if err != nil {
			r.Fail(err)
			return nil
		}
		out = append(out, v)
	}
	return out
}
