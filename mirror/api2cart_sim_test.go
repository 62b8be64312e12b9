package mirror_test

import (
	"context"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/sim/api2cartsim"
	"github.com/orderdash/orderdash/mirror"
	"github.com/orderdash/orderdash/storage"
)

// checkAgainstSim fails unless the mirror holds every order of the sim,
// each with the sim's current status.
func checkAgainstSim(t *testing.T, db *storage.DB, srv *api2cartsim.Server, store string) {
	t.Helper()
	got := mirrored(t, db, store)
	ids := srv.IDs()
	if len(got) != len(ids) {
		t.Errorf("mirror holds %d orders, the store %d", len(got), len(ids))
	}
	for _, id := range ids {
		want, _ := srv.Order(id)
		if o, ok := got[id]; !ok || o.Status.Code != want.Status {
			t.Errorf("order %s: mirror %q (present %v), store %q", id, o.Status.Code, ok, want.Status)
		}
	}
}

// The figures: the first sync of 10,000 API2Cart orders is 40
// list requests (250-order cursor pages; one order.count for progress),
// an incremental sync of an unchanged store is one.
func TestAPI2CartFirstSyncAndIncremental(t *testing.T) {
	clk := newClock()
	srv, c := startAPI2Cart(t, 10_000, clk.Now)
	db, _ := openDB(t)
	o := opts(clk.Now)

	r := mustSync(t, db, c, o)
	log := srv.Requests()
	if lists, counts := requests(log, "order.list.json"), requests(log, "order.count.json"); lists != 40 || counts != 1 {
		t.Errorf("first sync: %d list and %d count requests, want 40 and 1", lists, counts)
	}
	if !r.Full || r.Added != 10_000 || r.Updated != 0 || r.Requests != 40 {
		t.Errorf("first sync: %+v", r)
	}
	checkAgainstSim(t, db, srv, "A2C")

	srv.ResetRequests()
	clk.Add(2 * time.Minute)
	r = mustSync(t, db, c, o)
	if n := len(srv.Requests()); n != 1 || r.Requests != 1 || r.Full || r.Added != 0 || r.Updated != 0 {
		t.Errorf("incremental sync of an unchanged store: %d requests at the store, result %+v", n, r)
	}
}

// A store whose orders change while the sync pages through it (faster
// than it reads them: several changes between two pages) loses nothing:
// the pass and the next one together leave the mirror equal to the store.
func TestAPI2CartStoreChangingDuringSync(t *testing.T) {
	clk := newClock()
	srv, c := startAPI2Cart(t, 2_000, clk.Now)
	db, _ := openDB(t)
	ids := srv.IDs()
	next := 0
	churn := &hooked{Backend: c, afterList: func() {
		// Five changes between pages, spread over the list, each a
		// little later in the store's clock.
		for range 5 {
			clk.Add(time.Second)
			changeStatus(t, c, ids[(next*397)%len(ids)])
			next++
		}
	}}
	o := opts(clk.Now)
	mustSync(t, db, churn, o)
	churn.afterList = nil
	clk.Add(time.Minute)
	r := mustSync(t, db, churn, o)
	if r.Updated == 0 {
		t.Errorf("the second pass read none of the changes: %+v", r)
	}
	checkAgainstSim(t, db, srv, "A2C")
}

// A sync cut short (the process dies between pages) resumes where the
// last saved page left it: nothing lost, nothing twice, and no page read
// again but the one that was under way.
func TestAPI2CartResumesAfterCrash(t *testing.T) {
	clk := newClock()
	srv, c := startAPI2Cart(t, 3_000, clk.Now)
	db, path := openDB(t)
	ctx, crash := context.WithCancel(context.Background())
	dying := atPage(c, 6, crash)
	r := mirror.Sync(ctx, db, dying, opts(clk.Now))
	if r.Err == nil || ctx.Err() == nil {
		t.Fatalf("the cut pass: %+v", r)
	}
	db.Close()
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := db.SyncState(context.Background(), "A2C")
	if err != nil || !st.Pass.Active() || st.Pass.Done != 5*250 || !st.Watermark.IsZero() {
		t.Fatalf("saved state after the crash: %+v %v", st, err)
	}
	srv.ResetRequests()
	r = mustSync(t, db, c, opts(clk.Now))
	if lists := requests(srv.Requests(), "order.list.json"); lists != 12-5 {
		t.Errorf("the resumed pass made %d list requests, want %d", lists, 12-5)
	}
	if r.Added != 3_000-5*250 || r.Updated != 0 {
		t.Errorf("the resumed pass: %+v", r)
	}
	checkAgainstSim(t, db, srv, "A2C")
}

// A pass resumed after its cursor expired starts the pass over instead of
// failing, and still ends with the mirror equal to the store.
func TestAPI2CartResumeWithExpiredCursor(t *testing.T) {
	clk := newClock()
	srv, c := startAPI2Cart(t, 1_000, clk.Now)
	db, _ := openDB(t)
	ctx, crash := context.WithCancel(context.Background())
	dying := atPage(c, 3, crash)
	mirror.Sync(ctx, db, dying, opts(clk.Now))
	clk.Add(time.Hour) // cursors live 15 minutes
	r := mustSync(t, db, c, opts(clk.Now))
	if r.Added != 1_000-2*250 {
		t.Errorf("after the restart: %+v", r)
	}
	checkAgainstSim(t, db, srv, "A2C")
}

// Clocks that disagree: the store's runs hours behind (or ahead of) this
// machine's. A change the store stamps with its own clock after a pass is
// still read by the next one, because the watermark is kept in the
// store's clock.
func TestAPI2CartSkewedClocks(t *testing.T) {
	for _, skew := range []time.Duration{-3 * time.Hour, 3 * time.Hour} {
		t.Run(skew.String(), func(t *testing.T) {
			clk := newClock()
			srv, c := startAPI2Cart(t, 500, clk.Now)
			db, _ := openDB(t)
			o := opts(clk.Offset(-skew)) // this machine: the store's clock minus skew
			mustSync(t, db, c, o)
			clk.Add(30 * time.Second)
			id := srv.IDs()[17]
			to := changeStatus(t, c, id)
			clk.Add(30 * time.Second)
			r := mustSync(t, db, c, o)
			if r.Updated != 1 {
				t.Errorf("incremental pass: %+v", r)
			}
			if got := mirrored(t, db, "A2C")[id]; got.Status.Code != to.Code {
				t.Errorf("order %s is %q in the mirror, %q at the store", id, got.Status.Code, to.Code)
			}
		})
	}
}

// Orders final for longer than keep leave the mirror; open ones stay.
func TestPruneFinalOrders(t *testing.T) {
	clk := newClock()
	_, c := startAPI2Cart(t, 1_000, clk.Now)
	db, _ := openDB(t)
	o := opts(clk.Now)
	o.Keep = 30 * 24 * time.Hour
	r := mustSync(t, db, c, o)
	if r.Pruned == 0 {
		t.Fatalf("nothing pruned: %+v", r)
	}
	cut := clk.Now().Add(-o.Keep)
	for id, m := range mirrored(t, db, "A2C") {
		if m.Status.Kind.Final() && m.Updated.Before(cut) {
			t.Errorf("order %s, %s since %s, was kept", id, m.Status.Kind, m.Updated)
		}
	}
	stats, err := db.MirrorStats(context.Background())
	if err != nil || len(stats) != 1 || stats[0].Orders != r.Added-r.Pruned {
		t.Errorf("stats %+v %v; added %d pruned %d", stats, err, r.Added, r.Pruned)
	}
}

// hooked runs hooks around List, to change the store or cut the sync
// between pages.
type hooked struct {
	backend.Backend
	beforeList, afterList func()
}

// atPage is b with f run before its nth List: a crash or a throttle
// between two pages of a pass.
func atPage(b backend.Backend, n int, f func()) *hooked {
	pages := 0
	return &hooked{Backend: b, beforeList: func() {
		if pages++; pages == n {
			f()
		}
	}}
}

func (h *hooked) List(ctx context.Context, q backend.Query) (backend.Page, error) {
	if h.beforeList != nil {
		h.beforeList()
	}
	p, err := h.Backend.List(ctx, q)
	if h.afterList != nil && err == nil {
		h.afterList()
	}
	return p, err
}
