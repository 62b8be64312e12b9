package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// reconcileTimeout bounds reconciliation at the start of set-status: a
// store that does not answer leaves its changes for next time rather than
// holding the operator up. (The dashboard reconciles by itself, in the
// background, through ui.Options.DB.)
const reconcileTimeout = 15 * time.Second

// reconciler is the call the command line and the dashboard both
// reconcile through: *storage.DB's, once per store (the dashboard's
// ui.Database is the same *storage.DB). storage runs one reconciliation of
// a store at a time, whoever asks.
type reconciler interface {
	Reconcile(ctx context.Context, b backend.Backend, opt backend.ReconcileOptions) ([]backend.ReconcileOutcome, error)
}

// reconcile settles the journal's changes of unknown outcome (left "sent"
// by a process that died, or "unknown" after a broken connection) against
// stores, within timeout (0: no limit but ctx's). Each store is asked on
// its own, in parallel, so one that does not answer holds up no other.
// Outcomes are in journal order (oldest first).
func (a *app) reconcile(ctx context.Context, db reconciler, stores []store, timeout time.Duration) ([]backend.ReconcileOutcome, error) {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	outs := make([][]backend.ReconcileOutcome, len(stores))
	errs := make([]error, len(stores))
	var wg sync.WaitGroup
	for i, s := range stores {
		wg.Go(func() { outs[i], errs[i] = db.Reconcile(ctx, s.Backend, a.reconcileOptions(s)) })
	}
	wg.Wait()
	all := slices.Concat(outs...)
	slices.SortFunc(all, func(x, y backend.ReconcileOutcome) int { return cmp.Compare(x.Entry.ID, y.Entry.ID) })
	for _, err := range errs {
		if err != nil {
			return all, fmt.Errorf("reconcile the journal: %w", err)
		}
	}
	return all, nil
}

// reconcileOptions never resend where the operator may not change
// anything: with --read-only, or to a read-only store (read_only = true).
// The dashboard builds the same from ui.Options (ReadOnly, StoreReadOnly).
func (a *app) reconcileOptions(s store) backend.ReconcileOptions {
	return backend.ReconcileOptions{Operator: a.operator(), NoResend: a.g.readOnly || s.readOnly}
}

// writeOutcomes prints one line per change reconciliation looked at.
func writeOutcomes(w io.Writer, prefix string, outcomes []backend.ReconcileOutcome) {
	for _, o := range outcomes {
		fmt.Fprintf(w, "%s%s\n", prefix, backend.CleanLine(outcomeText(o)))
	}
}

// outcomeText is what happened to one change, and what the operator may do.
func outcomeText(o backend.ReconcileOutcome) string {
	e := o.Entry
	var what string
	switch o.Action {
	case backend.ReconcileConfirmed:
		what = "confirmed: the store shows it applied"
	case backend.ReconcileResent:
		what = "resent (same idempotency key) and confirmed"
	case backend.ReconcileFailed:
		what = "resent; the store refused it: " + errText(o.Err)
	case backend.ReconcileUnknown:
		what = "resent; the outcome is unknown again: " + errText(o.Err)
	case backend.ReconcileNeedsDecision:
		what = fmt.Sprintf("needs your decision: %s (orderdash journal resend %d, or drop %d)", e.Error, e.ID, e.ID)
	case backend.ReconcileDeferred:
		what = "left for later: " + errText(o.Err)
	default:
		what = string(o.Action)
	}
	return fmt.Sprintf("journal: change %d (%s order %s, %s → %s): %s",
		e.ID, e.Store, e.OrderID, e.From.Label(), e.To.Label(), what)
}

func errText(err error) string {
	if err == nil {
		return "no reason given"
	}
	return strings.TrimSpace(err.Error())
}

// worthTelling drops the outcomes that need nothing from the operator and
// changed nothing: changes another running orderdash is still sending (it
// reports them itself), and those cut short because this run was ending.
func worthTelling(outcomes []backend.ReconcileOutcome) []backend.ReconcileOutcome {
	return slices.DeleteFunc(slices.Clone(outcomes), func(o backend.ReconcileOutcome) bool {
		if o.Action != backend.ReconcileDeferred {
			return false
		}
		return o.Err == nil || errors.Is(o.Err, context.Canceled) || errors.Is(o.Err, storage.ErrInFlight)
	})
}
