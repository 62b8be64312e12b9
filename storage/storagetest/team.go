package storagetest

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

// A change another running process is sending is left to it: its
// outcome is written by its sender, not by a second process's
// reconciliation.
func testReconcileInFlightInAnotherProcess(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	open := fresh(t)
	sender, other := open(t), open(t)
	f := fake.NewStore("Shop", true)
	j := sender.Journal("sam")
	ch := fake.Change("Shop", "1")
	fake.RecordSent(t, j, &ch)
	o := fake.Reconcile(t, other, backend.ReconcileOptions{}, f)[ch.ID]
	if o.Action != backend.ReconcileDeferred || !errors.Is(o.Err, storage.ErrInFlight) || f.Verifies != 0 {
		t.Fatalf("another process's change in flight: %s %v, %d verifies", o.Action, o.Err, f.Verifies)
	}
	if _, err := other.Resend(ctx, f, ch.ID, "ann"); err == nil || f.SetCount() != 0 {
		t.Fatalf("resent a change in flight elsewhere: %v, %d sends", err, f.SetCount())
	}
	if err := j.Confirmed(ctx, ch.ID, 1, backend.Order{Status: fake.Shipped}); err != nil {
		t.Fatalf("the sender could not write its outcome: %v", err)
	}
}

// The process that sent a change stops before its answer came: another
// settles it at once, by the same rules.
func testReconcileAfterSenderClosed(t *testing.T, fresh Fresh) {
	open := fresh(t)
	gone, live := open(t), open(t)
	f := fake.NewStore("Shop", false)
	sent, pending := fake.Abandon(t, gone.Journal("sam"), f)
	if err := gone.Close(); err != nil {
		t.Fatal(err)
	}
	outs := fake.Reconcile(t, live, backend.ReconcileOptions{Operator: "ann"}, f)
	fake.CheckAbandonedSettled(t, live, f, outs, sent, pending)
}

// Two processes reconcile one store at the same moment: each change is
// settled once, and resent once.
func testTwoSettlersSettleOnce(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	open := fresh(t)
	origin := open(t)
	f := fake.NewStore("Shop", true)
	for i := 1; i <= 3; i++ {
		f.Orders[strconv.Itoa(i)] = &backend.Order{Store: "Shop", ID: strconv.Itoa(i), Status: fake.Open, History: []backend.Event{}}
	}
	const n = 3
	var lost []int64
	for i := 1; i <= n; i++ {
		lost = append(lost, fake.LostChange(t, origin, f, strconv.Itoa(i), false))
	}
	settlers := []storage.Store{open(t), open(t)}
	start := make(chan struct{})
	var wg sync.WaitGroup
	errs := make([]error, len(settlers))
	for i, s := range settlers {
		wg.Go(func() {
			<-start
			_, errs[i] = s.Reconcile(ctx, f, backend.ReconcileOptions{Operator: fmt.Sprint("settler", i)})
		})
	}
	close(start)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	// A settler that found a change taken leaves it; a later pass finds
	// it settled.
	fake.Reconcile(t, origin, backend.ReconcileOptions{}, f)
	if f.SetCount() != 2*n || f.AppliedCount() != n {
		t.Errorf("%d sends (want %d lost + %d resends), %d applied", f.SetCount(), n, n, f.AppliedCount())
	}
	for _, id := range lost {
		if e := fake.MustChange(t, origin, id); e.State != backend.StateConfirmed || e.Attempts != 2 {
			t.Errorf("change %d: %s after %d attempts", id, e.State, e.Attempts)
		}
	}
}

// Two receivers are given the same pushes at once: each order is stored
// once, and every push is counted on it.
func testKornitXTwoReceivers(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	open := fresh(t)
	receivers := []storage.Inbox{open(t).KornitXInbox(), open(t).KornitXInbox()}
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	const orders = 20
	var mu sync.Mutex
	created := map[string]int{}
	var errs []error
	var wg sync.WaitGroup
	for _, rc := range receivers {
		wg.Go(func() {
			for i := 1; i <= orders; i++ {
				c, err := rc.SavePush(ctx, "KX", kxOrder(i, t0), []byte(`{"id":`+strconv.Itoa(i)+`}`), t0)
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				} else if c {
					created[strconv.Itoa(i)]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	p, err := receivers[0].List(ctx, "KX", backend.Query{PageSize: 100})
	if err != nil || p.Total != orders || len(p.Orders) != orders {
		t.Fatalf("stored %d orders (%d listed), want %d: %v", p.Total, len(p.Orders), orders, err)
	}
	for i := 1; i <= orders; i++ {
		if created[strconv.Itoa(i)] != 1 {
			t.Errorf("order %d created %d times", i, created[strconv.Itoa(i)])
		}
	}
	// A repeated push updates it, and keeps a change made meanwhile.
	ev := backend.Event{At: t0.Add(time.Hour), Status: kxDispatched, Source: backend.SourceLocal, Actor: "sam"}
	if err := receivers[0].SetStatus(ctx, "KX", "1", kxDispatched, "1Z", ev); err != nil {
		t.Fatal(err)
	}
	again := kxOrder(1, t0)
	again.Customer.Name = "Ann Lee (moved)"
	if c, err := receivers[1].SavePush(ctx, "KX", again, []byte(`{"again":1}`), t0.Add(2*time.Hour)); err != nil || c {
		t.Fatalf("repeated push: created %v, %v", c, err)
	}
	o, err := receivers[0].Get(ctx, "KX", "1")
	if err != nil || o.Customer.Name != "Ann Lee (moved)" || o.Status != kxDispatched || o.Tracking != "1Z" {
		t.Errorf("after a repeated push: %+v %q %v", o.Status, o.Customer.Name, err)
	}
}

func refs(store string, ids ...int) []backend.OrderRef {
	out := make([]backend.OrderRef, len(ids))
	for i, id := range ids {
		out[i] = backend.OrderRef{Store: store, ID: strconv.Itoa(id)}
	}
	return out
}

func claimedIDs(cs []backend.Claim) string {
	s := ""
	for _, c := range cs {
		s += c.ID + " "
	}
	return s
}

// One process's claims: taken, renewed, listed, released, lapsed.
func testClaims(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	res, err := db.Claim(ctx, append(refs("S", 1, 2, 2), refs("T", 1)...), storage.ClaimOptions{Operator: " ann "})
	if err != nil || claimedIDs(res.Claimed) != "1 2 1 " || len(res.Held) != 0 {
		t.Fatalf("claim: %+v %v", res, err)
	}
	c := res.Claimed[0]
	if c.Operator != "ann" || c.Holder == "" || time.Until(c.Until) < time.Minute || time.Until(c.Until) > 3*time.Minute {
		t.Errorf("claim %+v: want ann's, lasting DefaultClaimTTL", c)
	}
	again, err := db.Claim(ctx, refs("S", 1), storage.ClaimOptions{Operator: "ann"})
	if err != nil || len(again.Claimed) != 1 || again.Claimed[0].Until.Before(c.Until) || again.Claimed[0].Holder != c.Holder {
		t.Errorf("renewal: %+v %v", again, err)
	}
	if got, err := db.Claimed(ctx, "S"); err != nil || claimedIDs(got) != "1 2 " {
		t.Errorf("Claimed(S) = %+v %v", got, err)
	}
	if got, _ := db.Claimed(ctx, ""); len(got) != 3 {
		t.Errorf("Claimed() = %+v", got)
	}
	if err := db.Release(ctx, refs("S", 1, 9)); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Claimed(ctx, "S"); claimedIDs(got) != "2 " {
		t.Errorf("after release: %+v", got)
	}
	if _, err := db.Claim(ctx, refs("S", 3), storage.ClaimOptions{Operator: "ann", TTL: time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	if got, _ := db.Claimed(ctx, "S"); claimedIDs(got) != "2 " {
		t.Errorf("a lapsed claim is listed: %+v", got)
	}
	if res, err := db.Claim(ctx, nil, storage.ClaimOptions{}); err != nil || len(res.Claimed)+len(res.Held) != 0 {
		t.Errorf("claiming nothing: %+v %v", res, err)
	}
}

// Claims between two processes: held ones are refused, taken over on
// request, and only their holder releases them.
func testClaimsAcrossProcesses(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	open := fresh(t)
	ann, bob := open(t), open(t)
	if _, err := ann.Claim(ctx, refs("S", 1), storage.ClaimOptions{Operator: "ann"}); err != nil {
		t.Fatal(err)
	}
	res, err := bob.Claim(ctx, refs("S", 1, 2), storage.ClaimOptions{Operator: "bob"})
	if err != nil || claimedIDs(res.Claimed) != "2 " || claimedIDs(res.Held) != "1 " || res.Held[0].Operator != "ann" {
		t.Fatalf("bob's claim: %+v %v", res, err)
	}
	if err := bob.Release(ctx, refs("S", 1)); err != nil {
		t.Fatal(err)
	}
	if got, _ := ann.Claimed(ctx, "S"); len(got) != 2 || got[0].Operator != "ann" || got[1].Operator != "bob" {
		t.Fatalf("bob released ann's claim: %+v", got)
	}
	res, err = bob.Claim(ctx, refs("S", 1), storage.ClaimOptions{Operator: "bob", TakeOver: true})
	if err != nil || claimedIDs(res.Claimed) != "1 " {
		t.Fatalf("take over: %+v %v", res, err)
	}
	if got, _ := ann.Claimed(ctx, "S"); len(got) != 2 || got[0].Operator != "bob" {
		t.Errorf("after the take-over: %+v", got)
	}
	// A process that ends gives its claims up.
	bob.Close()
	if got, _ := ann.Claimed(ctx, "S"); len(got) != 0 {
		t.Errorf("claims of a closed process: %+v", got)
	}
}

// Two operators bulk-claim one set at the same moment: they split it, no
// order claimed by both, and each is told who holds the rest.
func testClaimsSplitAcrossProcesses(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	open := fresh(t)
	ops := []storage.Store{open(t), open(t)}
	names := []string{"ann", "bob"}
	for round := range 5 {
		ids := make([]int, 100)
		for i := range ids {
			ids[i] = round*1000 + i
		}
		set := refs("S", ids...)
		results := make([]storage.ClaimResult, 2)
		errs := make([]error, 2)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i, db := range ops {
			wg.Go(func() {
				<-start
				results[i], errs[i] = db.Claim(ctx, set, storage.ClaimOptions{Operator: names[i]})
			})
		}
		close(start)
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
		owner := map[backend.OrderRef]string{}
		for i, r := range results {
			for _, c := range r.Claimed {
				if prev, dup := owner[c.OrderRef]; dup {
					t.Fatalf("round %d: order %s claimed by %s and %s", round, c.ID, prev, names[i])
				}
				owner[c.OrderRef] = names[i]
			}
			for _, h := range r.Held {
				if h.Operator != names[1-i] {
					t.Errorf("round %d: %s told order %s is held by %q", round, names[i], h.ID, h.Operator)
				}
			}
			if len(r.Claimed)+len(r.Held) != len(set) {
				t.Errorf("round %d: %s's answer covers %d of %d orders", round, names[i], len(r.Claimed)+len(r.Held), len(set))
			}
		}
		if len(owner) != len(set) {
			t.Errorf("round %d: %d of %d orders claimed", round, len(owner), len(set))
		}
	}
}

func testDescribe(t *testing.T, fresh Fresh) {
	db := fresh(t)(t)
	if d := db.Describe(); d == "" {
		t.Error("Describe is empty")
	}
	if err := db.Ping(context.Background()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}
