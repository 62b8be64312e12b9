package pgstore

import (
	"context"
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
	return storage.ReconcileWith[row](ctx, pgSettle{s}, &s.reconciling, b, opt)
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
	if err := storage.CheckResend(b, e.JournalEntry); err != nil {
		return backend.Order{}, err
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
	return storage.ResendChecked[row](ctx, pgSettle{s}, b, e, operator)
}

// pgSettle is the PostgreSQL journal's part in reconciliation: a change
// is this process's to settle once it holds its lease.
type pgSettle struct{ s *Store }

func (p pgSettle) Entry(e row) backend.JournalEntry { return e.JournalEntry }

func (p pgSettle) OpenChanges(ctx context.Context, store string) ([]row, error) {
	return p.s.changes(ctx, backend.ChangeFilter{Store: store,
		States: []backend.ChangeState{backend.StatePending, backend.StateSent, backend.StateUnknown}})
}

// Take takes e's lease; the lease, on the server's clock, replaces
// opt.StaleAfter.
func (p pgSettle) Take(ctx context.Context, e row, _ backend.ReconcileOptions) (row, bool, error) {
	if p.s.busy(e.ID) {
		return e, false, nil
	}
	return p.s.takeLease(ctx, e.ID)
}

func (p pgSettle) Release(ctx context.Context, e row) { p.s.releaseLease(ctx, e.ID) }

func (p pgSettle) Abandon(ctx context.Context, e row, operator string) (row, error) {
	return p.s.move(ctx, e, []backend.ChangeState{backend.StateSent}, storage.AbandonMove(operator))
}

func (p pgSettle) NeedsDecision(ctx context.Context, e row, why, operator string) (row, error) {
	return p.s.move(ctx, e, []backend.ChangeState{e.State}, storage.NeedsDecisionMove(why, operator))
}

func (p pgSettle) Confirm(ctx context.Context, id int64, o backend.Order, operator, verb string) error {
	return p.s.confirm(ctx, id, o, operator, verb, nil)
}

func (p pgSettle) ResendEntry(ctx context.Context, b backend.Backend, e row, operator, verb string) (backend.Order, error) {
	return p.s.resend(ctx, b, e, operator, verb)
}

func (p pgSettle) Change(ctx context.Context, id int64) (backend.JournalEntry, error) {
	return p.s.Change(ctx, id)
}

// move makes one reconciliation move on e, keeping e as it was when the
// move fails.
func (s *Store) move(ctx context.Context, e row, allowed []backend.ChangeState, m func(*backend.JournalEntry) (string, string)) (row, error) {
	now, err := s.transition(ctx, step{op: "reconcile change", id: e.ID, allowed: allowed, apply: onEntry(m)})
	if err != nil {
		return e, err
	}
	return now, nil
}

// onEntry is a move on the entry as a transition's apply.
func onEntry(m func(*backend.JournalEntry) (string, string)) func(*row) (string, string) {
	return func(e *row) (string, string) { return m(&e.JournalEntry) }
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
