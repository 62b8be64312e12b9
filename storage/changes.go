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

// row is a journal entry as storage handles it: the entry, and the
// session that last sent it (which says whether a running process may
// still be sending it).
type row struct {
	backend.JournalEntry
	owner string
}

func entries(rows []row) []backend.JournalEntry {
	out := make([]backend.JournalEntry, len(rows))
	for i, r := range rows {
		out[i] = r.JournalEntry
	}
	return out
}

// Changes is the audit trail, newest first, with the open entries
// (pending, sent, unknown, failed) on top: what the journal view and
// `orderdash journal` show.
func (db *DB) Changes(ctx context.Context, f backend.ChangeFilter) ([]backend.JournalEntry, error) {
	rows, err := db.changes(ctx, f)
	return entries(rows), err
}

func (db *DB) changes(ctx context.Context, f backend.ChangeFilter) ([]row, error) {
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
	out = slices.DeleteFunc(out, func(e row) bool { return !wanted(f.States, e.State) })

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

func wanted(states []backend.ChangeState, s backend.ChangeState) bool { return WantedState(states, s) }

func wantsSettled(states []backend.ChangeState) bool { return WantsSettled(states) }

// Change returns one entry; ErrNoChange when there is none.
func (db *DB) Change(ctx context.Context, id int64) (backend.JournalEntry, error) {
	r, err := db.change(ctx, id)
	return r.JournalEntry, err
}

func (db *DB) change(ctx context.Context, id int64) (row, error) {
	e, err := scanEntry(db.st.change.QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		return row{}, fmt.Errorf("change %d: %w", id, ErrNoChange)
	}
	return e, wrap("read journal", db.path, err)
}

// Steps returns the steps of one change, oldest first.
func (db *DB) Steps(ctx context.Context, id int64) ([]backend.JournalStep, error) {
	rows, err := db.st.changeLog.QueryContext(ctx, id)
	if err != nil {
		return nil, wrap("read journal", db.path, err)
	}
	defer rows.Close()
	var out []backend.JournalStep
	for rows.Next() {
		var l backend.JournalStep
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
		apply:   onEntry(DropMove(operator))})
	return err
}

type scanner interface{ Scan(dest ...any) error }

func scanEntry(s scanner) (row, error) {
	var e row
	var err error
	e.JournalEntry, err = ScanEntry(s.Scan, &e.owner)
	return e, err
}

func scanEntries(rows *sql.Rows) ([]row, error) {
	defer rows.Close()
	var out []row
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
func ts(t time.Time) int64 { return UnixNano(t) }

func fromTS(n int64) time.Time { return FromUnixNano(n) }
