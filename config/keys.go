package config

import (
	"encoding"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// A problem is something wrong with one key, found before decoding. Segs
// is the key's index path (see lineIndex), Msg says what is wrong.
type problem struct {
	Segs []string
	Msg  string
}

var (
	unmarshalerType     = reflect.TypeFor[toml.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	primitiveType       = reflect.TypeFor[toml.Primitive]()
	durationType        = reflect.TypeFor[time.Duration]()
)

// checkTree walks raw (a value as BurntSushi decodes it into `any`)
// alongside t, the Go type it will be decoded into, and reports every key t
// has no place for, every value of the wrong type and every duration
// written without a unit (the decoder would stop at the first).
// MetaData.Undecoded cannot do this for arrays of tables: it names keys
// without their element, so a key one store may have would hide the same
// key, misplaced, in another. names is the dotted key as a person reads it;
// where says whose key it is (` in store "EU"`), or is empty.
func checkTree(raw any, t reflect.Type, segs, names []string, where string) []problem {
	return rules{}.checkTree(raw, t, segs, names, where)
}

// checkTree is checkTree with r's knowledge of the file's other tables,
// for rules that name them (oneof=…|@themes).
func (r rules) checkTree(raw any, t reflect.Type, segs, names []string, where string) []problem {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == durationType {
		if msg := checkDuration(raw); msg != "" {
			return []problem{{Segs: segs, Msg: strings.Join(names, ".") + where + ": " + msg}}
		}
		return nil
	}
	if opaque(t) {
		return nil
	}
	if want, ok := fits(raw, t.Kind()); !ok {
		return []problem{{Segs: segs, Msg: strings.Join(names, ".") + where + ": is " + typeWord(fmt.Sprintf("%T", raw)) + ", want " + want}}
	}
	var out []problem
	switch t.Kind() {
	case reflect.Struct:
		m := raw.(map[string]any) // fits checked it
		fields := tomlFields(t)
		for _, k := range sortedKeys(m) {
			ft, ok := fields.lookup(k)
			s, n := appendSeg(segs, k), appendSeg(names, k)
			if !ok {
				out = append(out, problem{Segs: s, Msg: unknownKeyMsg(strings.Join(n, ".")+where, k, fields.names)})
				continue
			}
			sub := r.checkTree(m[k], ft, s, n, where)
			if rule := fields.rules[k]; rule != "" && len(sub) == 0 {
				if msg := r.checkRule(m[k], ft, rule); msg != "" {
					sub = []problem{{Segs: s, Msg: strings.Join(n, ".") + where + " = " + showValue(m[k]) + ": " + msg}}
				}
			}
			out = append(out, sub...)
		}
	case reflect.Map:
		m := raw.(map[string]any)
		for _, k := range sortedKeys(m) {
			out = append(out, r.checkTree(m[k], t.Elem(), appendSeg(segs, k), appendSeg(names, k), where)...)
		}
	case reflect.Slice, reflect.Array:
		switch l := raw.(type) {
		case []map[string]any:
			for i, v := range l {
				out = append(out, r.checkTree(v, t.Elem(), appendSeg(segs, elem(i)), names, where)...)
			}
		case []any:
			for i, v := range l {
				out = append(out, r.checkTree(v, t.Elem(), appendSeg(segs, elem(i)), names, where)...)
			}
		}
	}
	return out
}

// fits reports whether a decoded TOML value can go into a Go value of kind
// k, and if not, what k wants in TOML's words. Checking here rather than
// leaving it to the decoder finds every mismatch, not only the first.
func fits(raw any, k reflect.Kind) (string, bool) {
	switch {
	case k == reflect.String:
		_, ok := raw.(string)
		return "a string", ok
	case k == reflect.Bool:
		_, ok := raw.(bool)
		return "true or false", ok
	case k >= reflect.Int && k <= reflect.Uint64:
		_, ok := raw.(int64)
		return "an integer", ok
	case k == reflect.Float32 || k == reflect.Float64:
		switch raw.(type) {
		case float64, int64:
			return "", true
		}
		return "a number", false
	case k == reflect.Slice || k == reflect.Array:
		switch raw.(type) {
		case []any, []map[string]any:
			return "", true
		}
		return "a list", false
	case k == reflect.Map || k == reflect.Struct:
		_, ok := raw.(map[string]any)
		return "a table", ok
	}
	return "", true
}

// unknownKeyMsg names the key and the nearest valid one, or lists the valid
// ones when none is near. what is the dotted key and whose it is.
func unknownKeyMsg(what, k string, valid []string) string {
	msg := "unknown key " + what
	if s := Nearest(k, valid); s != "" {
		return msg + " (did you mean " + s + "?)"
	}
	if len(valid) > 0 {
		return msg + " (valid keys: " + strings.Join(valid, ", ") + ")"
	}
	return msg
}

// checkDuration accepts "90s", "2m", "0" and 0. A bare integer would be
// read as nanoseconds, which is never what anyone means.
func checkDuration(raw any) string {
	switch v := raw.(type) {
	case int64:
		if v != 0 {
			return fmt.Sprintf("%d has no unit; write a duration such as \"%ds\" or \"2m\"", v, v)
		}
	case string:
		d, err := time.ParseDuration(v)
		if err != nil {
			return fmt.Sprintf("%q is not a duration; write one such as \"30s\", \"2m\" or \"1h30m\"", v)
		}
		if d < 0 {
			return fmt.Sprintf("%q is negative", v)
		}
	default:
		return "want a duration such as \"30s\""
	}
	return ""
}

// opaque types decode themselves (or hold anything): their keys are theirs
// to check.
func opaque(t reflect.Type) bool {
	if t == primitiveType || t.Kind() == reflect.Interface {
		return true
	}
	pt := reflect.PointerTo(t)
	return t.Implements(unmarshalerType) || pt.Implements(unmarshalerType) ||
		t.Implements(textUnmarshalerType) || pt.Implements(textUnmarshalerType)
}

func appendSeg(s []string, k string) []string {
	return append(append(make([]string, 0, len(s)+1), s...), k)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// fieldSet is the keys a struct accepts, matched the way BurntSushi matches
// them: the toml tag exactly, else the field name without regard to case.
type fieldSet struct {
	byTag  map[string]reflect.Type
	byName map[string]reflect.Type // lower-cased field names of untagged fields
	names  []string                // every key, as written in a file
	rules  map[string]string       // each tagged key's `check` rule (rules.go)
}

func (f fieldSet) lookup(k string) (reflect.Type, bool) {
	if t, ok := f.byTag[k]; ok {
		return t, true
	}
	t, ok := f.byName[strings.ToLower(k)]
	return t, ok
}

func tomlFields(t reflect.Type) fieldSet {
	f := fieldSet{byTag: map[string]reflect.Type{}, byName: map[string]reflect.Type{}, rules: map[string]string{}}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			tag := sf.Tag.Get("toml")
			name, _, _ := strings.Cut(tag, ",")
			if name == "-" {
				continue
			}
			ft := sf.Type
			if sf.Anonymous && name == "" {
				for ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct {
					walk(ft)
					continue
				}
			}
			if !sf.IsExported() {
				continue
			}
			if name != "" {
				f.byTag[name] = ft
				f.names = append(f.names, name)
				// A secret's rules wait until it is read (its value may
				// come from the environment), and its value is never shown:
				// secretRule.
				if rule := sf.Tag.Get("check"); rule != "" && ft != secretType {
					f.rules[name] = rule
				}
			} else {
				f.byName[strings.ToLower(sf.Name)] = ft
				f.names = append(f.names, strings.ToLower(sf.Name))
			}
		}
	}
	walk(t)
	sort.Strings(f.names)
	return f
}

// Nearest returns the candidate closest to k, or "" when none is close
// enough to be a likely typo. Case is ignored. It is the one "did you
// mean" rule of orderdash: config keys, platforms, commands, and the
// dashboard's [keys] actions and key names all suggest through it.
func Nearest(k string, valid []string) string {
	best, bestD := "", 1<<30
	for _, v := range valid {
		d := distance(strings.ToLower(k), strings.ToLower(v))
		if d < bestD {
			best, bestD = v, d
		}
	}
	limit := 2
	if n := len(k) / 3; n > limit {
		limit = n
	}
	if bestD > limit || bestD >= len(k) {
		return ""
	}
	return best
}

// distance is the optimal-string-alignment edit distance: insertions,
// deletions, substitutions and swaps of neighbours each cost one.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
