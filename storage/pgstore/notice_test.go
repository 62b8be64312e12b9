package pgstore

import (
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/mirrortest"
)

// Every notice says which process sent it, so a dashboard can skip what
// its own process did and already knows; a payload without the field (an
// older orderdash's) reads as another process's.
func TestNoticesSayTheirSender(t *testing.T) {
	ctx, a, b, ch := listening(t)
	if a.Sender() == "" || a.Sender() == b.Sender() {
		t.Fatalf("senders %q and %q: want two ids", a.Sender(), b.Sender())
	}
	sentChange(t, a, "7") // recorded (its own SQL) and sent
	if _, err := a.KornitXInbox().SavePush(ctx, "KX", backend.Order{ID: "42"}, nil, time.Now()); err != nil {
		t.Fatal(err)
	}
	release, ok, err := a.LockSync(ctx, "S")
	if err != nil || !ok {
		t.Fatalf("the sync lease: %v %v", ok, err)
	}
	defer release()
	if _, err := a.SaveSync(ctx, storage.SyncState{Store: "S"}, mirrortest.Orders([]string{"S"}, 3, 1)["S"]); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Claim(ctx, []backend.OrderRef{{Store: "Shop", ID: "7"}}, storage.ClaimOptions{Operator: "ann"}); err != nil {
		t.Fatal(err)
	}
	kinds := map[backend.NoticeKind]int{}
	for _, n := range noticesUntilClaim(t, ch) {
		kinds[n.Kind]++
		if n.From != a.Sender() {
			t.Errorf("%s notice from %q, want %q", n.Kind, n.From, a.Sender())
		}
	}
	for _, k := range []backend.NoticeKind{backend.NoticeChange, backend.NoticePush, backend.NoticeSynced} {
		if kinds[k] == 0 {
			t.Errorf("no %s notice (got %v)", k, kinds)
		}
	}
	// An older orderdash's notice, without the field.
	if _, err := a.pool.Exec(ctx, `SELECT pg_notify($1, '{"k":"synced","s":"S"}')`, a.channel); err != nil {
		t.Fatal(err)
	}
	n := wait(t, ch, 5*time.Second, func(n backend.Notice) bool { return n.Kind == backend.NoticeSynced })
	if n.From != "" || n.Store != "S" {
		t.Errorf("an older payload reads as %+v, want store S from no one", n)
	}
}

// A prune that removed orders tells the other processes once, in its
// transaction, so their dashboards drop the pruned rows now; one that
// removed nothing is not told.
func TestPruneNotifiedOnce(t *testing.T) {
	ctx, a, _, ch := listening(t)
	t0 := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	var orders []backend.Order
	for i, st := range []backend.Status{mirrortest.Statuses[4], mirrortest.Statuses[5], mirrortest.Statuses[0]} {
		orders = append(orders, backend.Order{Store: "S", ID: string(rune('1' + i)), Status: st, Created: t0, Updated: t0})
	}
	if _, err := a.SaveSync(ctx, storage.SyncState{Store: "S"}, orders); err != nil {
		t.Fatal(err)
	}
	// The page's own notice is through before the prunes are counted.
	if _, err := a.Claim(ctx, []backend.OrderRef{{Store: "S", ID: "1"}}, storage.ClaimOptions{Operator: "ann"}); err != nil {
		t.Fatal(err)
	}
	noticesUntilClaim(t, ch)
	for _, tc := range []struct {
		name   string
		store  string
		before time.Time
		pruned int
	}{
		{"nothing old enough", "S", t0.Add(-time.Hour), 0},
		{"two final orders", "S", time.Now().Add(time.Hour), 2},
		{"again, nothing left to prune", "S", time.Now().Add(time.Hour), 0},
		{"a store without orders", "T", time.Now().Add(time.Hour), 0},
	} {
		n, err := a.PruneMirror(ctx, tc.store, tc.before)
		if err != nil || n != tc.pruned {
			t.Fatalf("%s: pruned %d, %v; want %d", tc.name, n, err, tc.pruned)
		}
		if _, err := a.Claim(ctx, []backend.OrderRef{{Store: "S", ID: "1"}}, storage.ClaimOptions{Operator: "ann"}); err != nil {
			t.Fatal(err)
		}
		got := 0
		for _, n := range noticesUntilClaim(t, ch) {
			if n.Kind == backend.NoticeSynced {
				if n.Store != tc.store {
					t.Errorf("%s: notice for store %q, want %q", tc.name, n.Store, tc.store)
				}
				got++
			}
		}
		want := 0
		if tc.pruned > 0 {
			want = 1
		}
		if got != want {
			t.Errorf("%s: %d synced notices, want %d", tc.name, got, want)
		}
	}
}
