package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/orderdash/orderdash/backend"
)

// Journal returns the outbox that backend.Apply writes every status change
// through, recording operator (see OperatorName) as who asked for it:
//
//	o, err := backend.Apply(ctx, store, db.Journal(operator), change)
//
// Record stores the change as pending and fills ID, IdempotencyKey (random,
// unique per change; resends of an unknown outcome reuse it) and Requested;
// each later call is one durable transaction. A change whose outcome
// is never written (the process died) is settled by Reconcile.
func (db *DB) Journal(operator string) backend.Journal {
	return &journal{db: db, operator: strings.TrimSpace(operator)}
}

type journal struct {
	db       *DB
	operator string
}

func (j *journal) Record(ctx context.Context, ch *backend.Change) error {
	db := j.db
	now := db.now()
	if err := ValidateNew(ch, j.operator, now); err != nil {
		return err
	}
	var id int64
	err := db.writeTx(ctx, "record change", func(tx *sql.Tx) error {
		res, err := tx.StmtContext(ctx, db.st.insChange).ExecContext(ctx, ch.Store, ch.OrderID,
			ch.From.Code, ch.From.Name, string(ch.From.Kind), ch.To.Code, ch.To.Name, string(ch.To.Kind),
			ch.Notify, ch.Note, ch.Tracking, ch.IdempotencyKey, ch.Operator, ts(ch.Requested), ts(now), db.sess.id)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		msg := fmt.Sprintf("recorded: %s → %s", ch.From.Label(), ch.To.Label())
		_, err = tx.StmtContext(ctx, db.st.insLog).ExecContext(ctx, id, ts(now), string(backend.StatePending), ch.Operator, msg)
		return err
	})
	if err != nil {
		return err
	}
	ch.ID = id
	db.sess.begin(id)
	return nil
}

func (j *journal) Sent(ctx context.Context, id int64) error {
	_, err := j.db.markSent(ctx, id, []backend.ChangeState{backend.StatePending}, j.operator, "", "sent")
	if err != nil {
		j.db.sess.end(id)
	}
	return err
}

func (j *journal) Confirmed(ctx context.Context, id int64, sends int, o backend.Order) error {
	defer j.db.sess.end(id)
	return j.db.confirm(ctx, id, o, j.operator, "confirmed", Counted(sends))
}

func (j *journal) Failed(ctx context.Context, id int64, sends int, cause error) error {
	defer j.db.sess.end(id)
	_, err := j.db.transition(ctx, step{op: "record failure", id: id,
		allowed: []backend.ChangeState{backend.StateSent, backend.StateUnknown},
		apply:   onEntry(FailedMove(sends, cause, j.operator))})
	return err
}

func (j *journal) Unknown(ctx context.Context, id int64, sends int, cause error) error {
	defer j.db.sess.end(id)
	_, err := j.db.transition(ctx, step{op: "record unknown outcome", id: id,
		allowed: []backend.ChangeState{backend.StateSent},
		apply:   onEntry(UnknownMove(sends, cause, j.operator))})
	return err
}

// markSent moves a change from one of the allowed states to sent, owned by
// this session; key, when set, replaces its idempotency key. The caller
// owns it from here until its outcome is written.
func (db *DB) markSent(ctx context.Context, id int64, allowed []backend.ChangeState, operator, key, verb string) (row, error) {
	sent := SentMove(operator, key, verb, db.now)
	return db.transition(ctx, step{op: "mark change sent", id: id, allowed: allowed,
		apply: func(e *row) (string, string) {
			e.owner = db.sess.id
			return sent(&e.JournalEntry)
		}})
}

// confirm records that the platform shows the change applied, and patches
// the mirror's copy of the order so the tables show the new status. count, when
// not nil, settles the attempts of a send (see Counted); a confirmation
// on reconciliation sent nothing.
func (db *DB) confirm(ctx context.Context, id int64, o backend.Order, operator, verb string, count func(*backend.JournalEntry) string) error {
	_, err := db.transition(ctx, step{op: "record confirmation", id: id,
		allowed: []backend.ChangeState{backend.StateSent, backend.StateUnknown},
		apply:   onEntry(ConfirmMove(o, operator, verb, count)),
		also:    func(ctx context.Context, tx *sql.Tx, e row) error { return db.mirrorConfirmed(ctx, tx, e, o) },
	})
	return err
}

// step is one move of a change from state to state, written with its log
// line in one transaction.
type step struct {
	op      string
	id      int64
	allowed []backend.ChangeState
	// apply changes the entry and says who did what; an empty message and
	// an unchanged entry write nothing.
	apply func(e *row) (operator, message string)
	// also runs in the same transaction after the update.
	also func(ctx context.Context, tx *sql.Tx, e row) error
}

func (db *DB) transition(ctx context.Context, s step) (row, error) {
	var out row
	err := db.writeTx(ctx, s.op, func(tx *sql.Tx) error {
		e, err := scanEntry(tx.StmtContext(ctx, db.st.rowForUpdate).QueryRowContext(ctx, s.id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("change %d: %w", s.id, ErrNoChange)
		}
		if err != nil {
			return err
		}
		if !slices.Contains(s.allowed, e.State) {
			return &StateError{ID: s.id, State: e.State}
		}
		before := e
		operator, msg := s.apply(&e)
		if msg == "" && sameEntry(before, e) {
			out = e
			return nil
		}
		now := db.now()
		e.Updated = now
		var res backend.Status
		if e.Result != nil {
			res = *e.Result
		}
		if _, err := tx.StmtContext(ctx, db.st.updChange).ExecContext(ctx, string(e.State), e.NeedsDecision, e.Error,
			res.Code, res.Name, string(res.Kind), e.Attempts, ts(e.Sent), ts(now), e.owner, e.IdempotencyKey, e.ID); err != nil {
			return err
		}
		if msg != "" {
			if _, err := tx.StmtContext(ctx, db.st.insLog).ExecContext(ctx, e.ID, ts(now), string(e.State), operator, msg); err != nil {
				return err
			}
		}
		if s.also != nil {
			if err := s.also(ctx, tx, e); err != nil {
				return err
			}
		}
		out = e
		return nil
	})
	return out, err
}

func sameEntry(a, b row) bool {
	ra, rb := a.Result, b.Result
	a.Result, b.Result = nil, nil
	return a == b && (ra == rb || (ra != nil && rb != nil && *ra == *rb))
}

// StateError says a change is not in a state that allows the action.
// errors.Is(err, ErrState) matches it.
type StateError struct {
	ID    int64
	State backend.ChangeState
}

func (e *StateError) Error() string {
	why := ""
	switch e.State {
	case backend.StateSent:
		why = ": it may still be in flight; reconcile it first"
	case backend.StateConfirmed:
		why = ": the store already shows it"
	case backend.StateDropped:
		why = ": it was given up"
	}
	return fmt.Sprintf("change %d is %s%s", e.ID, e.State, why)
}

func (e *StateError) Is(target error) bool { return target == ErrState }

// NewIdempotencyKey is a change's idempotency key (every implementation of
// the contract makes them alike).
func NewIdempotencyKey() string { return newKey() }

// ErrorText is the one line the journal keeps of an error.
func ErrorText(err error) string { return errText(err) }

// newKey is an idempotency key: 128 random bits in base32, accepted by
// every platform that takes one.
func newKey() string { return "od-" + strings.ToLower(rand.Text()) }

// errText is the one line the journal keeps of an error.
func errText(err error) string {
	if err == nil {
		return ""
	}
	s := backend.CleanLine(err.Error())
	if r := []rune(s); len(r) > 500 {
		s = string(r[:500]) + "…"
	}
	return s
}

func statusJSON(s backend.Status) string {
	b, _ := json.Marshal(s)
	return string(b)
}
