package storage

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// DefaultStaleAfter is how old a "sent" change must be before it is taken
// as abandoned when the liveness of the process that sent it cannot be
// checked (no lock file: another OS, another file system).
const DefaultStaleAfter = 2 * time.Minute

var (
	// ErrNoStore: a change belongs to a store that is not configured now.
	ErrNoStore = errors.New("the store is not configured")
	// ErrInFlight: a running process (this one or another) is still
	// sending the change; that process reports its outcome.
	ErrInFlight = errors.New("still in flight in a running orderdash")
)

// Reconcile settles the changes of b's store whose outcome is unknown,
// including those left "sent" or "pending" by a process that died: it
// re-reads the order (Backend.Verify) and
//   - marks the change confirmed when the store shows it applied;
//   - otherwise, where a resend cannot apply it twice
//     (Capabilities.SafeResend: PUT semantics or an idempotency key), sends
//     it again with the same idempotency key through backend.Apply, so the
//     attempt is journaled like any other;
//   - otherwise flags it NeedsDecision for the operator (Resend or Drop);
//   - leaves it for next time when the store cannot be reached.
//
// The command line and the dashboard call it the same way, once per store
// (at start, in the background; before set-status; on demand from the
// journal view), each store on its own so one that does not answer holds
// up no other. Reconciliations of one store in this process run one after
// another: a second caller waits for the first, then finds settled what
// the first settled, so nothing is resent or confirmed twice. Changes that
// a running process (this one or another) is still sending are not
// touched. The changes are taken oldest first: changes to one order apply
// in turn. The error is for the database (or ctx ending while waiting for
// another reconciliation); a store's failure is in its outcomes.
func (db *DB) Reconcile(ctx context.Context, b backend.Backend, opt backend.ReconcileOptions) ([]backend.ReconcileOutcome, error) {
	if b == nil {
		return nil, fmt.Errorf("reconcile the journal: no store given: %w", ErrNoStore)
	}
	store := b.Name()
	unlock, err := db.reconciling.Lock(ctx, store)
	if err != nil {
		return nil, fmt.Errorf("reconcile the journal of %s: %w", store, err)
	}
	defer unlock()
	if opt.StaleAfter <= 0 {
		opt.StaleAfter = DefaultStaleAfter
	}
	open, err := db.changes(ctx, backend.ChangeFilter{Store: store,
		States: []backend.ChangeState{backend.StatePending, backend.StateSent, backend.StateUnknown}})
	if err != nil {
		return nil, err
	}
	var out []backend.ReconcileOutcome
	var todo []row
	for i := len(open) - 1; i >= 0; i-- { // oldest first
		e := open[i]
		if e.State != backend.StateUnknown && db.inFlight(e, opt.StaleAfter) {
			out = append(out, backend.ReconcileOutcome{Entry: e.JournalEntry, Action: backend.ReconcileDeferred, Err: ErrInFlight})
			continue
		}
		switch e.State {
		case backend.StatePending:
			e, err := db.needsDecision(ctx, e, "recorded but never sent: orderdash stopped first; resend or drop it", opt.Operator)
			out = append(out, result(e, backend.ReconcileNeedsDecision, err))
			continue
		case backend.StateSent:
			if e, err = db.abandon(ctx, e, opt.Operator); err != nil {
				out = append(out, result(e, backend.ReconcileDeferred, err))
				continue
			}
		}
		todo = append(todo, e)
	}
	out = append(out, db.reconcileStore(ctx, b, todo, opt)...)
	db.sweepSessions(ctx)
	return out, nil
}

// StoreLocks serialises the reconciliations of each store in this
// process (every implementation of the contract uses it). The zero value
// is ready.
type StoreLocks struct {
	mu    sync.Mutex
	locks map[string]chan struct{}
	// Waiting, when set (tests), is called when a caller finds the store
	// being reconciled and waits for its turn.
	Waiting func(store string)
}

// Lock waits until no other reconciliation of store runs (or ctx ends),
// and returns what ends this one's turn.
func (l *StoreLocks) Lock(ctx context.Context, store string) (unlock func(), err error) {
	l.mu.Lock()
	if l.locks == nil {
		l.locks = map[string]chan struct{}{}
	}
	ch, ok := l.locks[store]
	if !ok {
		ch = make(chan struct{}, 1)
		l.locks[store] = ch
	}
	waiting := l.Waiting
	l.mu.Unlock()
	unlock = func() { <-ch }
	select {
	case ch <- struct{}{}:
		return unlock, nil
	default:
	}
	if waiting != nil {
		waiting(store)
	}
	select {
	case ch <- struct{}{}:
		return unlock, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (db *DB) reconcileStore(ctx context.Context, b backend.Backend, entries []row, opt backend.ReconcileOptions) []backend.ReconcileOutcome {
	var out []backend.ReconcileOutcome
	var down error // once the store is unreachable, the rest wait too
	for _, e := range entries {
		switch {
		case down != nil:
			out = append(out, backend.ReconcileOutcome{Entry: e.JournalEntry, Action: backend.ReconcileDeferred, Err: down})
			continue
		case ctx.Err() != nil:
			out = append(out, backend.ReconcileOutcome{Entry: e.JournalEntry, Action: backend.ReconcileDeferred, Err: ctx.Err()})
			continue
		}
		applied, o, err := b.Verify(ctx, e.Change)
		switch {
		case errors.Is(err, backend.ErrNotFound):
			e, err := db.needsDecision(ctx, e, "the store no longer has this order: "+errText(err), opt.Operator)
			out = append(out, result(e, backend.ReconcileNeedsDecision, err))
		case err != nil:
			if backend.Temporary(err) || errors.Is(err, backend.ErrUnauthorized) {
				down = err
			}
			out = append(out, backend.ReconcileOutcome{Entry: e.JournalEntry, Action: backend.ReconcileDeferred, Err: err})
		case applied:
			err := db.confirm(ctx, e.ID, o, opt.Operator, "confirmed on reconciliation", nil)
			out = append(out, db.settled(ctx, e, backend.ReconcileConfirmed, err))
		case b.Capabilities().SafeResend && !opt.NoResend:
			_, err := db.resend(ctx, b, e, opt.Operator, "resent on reconciliation: the store did not show it")
			out = append(out, db.settled(ctx, e, resendAction(err), err))
		default:
			why := "the store does not show it and a resend could apply it twice; check the order, then resend or drop it"
			if b.Capabilities().SafeResend {
				why = "the store does not show it; resend or drop it (read-only: not resent)"
			}
			e, err := db.needsDecision(ctx, e, why, opt.Operator)
			out = append(out, result(e, backend.ReconcileNeedsDecision, err))
		}
	}
	return out
}

// Resend sends a change again on the operator's decision: one that was
// never sent (pending), was refused (failed) or whose outcome is unknown.
// An unknown one is first checked with Verify and only confirmed if the
// store already shows it. A refused one gets a fresh idempotency key: the
// platform may have kept its refusal under the old key (API2Cart replays
// a key's answer for 15 minutes), and a refusal applied nothing. The
// attempt goes through backend.Apply, so it is journaled like any other;
// two operators resending at once send it once.
func (db *DB) Resend(ctx context.Context, b backend.Backend, id int64, operator string) (backend.Order, error) {
	e, err := db.change(ctx, id)
	if err != nil {
		return backend.Order{}, err
	}
	if !e.CanResend() {
		return backend.Order{}, &StateError{ID: id, State: e.State}
	}
	if b == nil || b.Name() != e.Store {
		return backend.Order{}, fmt.Errorf("resend change %d: %s: %w", id, e.Store, ErrNoStore)
	}
	if e.State == backend.StateUnknown {
		applied, o, err := b.Verify(ctx, e.Change)
		if err != nil {
			return backend.Order{}, fmt.Errorf("resend change %d: not sent: the order could not be checked first: %w", id, err)
		}
		if applied {
			return o, db.confirm(ctx, id, o, operator, "confirmed before resending: the store already shows it", nil)
		}
	}
	return db.resend(ctx, b, e, operator, "resent by "+operator)
}

// resend sends e again through backend.Apply with a journal that claims
// the change (its state must still be e.State) instead of recording it.
func (db *DB) resend(ctx context.Context, b backend.Backend, e row, operator, verb string) (backend.Order, error) {
	j := &resendJournal{journal: journal{db: db, operator: operator}, from: e.State, verb: verb}
	if e.State == backend.StateFailed {
		j.key = newKey()
	}
	return backend.Apply(ctx, b, j, e.Change)
}

// resendJournal is the journal for a change already in it.
type resendJournal struct {
	journal
	from backend.ChangeState
	key  string // a new idempotency key, or ""
	verb string
}

func (j *resendJournal) Record(_ context.Context, ch *backend.Change) error {
	if j.key != "" {
		ch.IdempotencyKey = j.key
	}
	return nil
}

func (j *resendJournal) Sent(ctx context.Context, id int64) error {
	if _, err := j.db.markSent(ctx, id, []backend.ChangeState{j.from}, j.operator, j.key, j.verb); err != nil {
		return err
	}
	j.db.sess.begin(id)
	return nil
}

func resendAction(err error) backend.ReconcileAction {
	switch {
	case err == nil:
		return backend.ReconcileResent
	case errors.Is(err, ErrState) || backend.KindOf(err) == backend.KindJournal:
		return backend.ReconcileDeferred // someone else took it, or the journal failed: nothing sent
	case backend.IsUncertain(err):
		return backend.ReconcileUnknown
	}
	return backend.ReconcileFailed
}

// settled re-reads e after an action, for its outcome.
func (db *DB) settled(ctx context.Context, e row, a backend.ReconcileAction, err error) backend.ReconcileOutcome {
	if errors.Is(err, ErrState) {
		a = backend.ReconcileDeferred // settled meanwhile by another process
	}
	entry := e.JournalEntry
	if now, rerr := db.Change(ctx, e.ID); rerr == nil {
		entry = now
	}
	return backend.ReconcileOutcome{Entry: entry, Action: a, Err: err}
}

func result(e row, a backend.ReconcileAction, err error) backend.ReconcileOutcome {
	if err != nil {
		a = backend.ReconcileDeferred
	}
	return backend.ReconcileOutcome{Entry: e.JournalEntry, Action: a, Err: err}
}

// inFlight reports whether a running process may still be sending e.
func (db *DB) inFlight(e row, staleAfter time.Duration) bool {
	if e.owner == db.sess.id {
		return db.sess.busy(e.ID)
	}
	switch db.sess.owner(e.owner) {
	case ownerAlive:
		return true
	case ownerDead:
		return false
	}
	last := e.Sent
	if last.IsZero() {
		last = e.Updated
	}
	return db.now().Sub(last) < staleAfter
}

// abandon turns a "sent" change whose process is gone into an unknown one.
func (db *DB) abandon(ctx context.Context, e row, operator string) (row, error) {
	return orOld(e)(db.transition(ctx, step{op: "reconcile change", id: e.ID, allowed: []backend.ChangeState{backend.StateSent},
		apply: func(e *row) (string, string) {
			e.State = backend.StateUnknown
			e.Error = "the program that sent it stopped before the store answered"
			return operator, "outcome unknown: " + e.Error
		}}))
}

// needsDecision flags e for the operator, keeping its state.
func (db *DB) needsDecision(ctx context.Context, e row, why, operator string) (row, error) {
	return orOld(e)(db.transition(ctx, step{op: "reconcile change", id: e.ID, allowed: []backend.ChangeState{e.State},
		apply: func(e *row) (string, string) {
			if e.NeedsDecision && e.Error == why {
				return "", ""
			}
			e.NeedsDecision, e.Error = true, why
			return operator, "needs a decision: " + why
		}}))
}

// orOld keeps the entry as it was when a transition fails.
func orOld(old row) func(row, error) (row, error) {
	return func(e row, err error) (row, error) {
		if err != nil {
			return old, err
		}
		return e, nil
	}
}

// sweepSessions removes the lock files of dead processes once none of their
// changes is left unsettled.
func (db *DB) sweepSessions(ctx context.Context) {
	for _, id := range db.sess.deadSessions() {
		var n int
		if err := db.st.ownerOpen.QueryRowContext(ctx, id).Scan(&n); err == nil && n == 0 {
			db.sess.forget(id)
		}
	}
}
