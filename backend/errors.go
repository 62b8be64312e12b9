package backend

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrorKind classifies every failure a platform can report.
type ErrorKind int

const (
	KindUnknownError   ErrorKind = iota
	KindNotFound                 // the order (or endpoint) does not exist
	KindUnauthorized             // wrong, missing or disabled key; access denied
	KindRateLimited              // the platform asks us to slow down (RetryAfter)
	KindInvalidStatus            // the platform refused the status or transition
	KindInvalidRequest           // the platform refused the request's parameters
	KindConflict                 // the order changed meanwhile, or a duplicate
	KindUnavailable              // network failure, timeout, 5xx, maintenance
	KindMalformed                // the answer could not be understood
	KindUnsupported              // the platform cannot do this at all
	KindJournal                  // the local journal failed; see Error.Err
)

var kindNames = map[ErrorKind]string{
	KindUnknownError:   "error",
	KindNotFound:       "not found",
	KindUnauthorized:   "unauthorised",
	KindRateLimited:    "rate limited",
	KindInvalidStatus:  "invalid status",
	KindInvalidRequest: "invalid request",
	KindConflict:       "conflict",
	KindUnavailable:    "unavailable",
	KindMalformed:      "malformed answer",
	KindUnsupported:    "not supported",
	KindJournal:        "journal",
}

func (k ErrorKind) String() string { return kindNames[k] }

// Sentinels for errors.Is: errors.Is(err, backend.ErrNotFound).
var (
	ErrNotFound       = &Error{Kind: KindNotFound}
	ErrUnauthorized   = &Error{Kind: KindUnauthorized}
	ErrRateLimited    = &Error{Kind: KindRateLimited}
	ErrInvalidStatus  = &Error{Kind: KindInvalidStatus}
	ErrInvalidRequest = &Error{Kind: KindInvalidRequest}
	ErrConflict       = &Error{Kind: KindConflict}
	ErrUnavailable    = &Error{Kind: KindUnavailable}
	ErrMalformed      = &Error{Kind: KindMalformed}
	ErrUnsupported    = &Error{Kind: KindUnsupported}
	ErrJournal        = &Error{Kind: KindJournal}
)

// Error is the one error type clients return. Message is meant for people:
// one line, already cleaned of control characters, and never holding a
// secret (clients scrub keys before building it).
type Error struct {
	Kind  ErrorKind
	Store string // the store's configured name
	Op    string // what was being done: "list orders", "set status of 98"
	// Message is the platform's own words where it gave some, else ours.
	Message string
	// HTTPStatus is the HTTP status code, 0 when none was received.
	HTTPStatus int
	// Code is the platform's own error code where it has one (API2Cart
	// return_code, Lunasoft error code), as text.
	Code string
	// RetryAfter is how long the platform asked us to wait (rate limits).
	RetryAfter time.Duration
	// Uncertain is set when a write may have reached the platform and
	// been applied, but no clear answer says so (the store did not answer
	// in time, the connection broke, a 5xx); the change is left for
	// reconciliation, never sent again blindly.
	Uncertain bool
	Err       error
}

// UncertainNote ends the text of every error whose change may have been
// applied: one sentence for every platform, true whatever the cause.
const UncertainNote = "the change may have been applied; it is left for reconciliation: orderdash journal reconcile"

func (e *Error) Error() string {
	var b strings.Builder
	if e.Store != "" {
		b.WriteString(e.Store)
		b.WriteString(": ")
	}
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	b.WriteString(e.Kind.String())
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry in %s)", e.RetryAfter.Round(time.Second))
	}
	if e.Uncertain {
		b.WriteString(" (" + UncertainNote + ")")
	}
	return CleanLine(b.String())
}

func (e *Error) Unwrap() error { return e.Err }

// Is matches another *Error by kind, so errors.Is(err, ErrNotFound) works
// whatever the store or message.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Kind == e.Kind && t.Store == "" && t.Op == "" && t.Message == ""
}

// KindOf returns the kind of err's *Error, or KindUnknownError.
func KindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindUnknownError
}

// IsUncertain reports whether err says a write may have been applied.
func IsUncertain(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Uncertain
}

// RetryAfter returns the wait a rate-limit error asks for, or 0.
func RetryAfter(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	return 0
}

// Temporary reports whether trying again later may succeed.
func Temporary(err error) bool {
	switch KindOf(err) {
	case KindRateLimited, KindUnavailable:
		return true
	}
	return false
}
