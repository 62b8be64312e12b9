package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/orderdash/orderdash/backend"
)

// Problems the database can have. Test with errors.Is; the *Error that
// carries them says, in one line, which file, what happened and what to do.
//
// Every one of them leaves the stores usable: orderdash reads them without
// the database (no cache, no local history) and refuses changes, rather
// than refusing to start.
var (
	ErrCorrupt     = errors.New("the database file is damaged")
	ErrLocked      = errors.New("the database is locked by another program")
	ErrNewerSchema = errors.New("the database was written by a newer orderdash")
	ErrDiskFull    = errors.New("the disk is full")
	ErrCannotOpen  = errors.New("the database cannot be opened")
	// ErrReadOnly: the file opens (reads work) but cannot be written.
	ErrReadOnly = errors.New("the database cannot be written")
	// ErrDiskIO: the operating system reported an input/output error.
	ErrDiskIO = errors.New("the disk reported an error")
)

// Answers about the data itself.
var (
	// ErrNoChange: the journal has no change with that id.
	ErrNoChange = errors.New("no such change in the journal")
	// ErrState: the change is not in a state that allows the action (a
	// confirmed change cannot be dropped; an in-flight one cannot be
	// resent). The error text names the state.
	ErrState = errors.New("the change is not in a state that allows this")
)

// Error is a database failure with the file it concerns, its cause in
// plain words and advice for the person reading it. errors.Is(err,
// ErrCorrupt) (etc.) tells the cases apart; Unwrap also reaches the
// driver's own error. It prints as one line:
//
//	OP PATH: PROBLEM: WHY; ADVICE (DETAIL)
type Error struct {
	Op      string // what was being done: "open database", "record change"
	Path    string
	Problem error  // one of the Err* problems above
	Why     string // the cause, when known: "the file is read-only (mode 0400)"
	Advice  string // what to do about it
	Detail  string // the driver's words and code, for support: "SQLite error 8: …"
	Err     error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	if e.Path != "" {
		b.WriteString(" ")
		b.WriteString(e.Path)
	}
	b.WriteString(": ")
	b.WriteString(e.Problem.Error())
	if e.Why != "" {
		b.WriteString(": ")
		b.WriteString(e.Why)
	}
	if e.Advice != "" {
		b.WriteString("; ")
		b.WriteString(e.Advice)
	}
	if e.Detail != "" {
		b.WriteString(" (")
		b.WriteString(e.Detail)
		b.WriteString(")")
	}
	return backend.CleanLine(b.String())
}

func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Problem}
	}
	return []error{e.Problem, e.Err}
}

// Damaged is the error for a database file found damaged by a check of
// the caller's own (the mirror's sync reads the file's header before each
// pass), with the advice SQLite's own damage reports get.
func Damaged(op, path, why string) error {
	return &Error{Op: op, Path: path, Problem: ErrCorrupt, Why: why, Advice: advice(ErrCorrupt, path)}
}

// wrap gives err the context of op and, where the driver's code or the
// operating system says what went wrong, turns it into an *Error with its
// cause and advice. It returns nil for nil.
func wrap(op, path string, err error) error {
	if err == nil {
		return nil
	}
	var se *Error
	if errors.As(err, &se) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w", op, err)
	}
	x, ok := explain(err, path)
	if !ok {
		return fmt.Errorf("%s: %w", op, err)
	}
	return &Error{Op: op, Path: path, Problem: x.problem, Why: x.why, Advice: x.advice, Detail: detail(err), Err: err}
}

// classify is the problem err is an instance of, or nil.
func classify(err error) error {
	x, _ := explain(err, "")
	return x.problem
}
