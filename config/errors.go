package config

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/orderdash/orderdash/backend"
)

// Error is one problem with the config file: one line a person can act on,
// pinned to the file's line (and, for syntax errors, column) where known.
// It never holds a secret's value.
type Error struct {
	File string
	Line int // 0 when unknown
	Col  int // syntax errors only
	Msg  string
	err  error // what Msg says, from opening a store (File.StoreError)
}

// Unwrap lets errors.As see the error of a store that failed to open.
func (e *Error) Unwrap() error { return e.err }

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return backend.CleanLine(b.String())
}

// Errors is every problem found in one file, in line order. Its Error is
// one line per problem.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As find each *Error.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// collector gathers the problems of one file, at most one per line: a
// line's first problem is the one worth reading (a bad duration is reported
// once, not again when decoding trips over it).
type collector struct {
	file  string
	errs  Errors
	lines map[int]bool
}

func (c *collector) add(line int, format string, args ...any) {
	if line > 0 {
		if c.lines[line] {
			return
		}
		if c.lines == nil {
			c.lines = map[int]bool{}
		}
		c.lines[line] = true
	}
	c.errs = append(c.errs, &Error{File: c.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (c *collector) err() error {
	if len(c.errs) == 0 {
		return nil
	}
	sort.SliceStable(c.errs, func(i, j int) bool { return c.errs[i].Line < c.errs[j].Line })
	return c.errs
}

// syntaxError keeps BurntSushi's line and column. Its message may quote
// text from the offending line ("expected value but found \"sk-123\"");
// when that line sets a secret, quoted text is removed.
func syntaxError(file, text string, pe toml.ParseError) *Error {
	msg := pe.Message
	if pe.Position.Line > 0 {
		lines := strings.Split(text, "\n")
		if pe.Position.Line <= len(lines) && looksSecret(lines[pe.Position.Line-1]) {
			msg = quoted.ReplaceAllString(msg, "…")
		}
	}
	return &Error{File: file, Line: pe.Position.Line, Col: pe.Position.Col, Msg: "syntax error: " + msg}
}

var (
	quoted     = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'[^']*'`)
	secretWord = regexp.MustCompile(`(?i)key|secret|token|pass|auth|cred`)
)

// looksSecret reports whether a line sets a key whose name suggests a
// credential.
func looksSecret(line string) bool {
	k, _, _ := strings.Cut(line, "=")
	return secretWord.MatchString(k)
}

// decodeError turns an error from MetaData.PrimitiveDecode into the dotted
// key it concerns and a message without BurntSushi's prefix.
func decodeError(err error) (key, msg string) {
	if pe, ok := err.(toml.ParseError); ok {
		return pe.LastKey, friendlier(pe.Message)
	}
	msg = err.Error()
	if m := decodePrefix.FindStringSubmatch(msg); m != nil {
		return m[1], friendlier(m[2])
	}
	return "", strings.TrimPrefix(msg, "toml: ")
}

var (
	decodePrefix = regexp.MustCompile(`^toml: (?:line \d+ )?\(last key "((?:[^"\\]|\\.)*)"\): (.*)$`)
	badType      = regexp.MustCompile(`^incompatible types: TOML value has type (.+); destination has type (.+)$`)
)

func friendlier(msg string) string {
	if m := badType.FindStringSubmatch(msg); m != nil {
		return "is " + typeWord(m[1]) + ", want " + typeWord(m[2])
	}
	return msg
}

// typeWord names a Go type (as BurntSushi prints it) in TOML's words.
func typeWord(t string) string {
	switch {
	case t == "string" || t == "primitive (string-like)":
		return "a string"
	case t == "int64" || t == "integer":
		return "an integer"
	case t == "float64" || t == "float":
		return "a number"
	case t == "bool" || t == "boolean":
		return "true or false"
	case strings.HasPrefix(t, "map"):
		return "a table"
	case strings.HasPrefix(t, "[]") || t == "slice":
		return "a list"
	case strings.Contains(t, "time."):
		return "a date"
	}
	return t
}
