package storagetest

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

// seedJournal records changes in these states, oldest first, and returns
// their ids.
func seedJournal(t *testing.T, db storage.Store, states ...backend.ChangeState) []int64 {
	t.Helper()
	ctx := context.Background()
	j := db.Journal("sam")
	var ids []int64
	for i, s := range states {
		store := "A"
		if i%2 == 1 {
			store = "B"
		}
		ch := fake.Change(store, "1")
		if err := j.Record(ctx, &ch); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, ch.ID)
		var err error
		if s != backend.StatePending {
			err = j.Sent(ctx, ch.ID)
		}
		switch s {
		case backend.StateConfirmed:
			err = errors.Join(err, j.Confirmed(ctx, ch.ID, 1, backend.Order{Status: fake.Shipped}))
		case backend.StateFailed:
			err = errors.Join(err, j.Failed(ctx, ch.ID, 1, fake.ErrRefused))
		case backend.StateUnknown:
			err = errors.Join(err, j.Unknown(ctx, ch.ID, 1, fake.ErrLost))
		case backend.StateDropped:
			err = errors.Join(err, j.Unknown(ctx, ch.ID, 1, fake.ErrLost), db.Drop(ctx, ch.ID, "ann"))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return ids
}

func ids(es []backend.JournalEntry) []int64 {
	var out []int64
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func testChangesOrderAndFilters(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	C, F, U, P, D, S := backend.StateConfirmed, backend.StateFailed, backend.StateUnknown, backend.StatePending, backend.StateDropped, backend.StateSent
	// ids 1..8; stores alternate A, B.
	seedJournal(t, db, C, F, C, U, D, P, C, S)
	tests := []struct {
		name string
		f    backend.ChangeFilter
		want []int64
	}{
		{"all: open on top, newest first", backend.ChangeFilter{}, []int64{8, 6, 4, 2, 7, 5, 3, 1}},
		{"one store", backend.ChangeFilter{Store: "A"}, []int64{7, 5, 3, 1}},
		{"limit keeps every open one", backend.ChangeFilter{Limit: 2}, []int64{8, 6, 4, 2}},
		{"limit fills with settled", backend.ChangeFilter{Limit: 6}, []int64{8, 6, 4, 2, 7, 5}},
		{"page of settled", backend.ChangeFilter{BeforeID: 5}, []int64{8, 6, 4, 2, 3, 1}},
		{"states", backend.ChangeFilter{States: []backend.ChangeState{F, D}}, []int64{2, 5}},
		{"only open states", backend.ChangeFilter{States: []backend.ChangeState{U}}, []int64{4}},
		{"store and state", backend.ChangeFilter{Store: "B", States: []backend.ChangeState{C}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, err := db.Changes(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(es); !equalIDs(got, tt.want) {
				t.Errorf("ids = %v, want %v", got, tt.want)
			}
		})
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func testDropKeepsTheEntry(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	id := seedJournal(t, db, backend.StateFailed)[0]
	if e := fake.MustChange(t, db, id); !e.CanDrop() || !e.CanResend() || !e.Open() {
		t.Fatalf("a failed change should offer resend and drop: %+v", e)
	}
	if err := db.Drop(ctx, id, "ann"); err != nil {
		t.Fatal(err)
	}
	e := fake.MustChange(t, db, id)
	if e.State != backend.StateDropped || e.Open() || e.CanResend() {
		t.Errorf("after drop: %+v", e)
	}
	log, _ := db.Steps(ctx, id)
	if last := log[len(log)-1]; last.Operator != "ann" || !strings.Contains(last.Message, "dropped by ann") {
		t.Errorf("log = %+v", log)
	}
	if err := db.Drop(ctx, id, "ann"); !errors.Is(err, storage.ErrState) {
		t.Errorf("dropping twice: %v", err)
	}
}

func testEntryJSON(t *testing.T, fresh Fresh) {
	db := fresh(t)(t)
	id := seedJournal(t, db, backend.StateConfirmed)[0]
	b, err := json.Marshal(fake.MustChange(t, db, id))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(b, &m)
	for _, k := range []string{"id", "store", "order_id", "from", "to", "notify", "note", "tracking", "idempotency_key",
		"operator", "requested", "state", "result", "attempts", "sent", "updated"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, b)
		}
	}
	if _, ok := m["owner"]; ok {
		t.Errorf("JSON shows the session: %s", b)
	}
}
