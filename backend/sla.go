package backend

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Span is a length of time as config writes it: a Go duration ("36h",
// "90m") or days ("2d", "1.5d"). "0" is none.
type Span time.Duration

// UnmarshalText reads "2d", "1.5d" or a Go duration; negative ones are
// refused.
func (s *Span) UnmarshalText(b []byte) error {
	t := strings.TrimSpace(string(b))
	if n, ok := strings.CutSuffix(t, "d"); ok {
		f, err := strconv.ParseFloat(n, 64)
		if err != nil || f < 0 || f > 3650 {
			return fmt.Errorf("%q is not a number of days such as \"2d\"", t)
		}
		*s = Span(f * float64(24*time.Hour))
		return nil
	}
	d, err := time.ParseDuration(t)
	if err != nil {
		return fmt.Errorf("%q is not a length of time such as \"24h\", \"90m\" or \"2d\"", t)
	}
	if d < 0 {
		return fmt.Errorf("%q is negative", t)
	}
	*s = Span(d)
	return nil
}

// MarshalText writes the span as a Go duration.
func (s Span) MarshalText() ([]byte, error) { return []byte(time.Duration(s).String()), nil }

// SLA is the longest an order may stay in each open status kind before it
// is late: `[sla]` in config, and a store's `sla = {…}` over it. A nil
// field is not set (the default, or the table below, applies); a zero one
// means no limit. Final kinds (completed, cancelled, refunded, failed) are
// never late.
type SLA struct {
	Pending    *Span `toml:"pending"`
	Processing *Span `toml:"processing"`
	OnHold     *Span `toml:"on_hold"`
	Shipped    *Span `toml:"shipped"`
	Other      *Span `toml:"other"`
}

// DefaultSLA is what applies where config says nothing: a day to be paid
// or accepted, two to be shipped, three on hold; no limit once shipped.
func DefaultSLA() SLA {
	span := func(d time.Duration) *Span { s := Span(d); return &s }
	return SLA{Pending: span(24 * time.Hour), Processing: span(48 * time.Hour), OnHold: span(72 * time.Hour)}
}

func (s *SLA) field(k StatusKind) **Span {
	switch k {
	case KindPending:
		return &s.Pending
	case KindProcessing:
		return &s.Processing
	case KindOnHold:
		return &s.OnHold
	case KindShipped:
		return &s.Shipped
	case KindOther:
		return &s.Other
	}
	return nil
}

// Limit is how long an order may stay in a status of kind k; 0 for none.
func (s SLA) Limit(k StatusKind) time.Duration {
	if f := s.field(k); f != nil && *f != nil {
		return time.Duration(**f)
	}
	return 0
}

// With returns s with every limit over sets (a store's overrides on top of
// [sla]).
func (s SLA) With(over SLA) SLA {
	var out SLA // its own values: changing it leaves s and over alone
	for _, k := range Kinds {
		for _, from := range []SLA{s, over} {
			if f := from.field(k); f != nil && *f != nil {
				v := **f
				*out.field(k) = &v
			}
		}
	}
	return out
}

// minLimit is the shortest limit config may set: anything shorter is a
// typo ("24" meant as hours), since no order is handled in seconds.
const minLimit = time.Minute

// Validate refuses limits shorter than a minute (0, none, is fine).
func (s SLA) Validate() error {
	for _, k := range Kinds {
		if d := s.Limit(k); d != 0 && d < minLimit {
			return fmt.Errorf("%s: %s is shorter than a minute; write one such as \"24h\" or \"2d\" (\"0\" for no limit)", k, d)
		}
	}
	return nil
}

// Timing is where an order stands against its deadlines at one moment.
type Timing struct {
	// Age is how long ago the order was placed (0 when that is unknown).
	Age time.Duration
	// Since is when the order entered its current status, as far as known
	// (see TimingOf).
	Since time.Time
	// Due is when it becomes late: Since plus its status kind's limit, or
	// the platform's dispatch-by deadline where that is earlier; zero when
	// neither applies.
	Due time.Time
	// Late is true once Due has passed; Overdue is by how much.
	Late    bool
	Overdue time.Duration
	// Urgent is true when the platform marks the order urgent and it has
	// not shipped yet.
	Urgent bool
}

// TimingOf computes an order's age, due time and late and urgent state
// from the order, its store's SLA and the time now. It does no I/O.
//
// The time in status is counted from the oldest of the newest history
// entries in the order's current status (the run that started it), or
// from the creation time when the whole history is in that status; else,
// without a history (list rows, platforms that keep none), from the
// creation time for a pending order and the last update for any other,
// else from the creation time. Final orders are never late or urgent; shipped ones are
// late only by a `shipped` limit, never by a dispatch date.
func TimingOf(o Order, sla SLA, now time.Time) Timing {
	var t Timing
	if !o.Created.IsZero() {
		t.Age = max(now.Sub(o.Created), 0)
	}
	kind := o.Status.Kind
	t.Since = statusSince(o)
	if kind.Final() {
		return t
	}
	if limit := sla.Limit(kind); limit > 0 && !t.Since.IsZero() {
		t.Due = t.Since.Add(limit)
	}
	if kind != KindShipped {
		if !o.DispatchBy.IsZero() && (t.Due.IsZero() || o.DispatchBy.Before(t.Due)) {
			t.Due = o.DispatchBy
		}
		t.Urgent = o.Urgent
	}
	if !t.Due.IsZero() && now.After(t.Due) {
		t.Late = true
		t.Overdue = now.Sub(t.Due)
	}
	return t
}

// statusSince is when o entered its current status, as far as known.
func statusSince(o Order) time.Time {
	if !o.StatusSince.IsZero() {
		return o.StatusSince
	}
	return StatusSince(o)
}

// StatusSince is when o entered its current status as its history (or,
// without one, its kind and times) tells: what the mirror records when it
// first sees an order in a status.
func StatusSince(o Order) time.Time {
	var since time.Time
	whole := true                 // every entry is in the current status
	for _, e := range o.History { // newest first
		if e.Status.Code != o.Status.Code {
			whole = false
			break
		}
		if !e.At.IsZero() {
			since = e.At
		}
	}
	if whole && len(o.History) > 0 && !o.Created.IsZero() && o.Created.Before(since) {
		// In this status all its life: since it was placed, not since
		// the first entry was written (Kornit X's "received" is when the
		// push arrived here).
		return o.Created
	}
	switch {
	case !since.IsZero():
		return since
	case o.Status.Kind == KindPending && !o.Created.IsZero():
		return o.Created
	case !o.Updated.IsZero():
		return o.Updated
	}
	return o.Created
}
