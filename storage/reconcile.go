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

// ReconcileOptions tune Reconcile; the zero value reconciles every store.
type ReconcileOptions struct {
	// Store limits reconciliation to one store ("" for all).
	Store string
	// Operator is recorded in the journal as who reconciled ("" for none).
	Operator string
	// NoResend never resends (read-only mode): a change the store does not
	// show waits for the operator's decision even where a resend is safe.
	NoResend bool
	// StaleAfter replaces DefaultStaleAfter.
	StaleAfter time.Duration
}

// Action is what Reconcile did with one change.
type Action string

const (
	ActionConfirmed Action = "confirmed" // the store shows it applied
	ActionResent    Action = "resent"    // it was not applied; resent (same idempotency key) and confirmed
	ActionFailed    Action = "failed"    // resent; the store refused it
	ActionUnknown   Action = "unknown"   // resent; the outcome is unknown again
	// ActionNeedsDecision: not applied (or never sent) and not safe to
	// resend; the journal view offers Resend and Drop.
	ActionNeedsDecision Action = "needs_decision"
	// ActionDeferred: the store could not be asked (unreachable, not
	// configured) or the change is still in flight in a running process;
	// it is left for next time. Err says why.
	ActionDeferred Action = "deferred"
)

// Outcome is one change Reconcile looked at.
type Outcome struct {
	Entry  Entry // as it stands afterwards
	Action Action
	Err    error // why, for deferred, failed and unknown
}

var (
	// ErrNoStore: a change belongs to a store that is not configured now.
	ErrNoStore = errors.New("the store is not configured")
	// ErrInFlight: a running process (this one or another) is still
	// sending the change; that process reports its outcome.
	ErrInFlight = errors.New("still in flight in a running orderdash")
)

// Reconcile settles every change whose outcome is unknown, including those
// left "sent" or "pending" by a process that died: it re-reads the order
// (Backend.Verify) and
//   - marks the change confirmed when the store shows it applied;
//   - otherwise, where a resend cannot apply it twice
//     (Capabilities.SafeResend: PUT semantics or an idempotency key), sends
//     it again with the same idempotency key through backend.Apply, so the
//     attempt is journaled like any other;
//   - otherwise flags it NeedsDecision for the operator (Resend or Drop);
//   - leaves it for next time when the store cannot be reached.
//
// Run it at start, in the background, and on demand from the journal view;
// stores maps store names to their backends. Changes that a running
// process (this one or another) is still sending are not touched. Stores
// are reconciled in parallel, each store's changes one after another.
// The error is for the database only; a store's failure is in its Outcome.
func Reconcile(ctx context.Context, db *DB, stores map[string]backend.Backend, opt ReconcileOptions) ([]Outcome, error) {
	if opt.StaleAfter <= 0 {
		opt.StaleAfter = DefaultStaleAfter
	}
	open, err := db.Changes(ctx, ChangeFilter{Store: opt.Store,
		States: []backend.ChangeState{backend.StatePending, backend.StateSent, backend.StateUnknown}})
	if err != nil {
		return nil, err
	}
	var out []Outcome
	byStore := map[string][]Entry{}
	var order []string
	for i := len(open) - 1; i >= 0; i-- { // oldest first: changes to one order apply in turn
		e := open[i]
		if e.State != backend.StateUnknown && db.inFlight(e, opt.StaleAfter) {
			out = append(out, Outcome{Entry: e, Action: ActionDeferred, Err: ErrInFlight})
			continue
		}
		switch e.State {
		case backend.StatePending:
			e, err := db.needsDecision(ctx, e, "recorded but never sent: orderdash stopped first; resend or drop it", opt.Operator)
			out = append(out, result(e, ActionNeedsDecision, err))
			continue
		case backend.StateSent:
			if e, err = db.abandon(ctx, e, opt.Operator); err != nil {
				out = append(out, result(e, ActionDeferred, err))
				continue
			}
		}
		if _, ok := byStore[e.Store]; !ok {
			order = append(order, e.Store)
		}
		byStore[e.Store] = append(byStore[e.Store], e)
	}

	results := make([][]Outcome, len(order))
	var wg sync.WaitGroup
	for i, name := range order {
		wg.Go(func() { results[i] = db.reconcileStore(ctx, stores[name], byStore[name], opt) })
	}
	wg.Wait()
	for _, r := range results {
		out = append(out, r...)
	}
	db.sweepSessions(ctx)
	return out, nil
}

func (db *DB) reconcileStore(ctx context.Context, b backend.Backend, entries []Entry, opt ReconcileOptions) []Outcome {
	var out []Outcome
	var down error // once the store is unreachable, the rest wait too
	for _, e := range entries {
		switch {
		case b == nil:
			out = append(out, Outcome{Entry: e, Action: ActionDeferred, Err: fmt.Errorf("%s: %w", e.Store, ErrNoStore)})
			continue
		case down != nil:
			out = append(out, Outcome{Entry: e, Action: ActionDeferred, Err: down})
			continue
		case ctx.Err() != nil:
			out = append(out, Outcome{Entry: e, Action: ActionDeferred, Err: ctx.Err()})
			continue
		}
		applied, o, err := b.Verify(ctx, e.Change)
		switch {
		case errors.Is(err, backend.ErrNotFound):
			e, err := db.needsDecision(ctx, e, "the store no longer has this order: "+errText(err), opt.Operator)
			out = append(out, result(e, ActionNeedsDecision, err))
		case err != nil:
			if backend.Temporary(err) || errors.Is(err, backend.ErrUnauthorized) {
				down = err
			}
			out = append(out, Outcome{Entry: e, Action: ActionDeferred, Err: err})
		case applied:
			err := db.confirm(ctx, e.ID, o, opt.Operator, "confirmed on reconciliation", nil)
			out = append(out, db.settled(ctx, e, ActionConfirmed, err))
		case b.Capabilities().SafeResend && !opt.NoResend:
			_, err := db.resend(ctx, b, e, opt.Operator, "resent on reconciliation: the store did not show it")
			out = append(out, db.settled(ctx, e, resendAction(err), err))
		default:
			why := "the store does not show it and a resend could apply it twice; check the order, then resend or drop it"
			if b.Capabilities().SafeResend {
				why = "the store does not show it; resend or drop it (read-only: not resent)"
			}
			e, err := db.needsDecision(ctx, e, why, opt.Operator)
			out = append(out, result(e, ActionNeedsDecision, err))
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
func Resend(ctx context.Context, db *DB, b backend.Backend, id int64, operator string) (backend.Order, error) {
	e, err := db.Change(ctx, id)
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
func (db *DB) resend(ctx context.Context, b backend.Backend, e Entry, operator, verb string) (backend.Order, error) {
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

func resendAction(err error) Action {
	switch {
	case err == nil:
		return ActionResent
	case errors.Is(err, ErrState) || backend.KindOf(err) == backend.KindJournal:
		return ActionDeferred // someone else took it, or the journal failed: nothing sent
	case backend.IsUncertain(err):
		return ActionUnknown
	}
	return ActionFailed
}

// settled re-reads e after an action, for its Outcome.
func (db *DB) settled(ctx context.Context, e Entry, a Action, err error) Outcome {
	if errors.Is(err, ErrState) {
		a = ActionDeferred // settled meanwhile by another process
	}
	if now, rerr := db.Change(ctx, e.ID); rerr == nil {
		e = now
	}
	return Outcome{Entry: e, Action: a, Err: err}
}

func result(e Entry, a Action, err error) Outcome {
	if err != nil {
		a = ActionDeferred
	}
	return Outcome{Entry: e, Action: a, Err: err}
}

// inFlight reports whether a running process may still be sending e.
func (db *DB) inFlight(e Entry, staleAfter time.Duration) bool {
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
func (db *DB) abandon(ctx context.Context, e Entry, operator string) (Entry, error) {
	return orOld(e)(db.transition(ctx, step{op: "reconcile change", id: e.ID, allowed: []backend.ChangeState{backend.StateSent},
		apply: func(e *Entry) (string, string) {
			e.State = backend.StateUnknown
			e.Error = "the program that sent it stopped before the store answered"
			return operator, "outcome unknown: " + e.Error
		}}))
}

// needsDecision flags e for the operator, keeping its state.
func (db *DB) needsDecision(ctx context.Context, e Entry, why, operator string) (Entry, error) {
	return orOld(e)(db.transition(ctx, step{op: "reconcile change", id: e.ID, allowed: []backend.ChangeState{e.State},
		apply: func(e *Entry) (string, string) {
			if e.NeedsDecision && e.Error == why {
				return "", ""
			}
			e.NeedsDecision, e.Error = true, why
			return operator, "needs a decision: " + why
		}}))
}

// orOld keeps the entry as it was when a transition fails.
func orOld(old Entry) func(Entry, error) (Entry, error) {
	return func(e Entry, err error) (Entry, error) {
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
