package backend

import (
	"context"
	"errors"
	"strings"
	"time"
)

// Change is one status change an operator asked for.
type Change struct {
	// ID is the journal's id for the change; 0 until it is recorded.
	ID      int64  `json:"id,omitempty"`
	Store   string `json:"store"`
	OrderID string `json:"order_id"`
	// Number is the order's number as people see it, where the caller
	// knows it, so errors name the order as the operator does (Kornit X's
	// CG31000741 rather than 4200057). The journal keeps OrderID only.
	Number string `json:"-"`
	// From is the status the operator saw when choosing; clients may use
	// it to detect that someone else changed the order meanwhile.
	From     Status `json:"from"`
	To       Status `json:"to"`
	Notify   bool   `json:"notify"`
	Note     string `json:"note,omitempty"`
	Tracking string `json:"tracking,omitempty"`
	// IdempotencyKey is unique per change (not per attempt); clients pass
	// it to platforms that take one, so a resend can never apply twice.
	IdempotencyKey string    `json:"idempotency_key,omitempty"`
	Operator       string    `json:"operator,omitempty"`
	Requested      time.Time `json:"requested,omitzero"`
}

// OrderRef is how the change names its order to people: the number when
// known, else the id.
func (c Change) OrderRef() string {
	if c.Number != "" {
		return c.Number
	}
	return c.OrderID
}

// ChangeState is where a change stands in the journal.
type ChangeState string

const (
	StatePending   ChangeState = "pending"   // recorded, not yet sent
	StateSent      ChangeState = "sent"      // sent; no answer yet
	StateConfirmed ChangeState = "confirmed" // the platform shows it applied
	StateFailed    ChangeState = "failed"    // the platform refused it; nothing applied
	StateUnknown   ChangeState = "unknown"   // it may have applied: reconcile
	StateDropped   ChangeState = "dropped"   // an operator gave it up
)

// Journal is the outbox every status change passes through: it is recorded
// before it is sent and its outcome is written back, so nothing is silently
// dropped or applied twice. The storage package implements it on SQLite.
type Journal interface {
	// Record stores ch as pending and fills ch.ID and, when empty,
	// ch.IdempotencyKey and ch.Requested.
	Record(ctx context.Context, ch *Change) error
	// Sent marks the change as sent: a request is about to leave, and
	// counts as an attempt until the outcome brings the true count.
	Sent(ctx context.Context, id int64) error
	// Confirmed, Failed and Unknown store the outcome with sends, the
	// number of write requests that may have reached the store (see
	// CountSends): 0 when nothing left, more than 1 when the platform
	// needs several requests or a throttled one was sent again.
	//
	// Confirmed stores the platform's answer.
	Confirmed(ctx context.Context, id int64, sends int, o Order) error
	// Failed stores why the platform refused the change.
	Failed(ctx context.Context, id int64, sends int, cause error) error
	// Unknown stores that the outcome could not be learned.
	Unknown(ctx context.Context, id int64, sends int, cause error) error
}

// Apply sends ch through j and b: record, mark sent, send, then record the
// outcome with the number of requests that may have reached the store. It
// is the only way the command line and the dashboard change a status. A
// journal that cannot record the change stops it from being sent.
func Apply(ctx context.Context, b Backend, j Journal, ch Change) (Order, error) {
	if j == nil {
		j = NopJournal{}
	}
	if ch.Requested.IsZero() {
		ch.Requested = time.Now().UTC()
	}
	if ch.Store == "" {
		ch.Store = b.Name()
	}
	if err := j.Record(ctx, &ch); err != nil {
		return Order{}, &Error{Kind: KindJournal, Store: b.Name(), Op: "record change", Message: journalMessage("the change was not sent: the journal could not record it", "record change", err), Err: err}
	}
	if err := j.Sent(ctx, ch.ID); err != nil {
		return Order{}, &Error{Kind: KindJournal, Store: b.Name(), Op: "record change", Message: journalMessage("the change was not sent: the journal could not mark it", "record change", err), Err: err}
	}
	sctx, sends := CountSends(ctx)
	o, err := b.SetStatus(sctx, ch)
	n := sends()
	// The outcome is written with a fresh context: the caller's may be the
	// very thing that was cancelled, and the outcome must not be lost.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err != nil {
		var jerr error
		if IsUncertain(err) {
			jerr = j.Unknown(wctx, ch.ID, n, err)
		} else {
			jerr = j.Failed(wctx, ch.ID, n, err)
		}
		return Order{}, errors.Join(err, wrapJournal(b.Name(), jerr))
	}
	if jerr := j.Confirmed(wctx, ch.ID, n, o); jerr != nil {
		return o, wrapJournal(b.Name(), jerr)
	}
	return o, nil
}

func wrapJournal(store string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: KindJournal, Store: store, Op: "record outcome", Message: journalMessage("the outcome could not be written to the journal", "record outcome", err), Err: err}
}

// journalMessage is what happened followed by the journal's own one line
// (which file, why, what to do): without it the operator learns that a
// change was refused but not how to make the next one work. A cause
// starting with the operation already named is shortened.
func journalMessage(what, op string, cause error) string {
	return what + ": " + strings.TrimPrefix(CleanLine(cause.Error()), op+" ")
}

// NopJournal records nothing; it stands in where no database is available.
type NopJournal struct{}

func (NopJournal) Record(context.Context, *Change) error              { return nil }
func (NopJournal) Sent(context.Context, int64) error                  { return nil }
func (NopJournal) Confirmed(context.Context, int64, int, Order) error { return nil }
func (NopJournal) Failed(context.Context, int64, int, error) error    { return nil }
func (NopJournal) Unknown(context.Context, int64, int, error) error   { return nil }
