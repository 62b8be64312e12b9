package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// Reconcile settles the changes of b's store whose outcome is unknown or
// whose sender is gone, with *storage.DB.Reconcile's rules (re-read
// first; resend only where safe; else the operator decides). Across
// processes, each change is settled by the one that takes its lease:
// a change another live process is sending or settling is deferred with
// storage.ErrInFlight. A sender's lease lapses LeaseTTL after it died
// (at once when it closed), which replaces opt.StaleAfter: the server's
// clock judges it, not the age of the change.
func (s *Store) Reconcile(ctx context.Context, b backend.Backend, opt backend.ReconcileOptions) ([]backend.ReconcileOutcome, error) {
	if b == nil {
		return nil, fmt.Errorf("reconcile the journal: no store given: %w", storage.ErrNoStore)
	}
	store := b.Name()
	unlock, err := s.reconciling.Lock(ctx, store)
	if err != nil {
		return nil, fmt.Errorf("reconcile the journal of %s: %w", store, err)
	}
	defer unlock()
	open, err := s.changes(ctx, backend.ChangeFilter{Store: store,
		States: []backend.ChangeState{backend.StatePending, backend.StateSent, backend.StateUnknown}})
	if err != nil {
		return nil, err
	}
	var out []backend.ReconcileOutcome
	var todo []row
	for i := len(open) - 1; i >= 0; i-- { // oldest first
		e := open[i]
		if s.busy(e.ID) {
			out = append(out, deferred(e, storage.ErrInFlight))
			continue
		}
		taken, ok, err := s.takeLease(ctx, e.ID)
		switch {
		case err != nil:
			out = append(out, deferred(e, err))
			continue
		case !ok:
			out = append(out, deferred(e, storage.ErrInFlight))
			continue
		}
		e = taken
		switch e.State {
		case backend.StatePending:
			e, err := s.needsDecision(ctx, e, "recorded but never sent: orderdash stopped first; resend or drop it", opt.Operator)
			s.releaseLease(ctx, e.ID)
			out = append(out, result(e, backend.ReconcileNeedsDecision, err))
			continue
		case backend.StateSent:
			if e, err = s.abandon(ctx, e, opt.Operator); err != nil {
				s.releaseLease(ctx, e.ID)
				out = append(out, result(e, backend.ReconcileDeferred, err))
				continue
			}
		case backend.StateUnknown:
		default: // settled since it was read
			s.releaseLease(ctx, e.ID)
			continue
		}
		todo = append(todo, e)
	}
	return append(out, s.reconcileStore(ctx, b, todo, opt)...), nil
}

func (s *Store) reconcileStore(ctx context.Context, b backend.Backend, todo []row, opt backend.ReconcileOptions) []backend.ReconcileOutcome {
	var out []backend.ReconcileOutcome
	var down error // once the store is unreachable, the rest wait too
	for _, e := range todo {
		out = append(out, s.settle(ctx, b, e, opt, &down))
		s.releaseLease(context.WithoutCancel(ctx), e.ID)
	}
	return out
}

// settle re-reads one change, which this process holds the lease of, and
// acts on what the store shows.
func (s *Store) settle(ctx context.Context, b backend.Backend, e row, opt backend.ReconcileOptions, down *error) backend.ReconcileOutcome {
	switch {
	case *down != nil:
		return deferred(e, *down)
	case ctx.Err() != nil:
		return deferred(e, ctx.Err())
	}
	applied, o, err := b.Verify(ctx, e.Change)
	switch {
	case errors.Is(err, backend.ErrNotFound):
		e, err := s.needsDecision(ctx, e, "the store no longer has this order: "+storage.ErrorText(err), opt.Operator)
		return result(e, backend.ReconcileNeedsDecision, err)
	case err != nil:
		if backend.Temporary(err) || errors.Is(err, backend.ErrUnauthorized) {
			*down = err
		}
		return deferred(e, err)
	case applied:
		err := s.confirm(ctx, e.ID, o, opt.Operator, "confirmed on reconciliation", nil)
		return s.settled(ctx, e, backend.ReconcileConfirmed, err)
	case b.Capabilities().SafeResend && !opt.NoResend:
		_, err := s.resend(ctx, b, e, opt.Operator, "resent on reconciliation: the store did not show it")
		return s.settled(ctx, e, resendAction(err), err)
	}
	why := "the store does not show it and a resend could apply it twice; check the order, then resend or drop it"
	if b.Capabilities().SafeResend {
		why = "the store does not show it; resend or drop it (read-only: not resent)"
	}
	e, err = s.needsDecision(ctx, e, why, opt.Operator)
	return result(e, backend.ReconcileNeedsDecision, err)
}

// takeLease makes this process the one that settles change id, unless
// another live process holds it or it is settled; ok says whether it did.
func (s *Store) takeLease(ctx context.Context, id int64) (row, bool, error) {
	e, err := scanEntry(s.pool.QueryRow(ctx, `UPDATE changes
		SET lease_holder = $2, lease_until = now() + $3 * interval '1 millisecond'
		WHERE id = $1 AND state IN `+openStates+`
		AND (lease_holder IN ('', $2) OR lease_until IS NULL OR lease_until <= now())
		RETURNING `+changeCols, id, s.id, ms(s.ttl)))
	if notFound(err) {
		return row{}, false, nil
	}
	if err != nil {
		return row{}, false, s.wrap("reconcile change", err)
	}
	return e, true, nil
}

// releaseLease gives up this process's lease on a change it settled or
// left, unless it is sending it now.
func (s *Store) releaseLease(ctx context.Context, id int64) {
	if s.busy(id) {
		return
	}
	s.pool.Exec(ctx, `UPDATE changes SET lease_holder = '', lease_until = NULL WHERE id = $1 AND lease_holder = $2`, id, s.id)
}

// Resend sends a change again on the operator's decision (see
// *storage.DB.Resend). Two operators resending at once send it once: the
// other is told it is in flight.
func (s *Store) Resend(ctx context.Context, b backend.Backend, id int64, operator string) (backend.Order, error) {
	e, err := s.change(ctx, id)
	if err != nil {
		return backend.Order{}, err
	}
	if !e.CanResend() {
		return backend.Order{}, &storage.StateError{ID: id, State: e.State}
	}
	if b == nil || b.Name() != e.Store {
		return backend.Order{}, fmt.Errorf("resend change %d: %s: %w", id, e.Store, storage.ErrNoStore)
	}
	taken, ok, err := s.takeLease(ctx, id)
	switch {
	case err != nil:
		return backend.Order{}, err
	case !ok:
		if now, err := s.change(ctx, id); err == nil && !now.CanResend() {
			return backend.Order{}, &storage.StateError{ID: id, State: now.State}
		}
		return backend.Order{}, fmt.Errorf("resend change %d: %w", id, inFlight(id))
	case taken.State != e.State:
		s.releaseLease(ctx, id)
		return backend.Order{}, &storage.StateError{ID: id, State: taken.State}
	}
	defer s.releaseLease(context.WithoutCancel(ctx), id)
	if e.State == backend.StateUnknown {
		applied, o, err := b.Verify(ctx, e.Change)
		if err != nil {
			return backend.Order{}, fmt.Errorf("resend change %d: not sent: the order could not be checked first: %w", id, err)
		}
		if applied {
			return o, s.confirm(ctx, id, o, operator, "confirmed before resending: the store already shows it", nil)
		}
	}
	return s.resend(ctx, b, e, operator, "resent by "+operator)
}

func (s *Store) resend(ctx context.Context, b backend.Backend, e row, operator, verb string) (backend.Order, error) {
	j := &resendJournal{journal: journal{s: s, operator: operator}, from: e.State, verb: verb}
	if e.State == backend.StateFailed {
		j.key = storage.NewIdempotencyKey()
	}
	return backend.Apply(ctx, b, j, e.Change)
}

// resendJournal is the journal for a change already in it.
type resendJournal struct {
	journal
	from backend.ChangeState
	key  string
	verb string
}

func (j *resendJournal) Record(_ context.Context, ch *backend.Change) error {
	if j.key != "" {
		ch.IdempotencyKey = j.key
	}
	return nil
}

func (j *resendJournal) Sent(ctx context.Context, id int64) error {
	if _, err := j.s.markSent(ctx, id, []backend.ChangeState{j.from}, j.operator, j.key, j.verb); err != nil {
		return err
	}
	j.s.begin(id)
	return nil
}

func resendAction(err error) backend.ReconcileAction {
	switch {
	case err == nil:
		return backend.ReconcileResent
	case errors.Is(err, storage.ErrState) || errors.Is(err, storage.ErrInFlight) || backend.KindOf(err) == backend.KindJournal:
		return backend.ReconcileDeferred
	case backend.IsUncertain(err):
		return backend.ReconcileUnknown
	}
	return backend.ReconcileFailed
}

func (s *Store) settled(ctx context.Context, e row, a backend.ReconcileAction, err error) backend.ReconcileOutcome {
	if errors.Is(err, storage.ErrState) || errors.Is(err, storage.ErrInFlight) {
		a = backend.ReconcileDeferred
	}
	entry := e.JournalEntry
	if now, rerr := s.Change(ctx, e.ID); rerr == nil {
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

func deferred(e row, err error) backend.ReconcileOutcome {
	return backend.ReconcileOutcome{Entry: e.JournalEntry, Action: backend.ReconcileDeferred, Err: err}
}

// abandon turns a "sent" change whose sender is gone into an unknown one.
func (s *Store) abandon(ctx context.Context, e row, operator string) (row, error) {
	return orOld(e)(s.transition(ctx, step{op: "reconcile change", id: e.ID, allowed: []backend.ChangeState{backend.StateSent},
		apply: func(e *row) (string, string) {
			e.State = backend.StateUnknown
			e.Error = "the program that sent it stopped before the store answered"
			return operator, "outcome unknown: " + e.Error
		}}))
}

// needsDecision flags e for the operator, keeping its state.
func (s *Store) needsDecision(ctx context.Context, e row, why, operator string) (row, error) {
	return orOld(e)(s.transition(ctx, step{op: "reconcile change", id: e.ID, allowed: []backend.ChangeState{e.State},
		apply: func(e *row) (string, string) {
			if e.NeedsDecision && e.Error == why {
				return "", ""
			}
			e.NeedsDecision, e.Error = true, why
			return operator, "needs a decision: " + why
		}}))
}

func orOld(old row) func(row, error) (row, error) {
	return func(e row, err error) (row, error) {
		if err != nil {
			return old, err
		}
		return e, nil
	}
}
