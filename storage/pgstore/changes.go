package pgstore

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// Changes is the audit trail, newest first, with the open entries on top
// (see *storage.DB.Changes).
func (s *Store) Changes(ctx context.Context, f backend.ChangeFilter) ([]backend.JournalEntry, error) {
	rows, err := s.changes(ctx, f)
	return entries(rows), err
}

func (s *Store) changes(ctx context.Context, f backend.ChangeFilter) ([]row, error) {
	const op = "read journal"
	// One snapshot for both reads, so a change settled between them shows
	// once, where it then stood.
	var out []row
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		open, err := queryEntries(ctx, tx, `SELECT `+changeCols+` FROM changes WHERE state IN `+openStates+`
			AND ($1 = '' OR store = $1) ORDER BY id DESC`, f.Store)
		if err != nil {
			return err
		}
		out = slices.DeleteFunc(open, func(e row) bool { return !wanted(f.States, e.State) })
		limit := math.MaxInt32
		if f.Limit > 0 {
			limit = max(f.Limit-len(out), 0)
		}
		if limit == 0 || !wantsSettled(f.States) {
			return nil
		}
		before := f.BeforeID
		if before <= 0 {
			before = math.MaxInt64
		}
		settled, err := queryEntries(ctx, tx, `SELECT `+changeCols+` FROM changes WHERE state NOT IN `+openStates+`
			AND ($1 = '' OR store = $1) AND id < $2 ORDER BY id DESC LIMIT $3`, f.Store, before, limit)
		if err != nil {
			return err
		}
		for _, e := range settled {
			if wanted(f.States, e.State) {
				out = append(out, e)
			}
		}
		return nil
	})
	if err != nil {
		return nil, s.wrap(op, err)
	}
	return out, nil
}

type querier interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
}

// queryEntries reads the journal entries a query selects.
func queryEntries(ctx context.Context, q querier, sql string, args ...any) ([]row, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	return scanEntries(rows)
}

func wanted(states []backend.ChangeState, st backend.ChangeState) bool {
	return storage.WantedState(states, st)
}

func wantsSettled(states []backend.ChangeState) bool { return storage.WantsSettled(states) }

// Change returns one entry; storage.ErrNoChange when there is none.
func (s *Store) Change(ctx context.Context, id int64) (backend.JournalEntry, error) {
	r, err := s.change(ctx, id)
	return r.JournalEntry, err
}

func (s *Store) change(ctx context.Context, id int64) (row, error) {
	e, err := scanEntry(s.pool.QueryRow(ctx, `SELECT `+changeCols+` FROM changes WHERE id = $1`, id))
	if notFound(err) {
		return row{}, fmt.Errorf("change %d: %w", id, storage.ErrNoChange)
	}
	return e, s.wrap("read journal", err)
}

// Steps returns the steps of one change, oldest first.
func (s *Store) Steps(ctx context.Context, id int64) ([]backend.JournalStep, error) {
	rows, err := s.pool.Query(ctx, `SELECT at, state, operator, message FROM change_log WHERE change_id = $1 ORDER BY seq`, id)
	if err != nil {
		return nil, s.wrap("read journal", err)
	}
	defer rows.Close()
	var out []backend.JournalStep
	for rows.Next() {
		var l backend.JournalStep
		var at int64
		var state string
		if err := rows.Scan(&at, &state, &l.Operator, &l.Message); err != nil {
			return nil, s.wrap("read journal", err)
		}
		l.At, l.State = fromTS(at), backend.ChangeState(state)
		out = append(out, l)
	}
	return out, s.wrap("read journal", rows.Err())
}

// Drop records that operator gave up a change that was never sent, was
// refused, or has an unknown outcome; nothing is sent.
func (s *Store) Drop(ctx context.Context, id int64, operator string) error {
	_, err := s.transition(ctx, step{op: "drop change", id: id, lease: leaseClear,
		allowed: []backend.ChangeState{backend.StatePending, backend.StateUnknown, backend.StateFailed},
		apply:   onEntry(storage.DropMove(operator))})
	return err
}

// LocalHistory is the timeline orderdash recorded for an order: its
// confirmed changes, newest first (see *storage.DB.LocalHistory).
func (s *Store) LocalHistory(ctx context.Context, store, orderID string) ([]backend.Event, error) {
	rows, err := queryEntries(ctx, s.pool, `SELECT `+changeCols+` FROM changes
		WHERE store = $1 AND order_id = $2 AND state = 'confirmed' ORDER BY id DESC`, store, orderID)
	if err != nil {
		return nil, s.wrap("read local history", err)
	}
	return storage.HistoryEvents(entries(rows)), nil
}
