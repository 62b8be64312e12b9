package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// The rules of reconciliation, in one place for every implementation of
// the contract: which open change is settled how, given what the store
// shows. A journal takes part through SettleJournal; what differs between
// SQLite and PostgreSQL is only how a process makes a change its own to
// settle (a live-session check on one machine, a lease across machines).

// SettleJournal is what the reconciliation rules need of a journal. E is
// its entry type (the entry and what the implementation keeps beside it).
type SettleJournal[E any] interface {
	// Entry is the journal entry of e.
	Entry(e E) backend.JournalEntry
	// OpenChanges lists store's pending, sent and unknown changes, newest
	// first.
	OpenChanges(ctx context.Context, store string) ([]E, error)
	// Take makes this process the one that settles e, and returns it as
	// it now stands; ok false when a live process (this one or another)
	// is still sending or settling it.
	Take(ctx context.Context, e E, opt backend.ReconcileOptions) (now E, ok bool, err error)
	// Release ends what Take began, once e is settled or left.
	Release(ctx context.Context, e E)
	// Abandon turns a sent change whose sender is gone into an unknown one.
	Abandon(ctx context.Context, e E, operator string) (E, error)
	// NeedsDecision flags e for the operator, keeping its state.
	NeedsDecision(ctx context.Context, e E, why, operator string) (E, error)
	// Confirm records that the store shows change id applied (o as read).
	Confirm(ctx context.Context, id int64, o backend.Order, operator, verb string) error
	// ResendEntry sends e again through backend.Apply (a failed one with
	// a new idempotency key), journaled like any other attempt.
	ResendEntry(ctx context.Context, b backend.Backend, e E, operator, verb string) (backend.Order, error)
	// Change reads one entry as it stands.
	Change(ctx context.Context, id int64) (backend.JournalEntry, error)
}

// Why a change waits for the operator's decision (the journal keeps it).
const (
	whyNeverSent    = "recorded but never sent: orderdash stopped first; resend or drop it"
	whyNotShown     = "the store does not show it and a resend could apply it twice; check the order, then resend or drop it"
	whyNotShownRO   = "the store does not show it; resend or drop it (read-only: not resent)"
	whyOrderMissing = "the store no longer has this order: "
)

// ReconcileWith settles the changes of b's store whose outcome is unknown
// or whose sender is gone, with the rules *DB.Reconcile documents: one
// reconciliation of a store at a time in this process (locks), the
// changes oldest first, each taken by this process (j.Take) before it is
// touched.
func ReconcileWith[E any](ctx context.Context, j SettleJournal[E], locks *StoreLocks, b backend.Backend, opt backend.ReconcileOptions) ([]backend.ReconcileOutcome, error) {
	if b == nil {
		return nil, fmt.Errorf("reconcile the journal: no store given: %w", ErrNoStore)
	}
	store := b.Name()
	unlock, err := locks.Lock(ctx, store)
	if err != nil {
		return nil, fmt.Errorf("reconcile the journal of %s: %w", store, err)
	}
	defer unlock()
	if opt.StaleAfter <= 0 {
		opt.StaleAfter = DefaultStaleAfter
	}
	open, err := j.OpenChanges(ctx, store)
	if err != nil {
		return nil, err
	}
	var out []backend.ReconcileOutcome
	var todo []E
	for i := len(open) - 1; i >= 0; i-- { // oldest first: changes to one order apply in turn
		e := open[i]
		taken, ok, err := j.Take(ctx, e, opt)
		switch {
		case err != nil:
			out = append(out, deferred(j.Entry(e), err))
			continue
		case !ok:
			out = append(out, deferred(j.Entry(e), ErrInFlight))
			continue
		}
		e = taken
		switch j.Entry(e).State {
		case backend.StatePending:
			e, err := j.NeedsDecision(ctx, e, whyNeverSent, opt.Operator)
			j.Release(ctx, e)
			out = append(out, result(j.Entry(e), backend.ReconcileNeedsDecision, err))
			continue
		case backend.StateSent:
			if e, err = j.Abandon(ctx, e, opt.Operator); err != nil {
				j.Release(ctx, e)
				out = append(out, deferred(j.Entry(e), err))
				continue
			}
		case backend.StateUnknown:
		default: // settled since it was read
			j.Release(ctx, e)
			continue
		}
		todo = append(todo, e)
	}
	var down error // once the store is unreachable, the rest wait too
	for _, e := range todo {
		out = append(out, settle(ctx, j, b, e, opt, &down))
		j.Release(context.WithoutCancel(ctx), e)
	}
	return out, nil
}

// settle re-reads one change, which this process has taken, and acts on
// what the store shows.
func settle[E any](ctx context.Context, j SettleJournal[E], b backend.Backend, e E, opt backend.ReconcileOptions, down *error) backend.ReconcileOutcome {
	entry := j.Entry(e)
	switch {
	case *down != nil:
		return deferred(entry, *down)
	case ctx.Err() != nil:
		return deferred(entry, ctx.Err())
	}
	applied, o, err := b.Verify(ctx, entry.Change)
	var why string
	switch {
	case errors.Is(err, backend.ErrNotFound):
		why = whyOrderMissing + errText(err)
	case err != nil:
		if backend.Temporary(err) || errors.Is(err, backend.ErrUnauthorized) {
			*down = err
		}
		return deferred(entry, err)
	case applied:
		err := j.Confirm(ctx, entry.ID, o, opt.Operator, "confirmed on reconciliation")
		return settled(ctx, j, entry, backend.ReconcileConfirmed, err)
	case b.Capabilities().SafeResend && !opt.NoResend:
		_, err := j.ResendEntry(ctx, b, e, opt.Operator, "resent on reconciliation: the store did not show it")
		return settled(ctx, j, entry, resendAction(err), err)
	case b.Capabilities().SafeResend:
		why = whyNotShownRO
	default:
		why = whyNotShown
	}
	e, err = j.NeedsDecision(ctx, e, why, opt.Operator)
	return result(j.Entry(e), backend.ReconcileNeedsDecision, err)
}

// ResendChecked is Resend's rule once the change is this process's to
// send: an unknown one is first re-read, and only confirmed when the
// store already shows it; anything else is sent again.
func ResendChecked[E any](ctx context.Context, j SettleJournal[E], b backend.Backend, e E, operator string) (backend.Order, error) {
	entry := j.Entry(e)
	if entry.State == backend.StateUnknown {
		applied, o, err := b.Verify(ctx, entry.Change)
		if err != nil {
			return backend.Order{}, fmt.Errorf("resend change %d: not sent: the order could not be checked first: %w", entry.ID, err)
		}
		if applied {
			return o, j.Confirm(ctx, entry.ID, o, operator, "confirmed before resending: the store already shows it")
		}
	}
	return j.ResendEntry(ctx, b, e, operator, "resent by "+operator)
}

// CheckResend says why change e cannot be resent through b, or nil.
func CheckResend(b backend.Backend, e backend.JournalEntry) error {
	if !e.CanResend() {
		return &StateError{ID: e.ID, State: e.State}
	}
	if b == nil || b.Name() != e.Store {
		return fmt.Errorf("resend change %d: %s: %w", e.ID, e.Store, ErrNoStore)
	}
	return nil
}

func resendAction(err error) backend.ReconcileAction {
	switch {
	case err == nil:
		return backend.ReconcileResent
	case errors.Is(err, ErrState) || errors.Is(err, ErrInFlight) || backend.KindOf(err) == backend.KindJournal:
		return backend.ReconcileDeferred // someone else took it, or the journal failed: nothing sent
	case backend.IsUncertain(err):
		return backend.ReconcileUnknown
	}
	return backend.ReconcileFailed
}

// settled re-reads an entry after an action, for its outcome.
func settled[E any](ctx context.Context, j SettleJournal[E], e backend.JournalEntry, a backend.ReconcileAction, err error) backend.ReconcileOutcome {
	if errors.Is(err, ErrState) || errors.Is(err, ErrInFlight) {
		a = backend.ReconcileDeferred // settled meanwhile by another process
	}
	if now, rerr := j.Change(ctx, e.ID); rerr == nil {
		e = now
	}
	return backend.ReconcileOutcome{Entry: e, Action: a, Err: err}
}

func result(e backend.JournalEntry, a backend.ReconcileAction, err error) backend.ReconcileOutcome {
	if err != nil {
		a = backend.ReconcileDeferred
	}
	return backend.ReconcileOutcome{Entry: e, Action: a, Err: err}
}

func deferred(e backend.JournalEntry, err error) backend.ReconcileOutcome {
	return backend.ReconcileOutcome{Entry: e, Action: backend.ReconcileDeferred, Err: err}
}

// The moves every journal makes on an entry, as apply functions of its
// transitions: the same state changes and log lines on every database.

// AbandonMove turns a sent change into an unknown one.
func AbandonMove(operator string) func(e *backend.JournalEntry) (string, string) {
	return func(e *backend.JournalEntry) (string, string) {
		e.State = backend.StateUnknown
		e.Error = "the program that sent it stopped before the store answered"
		return operator, "outcome unknown: " + e.Error
	}
}

// NeedsDecisionMove flags a change for the operator (nothing when it
// already says why).
func NeedsDecisionMove(why, operator string) func(e *backend.JournalEntry) (string, string) {
	return func(e *backend.JournalEntry) (string, string) {
		if e.NeedsDecision && e.Error == why {
			return "", ""
		}
		e.NeedsDecision, e.Error = true, why
		return operator, "needs a decision: " + why
	}
}

// ConfirmMove records the store's confirmation (o as read); count, when
// not nil, settles the attempts of a send (see Counted).
func ConfirmMove(o backend.Order, operator, verb string, count func(*backend.JournalEntry) string) func(e *backend.JournalEntry) (string, string) {
	return func(e *backend.JournalEntry) (string, string) {
		e.State, e.Error, e.NeedsDecision = backend.StateConfirmed, "", false
		msg := verb
		if o.Status != (backend.Status{}) {
			s := o.Status
			e.Result = &s
			msg += ": the store shows " + s.Label()
		}
		if count != nil {
			msg += count(e)
		}
		return operator, msg
	}
}

// FailedMove records a refusal.
func FailedMove(sends int, cause error, operator string) func(e *backend.JournalEntry) (string, string) {
	return func(e *backend.JournalEntry) (string, string) {
		e.State, e.Error, e.NeedsDecision = backend.StateFailed, errText(cause), false
		return operator, "failed: " + e.Error + Counted(sends)(e)
	}
}

// UnknownMove records a send whose outcome is unknown.
func UnknownMove(sends int, cause error, operator string) func(e *backend.JournalEntry) (string, string) {
	return func(e *backend.JournalEntry) (string, string) {
		e.State, e.Error = backend.StateUnknown, errText(cause)
		return operator, "outcome unknown: " + e.Error + Counted(sends)(e)
	}
}

// DropMove records that operator gave a change up.
func DropMove(operator string) func(e *backend.JournalEntry) (string, string) {
	return func(e *backend.JournalEntry) (string, string) {
		e.State, e.NeedsDecision = backend.StateDropped, false
		return operator, "dropped by " + operator
	}
}

// SentMove marks a change sent at t; key, when set, replaces its
// idempotency key.
func SentMove(operator, key, verb string, t func() time.Time) func(e *backend.JournalEntry) (string, string) {
	return func(e *backend.JournalEntry) (string, string) {
		e.State, e.NeedsDecision = backend.StateSent, false
		e.Attempts++
		e.Sent = t()
		msg := fmt.Sprintf("%s (attempt %d)", verb, e.Attempts)
		if key != "" && key != e.IdempotencyKey {
			e.IdempotencyKey = key
			msg += " with a new idempotency key"
		}
		return operator, msg
	}
}

// Counted replaces the attempt Sent counted in advance with sends, the
// write requests that may have reached the store, and says so in the log
// line when that is not the one expected.
func Counted(sends int) func(e *backend.JournalEntry) string {
	return func(e *backend.JournalEntry) string {
		sends = max(sends, 0)
		e.Attempts = max(e.Attempts-1+sends, 0)
		switch {
		case sends == 0:
			return " (no request reached the store)"
		case sends > 1:
			return fmt.Sprintf(" (%d requests reached the store)", sends)
		}
		return ""
	}
}

// ValidateNew checks a change about to be recorded and fills what the
// journal gives it: an idempotency key, Requested (now, UTC) and the
// operator.
func ValidateNew(ch *backend.Change, operator string, now time.Time) error {
	switch {
	case ch.ID != 0:
		return fmt.Errorf("record change: change %d is already in the journal (resend it instead)", ch.ID)
	case ch.Store == "" || ch.OrderID == "":
		return errors.New("record change: the store and the order id are required")
	case ch.To.Code == "":
		return errors.New("record change: the new status is missing")
	}
	if ch.IdempotencyKey == "" {
		ch.IdempotencyKey = newKey()
	}
	if ch.Requested.IsZero() {
		ch.Requested = now
	}
	ch.Requested = ch.Requested.UTC()
	if ch.Operator == "" {
		ch.Operator = operator
	}
	return nil
}
