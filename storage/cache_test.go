package storage

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

func sampleOrder(store string, i int) backend.Order {
	return backend.Order{
		Store: store, ID: strconv.Itoa(i), Number: "N" + strconv.Itoa(i),
		Status:   stNew,
		Created:  time.Date(2026, 11, 20, 10, 4, 5, 0, time.UTC).Add(time.Duration(i) * time.Minute),
		Customer: backend.Customer{Name: "Ann Lee", Email: "ann@example.com"},
		Total:    "677.95", Currency: "EUR", ItemCount: 2,
		ShipTo: backend.Address{Name: "Ann Lee", Lines: []string{"10 Main St"}, City: "Salt Lake City", Country: "US"},
	}
}

func page(store string, from, n int) backend.Page {
	p := backend.Page{Number: 1, Total: 1000, Next: "2"}
	for i := from; i < from+n; i++ {
		p.Orders = append(p.Orders, sampleOrder(store, i))
	}
	return p
}

func TestPageRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	at := time.Date(2026, 11, 21, 8, 0, 0, 123, time.UTC)
	p := page("S", 0, 50)
	if err := db.SavePage(ctx, "S", "all", 1, p, at); err != nil {
		t.Fatal(err)
	}
	got, err := db.LoadPage(ctx, "S", "all", 1)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Fetched.Equal(at) || got.Total != 1000 || got.Next != "2" || got.Number != 1 {
		t.Errorf("header: %+v", got)
	}
	if !reflect.DeepEqual(got.Orders, p.Orders) {
		t.Errorf("orders differ:\n got %+v\nwant %+v", got.Orders[0], p.Orders[0])
	}
	if got.Orders[0].History != nil || got.Orders[0].Detailed {
		t.Error("a list row came back with history or as detailed")
	}

	// A refresh with fewer rows replaces the page.
	if err := db.SavePage(ctx, "S", "all", 1, page("S", 100, 3), at.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	got, _ = db.LoadPage(ctx, "S", "all", 1)
	if len(got.Orders) != 3 || got.Orders[0].ID != "100" {
		t.Errorf("after refresh: %d orders, first %s", len(got.Orders), got.Orders[0].ID)
	}

	// An empty page is cached as empty, not as missing.
	if err := db.SavePage(ctx, "S", "shipped", 1, backend.Page{Total: 0}, at); err != nil {
		t.Fatal(err)
	}
	if got, err := db.LoadPage(ctx, "S", "shipped", 1); err != nil || got.Orders == nil || len(got.Orders) != 0 {
		t.Errorf("empty page: %+v %v", got, err)
	}
	for _, k := range []struct {
		store, tab string
		page       int
	}{{"S", "all", 2}, {"S", "other", 1}, {"T", "all", 1}} {
		if _, err := db.LoadPage(ctx, k.store, k.tab, k.page); !errors.Is(err, backend.ErrNotCached) {
			t.Errorf("%v: %v", k, err)
		}
	}
}

func TestPageAcrossStores(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	p := backend.Page{Orders: []backend.Order{sampleOrder("A", 1), sampleOrder("B", 1)}, Total: -1}
	if err := db.SavePage(ctx, "*", "all stores", 1, p, time.Now()); err != nil {
		t.Fatal(err)
	}
	got, err := db.LoadPage(ctx, "*", "all stores", 1)
	if err != nil || len(got.Orders) != 2 || got.Orders[0].Store != "A" || got.Orders[1].Store != "B" {
		t.Fatalf("%+v %v", got, err)
	}
	if _, _, err := db.LoadOrder(ctx, "B", "1"); err != nil {
		t.Errorf("an order of a cross-store page is not under its own store: %v", err)
	}
	if err := db.SavePage(ctx, "A", "all", 1, backend.Page{Orders: []backend.Order{{Store: "A"}}}, time.Now()); err == nil {
		t.Error("an order without an id was cached")
	}
}

func TestOrderDetail(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, _, err := db.LoadOrder(ctx, "S", "1"); !errors.Is(err, backend.ErrNotCached) {
		t.Errorf("empty cache: %v", err)
	}
	db.SavePage(ctx, "S", "all", 1, page("S", 1, 1), t0)
	o, at, err := db.LoadOrder(ctx, "S", "1")
	if err != nil || o.Detailed || !at.Equal(t0) {
		t.Fatalf("row only: %+v %s %v", o, at, err)
	}
	full := sampleOrder("S", 1)
	full.Detailed = true
	full.Items = []backend.Item{{SKU: "A-1", Name: "Mug", Quantity: 2, Price: "9.50"}}
	full.History = []backend.Event{{At: t0, Status: stNew, Source: backend.SourcePlatform}}
	if err := db.SaveOrder(ctx, full, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	o, at, err = db.LoadOrder(ctx, "S", "1")
	if err != nil || !reflect.DeepEqual(o, full) || !at.Equal(t0.Add(time.Hour)) {
		t.Fatalf("detail: %+v %s %v", o, at, err)
	}
	// The page now shows the fuller copy; a stale write loses.
	p, _ := db.LoadPage(ctx, "S", "all", 1)
	if !p.Orders[0].Detailed || len(p.Orders[0].Items) != 1 {
		t.Errorf("page did not take the newer detail: %+v", p.Orders[0])
	}
	older := full
	older.Total = "1.00"
	db.SaveOrder(ctx, older, t0)
	if o, _, _ := db.LoadOrder(ctx, "S", "1"); o.Total != full.Total {
		t.Error("an older fetch overwrote a newer one")
	}
	if err := db.SaveOrder(ctx, backend.Order{ID: "1"}, t0); err == nil {
		t.Error("an order without a store was cached")
	}
}

func TestConfirmedChangeUpdatesCache(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	f := newFake("Shop", true)
	db.SavePage(ctx, "Shop", "all", 1, page("Shop", 1, 2), time.Now())
	if _, err := backend.Apply(ctx, f, db.Journal("sam"), change("Shop", "1")); err != nil {
		t.Fatal(err)
	}
	p, _ := db.LoadPage(ctx, "Shop", "all", 1)
	if p.Orders[0].Status != stShipped || p.Orders[1].Status != stNew {
		t.Errorf("cached statuses: %v, %v", p.Orders[0].Status, p.Orders[1].Status)
	}
	o, _, _ := db.LoadOrder(ctx, "Shop", "1")
	if !o.Detailed || len(o.History) != 1 {
		t.Errorf("the confirmed order (full) was not cached: %+v", o)
	}
}

func TestPruneCache(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	old, recent := time.Now().Add(-48*time.Hour), time.Now()
	db.SavePage(ctx, "S", "all", 1, page("S", 0, 3), old)
	db.SavePage(ctx, "S", "all", 2, page("S", 2, 3), recent) // order 2 on both
	db.SaveOrder(ctx, sampleOrder("S", 9), recent)
	if err := db.PruneCache(ctx, time.Now().Add(-24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.LoadPage(ctx, "S", "all", 1); !errors.Is(err, backend.ErrNotCached) {
		t.Errorf("old page kept: %v", err)
	}
	for id, want := range map[string]bool{"0": false, "1": false, "2": true, "4": true, "9": true} {
		_, _, err := db.LoadOrder(ctx, "S", id)
		if (err == nil) != want {
			t.Errorf("order %s: kept=%v, want %v", id, err == nil, want)
		}
	}
}
