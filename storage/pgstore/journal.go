package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// The journal on PostgreSQL: the same states, steps, messages and guards
// as *storage.DB's (see there), plus the lease. A change's lease says
// which process may move it now: its sender while it is being sent, its
// settler while it is reconciled or resent. Every move checks that no
// other process holds it live; the sender renews it (heartbeat) until its
// outcome is written, which clears it.

// row is a journal entry and its lease.
type row struct {
	backend.JournalEntry
	leaseHolder string
	leaseLive   bool // held, and not lapsed on the server's clock
}

const changeCols = `id, store, order_id, from_code, from_name, from_kind, to_code, to_name, to_kind,
	notify, note, tracking, idem_key, operator, requested, state, needs_decision, error,
	result_code, result_name, result_kind, attempts, sent_at, updated, lease_holder,
	coalesce(lease_until > now(), false)`

const openStates = `('pending','sent','unknown','failed')`

func scanEntry(r pgx.Row) (row, error) {
	var e row
	var err error
	e.JournalEntry, err = storage.ScanEntry(r.Scan, &e.leaseHolder, &e.leaseLive)
	return e, err
}

func scanEntries(rows pgx.Rows) ([]row, error) {
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

func entries(rows []row) []backend.JournalEntry {
	out := make([]backend.JournalEntry, len(rows))
	for i, r := range rows {
		out[i] = r.JournalEntry
	}
	return out
}

func ts(t time.Time) int64 { return storage.UnixNano(t) }

func fromTS(n int64) time.Time { return storage.FromUnixNano(n) }

func now() time.Time { return time.Now().UTC() }

// Journal returns the outbox backend.Apply writes every change through,
// recording operator as who asked for it (see *storage.DB.Journal).
func (s *Store) Journal(operator string) backend.Journal {
	return &journal{s: s, operator: strings.TrimSpace(operator)}
}

type journal struct {
	s        *Store
	operator string
}

func (j *journal) Record(ctx context.Context, ch *backend.Change) error {
	s := j.s
	t := now()
	if err := storage.ValidateNew(ch, j.operator, t); err != nil {
		return err
	}
	// One statement, so one round trip and one commit: the change, its
	// first log line and its notice.
	msg := fmt.Sprintf("recorded: %s → %s", ch.From.Label(), ch.To.Label())
	var id int64
	err := s.pool.QueryRow(ctx, `WITH c AS (
		INSERT INTO changes (store, order_id, from_code, from_name, from_kind,
			to_code, to_name, to_kind, notify, note, tracking, idem_key, operator, requested, state, updated,
			lease_holder, lease_until)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,'pending',$15,$16, now() + $17 * interval '1 millisecond')
		RETURNING id),
	l AS (INSERT INTO change_log (change_id, seq, at, state, operator, message)
		SELECT id, 1, $15, 'pending', $13, $18 FROM c)
	SELECT id FROM c, pg_notify($19, json_build_object('k', 'change', 's', $1::text, 'o', $2::text, 'c', id, 'st', 'pending', 'f', $16::text)::text)`,
		ch.Store, ch.OrderID, ch.From.Code, ch.From.Name, string(ch.From.Kind), ch.To.Code, ch.To.Name, string(ch.To.Kind),
		ch.Notify, ch.Note, ch.Tracking, ch.IdempotencyKey, ch.Operator, ts(ch.Requested), ts(t), s.id, ms(s.ttl),
		msg, s.channel).Scan(&id)
	if err != nil {
		return s.wrap("record change", err)
	}
	ch.ID = id
	s.begin(id)
	return nil
}

func insLog(ctx context.Context, tx pgx.Tx, id int64, at time.Time, state backend.ChangeState, operator, msg string) error {
	_, err := tx.Exec(ctx, `INSERT INTO change_log (change_id, seq, at, state, operator, message)
		VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM change_log WHERE change_id = $1), $2, $3, $4, $5)`,
		id, ts(at), string(state), operator, msg)
	return err
}

func (j *journal) Sent(ctx context.Context, id int64) error {
	_, err := j.s.markSent(ctx, id, []backend.ChangeState{backend.StatePending}, j.operator, "", "sent")
	if err != nil {
		j.s.end(id)
	}
	return err
}

func (j *journal) Confirmed(ctx context.Context, id int64, sends int, o backend.Order) error {
	defer j.s.end(id)
	return j.s.confirm(ctx, id, o, j.operator, "confirmed", storage.Counted(sends))
}

func (j *journal) Failed(ctx context.Context, id int64, sends int, cause error) error {
	defer j.s.end(id)
	_, err := j.s.transition(ctx, step{op: "record failure", id: id, lease: leaseClear,
		allowed: []backend.ChangeState{backend.StateSent, backend.StateUnknown},
		apply:   onEntry(storage.FailedMove(sends, cause, j.operator))})
	return err
}

func (j *journal) Unknown(ctx context.Context, id int64, sends int, cause error) error {
	defer j.s.end(id)
	_, err := j.s.transition(ctx, step{op: "record unknown outcome", id: id, lease: leaseClear,
		allowed: []backend.ChangeState{backend.StateSent},
		apply:   onEntry(storage.UnknownMove(sends, cause, j.operator))})
	return err
}

// markSent moves a change from one of the allowed states to sent, leased
// to this process; key, when set, replaces its idempotency key.
func (s *Store) markSent(ctx context.Context, id int64, allowed []backend.ChangeState, operator, key, verb string) (row, error) {
	return s.transition(ctx, step{op: "mark change sent", id: id, allowed: allowed, lease: leaseTake,
		apply: onEntry(storage.SentMove(operator, key, verb, now))})
}

// confirm records that the platform shows the change applied.
func (s *Store) confirm(ctx context.Context, id int64, o backend.Order, operator, verb string, count func(*backend.JournalEntry) string) error {
	_, err := s.transition(ctx, step{op: "record confirmation", id: id, lease: leaseClear,
		allowed: []backend.ChangeState{backend.StateSent, backend.StateUnknown},
		apply:   onEntry(storage.ConfirmMove(o, operator, verb, count)),
		// The mirror's copy takes the new status in the same
		// transaction, so every dashboard shows it before the next sync.
		after: func(ctx context.Context, tx pgx.Tx, e row) error {
			store, oid := e.Store, e.OrderID
			if o.Store != "" && o.ID != "" {
				store, oid = o.Store, o.ID
			}
			return patchMirrorStatus(ctx, tx, store, oid, o, now())
		}})
	return err
}

// leaseAct is what a step does with the change's lease.
type leaseAct int

const (
	leaseKeep  leaseAct = iota
	leaseTake           // this process holds it for LeaseTTL more
	leaseClear          // nobody holds it: the change is settled or waits
)

// step is one move of a change from state to state, written with its log
// line in one transaction.
type step struct {
	op      string
	id      int64
	allowed []backend.ChangeState
	lease   leaseAct
	apply   func(e *row) (operator, message string)
	// after, when set, writes what goes with the move, in its transaction.
	after func(ctx context.Context, tx pgx.Tx, e row) error
}

func (s *Store) transition(ctx context.Context, st step) (row, error) {
	var out row
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		e, err := scanEntry(tx.QueryRow(ctx, `SELECT `+changeCols+` FROM changes WHERE id = $1 FOR UPDATE`, st.id))
		if notFound(err) {
			return fmt.Errorf("change %d: %w", st.id, storage.ErrNoChange)
		}
		if err != nil {
			return err
		}
		if !slices.Contains(st.allowed, e.State) {
			return &storage.StateError{ID: st.id, State: e.State}
		}
		if e.leaseLive && e.leaseHolder != s.id {
			return inFlight(st.id)
		}
		before := e
		operator, msg := st.apply(&e)
		if msg == "" && sameEntry(before, e) && st.lease == leaseKeep {
			out = e
			return nil
		}
		t := now()
		e.Updated = t
		var res backend.Status
		if e.Result != nil {
			res = *e.Result
		}
		lease := ``
		switch st.lease {
		case leaseTake:
			lease = `, lease_holder = $12, lease_until = now() + $13 * interval '1 millisecond'`
		case leaseClear:
			lease = `, lease_holder = '', lease_until = NULL`
		}
		args := []any{string(e.State), e.NeedsDecision, e.Error, res.Code, res.Name, string(res.Kind),
			e.Attempts, ts(e.Sent), ts(t), e.IdempotencyKey, e.ID}
		if st.lease == leaseTake {
			args = append(args, s.id, ms(s.ttl))
		}
		if _, err := tx.Exec(ctx, `UPDATE changes SET state = $1, needs_decision = $2, error = $3, result_code = $4,
			result_name = $5, result_kind = $6, attempts = $7, sent_at = $8, updated = $9, idem_key = $10`+lease+`
			WHERE id = $11`, args...); err != nil {
			return err
		}
		if msg != "" {
			if err := insLog(ctx, tx, e.ID, t, e.State, operator, msg); err != nil {
				return err
			}
		}
		if st.after != nil {
			if err := st.after(ctx, tx, e); err != nil {
				return err
			}
		}
		out = e
		return s.notify(ctx, tx, backend.Notice{Kind: backend.NoticeChange, Store: e.Store, OrderID: e.OrderID, ChangeID: e.ID, State: e.State})
	})
	return out, s.wrap(st.op, err)
}

func sameEntry(a, b row) bool {
	ra, rb := a.Result, b.Result
	a.Result, b.Result = nil, nil
	return a == b && (ra == rb || (ra != nil && rb != nil && *ra == *rb))
}

// inFlight is the error for a change another live process holds.
func inFlight(id int64) error {
	return fmt.Errorf("change %d: %w (another orderdash holds it)", id, storage.ErrInFlight)
}

// notify tells the other processes, when tx commits; the notice carries
// this process's id (Sender).
func (s *Store) notify(ctx context.Context, tx pgx.Tx, n backend.Notice) error {
	n.From = s.id
	b, err := json.Marshal(n)
	if err != nil {
		return err
	}
	if len(b) > 7000 { // NOTIFY's payload limit is 8000 bytes
		b, _ = json.Marshal(backend.Notice{Kind: n.Kind, ChangeID: n.ChangeID, State: n.State, From: n.From})
	}
	_, err = tx.Exec(ctx, `SELECT pg_notify($1, $2)`, s.channel, string(b))
	return err
}
