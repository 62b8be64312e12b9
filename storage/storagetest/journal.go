package storagetest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

func testApplyOutcomes(t *testing.T, fresh Fresh) {
	tests := []struct {
		name       string
		setErr     error
		applyFirst bool
		state      backend.ChangeState
		applied    int
		errText    string
	}{
		{"confirmed", nil, false, backend.StateConfirmed, 1, ""},
		{"refused", fake.ErrRefused, false, backend.StateFailed, 0, "status not allowed"},
		{"answer lost", fake.ErrLost, true, backend.StateUnknown, 1, "connection reset"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db := fresh(t)(t)
			f := fake.NewStore("Shop", true)
			f.SetErr, f.ApplyFirst = tt.setErr, tt.applyFirst
			_, err := backend.Apply(ctx, f, db.Journal("sam"), fake.Change("Shop", "1"))
			if (err != nil) != (tt.setErr != nil) {
				t.Fatalf("Apply error = %v", err)
			}
			es, err := db.Changes(ctx, backend.ChangeFilter{})
			if err != nil || len(es) != 1 {
				t.Fatalf("Changes = %v, %v", es, err)
			}
			e := es[0]
			if e.State != tt.state || f.AppliedCount() != tt.applied || !strings.Contains(e.Error, tt.errText) {
				t.Errorf("state %s applied %d error %q", e.State, f.AppliedCount(), e.Error)
			}
			if e.Operator != "sam" || e.IdempotencyKey == "" || e.Requested.IsZero() || e.Attempts != 1 || e.Sent.IsZero() {
				t.Errorf("entry not filled in: %+v", e)
			}
			if e.Note != "boxed" || e.Tracking != "1Z999" || !e.Notify || e.From != fake.Open || e.To != fake.Shipped {
				t.Errorf("change not kept: %+v", e.Change)
			}
			if tt.state == backend.StateConfirmed && (e.Result == nil || *e.Result != fake.Shipped) {
				t.Errorf("result = %v", e.Result)
			}
			log, err := db.Steps(ctx, e.ID)
			if err != nil || len(log) != 3 || log[0].State != backend.StatePending || log[2].State != tt.state {
				t.Errorf("log = %+v, %v", log, err)
			}
		})
	}
}

// attempts is the number of write requests that may have reached the
// store, as the client's transport counted them, summed over resends; the
// log line says so when one send was not one request.
func testAttemptsCountSends(t *testing.T, fresh Fresh) {
	tests := []struct {
		name     string
		sends    int
		setErr   error
		attempts int
		log      string
	}{
		{"one request", 1, nil, 1, "confirmed: the store shows Complete"},
		{"throttled, then taken", 2, nil, 2, "(2 requests reached the store)"},
		{"answer lost", 1, fake.ErrLost, 1, "outcome unknown"},
		{"refused before sending", 0, fake.ErrRefused, 0, "(no request reached the store)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db := fresh(t)(t)
			f := fake.NewStore("Shop", true)
			f.Sends, f.SetErr = tt.sends, tt.setErr
			backend.Apply(ctx, f, db.Journal("sam"), fake.Change("Shop", "1"))
			e, err := db.Change(ctx, 1)
			if err != nil || e.Attempts != tt.attempts {
				t.Fatalf("attempts %d, want %d (%v)", e.Attempts, tt.attempts, err)
			}
			log, err := db.Steps(ctx, 1)
			if err != nil || !strings.Contains(log[len(log)-1].Message, tt.log) {
				t.Errorf("last log line %+v, want %q (%v)", log[len(log)-1], tt.log, err)
			}
			if tt.setErr == nil {
				return
			}
			// A resend adds the requests it made.
			f.SetErr = nil
			f.Sends = 1
			if _, err := db.Resend(ctx, f, 1, "sam"); err != nil {
				t.Fatal(err)
			}
			if e, _ := db.Change(ctx, 1); e.Attempts != tt.attempts+1 {
				t.Errorf("after a resend attempts %d, want %d", e.Attempts, tt.attempts+1)
			}
		})
	}
}

func testRecordFillsAndSurvivesReopen(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	open := fresh(t)
	db := open(t)
	j := db.Journal("  ann ")
	var keys = map[string]bool{}
	for i := 0; i < 3; i++ {
		ch := fake.Change("Shop", "1")
		if err := j.Record(ctx, &ch); err != nil {
			t.Fatal(err)
		}
		if ch.ID == 0 || ch.Operator != "ann" || ch.Requested.IsZero() || ch.Requested.Location() != time.UTC {
			t.Fatalf("Record did not fill the change: %+v", ch)
		}
		if keys[ch.IdempotencyKey] {
			t.Fatalf("idempotency key %q reused", ch.IdempotencyKey)
		}
		keys[ch.IdempotencyKey] = true
	}
	keep := fake.Change("Shop", "2")
	keep.IdempotencyKey, keep.Operator = "given-key", "bob"
	if err := j.Record(ctx, &keep); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db = open(t)
	e := fake.MustChange(t, db, keep.ID)
	if e.IdempotencyKey != "given-key" || e.Operator != "bob" || e.State != backend.StatePending || !e.Requested.Equal(keep.Requested) {
		t.Errorf("after reopen: %+v", e)
	}
}

func testRecordRejects(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	j := db.Journal("sam")
	for name, ch := range map[string]backend.Change{
		"no store":  {OrderID: "1", To: fake.Shipped},
		"no order":  {Store: "Shop", To: fake.Shipped},
		"no status": {Store: "Shop", OrderID: "1"},
		"recorded":  {ID: 4, Store: "Shop", OrderID: "1", To: fake.Shipped},
	} {
		if err := j.Record(ctx, &ch); err == nil {
			t.Errorf("%s: Record accepted %+v", name, ch)
		}
	}
	ch := fake.Change("Shop", "1")
	ch.IdempotencyKey = "dup"
	if err := j.Record(ctx, &ch); err != nil {
		t.Fatal(err)
	}
	again := fake.Change("Shop", "1")
	again.IdempotencyKey = "dup"
	if err := j.Record(ctx, &again); err == nil {
		t.Error("a second change with the same idempotency key was recorded")
	}
}

func testTransitionsGuarded(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	j := db.Journal("sam")
	ch := fake.Change("Shop", "1")
	if err := j.Record(ctx, &ch); err != nil {
		t.Fatal(err)
	}
	if err := j.Confirmed(ctx, ch.ID, 1, backend.Order{}); !errors.Is(err, storage.ErrState) {
		t.Errorf("confirming a pending change: %v", err)
	}
	if err := j.Unknown(ctx, ch.ID, 1, fake.ErrLost); !errors.Is(err, storage.ErrState) {
		t.Errorf("unknown on a pending change: %v", err)
	}
	if err := j.Sent(ctx, ch.ID); err != nil {
		t.Fatal(err)
	}
	if err := j.Sent(ctx, ch.ID); !errors.Is(err, storage.ErrState) {
		t.Errorf("sending twice: %v", err)
	}
	if err := db.Drop(ctx, ch.ID, "sam"); !errors.Is(err, storage.ErrState) || !strings.Contains(err.Error(), "in flight") {
		t.Errorf("dropping a sent change: %v", err)
	}
	if err := j.Confirmed(ctx, ch.ID, 1, backend.Order{Status: fake.Shipped}); err != nil {
		t.Fatal(err)
	}
	if err := j.Failed(ctx, ch.ID, 1, fake.ErrRefused); !errors.Is(err, storage.ErrState) {
		t.Errorf("failing a confirmed change: %v", err)
	}
	if err := db.Drop(ctx, ch.ID, "sam"); !errors.Is(err, storage.ErrState) {
		t.Errorf("dropping a confirmed change: %v", err)
	}
	if err := j.Sent(ctx, 999); !errors.Is(err, storage.ErrNoChange) {
		t.Errorf("unknown id: %v", err)
	}
	if _, err := db.Change(ctx, 999); !errors.Is(err, storage.ErrNoChange) {
		t.Errorf("Change(999): %v", err)
	}
}

func testJournalFailureStopsTheSend(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	f := fake.NewStore("Shop", true)
	db.Close() // every write now fails
	_, err := backend.Apply(ctx, f, db.Journal("sam"), fake.Change("Shop", "1"))
	if backend.KindOf(err) != backend.KindJournal || f.SetCount() != 0 {
		t.Fatalf("Apply with a closed journal: err %v, %d sends", err, f.SetCount())
	}
}

func testErrorTextIsOneCleanLine(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	f := fake.NewStore("Shop", true)
	f.SetErr = &backend.Error{Kind: backend.KindInvalidStatus, Message: "bad\x1b[31m status\nsecond line " + strings.Repeat("x", 900)}
	backend.Apply(ctx, f, db.Journal("sam"), fake.Change("Shop", "1"))
	es, _ := db.Changes(ctx, backend.ChangeFilter{})
	if len(es) != 1 || strings.ContainsAny(es[0].Error, "\x1b\n") || len([]rune(es[0].Error)) > 501 {
		t.Errorf("error text %q", es[0].Error)
	}
}

func testCancelledCallerStillRecordsOutcome(t *testing.T, fresh Fresh) {
	db := fresh(t)(t)
	f := fake.NewStore("Shop", true)
	ctx, cancel := context.WithCancel(context.Background())
	f.Hook = cancel // the operator quits while the request is out
	f.SetErr, f.ApplyFirst = fake.ErrLost, true
	backend.Apply(ctx, f, db.Journal("sam"), fake.Change("Shop", "1"))
	es, err := db.Changes(context.Background(), backend.ChangeFilter{})
	if err != nil || len(es) != 1 || es[0].State != backend.StateUnknown {
		t.Fatalf("after a cancelled send: %+v, %v", es, err)
	}
}
