package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Entry is one change as the journal holds it: what was asked, and where
// it stands. It prints as JSON for `orderdash journal --json` with the
// Change's fields (id, store, order_id, from, to, notify, note, tracking,
// idempotency_key, operator, requested) followed by these.
type Entry struct {
	backend.Change
	State backend.ChangeState `json:"state"`
	// NeedsDecision is set when the outcome is unknown (or the change was
	// never sent) and the platform cannot take a resend safely: the
	// operator chooses Resend or Drop.
	NeedsDecision bool `json:"needs_decision,omitempty"`
	// Error is the platform's answer (or our reason) for the last failure
	// or uncertainty; cleared when the change is confirmed.
	Error string `json:"error,omitempty"`
	// Result is the status the platform reported when it confirmed.
	Result   *backend.Status `json:"result,omitempty"`
	Attempts int             `json:"attempts"`
	// Sent is when the last attempt left; zero if never.
	Sent    time.Time `json:"sent,omitzero"`
	Updated time.Time `json:"updated"`

	owner string // the session that last sent it
}

// Open reports whether the change is unsettled: pending, sent, unknown or
// failed. The journal lists these on top.
func (e Entry) Open() bool {
	switch e.State {
	case backend.StatePending, backend.StateSent, backend.StateUnknown, backend.StateFailed:
		return true
	}
	return false
}

// CanResend reports whether Resend may be offered: the change was never
// sent (pending), refused (failed) or has an unknown outcome. A "sent"
// change may still be in flight; Reconcile settles it first.
func (e Entry) CanResend() bool {
	switch e.State {
	case backend.StatePending, backend.StateUnknown, backend.StateFailed:
		return true
	}
	return false
}

// CanDrop reports whether Drop may be offered; the same states as CanResend.
func (e Entry) CanDrop() bool { return e.CanResend() }

// LogEntry is one step in a change's life: recorded, sent, an answer, a
// reconciliation, an operator's decision.
type LogEntry struct {
	At       time.Time           `json:"at"`
	State    backend.ChangeState `json:"state"`
	Operator string              `json:"operator,omitempty"`
	Message  string              `json:"message"`
}

// ChangeFilter selects journal entries; the zero value is everything.
type ChangeFilter struct {
	Store  string                // "" for every store
	States []backend.ChangeState // nil for every state
	// Limit caps the number of entries (0: no cap) but never hides an open
	// one: those are always all returned, on top.
	Limit int
	// BeforeID pages through settled entries: only ids below it (0: from
	// the newest).
	BeforeID int64
}

// Changes is the audit trail, newest first, with the open entries
// (pending, sent, unknown, failed) on top: what the journal view and
// `orderdash journal` show.
func (db *DB) Changes(ctx context.Context, f ChangeFilter) ([]Entry, error) {
	const op = "read journal"
	var open *sql.Rows
	var err error
	if f.Store == "" {
		open, err = db.st.openChanges.QueryContext(ctx)
	} else {
		open, err = db.st.openChangesStore.QueryContext(ctx, f.Store)
	}
	if err != nil {
		return nil, wrap(op, db.path, err)
	}
	out, err := scanEntries(open)
	if err != nil {
		return nil, wrap(op, db.path, err)
	}
	out = slices.DeleteFunc(out, func(e Entry) bool { return !wanted(f.States, e.State) })

	limit := math.MaxInt32
	if f.Limit > 0 {
		limit = max(f.Limit-len(out), 0)
	}
	if limit == 0 || !wantsSettled(f.States) {
		return out, nil
	}
	before := f.BeforeID
	if before <= 0 {
		before = math.MaxInt64
	}
	var rows *sql.Rows
	if f.Store == "" {
		rows, err = db.st.settled.QueryContext(ctx, before, limit)
	} else {
		rows, err = db.st.settledStore.QueryContext(ctx, f.Store, before, limit)
	}
	if err != nil {
		return nil, wrap(op, db.path, err)
	}
	settled, err := scanEntries(rows)
	if err != nil {
		return nil, wrap(op, db.path, err)
	}
	seen := make(map[int64]bool, len(out))
	for _, e := range out {
		seen[e.ID] = true
	}
	for _, e := range settled {
		// An open change settled between the two reads shows once.
		if wanted(f.States, e.State) && !seen[e.ID] {
			out = append(out, e)
		}
	}
	return out, nil
}

func wanted(states []backend.ChangeState, s backend.ChangeState) bool {
	return len(states) == 0 || slices.Contains(states, s)
}

func wantsSettled(states []backend.ChangeState) bool {
	return len(states) == 0 || slices.Contains(states, backend.StateConfirmed) || slices.Contains(states, backend.StateDropped)
}

// Change returns one entry; ErrNoChange when there is none.
func (db *DB) Change(ctx context.Context, id int64) (Entry, error) {
	e, err := scanEntry(db.st.change.QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Entry{}, fmt.Errorf("change %d: %w", id, ErrNoChange)
	}
	return e, wrap("read journal", db.path, err)
}

// Log returns the steps of one change, oldest first.
func (db *DB) Log(ctx context.Context, id int64) ([]LogEntry, error) {
	rows, err := db.st.changeLog.QueryContext(ctx, id)
	if err != nil {
		return nil, wrap("read journal", db.path, err)
	}
	defer rows.Close()
	var out []LogEntry
	for rows.Next() {
		var l LogEntry
		var at int64
		var state string
		if err := rows.Scan(&at, &state, &l.Operator, &l.Message); err != nil {
			return nil, wrap("read journal", db.path, err)
		}
		l.At, l.State = fromTS(at), backend.ChangeState(state)
		out = append(out, l)
	}
	return out, wrap("read journal", db.path, rows.Err())
}

// Drop records that operator gave up a change that was never sent, was
// refused, or has an unknown outcome. The entry is kept (state dropped);
// nothing is sent.
func (db *DB) Drop(ctx context.Context, id int64, operator string) error {
	_, err := db.transition(ctx, step{op: "drop change", id: id,
		allowed: []backend.ChangeState{backend.StatePending, backend.StateUnknown, backend.StateFailed},
		apply: func(e *Entry) (string, string) {
			e.State, e.NeedsDecision = backend.StateDropped, false
			return operator, "dropped by " + operator
		}})
	return err
}

type scanner interface{ Scan(dest ...any) error }

func scanEntry(s scanner) (Entry, error) {
	var e Entry
	var from, to, res backend.Status
	var from3, to3, res3, state string
	var requested, sent, updated int64
	err := s.Scan(&e.ID, &e.Store, &e.OrderID, &from.Code, &from.Name, &from3, &to.Code, &to.Name, &to3,
		&e.Notify, &e.Note, &e.Tracking, &e.IdempotencyKey, &e.Operator, &requested, &state, &e.NeedsDecision, &e.Error,
		&res.Code, &res.Name, &res3, &e.Attempts, &sent, &updated, &e.owner)
	if err != nil {
		return Entry{}, err
	}
	from.Kind, to.Kind, res.Kind = backend.StatusKind(from3), backend.StatusKind(to3), backend.StatusKind(res3)
	e.From, e.To = from, to
	if res != (backend.Status{}) {
		e.Result = &res
	}
	e.State = backend.ChangeState(state)
	e.Requested, e.Sent, e.Updated = fromTS(requested), fromTS(sent), fromTS(updated)
	return e, nil
}

func scanEntries(rows *sql.Rows) ([]Entry, error) {
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// ts stores t as Unix nanoseconds; the zero time is 0.
func ts(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromTS(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}
