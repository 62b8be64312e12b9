package backend

import (
	"strings"
	"testing"
	"time"
)

func span(d time.Duration) *Span { s := Span(d); return &s }

func TestSpan(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		err  string
	}{
		{in: "24h", want: 24 * time.Hour},
		{in: "90m", want: 90 * time.Minute},
		{in: "2d", want: 48 * time.Hour},
		{in: "1.5d", want: 36 * time.Hour},
		{in: " 0 ", want: 0},
		{in: "-1h", err: "negative"},
		{in: "-2d", err: "not a number of days"},
		{in: "2 days", err: "not a length of time"},
		{in: "99999d", err: "not a number of days"},
		{in: "", err: "not a length of time"},
	}
	for _, tt := range tests {
		var s Span
		err := s.UnmarshalText([]byte(tt.in))
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("Span(%q): error %v, want %q", tt.in, err, tt.err)
		case tt.err == "" && (err != nil || time.Duration(s) != tt.want):
			t.Errorf("Span(%q) = %v, %v; want %v", tt.in, time.Duration(s), err, tt.want)
		}
	}
}

func TestSLAWith(t *testing.T) {
	base := DefaultSLA()
	store := SLA{Processing: span(24 * time.Hour), OnHold: span(0), Shipped: span(7 * 24 * time.Hour)}
	got := base.With(store)
	want := map[StatusKind]time.Duration{
		KindPending:    24 * time.Hour, // kept
		KindProcessing: 24 * time.Hour, // overridden
		KindOnHold:     0,              // turned off
		KindShipped:    7 * 24 * time.Hour,
		KindOther:      0,
		KindCompleted:  0,
	}
	for k, d := range want {
		if got.Limit(k) != d {
			t.Errorf("%s: %v, want %v", k, got.Limit(k), d)
		}
	}
	// With copies: changing the result leaves the base as it was.
	**got.field(KindPending) = Span(time.Hour)
	if base.Limit(KindPending) != 24*time.Hour {
		t.Errorf("With shares its values with the base")
	}
}

func TestSLAValidate(t *testing.T) {
	if err := DefaultSLA().Validate(); err != nil {
		t.Errorf("default: %v", err)
	}
	if err := (SLA{Pending: span(0)}).Validate(); err != nil {
		t.Errorf("0 is no limit: %v", err)
	}
	err := (SLA{OnHold: span(24 * time.Second)}).Validate()
	if err == nil || !strings.HasPrefix(err.Error(), "on_hold: 24s is shorter than a minute") {
		t.Errorf("24s: %v", err)
	}
}

func TestTimingOf(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	st := func(code string, k StatusKind) Status { return Status{Code: code, Name: code, Kind: k} }
	pending, processing, shipped, done := st("O", KindPending), st("P", KindProcessing), st("S", KindShipped), st("C", KindCompleted)
	sla := DefaultSLA() // pending 24h, processing 48h, on hold 72h
	h := time.Hour

	tests := []struct {
		name    string
		o       Order
		sla     SLA
		age     time.Duration
		due     time.Time
		late    bool
		overdue time.Duration
		urgent  bool
	}{
		{
			name: "pending within its day",
			o:    Order{Status: pending, Created: ago(3 * h)},
			age:  3 * h, due: ago(3 * h).Add(24 * h),
		},
		{
			name: "pending for two days: counted from creation",
			o:    Order{Status: pending, Created: ago(50 * h), Updated: ago(time.Minute)},
			age:  50 * h, due: ago(26 * h), late: true, overdue: 26 * h,
		},
		{
			name: "processing: from the history entry that started it",
			o: Order{Status: processing, Created: ago(100 * h), History: []Event{
				{At: ago(10 * h), Status: processing}, // a note in the same status
				{At: ago(30 * h), Status: processing},
				{At: ago(100 * h), Status: pending},
			}},
			age: 100 * h, due: ago(30 * h).Add(48 * h),
		},
		{
			name: "in one status all its life: from creation, not the first entry",
			o: Order{Status: pending, Created: ago(30 * h), Updated: ago(2 * h), History: []Event{
				{At: ago(2 * h), Status: pending}, // received here long after it was placed
			}},
			age: 30 * h, due: ago(6 * h), late: true, overdue: 6 * h,
		},
		{
			name: "processing without history: from the last update",
			o:    Order{Status: processing, Created: ago(100 * h), Updated: ago(60 * h)},
			age:  100 * h, due: ago(12 * h), late: true, overdue: 12 * h,
		},
		{
			name: "no update time: from creation",
			o:    Order{Status: processing, Created: ago(49 * h)},
			age:  49 * h, due: ago(h), late: true, overdue: h,
		},
		{
			name: "a dispatch date 11 days past wins over the SLA",
			o:    Order{Status: st("1", KindProcessing), Created: ago(13 * 24 * h), Updated: ago(h), DispatchBy: ago(11 * 24 * h), Urgent: true},
			age:  13 * 24 * h, due: ago(11 * 24 * h), late: true, overdue: 11 * 24 * h, urgent: true,
		},
		{
			name: "a later dispatch date leaves the SLA due",
			o:    Order{Status: pending, Created: ago(h), DispatchBy: now.Add(72 * h)},
			age:  h, due: ago(h).Add(24 * h),
		},
		{
			name: "a dispatch date with no SLA for the kind",
			o:    Order{Status: st("X", KindOther), Created: ago(h), DispatchBy: now.Add(5 * h)},
			age:  h, due: now.Add(5 * h),
		},
		{
			name: "shipped: no limit by default, the dispatch date and urgency no longer count",
			o:    Order{Status: shipped, Created: ago(300 * h), DispatchBy: ago(200 * h), Urgent: true},
			age:  300 * h,
		},
		{
			name: "shipped with a limit",
			o:    Order{Status: shipped, Created: ago(300 * h), Updated: ago(200 * h)},
			sla:  sla.With(SLA{Shipped: span(7 * 24 * h)}),
			age:  300 * h, due: ago(200 * h).Add(7 * 24 * h), late: true, overdue: 32 * h,
		},
		{
			name: "final orders are never late or urgent",
			o:    Order{Status: done, Created: ago(900 * h), DispatchBy: ago(800 * h), Urgent: true},
			age:  900 * h,
		},
		{
			name: "a limit turned off",
			o:    Order{Status: pending, Created: ago(900 * h)},
			sla:  sla.With(SLA{Pending: span(0)}),
			age:  900 * h,
		},
		{
			name: "unknown creation time, a clock ahead of ours",
			o:    Order{Status: processing, Updated: now.Add(time.Minute)},
			due:  now.Add(time.Minute + 48*h),
		},
		{
			name: "urgent, not late",
			o:    Order{Status: processing, Created: ago(h), Urgent: true},
			age:  h, due: ago(h).Add(48 * h), urgent: true,
		},
	}
	for _, tt := range tests {
		s := sla
		if tt.sla != (SLA{}) {
			s = tt.sla
		}
		got := TimingOf(tt.o, s, now)
		if got.Age != tt.age || !got.Due.Equal(tt.due) || got.Late != tt.late || got.Overdue != tt.overdue || got.Urgent != tt.urgent {
			t.Errorf("%s:\n got age %v due %v late %v overdue %v urgent %v\nwant age %v due %v late %v overdue %v urgent %v", tt.name,
				got.Age, got.Due, got.Late, got.Overdue, got.Urgent, tt.age, tt.due, tt.late, tt.overdue, tt.urgent)
		}
	}
}
