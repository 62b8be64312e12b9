package main

import (
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

// reconcile settles the journal's changes of unknown outcome (left "sent"
// by a process that died, or "unknown" after a broken connection) against
// stores, within timeout (0: no limit but ctx's). Each store is asked on
// its own, so a read-only store (read_only = true, or --read-only for all)
// is never resent to: its changes wait for the operator instead. Outcomes
// are in journal order (oldest first).
func (a *app) reconcile(ctx context.Context, db *storage.DB, stores []store, timeout time.Duration) ([]storage.Outcome, error) {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	var (
		mu   sync.Mutex
		all  []storage.Outcome
		errs []error
		wg   sync.WaitGroup
	)
	for _, s := range stores {
		wg.Go(func() {
			out, err := storage.Reconcile(ctx, db, map[string]backend.Backend{s.Name(): s.Backend}, storage.ReconcileOptions{
				Store: s.Name(), Operator: a.operator(), NoResend: a.g.readOnly || s.readOnly,
			})
			mu.Lock()
			defer mu.Unlock()
			all = append(all, out...)
			if err != nil {
				errs = append(errs, err)
			}
		})
	}
	wg.Wait()
	slices.SortFunc(all, func(x, y storage.Outcome) int { return int(x.Entry.ID - y.Entry.ID) })
	if len(errs) > 0 {
		return all, fmt.Errorf("reconcile the journal: %w", errs[0])
	}
	return all, nil
}

// writeOutcomes prints one line per change reconciliation looked at.
func writeOutcomes(w io.Writer, prefix string, outcomes []storage.Outcome) {
	for _, o := range outcomes {
		fmt.Fprintf(w, "%s%s\n", prefix, backend.CleanLine(outcomeText(o)))
	}
}

// outcomeText is what happened to one change, and what the operator may do.
func outcomeText(o storage.Outcome) string {
	e := o.Entry
	var what string
	switch o.Action {
	case storage.ActionConfirmed:
		what = "confirmed: the store shows it applied"
	case storage.ActionResent:
		what = "resent (same idempotency key) and confirmed"
	case storage.ActionFailed:
		what = "resent; the store refused it: " + errText(o.Err)
	case storage.ActionUnknown:
		what = "resent; the outcome is unknown again: " + errText(o.Err)
	case storage.ActionNeedsDecision:
		what = fmt.Sprintf("needs your decision: %s (orderdash journal resend %d, or drop %d)", e.Error, e.ID, e.ID)
	case storage.ActionDeferred:
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
func worthTelling(outcomes []storage.Outcome) []storage.Outcome {
	return slices.DeleteFunc(slices.Clone(outcomes), func(o storage.Outcome) bool {
		if o.Action != storage.ActionDeferred {
			return false
		}
		return o.Err == nil || errors.Is(o.Err, context.Canceled) || errors.Is(o.Err, storage.ErrInFlight)
	})
}
