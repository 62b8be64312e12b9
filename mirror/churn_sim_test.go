package mirror_test

import (
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// storeStatus is an order's status at the simulator ("" when the store
// lists it not: CS-Cart's incomplete orders).
type storeStatus func(id string) string

// checkStore fails unless the mirror holds every listed order of the
// store, with its status there, and nothing else.
func checkStore(t *testing.T, db *storage.DB, store string, ids []string, status storeStatus) {
	t.Helper()
	got := mirrored(t, db, store)
	listed := 0
	for _, id := range ids {
		want := status(id)
		if want == "" {
			continue
		}
		listed++
		if o, ok := got[id]; !ok || o.Status.Code != want {
			t.Errorf("order %s: mirror %q (present %v), store %q", id, o.Status.Code, ok, want)
		}
	}
	if len(got) != listed {
		t.Errorf("mirror holds %d orders, the store lists %d", len(got), listed)
	}
}

// churnDuringPasses changes orders faster than the sync reads them: five
// status changes between every two pages, during the first fill and
// during an incremental pass that itself spans pages (many orders changed
// since the fill, and more entering its window while it reads). Two more
// passes without churn must leave the mirror equal to the store: a pass
// may miss what changes under it, the next one must read it.
func churnDuringPasses(t *testing.T, b backend.Backend, clk interface {
	Now() time.Time
	Add(time.Duration)
}, ids []string, status storeStatus) {
	db, _ := openDB(t)
	next := 0
	change := func(n int) {
		for range n {
			clk.Add(time.Second)
			id := ids[(next*397)%len(ids)]
			next++
			if status(id) == "" {
				continue
			}
			changeStatus(t, b, id)
		}
	}
	churn := &hooked{Backend: b, afterList: func() { change(5) }}
	o := opts(clk.Now)
	// No overlap to hide behind: the watermark alone must keep what a
	// pass missed for the next.
	o.Overlap = time.Nanosecond
	mustSync(t, db, churn, o)

	churn.afterList = nil
	clk.Add(time.Hour)
	change(700) // the next pass reads three pages or more
	clk.Add(time.Hour)
	churn.afterList = func() { change(5) }
	if r := mustSync(t, db, churn, o); r.Requests < 3 || r.Full {
		t.Errorf("the incremental pass under churn: %+v", r)
	}
	churn.afterList = nil
	for range 2 {
		clk.Add(time.Minute)
		mustSync(t, db, churn, o)
	}
	checkStore(t, db, b.Name(), ids, status)
	// And a pass now finds nothing new.
	clk.Add(time.Minute)
	if r := mustSync(t, db, churn, o); r.Added+r.Updated != 0 {
		t.Errorf("a pass after the churn settled: %+v", r)
	}
}

func TestCSCartStoreChangingDuringSync(t *testing.T) {
	clk := newClock()
	srv, c := startCSCart(t, 1_500, clk.Now)
	churnDuringPasses(t, c, clk, srv.IDs(), func(id string) string {
		o, _ := srv.Order(id)
		if o.Status == "N" {
			return ""
		}
		return o.Status
	})
}

func TestAPI2CartStoreChangingDuringIncrementalSync(t *testing.T) {
	clk := newClock()
	srv, c := startAPI2Cart(t, 1_500, clk.Now)
	churnDuringPasses(t, c, clk, srv.IDs(), func(id string) string {
		o, _ := srv.Order(id)
		return o.Status
	})
}

// Clocks that disagree, on CS-Cart (whose filter is a Unix time): this
// machine's clock hours ahead of the store's or behind it, and no overlap
// to hide behind. A change the store stamps after a pass is read by the
// next, because the watermark is the store's own time.
func TestCSCartSkewedClocks(t *testing.T) {
	for _, skew := range []time.Duration{-5 * time.Hour, 5 * time.Hour} {
		t.Run(skew.String(), func(t *testing.T) {
			clk := newClock()
			srv, c := startCSCart(t, 400, clk.Now)
			db, _ := openDB(t)
			o := opts(clk.Offset(-skew)) // this machine: the store's clock minus skew
			o.Overlap = time.Nanosecond
			mustSync(t, db, c, o)
			var id string
			for _, i := range srv.IDs() {
				if so, _ := srv.Order(i); so.Status != "N" {
					id = i
					break
				}
			}
			for round := range 3 {
				clk.Add(30 * time.Second)
				to := changeStatus(t, c, id)
				clk.Add(30 * time.Second)
				if r := mustSync(t, db, c, o); r.Updated != 1 {
					t.Errorf("round %d: the pass after one change: %+v", round, r)
				}
				if got := mirrored(t, db, "CS")[id]; got.Status.Code != to.Code {
					t.Errorf("round %d: order %s is %q in the mirror, %q at the store", round, id, got.Status.Code, to.Code)
				}
			}
		})
	}
}
