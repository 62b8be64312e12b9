package config

import (
	"strconv"
	"strings"
)

// BurntSushi's MetaData keeps no public key positions, and the positions it
// keeps internally merge every element of an array of tables into one key
// ("stores.url"). lineIndex reads the file a second time, just well enough
// to know on which line each key of each table instance was written, so an
// error can point at the right [[stores]] entry.
//
// It is only ever asked about files BurntSushi has already parsed, so it
// need not reject bad syntax; when it cannot place a key, the caller falls
// back to the nearest enclosing table.
type lineIndex struct {
	lines map[string]int
}

// path builds the index key for a sequence of segments; array-of-tables
// elements are segments made with elem.
func path(segs ...string) string { return strings.Join(segs, "\x1f") }

// elem is the segment naming element i of an array of tables.
func elem(i int) string { return "\x00" + strconv.Itoa(i) }

// line returns the line of the key at segs, or of the closest enclosing key
// or table that has one; 0 when nothing is known.
func (x lineIndex) line(segs ...string) int {
	for n := len(segs); n > 0; n-- {
		if l, ok := x.lines[path(segs[:n]...)]; ok {
			return l
		}
	}
	return 0
}

func (x lineIndex) record(segs []string, line int) {
	p := path(segs...)
	if _, ok := x.lines[p]; !ok {
		x.lines[p] = line
	}
}

func indexLines(text string) lineIndex {
	x := lineIndex{lines: map[string]int{}}
	var (
		table []string           // the current table, with array elements resolved
		aot   = map[string]int{} // array-of-tables path -> elements so far
		sc    valueScanner
	)
	for n, raw := range strings.Split(text, "\n") {
		lineNo := n + 1
		if sc.busy() { // inside a multi-line string, array or inline table
			sc.scan(raw)
			continue
		}
		s := strings.TrimSpace(raw)
		switch {
		case s == "" || s[0] == '#':
			continue
		case strings.HasPrefix(s, "[["):
			keys, _ := parseKey(s[2:])
			if len(keys) == 0 {
				continue
			}
			table = append(resolve(keys[:len(keys)-1], aot), keys[len(keys)-1])
			p := path(table...)
			i := aot[p]
			aot[p] = i + 1
			table = append(table, elem(i))
			x.record(table[:len(table)-1], lineNo)
			x.record(table, lineNo)
		case s[0] == '[':
			keys, _ := parseKey(s[1:])
			table = resolve(keys, aot)
			for i := 1; i <= len(table); i++ {
				x.record(table[:i], lineNo)
			}
		default:
			keys, rest := parseKey(s)
			if len(keys) == 0 {
				continue
			}
			full := append(append([]string{}, table...), keys...)
			for i := len(table) + 1; i <= len(full); i++ {
				x.record(full[:i], lineNo)
			}
			if rest = strings.TrimSpace(rest); strings.HasPrefix(rest, "=") {
				sc.scan(rest[1:])
			}
		}
	}
	return x
}

// resolve turns a header's keys into an index path, inserting the current
// element of every array of tables it passes through ([stores.status_kinds]
// belongs to the last [[stores]]).
func resolve(keys []string, aot map[string]int) []string {
	var out []string
	for _, k := range keys {
		out = append(out, k)
		if n, ok := aot[path(out...)]; ok && n > 0 {
			out = append(out, elem(n-1))
		}
	}
	return out
}

// parseKey reads a possibly dotted, possibly quoted key from the start of s
// and returns its segments and what follows it.
func parseKey(s string) ([]string, string) {
	var keys []string
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return keys, s
		}
		var k string
		switch s[0] {
		case '"':
			end := 1
			for end < len(s) && s[end] != '"' {
				if s[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(s) {
				return keys, ""
			}
			if u, err := strconv.Unquote(s[:end+1]); err == nil {
				k = u
			} else {
				k = s[1:end]
			}
			s = s[end+1:]
		case '\'':
			end := strings.IndexByte(s[1:], '\'')
			if end < 0 {
				return keys, ""
			}
			k, s = s[1:end+1], s[end+2:]
		default:
			end := 0
			for end < len(s) && isBareKeyChar(s[end]) {
				end++
			}
			if end == 0 {
				return keys, s
			}
			k, s = s[:end], s[end:]
		}
		keys = append(keys, k)
		s = strings.TrimLeft(s, " \t")
		if !strings.HasPrefix(s, ".") {
			return keys, s
		}
		s = s[1:]
	}
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// valueScanner follows a value across lines: open brackets and braces, and
// multi-line strings, so lines inside them are not mistaken for keys.
type valueScanner struct {
	depth int
	multi string // `"""` or `'''` while inside a multi-line string
}

func (v *valueScanner) busy() bool { return v.depth > 0 || v.multi != "" }

func (v *valueScanner) scan(s string) {
	for i := 0; i < len(s); i++ {
		if v.multi != "" {
			if v.multi == `"""` && s[i] == '\\' {
				i++
				continue
			}
			if strings.HasPrefix(s[i:], v.multi) {
				i += 2
				v.multi = ""
			}
			continue
		}
		switch c := s[i]; c {
		case '#':
			return
		case '[', '{':
			v.depth++
		case ']', '}':
			if v.depth > 0 {
				v.depth--
			}
		case '"', '\'':
			q := strings.Repeat(string(c), 3)
			if strings.HasPrefix(s[i:], q) {
				v.multi = q
				i += 2
				continue
			}
			for i++; i < len(s) && s[i] != c; i++ {
				if c == '"' && s[i] == '\\' {
					i++
				}
			}
		}
	}
}
