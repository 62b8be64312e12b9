package pgstore

import (
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/mirrortest"
)

// A page a sync writes into the shared mirror is told to the other
// processes once, whatever its size, so their dashboards read their
// windows again at once; a page that changed nothing is not told.
func TestSyncedPageNotifiedOnce(t *testing.T) {
	ctx, a, _, ch := listening(t)
	release, ok, err := a.LockSync(ctx, "S")
	if err != nil || !ok {
		t.Fatalf("the sync lease: %v %v", ok, err)
	}
	defer release()
	orders := mirrortest.Orders([]string{"S"}, 40, 1)["S"]
	changed := append([]backend.Order(nil), orders[:3]...)
	for i := range changed {
		changed[i].Updated = changed[i].Updated.Add(time.Minute)
	}
	// A claim is told after each page: every notice of a page arrives
	// before it (one connection delivers them in commit order).
	claim := func() {
		t.Helper()
		if _, err := a.Claim(ctx, []backend.OrderRef{{Store: "S", ID: orders[0].ID}}, storage.ClaimOptions{Operator: "ann"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name  string
		page  []backend.Order
		store string
		want  int
	}{
		{"a new page", orders, "S", 1},
		{"the same page again", orders, "S", 0},
		{"a page with three orders changed", changed, "S", 1},
		{"an empty page of another store", nil, "T", 0},
	} {
		if _, err := a.SaveSync(ctx, storage.SyncState{Store: tc.store, LastID: "1"}, tc.page); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		claim()
		got := 0
		for _, n := range noticesUntilClaim(t, ch) {
			if n.Kind == backend.NoticeSynced {
				if n.Store != tc.store {
					t.Errorf("%s: notice for store %q, want %q", tc.name, n.Store, tc.store)
				}
				got++
			}
		}
		if got != tc.want {
			t.Errorf("%s: %d synced notices, want %d", tc.name, got, tc.want)
		}
	}
}

// noticesUntilClaim is what ch delivers before the next claim notice.
func noticesUntilClaim(t *testing.T, ch <-chan backend.Notice) []backend.Notice {
	t.Helper()
	var out []backend.Notice
	deadline := time.After(10 * time.Second)
	for {
		select {
		case n, ok := <-ch:
			if !ok {
				t.Fatal("the subscription ended")
			}
			if n.Kind == backend.NoticeClaim {
				return out
			}
			out = append(out, n)
		case <-deadline:
			t.Fatal("no claim notice within 10s")
		}
	}
}
