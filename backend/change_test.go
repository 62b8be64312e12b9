package backend

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeJournal records every call and can be told to fail one of them.
type fakeJournal struct {
	mu     sync.Mutex
	calls  []string
	failOn string
	change Change
	ctxErr error // the context error seen by the outcome call
	cause  error
	order  Order
	sends  int // what the outcome call was told
}

func (j *fakeJournal) note(call string) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.calls = append(j.calls, call)
	if call == j.failOn {
		return errors.New("disk full")
	}
	return nil
}

func (j *fakeJournal) Record(_ context.Context, ch *Change) error {
	ch.ID = 7
	if ch.IdempotencyKey == "" {
		ch.IdempotencyKey = "key-7"
	}
	j.change = *ch
	return j.note("record")
}
func (j *fakeJournal) Sent(_ context.Context, id int64) error { return j.note("sent") }
func (j *fakeJournal) Confirmed(ctx context.Context, id int64, sends int, o Order) error {
	j.ctxErr, j.order, j.sends = ctx.Err(), o, sends
	return j.note("confirmed")
}
func (j *fakeJournal) Failed(ctx context.Context, id int64, sends int, cause error) error {
	j.ctxErr, j.cause, j.sends = ctx.Err(), cause, sends
	return j.note("failed")
}
func (j *fakeJournal) Unknown(ctx context.Context, id int64, sends int, cause error) error {
	j.ctxErr, j.cause, j.sends = ctx.Err(), cause, sends
	return j.note("unknown")
}

// fakeBackend answers SetStatus with a fixed result and remembers the change.
type fakeBackend struct {
	sends  int // write requests its transport reports
	err    error
	got    *Change
	cancel context.CancelFunc // cancels the caller's context mid-send
}

func (b *fakeBackend) Name() string                               { return "EU" }
func (b *fakeBackend) Platform() string                           { return "fake" }
func (b *fakeBackend) Capabilities() Capabilities                 { return Capabilities{} }
func (b *fakeBackend) BackoffUntil() time.Time                    { return time.Time{} }
func (b *fakeBackend) List(context.Context, Query) (Page, error)  { return Page{}, nil }
func (b *fakeBackend) Get(context.Context, string) (Order, error) { return Order{}, nil }
func (b *fakeBackend) Statuses(context.Context) ([]Status, error) { return nil, nil }
func (b *fakeBackend) CanSet(Order, Status) string                { return "" }
func (b *fakeBackend) Verify(context.Context, Change) (bool, Order, error) {
	return false, Order{}, nil
}
func (b *fakeBackend) SetStatus(ctx context.Context, ch Change) (Order, error) {
	b.got = &ch
	for range b.sends {
		NoteSend(ctx)
	}
	if b.cancel != nil {
		b.cancel()
	}
	if b.err != nil {
		return Order{}, b.err
	}
	return Order{ID: ch.OrderID, Status: ch.To}, nil
}

func TestApply(t *testing.T) {
	refused := &Error{Kind: KindInvalidStatus, Store: "EU", Message: "no"}
	lost := &Error{Kind: KindUnavailable, Store: "EU", Message: "timed out", Uncertain: true}
	cases := []struct {
		name    string
		sendErr error
		failOn  string
		cancel  bool
		calls   string
		want    *Error // nil: no error
		sent    bool
		order   bool
	}{
		{name: "confirmed", calls: "record,sent,confirmed", sent: true, order: true},
		{name: "refused is failed", sendErr: refused, calls: "record,sent,failed", want: ErrInvalidStatus, sent: true},
		{name: "uncertain is unknown", sendErr: lost, calls: "record,sent,unknown", want: ErrUnavailable, sent: true},
		{name: "a change the journal cannot record is not sent", failOn: "record", calls: "record", want: ErrJournal},
		{name: "a change the journal cannot mark is not sent", failOn: "sent", calls: "record,sent", want: ErrJournal},
		{name: "an outcome that cannot be written is reported", failOn: "confirmed", calls: "record,sent,confirmed", want: ErrJournal, sent: true, order: true},
		{name: "a failure that cannot be written keeps both errors", sendErr: refused, failOn: "failed", calls: "record,sent,failed", want: ErrInvalidStatus, sent: true},
		{name: "the outcome is written even when the caller gave up", cancel: true, sendErr: lost, calls: "record,sent,unknown", want: ErrUnavailable, sent: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			j := &fakeJournal{failOn: tc.failOn}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			b := &fakeBackend{err: tc.sendErr}
			if tc.cancel {
				b.cancel = cancel
			}
			o, err := Apply(ctx, b, j, Change{OrderID: "9", To: Status{Code: "P"}})
			if got := strings.Join(j.calls, ","); got != tc.calls {
				t.Errorf("journal calls %s, want %s", got, tc.calls)
			}
			if (b.got != nil) != tc.sent {
				t.Errorf("sent %v, want %v", b.got != nil, tc.sent)
			}
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("err %v, want %v", err, tc.want)
			}
			if tc.failOn == "failed" && !errors.Is(err, ErrJournal) {
				t.Errorf("the journal failure is lost: %v", err)
			}
			if (o.ID == "9") != tc.order {
				t.Errorf("order %+v", o)
			}
			if j.ctxErr != nil {
				t.Errorf("the outcome was written with a dead context: %v", j.ctxErr)
			}
			if tc.sent {
				if b.got.ID != 7 || b.got.Store != "EU" || b.got.Requested.IsZero() || b.got.IdempotencyKey != "key-7" {
					t.Errorf("the backend got %+v; want the recorded change", b.got)
				}
			}
			if tc.sendErr != nil && j.cause != tc.sendErr {
				t.Errorf("journal cause %v", j.cause)
			}
		})
	}
}

// The journal learns how many requests may have reached the store, as the
// transport reported them on the context SetStatus was given.
func TestApplyCountsSends(t *testing.T) {
	lost := &Error{Kind: KindUnavailable, Message: "timed out", Uncertain: true}
	refused := &Error{Kind: KindConflict, Message: "the order moved on; nothing was sent"}
	cases := []struct {
		name  string
		sends int
		err   error
		call  string
	}{
		{"one request, confirmed", 1, nil, "confirmed"},
		{"two requests (throttled, then taken)", 2, nil, "confirmed"},
		{"one request, answer lost", 1, lost, "unknown"},
		{"refused before anything left", 0, refused, "failed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			j := &fakeJournal{}
			Apply(context.Background(), &fakeBackend{sends: tc.sends, err: tc.err}, j, Change{OrderID: "9", To: Status{Code: "P"}})
			if j.calls[len(j.calls)-1] != tc.call || j.sends != tc.sends {
				t.Errorf("journal %v told %d sends, want %s with %d", j.calls, j.sends, tc.call, tc.sends)
			}
		})
	}
	// Outside Apply nothing is counted, and nothing breaks.
	NoteSend(context.Background())
}

func TestApplyKeepsWhatTheCallerSet(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	j := &fakeJournal{}
	b := &fakeBackend{}
	if _, err := Apply(context.Background(), b, j, Change{Store: "Other", OrderID: "9", Requested: at}); err != nil {
		t.Fatal(err)
	}
	if b.got.Store != "Other" || !b.got.Requested.Equal(at) {
		t.Errorf("change %+v", b.got)
	}
	// No journal: NopJournal.
	if _, err := Apply(context.Background(), b, nil, Change{OrderID: "9"}); err != nil {
		t.Fatal(err)
	}
}

func TestCanSort(t *testing.T) {
	c := Capabilities{Sorts: []SortField{SortID, SortCreated}}
	if !c.CanSort(SortID) || c.CanSort(SortTotal) {
		t.Error("CanSort")
	}
}
