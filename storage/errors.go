package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/orderdash/orderdash/backend"
)

// Problems the database can have. Test with errors.Is; the *Error that
// carries them says, in one line, what happened and what to do.
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

// Error is a database failure with the file it concerns and advice for the
// person reading it. errors.Is(err, ErrCorrupt) (etc.) tells the cases apart;
// Unwrap also reaches the driver's own error.
type Error struct {
	Op      string // what was being done: "open", "record change"
	Path    string
	Problem error  // ErrCorrupt, ErrLocked, ErrNewerSchema, ErrDiskFull or ErrCannotOpen
	Detail  string // the driver's words, or the versions involved
	Advice  string // what to do about it
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
	if e.Detail != "" {
		b.WriteString(" (")
		b.WriteString(e.Detail)
		b.WriteString(")")
	}
	if e.Advice != "" {
		b.WriteString(": ")
		b.WriteString(e.Advice)
	}
	return backend.CleanLine(b.String())
}

func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Problem}
	}
	return []error{e.Problem, e.Err}
}

// wrap gives err the context of op and, where the driver's code says what
// went wrong, turns it into an *Error with advice. It returns nil for nil.
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
	problem := classify(err)
	if problem == nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return &Error{Op: op, Path: path, Problem: problem, Detail: detail(err), Advice: advice(problem, path), Err: err}
}

func classify(err error) error {
	var le *sqlite.Error
	if errors.As(err, &le) {
		switch le.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return ErrCorrupt
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return ErrLocked
		case sqlite3.SQLITE_FULL:
			return ErrDiskFull
		case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_READONLY:
			return ErrCannotOpen
		}
	}
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return ErrDiskFull
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS), errors.Is(err, syscall.ENOTDIR):
		return ErrCannotOpen
	}
	return nil
}

// detail is the driver's message without the repetition of our own words.
func detail(err error) string {
	var le *sqlite.Error
	if errors.As(err, &le) {
		return le.Error()
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func advice(problem error, path string) string {
	switch problem {
	case ErrCorrupt:
		return fmt.Sprintf("move it aside with its -wal and -shm files (mv %s %s.damaged) and start again; a new database will be created", path, path)
	case ErrLocked:
		return "another program holds it for too long; close it, or use another file with --data-dir"
	case ErrDiskFull:
		return "free some space on that disk"
	case ErrCannotOpen:
		return "check that the folder exists and is writable, or choose another with --data-dir or [storage] path"
	case ErrNewerSchema:
		return "upgrade orderdash, or use another file with --data-dir"
	}
	return ""
}
