package storagetest

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

var (
	kxReceived   = backend.Status{Code: "1", Name: "Received", Kind: backend.KindPending}
	kxDispatched = backend.Status{Code: "8", Name: "Dispatched", Kind: backend.KindShipped}
)

func kxOrder(id int, created time.Time) backend.Order {
	return backend.Order{
		ID: strconv.Itoa(id), Number: "CG" + strconv.Itoa(id), VendorRef: "#" + strconv.Itoa(10000+id),
		Status: kxReceived, Created: created, Updated: created,
		Customer: backend.Customer{Name: "Ann Lee " + strconv.Itoa(id), Email: fmt.Sprintf("Ann%d@Example.com", id)},
		Items:    []backend.Item{{SKU: "MUG-11", Name: "Mug", Quantity: 1, Price: "12.99"}},
		ShipTo:   backend.Address{Lines: []string{"1 High St"}, City: "Leeds", Country: "GB"},
		History:  []backend.Event{{At: created, Status: kxReceived, Source: backend.SourcePlatform, Actor: "Kornit X push"}},
	}
}

func testKornitXSaveReplayAndStatus(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	kx := db.KornitXInbox()
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	created, err := kx.SavePush(ctx, "KX", kxOrder(7, t0), []byte(`{"id":7}`), t0)
	if err != nil || !created {
		t.Fatalf("first push: %v %v", created, err)
	}
	ev := backend.Event{At: t0.Add(time.Hour), Status: kxDispatched, Source: backend.SourceLocal, Actor: "sam", Tracking: "1Z9"}
	if err := kx.SetStatus(ctx, "KX", "7", kxDispatched, "1Z9", ev); err != nil {
		t.Fatal(err)
	}
	again := kxOrder(7, t0)
	again.Customer.Phone = "+44 1"
	created, err = kx.SavePush(ctx, "KX", again, []byte(`{"id":7,"again":true}`), t0.Add(2*time.Hour))
	if err != nil || created {
		t.Fatalf("replay: %v %v", created, err)
	}
	o, err := kx.Get(ctx, "KX", "7")
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case o.Status != kxDispatched || o.Tracking != "1Z9":
		t.Fatalf("the replay undid the dispatch: %+v %q", o.Status, o.Tracking)
	case len(o.History) != 2 || o.History[0].Actor != "sam" || o.History[1].Source != backend.SourcePlatform:
		t.Fatalf("timeline %+v", o.History)
	case o.Customer.Phone != "+44 1" || !o.Detailed:
		t.Fatalf("the replay did not refresh the data: %+v", o.Customer)
	case !o.Updated.Equal(t0.Add(time.Hour)):
		t.Fatalf("updated %v", o.Updated)
	}
	raw, err := kx.Raw(ctx, "KX", "7")
	if err != nil || string(raw) != `{"id":7,"again":true}` {
		t.Fatalf("raw %s %v", raw, err)
	}
	// The same id in another store is another order.
	if created, _ := kx.SavePush(ctx, "KX2", kxOrder(7, t0), nil, t0); !created {
		t.Fatal("stores are not kept apart")
	}
	for _, f := range []func() error{
		func() error { _, err := kx.Get(ctx, "KX", "8"); return err },
		func() error { return kx.SetStatus(ctx, "KX", "8", kxDispatched, "", ev) },
		func() error { _, err := kx.Raw(ctx, "KX", "8"); return err },
	} {
		if err := f(); !errors.Is(err, backend.ErrNotFound) {
			t.Errorf("unknown order: %v", err)
		}
	}
	if _, err := kx.SavePush(ctx, "", kxOrder(1, t0), nil, t0); err == nil {
		t.Fatal("a push without a store was saved")
	}
}

func testKornitXList(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	kx := db.KornitXInbox()
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for i := 1; i <= 25; i++ {
		if _, err := kx.SavePush(ctx, "KX", kxOrder(i, t0.Add(time.Duration(i)*time.Minute)), nil, t0); err != nil {
			t.Fatal(err)
		}
	}
	kx.SavePush(ctx, "Other", kxOrder(99, t0), nil, t0)
	kx.SetStatus(ctx, "KX", "3", kxDispatched, "TRK-ABC", backend.Event{At: t0.Add(time.Hour), Status: kxDispatched})
	kx.SetStatus(ctx, "KX", "4", kxDispatched, "", backend.Event{At: t0.Add(2 * time.Hour), Status: kxDispatched})

	ids := func(p backend.Page) string {
		s := ""
		for _, o := range p.Orders {
			s += o.ID + " "
		}
		return s
	}
	tests := []struct {
		name  string
		q     backend.Query
		ids   string
		total int
		next  string
	}{
		{"newest first", backend.Query{PageSize: 3}, "25 24 23 ", 25, "2"},
		{"page 2", backend.Query{PageSize: 3, Cursor: "2"}, "22 21 20 ", 25, "3"},
		{"last page", backend.Query{PageSize: 10, Cursor: "3"}, "5 4 3 2 1 ", 25, ""},
		{"beyond", backend.Query{PageSize: 10, Cursor: "9"}, "", 25, ""},
		{"oldest first", backend.Query{PageSize: 2, Asc: true}, "1 2 ", 25, "2"},
		{"by id", backend.Query{PageSize: 2, Sort: backend.SortID}, "25 24 ", 25, "2"},
		{"by updated", backend.Query{PageSize: 2, Sort: backend.SortUpdated}, "4 3 ", 25, "2"},
		{"status", backend.Query{Statuses: []string{"8"}}, "4 3 ", 2, ""},
		{"statuses", backend.Query{Statuses: []string{"8", "128"}, PageSize: 1}, "4 ", 2, "2"},
		{"email any case", backend.Query{Email: "ANN12@example.COM"}, "12 ", 1, ""},
		{"search tracking", backend.Query{Search: "trk-abc"}, "3 ", 1, ""},
		{"search ref", backend.Query{Search: "#10017"}, "17 ", 1, ""},
		{"search name", backend.Query{Search: "ann lee 2"}, "25 24 23 22 21 20 2 ", 7, ""},
		{"updated since", backend.Query{UpdatedSince: t0.Add(24 * time.Minute)}, "25 24 4 3 ", 4, ""},
		{"search nothing", backend.Query{Search: "zzz"}, "", 0, ""},
		{"search with SQL", backend.Query{Search: "' OR 1=1 --"}, "", 0, ""},
		{"search with wildcard", backend.Query{Search: "%"}, "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := kx.List(ctx, "KX", tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if ids(p) != tt.ids || p.Total != tt.total || p.Next != tt.next {
				t.Fatalf("got %q total %d next %q", ids(p), p.Total, p.Next)
			}
			for _, o := range p.Orders {
				if o.History != nil || o.Detailed {
					t.Fatal("list rows carry history")
				}
			}
		})
	}
	// A page number past backend.MaxPage would wrap (page-1)*size round
	// to an offset that is no page at all.
	for _, cur := range []string{"0", "1000001", "9223372036854775807"} {
		if _, err := kx.List(ctx, "KX", backend.Query{Cursor: cur, PageSize: 10}); !errors.Is(err, backend.ErrInvalidRequest) {
			t.Errorf("page %s: got %v, want an invalid request", cur, err)
		}
	}
}

// TestKornitXSurvivesReopen is the point of keeping pushes in the file:
// an order received yesterday is there today.
func testKornitXSurvivesReopen(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	open := fresh(t)
	db := open(t)
	t0 := time.Now().UTC()
	db.KornitXInbox().SavePush(ctx, "KX", kxOrder(5, t0), []byte("{}"), t0)
	db.Close()
	db = open(t)
	if o, err := db.KornitXInbox().Get(ctx, "KX", "5"); err != nil || o.Customer.Name != "Ann Lee 5" {
		t.Fatalf("%v %+v", err, o.Customer)
	}
}
