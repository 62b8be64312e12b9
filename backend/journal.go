package backend

import "time"

// The journal's view of the changes it holds: what the command line's
// `journal` commands print and the dashboard's journal view shows. The
// storage package keeps them; every layer names these types.

// JournalEntry is one change as the journal holds it: what was asked, and
// where it stands. It prints as JSON for `orderdash journal --json` with
// the Change's fields (id, store, order_id, from, to, notify, note,
// tracking, idempotency_key, operator, requested) followed by these.
type JournalEntry struct {
	Change
	State ChangeState `json:"state"`
	// NeedsDecision is set when the outcome is unknown (or the change was
	// never sent) and the platform cannot take a resend safely: the
	// operator chooses Resend or Drop.
	NeedsDecision bool `json:"needs_decision,omitempty"`
	// Error is the platform's answer (or our reason) for the last failure
	// or uncertainty; cleared when the change is confirmed.
	Error string `json:"error,omitempty"`
	// Result is the status the platform reported when it confirmed.
	Result   *Status `json:"result,omitempty"`
	Attempts int     `json:"attempts"`
	// Sent is when the last attempt left; zero if never.
	Sent    time.Time `json:"sent,omitzero"`
	Updated time.Time `json:"updated"`
}

// Open reports whether the change is unsettled: pending, sent, unknown or
// failed. The journal lists these on top.
func (e JournalEntry) Open() bool {
	switch e.State {
	case StatePending, StateSent, StateUnknown, StateFailed:
		return true
	}
	return false
}

// CanResend reports whether Resend may be offered: the change was never
// sent (pending), refused (failed) or has an unknown outcome. A "sent"
// change may still be in flight; reconciliation settles it first.
func (e JournalEntry) CanResend() bool {
	switch e.State {
	case StatePending, StateUnknown, StateFailed:
		return true
	}
	return false
}

// CanDrop reports whether Drop may be offered; the same states as CanResend.
func (e JournalEntry) CanDrop() bool { return e.CanResend() }

// JournalStep is one step in a change's life: recorded, sent, an answer,
// a reconciliation, an operator's decision.
type JournalStep struct {
	At       time.Time   `json:"at"`
	State    ChangeState `json:"state"`
	Operator string      `json:"operator,omitempty"`
	Message  string      `json:"message"`
}

// ChangeFilter selects journal entries; the zero value is everything.
type ChangeFilter struct {
	Store  string        // "" for every store
	States []ChangeState // nil for every state
	// Limit caps the number of entries (0: no cap) but never hides an open
	// one: those are always all returned, on top.
	Limit int
	// BeforeID pages through settled entries: only ids below it (0: from
	// the newest).
	BeforeID int64
}

// ReconcileOptions tune the reconciliation of one store's changes of
// unknown outcome; the zero value resends where that is safe.
type ReconcileOptions struct {
	// Operator is recorded in the journal as who reconciled ("" for none).
	Operator string
	// NoResend never resends (read-only: --read-only, or the store's
	// read_only): a change the store does not show waits for the
	// operator's decision even where a resend is safe.
	NoResend bool
	// StaleAfter is how old a "sent" change must be before it is taken as
	// abandoned when the liveness of the process that sent it cannot be
	// checked; 0 for the journal's default.
	StaleAfter time.Duration
}

// ReconcileAction is what reconciliation did with one change.
type ReconcileAction string

const (
	ReconcileConfirmed ReconcileAction = "confirmed" // the store shows it applied
	ReconcileResent    ReconcileAction = "resent"    // it was not applied; resent (same idempotency key) and confirmed
	ReconcileFailed    ReconcileAction = "failed"    // resent; the store refused it
	ReconcileUnknown   ReconcileAction = "unknown"   // resent; the outcome is unknown again
	// ReconcileNeedsDecision: not applied (or never sent) and not safe to
	// resend; the operator chooses Resend or Drop.
	ReconcileNeedsDecision ReconcileAction = "needs_decision"
	// ReconcileDeferred: the store could not be asked (unreachable) or the
	// change is still in flight in a running process; it is left for next
	// time. The outcome's Err says why.
	ReconcileDeferred ReconcileAction = "deferred"
)

// ReconcileOutcome is one change reconciliation looked at.
type ReconcileOutcome struct {
	Entry  JournalEntry // as it stands afterwards
	Action ReconcileAction
	Err    error // why, for deferred, failed and unknown
}
