package mirror_test

import (
	"context"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/kornitx"
	"github.com/orderdash/orderdash/backend/sim/lunasoftsim"
)

// CS-Cart: updated_at_from, pages by number sorted by creation; the total
// comes with every page, so the first fill costs no extra request.
func TestCSCartSync(t *testing.T) {
	clk := newClock()
	srv, c := startCSCart(t, 1_200, clk.Now)
	db, _ := openDB(t)
	o := opts(clk.Now)
	r := mustSync(t, db, c, o)
	got := mirrored(t, db, "CS")
	visible, _ := c.List(context.Background(), backend.Query{PageSize: 1})
	if r.Added != visible.Total || len(got) != visible.Total || r.Requests != (visible.Total+249)/250 {
		t.Errorf("first fill: %+v, mirror %d, store lists %d", r, len(got), visible.Total)
	}
	srv.ResetRequests()
	clk.Add(time.Minute)
	if r := mustSync(t, db, c, o); r.Requests != 1 || len(srv.Requests()) != 1 || r.Added+r.Updated != 0 {
		t.Errorf("unchanged store: %+v, %d requests", r, len(srv.Requests()))
	}
	id := srv.IDs()[3]
	to := changeStatus(t, c, id)
	clk.Add(time.Minute)
	if r := mustSync(t, db, c, o); r.Updated != 1 {
		t.Errorf("after one change: %+v", r)
	}
	if m := mirrored(t, db, "CS")[id]; m.Status.Code != to.Code {
		t.Errorf("order %s: mirror %q, store %q", id, m.Status.Code, to.Code)
	}
}

// Lunasoft: new orders by id, then re-reads of open orders within the
// request budget (Lunasoft cannot say what changed).
func TestLunasoftSync(t *testing.T) {
	clk := newClock()
	srv, c := startLunasoft(t, 600, clk.Now)
	db, _ := openDB(t)
	o := opts(clk.Now)
	o.SyncDays = 30
	o.RereadBudget = 20
	r := mustSync(t, db, c, o)
	ids := srv.IDs()
	var recent int
	for _, id := range ids {
		if so, _ := srv.Order(id); !so.Created.Before(clk.Now().AddDate(0, 0, -30)) {
			recent++
		}
	}
	got := mirrored(t, db, "Luna")
	if len(got) != recent || r.Added != recent {
		t.Fatalf("first fill: %d in the mirror, %+v; %d created in the last 30 days", len(got), r, recent)
	}
	if lists := requests(srv.Requests(), "/orders"); lists != (recent+49)/50 {
		t.Errorf("first fill: %d list requests for %d orders", lists, recent)
	}

	// An unchanged store: one list request (no new ids) and the budget
	// (DefaultRereadBudget, 50, unless set): Lunasoft cannot say what
	// changed, so freshness is bought with re-reads.
	srv.ResetRequests()
	clk.Add(time.Minute)
	r = mustSync(t, db, c, o)
	if r.Requests != 1+o.RereadBudget || len(srv.Requests()) != 1+o.RereadBudget || r.Added+r.Updated != 0 {
		t.Errorf("unchanged store: %+v, %d requests at the store", r, len(srv.Requests()))
	}

	// A change to an open order shows once its turn to be re-read comes:
	// within (open orders / budget) passes.
	var open []string
	for id, m := range got {
		if !m.Status.Kind.Final() {
			open = append(open, id)
		}
	}
	if len(open) == 0 {
		t.Fatal("no open orders to change")
	}
	to := changeStatus(t, c, open[0])
	for range (len(open) + o.RereadBudget - 1) / o.RereadBudget {
		clk.Add(time.Minute)
		mustSync(t, db, c, o)
	}
	if m := mirrored(t, db, "Luna")[open[0]]; m.Status.Code != to.Code {
		t.Errorf("order %s: mirror %q, store %q", open[0], m.Status.Code, to.Code)
	}
}

// A Lunasoft first fill cut short resumes from the highest id saved.
func TestLunasoftResumesAfterCrash(t *testing.T) {
	clk := newClock()
	srv, c := startLunasoft(t, 400, clk.Now)
	db, _ := openDB(t)
	o := opts(clk.Now)
	o.RereadBudget = 1
	ctx, crash := context.WithCancel(context.Background())
	dying := atPage(c, 4, crash)
	if r := syncOnce(ctx, db, dying, o); r.Err == nil {
		t.Fatal("the cut pass did not fail")
	}
	r := mustSync(t, db, c, o)
	got := mirrored(t, db, "Luna")
	if len(got) != len(srv.IDs()) || r.Added != len(srv.IDs())-3*lunasoftsim.PageSize {
		t.Errorf("after resuming: %d in the mirror of %d, %+v", len(got), len(srv.IDs()), r)
	}
}

// Kornit X is already local: the sync reads the pushed orders from the
// database by update time, like a store with an API.
func TestKornitXSync(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	db, _ := openDB(t)
	kx := db.KornitXOrders()
	c, err := kornitx.New(kornitx.Config{StoreConfig: backend.StoreConfig{Name: "KX", Platform: kornitx.Platform, ReadOnly: true}}, kx, fast)
	if err != nil {
		t.Fatal(err)
	}
	push := func(id int) {
		at := clk.Now()
		o := backend.Order{ID: itoa(id), Number: "CG" + itoa(id), Created: at, Updated: at,
			Status: backend.Status{Code: "1", Name: "Received", Kind: backend.KindPending}}
		if _, err := kx.SavePush(ctx, "KX", o, nil, at); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i <= 120; i++ {
		push(i)
		clk.Add(time.Second)
	}
	o := opts(clk.Now)
	if r := mustSync(t, db, c, o); r.Added != 120 {
		t.Fatalf("first fill: %+v", r)
	}
	clk.Add(time.Minute)
	push(121)
	clk.Add(time.Second)
	if r := mustSync(t, db, c, o); r.Added != 1 || r.Requests != 1 {
		t.Errorf("after one push: %+v", r)
	}
	if n := len(mirrored(t, db, "KX")); n != 121 {
		t.Errorf("%d orders mirrored", n)
	}
	// Unchanged: one read of the local store (no network at all), which
	// finds only what the overlap reaches back to, all unchanged.
	clk.Add(time.Minute)
	if r := mustSync(t, db, c, o); r.Requests != 1 || r.Added+r.Updated != 0 {
		t.Errorf("unchanged store: %+v", r)
	}
}
