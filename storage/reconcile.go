package storage

import (
	"context"
	"errors"
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
	out, err := ReconcileWith[row](ctx, sqliteSettle{db}, &db.reconciling, b, opt)
	if err == nil {
		db.sweepSessions(ctx)
	}
	return out, err
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
	if err := CheckResend(b, e.JournalEntry); err != nil {
		return backend.Order{}, err
	}
	return ResendChecked[row](ctx, sqliteSettle{db}, b, e, operator)
}

// sqliteSettle is the SQLite journal's part in reconciliation: a change
// is this process's to settle when no running process may still be
// sending it (its session's lock file, or its age where that cannot be
// checked).
type sqliteSettle struct{ db *DB }

func (s sqliteSettle) Entry(e row) backend.JournalEntry { return e.JournalEntry }

func (s sqliteSettle) OpenChanges(ctx context.Context, store string) ([]row, error) {
	return s.db.changes(ctx, backend.ChangeFilter{Store: store,
		States: []backend.ChangeState{backend.StatePending, backend.StateSent, backend.StateUnknown}})
}

func (s sqliteSettle) Take(_ context.Context, e row, opt backend.ReconcileOptions) (row, bool, error) {
	return e, e.State == backend.StateUnknown || !s.db.inFlight(e, opt.StaleAfter), nil
}

func (s sqliteSettle) Release(context.Context, row) {}

func (s sqliteSettle) Abandon(ctx context.Context, e row, operator string) (row, error) {
	return s.db.move(ctx, e, "reconcile change", []backend.ChangeState{backend.StateSent}, AbandonMove(operator))
}

func (s sqliteSettle) NeedsDecision(ctx context.Context, e row, why, operator string) (row, error) {
	return s.db.move(ctx, e, "reconcile change", []backend.ChangeState{e.State}, NeedsDecisionMove(why, operator))
}

func (s sqliteSettle) Confirm(ctx context.Context, id int64, o backend.Order, operator, verb string) error {
	return s.db.confirm(ctx, id, o, operator, verb, nil)
}

func (s sqliteSettle) ResendEntry(ctx context.Context, b backend.Backend, e row, operator, verb string) (backend.Order, error) {
	return s.db.resend(ctx, b, e, operator, verb)
}

func (s sqliteSettle) Change(ctx context.Context, id int64) (backend.JournalEntry, error) {
	return s.db.Change(ctx, id)
}

// move makes one reconciliation move on e, keeping e as it was when the
// move fails.
func (db *DB) move(ctx context.Context, e row, op string, allowed []backend.ChangeState, m func(*backend.JournalEntry) (string, string)) (row, error) {
	now, err := db.transition(ctx, step{op: op, id: e.ID, allowed: allowed, apply: onEntry(m)})
	if err != nil {
		return e, err
	}
	return now, nil
}

// onEntry is a move on the entry as a transition's apply.
func onEntry(m func(*backend.JournalEntry) (string, string)) func(*row) (string, string) {
	return func(e *row) (string, string) { return m(&e.JournalEntry) }
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
