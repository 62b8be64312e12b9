package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// Reads give up after readTimeout so a hung store cannot keep a request
// (and its spinner) alive forever; the clients have their own, shorter
// timeouts and retries inside it. The mirror is local: a read of it that
// takes longer than cacheTimeout means the file is stuck (locked).
const (
	readTimeout   = 90 * time.Second
	changeTimeout = 2 * time.Minute
	cacheTimeout  = 10 * time.Second
)

// detailMsg answers a detail request.
type detailMsg struct {
	key orderKey
	req int64
	res backend.Order
	err error
	// cached: the store failed (or, cacheOnly, was not asked: it is
	// offline) and res is the mirror's copy, written at `fetched`.
	cached    bool
	fetched   time.Time
	cacheOnly bool
	// early: the mirror's copy, read while the store is asked.
	early bool
}

// statusesMsg answers a request for a store's settable statuses.
type statusesMsg struct {
	store int
	req   int64
	res   []backend.Status
	err   error
}

// changeMsg reports the outcome of one status change of a task.
type changeMsg struct {
	task int64
	item int
	res  backend.Order
	err  error
	// id is the change's id in the journal (0 when it was not recorded).
	id int64
	// settled is set when the outcome was learned after the answer was
	// lost (settleCmd), or when a retry could not ask the store; action
	// says what became of the change.
	settled bool
	action  backend.ReconcileAction
}

// errDetailNotCached: offline, and the mirror lacks the order.
var errDetailNotCached = errors.New("the store is offline and the mirror does not hold this order")

func detailCmd(ctx context.Context, mr Mirror, b backend.Backend, msg detailMsg) tea.Cmd {
	return func() tea.Msg {
		if !msg.cacheOnly {
			rctx, cancel := context.WithTimeout(ctx, readTimeout)
			msg.res, msg.err = b.Get(rctx, msg.key.id)
			cancel()
		}
		if msg.cacheOnly || (msg.err != nil && ctx.Err() == nil) {
			cctx, cancel := context.WithTimeout(ctx, cacheTimeout)
			defer cancel()
			o, at, err := mr.MirrorOrder(cctx, b.Name(), msg.key.id)
			switch {
			case err == nil:
				msg.res, msg.cached, msg.fetched = o, true, at
			case msg.cacheOnly && errors.Is(err, backend.ErrNotCached):
				msg.err = errDetailNotCached
			case msg.cacheOnly:
				msg.err = err
			}
		}
		return msg
	}
}

func statusesCmd(ctx context.Context, b backend.Backend, msg statusesMsg) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, readTimeout)
		defer cancel()
		msg.res, msg.err = b.Statuses(ctx)
		return msg
	}
}

// mirroredMsg says orders read from a store were written to the mirror:
// the tables showing their stores read their windows again.
type mirroredMsg struct {
	stores []int
	err    error
}

// mirrorPutCmd writes orders a store returned (a detail, a change's
// answer) to the mirror, off the Update loop. Quitting does not cut a
// write short: it is a few milliseconds.
func mirrorPutCmd(ctx context.Context, mr Mirror, orders []backend.Order, stores []int) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cacheTimeout)
		defer cancel()
		_, err := mr.MirrorPut(ctx, orders)
		return mirroredMsg{stores: stores, err: err}
	}
}

// applyCmd sends one change through the journal. It runs on a context
// that quitting does not cancel: a change that has started is carried to
// its end and its outcome recorded. done is called when it returns.
func applyCmd(ctx context.Context, b backend.Backend, j backend.Journal, ch backend.Change, msg changeMsg, done func()) tea.Cmd {
	return func() tea.Msg {
		defer done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), changeTimeout)
		defer cancel()
		rec := &recordedJournal{Journal: j}
		msg.res, msg.err = backend.Apply(ctx, b, rec, ch)
		msg.id = rec.id
		return msg
	}
}

// recordedJournal remembers the id the journal gave the change, so the
// dashboard can settle it later (reconcile, resend, drop) rather than
// record it again.
type recordedJournal struct {
	backend.Journal
	id int64
}

func (j *recordedJournal) Record(ctx context.Context, ch *backend.Change) error {
	err := j.Journal.Record(ctx, ch)
	j.id = ch.ID
	return err
}

// resendCmd sends a change again: the operator's decision in the journal
// view, or a retry of a bulk change's failures. With its journal entry (id)
// the database does it: it checks an unknown outcome with the store first
// and journals the attempt on the entry. Without one (no database), a
// change whose earlier outcome is unknown is checked with the store here
// and sent, through the journal j, only if it did not apply.
func resendCmd(ctx context.Context, db Database, b backend.Backend, j backend.Journal, ch backend.Change, id int64, unknown bool, msg changeMsg, done func()) tea.Cmd {
	return func() tea.Msg {
		defer done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), changeTimeout)
		defer cancel()
		if db != nil && id != 0 {
			msg.id = id
			msg.res, msg.err = db.Resend(ctx, b, id, ch.Operator)
			return msg
		}
		if unknown {
			applied, o, err := b.Verify(ctx, ch)
			switch {
			case err != nil:
				msg.settled, msg.action = true, backend.ReconcileDeferred
				msg.err = fmt.Errorf("the store could not be asked: %w", err)
				return msg
			case applied:
				msg.res = o
				return msg
			}
		}
		rec := &recordedJournal{Journal: j}
		msg.res, msg.err = backend.Apply(ctx, b, rec, ch)
		msg.id = rec.id
		return msg
	}
}

// settleCmd learns what became of a change whose answer was lost: the one
// path the dashboard takes for an unknown outcome. Nothing is sent blindly.
// With the change in the journal (id), the database's reconciliation of
// its store settles it (confirmed where the store shows it, resent where
// that is safe, else left for the operator's decision), exactly as at
// start and from the command line. Without a journal entry only the store
// can be asked (Verify): applied, or not, which counts as failed with
// cause. The answer is a settled changeMsg.
func settleCmd(ctx context.Context, db Database, b backend.Backend, ch backend.Change, id int64, opt backend.ReconcileOptions, cause error, msg changeMsg, done func()) tea.Cmd {
	return func() tea.Msg {
		defer done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), changeTimeout)
		defer cancel()
		msg.settled, msg.id = true, id
		if db == nil || id == 0 {
			applied, o, err := b.Verify(ctx, ch)
			switch {
			case err != nil:
				msg.action, msg.err = backend.ReconcileDeferred, fmt.Errorf("the store could not be asked: %w", err)
			case applied:
				msg.action, msg.res = backend.ReconcileConfirmed, o
			default:
				msg.action, msg.err = backend.ReconcileFailed, fmt.Errorf("not applied (checked with the store): %w", cause)
			}
			return msg
		}
		outs, err := db.Reconcile(ctx, b, opt)
		if err != nil {
			msg.action, msg.err = backend.ReconcileDeferred, err
			return msg
		}
		for _, o := range outs {
			if o.Entry.ID == id {
				msg.action, msg.err = o.Action, o.Err
				if o.Action == backend.ReconcileNeedsDecision && o.Err == nil && o.Entry.Error != "" {
					msg.err = errors.New(o.Entry.Error)
				}
				return msg
			}
		}
		// Another reconciliation settled it first: the journal says how.
		e, err := db.Change(ctx, id)
		if err != nil {
			msg.action, msg.err = backend.ReconcileDeferred, err
			return msg
		}
		msg.action, msg.err = actionOf(e)
		return msg
	}
}

// actionOf reads where a journal entry stands as a reconciliation's action.
func actionOf(e backend.JournalEntry) (backend.ReconcileAction, error) {
	var why error
	if e.Error != "" {
		why = errors.New(e.Error)
	}
	switch {
	case e.State == backend.StateConfirmed:
		return backend.ReconcileConfirmed, nil
	case e.State == backend.StateFailed:
		return backend.ReconcileFailed, why
	case e.State == backend.StateDropped:
		return backend.ReconcileFailed, errors.New("dropped: nothing was sent")
	case e.NeedsDecision:
		return backend.ReconcileNeedsDecision, why
	case e.State == backend.StateUnknown:
		return backend.ReconcileUnknown, why
	}
	return backend.ReconcileDeferred, errors.New("still being sent")
}
