package api2cart_test

import (
	"context"
	"errors"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/sim/api2cartsim"
)

// Get returns the order with its history, newest first, as the simulator
// keeps it (oldest first).
func TestGetWithHistory(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv)
	checked := 0
	for _, id := range srv.IDs() {
		s, _ := srv.Order(id)
		if len(s.History) < 3 {
			continue
		}
		o, err := c.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if !o.Detailed || o.ID != id || o.Number != id || o.Store != "A2C test" {
			t.Errorf("%s: %+v", id, o)
		}
		if len(o.History) != len(s.History) {
			t.Fatalf("%s: %d history entries, want %d", id, len(o.History), len(s.History))
		}
		for i, h := range o.History {
			want := s.History[len(s.History)-1-i]
			if !h.At.Equal(want.At) || h.Status.Code != want.Status || h.Notified != want.Notify ||
				h.Note != backend.CleanText(want.Comment) || h.Source != backend.SourcePlatform || h.Status.Name == "" {
				t.Errorf("%s: history %d = %+v, want %+v", id, i, h, want)
			}
		}
		if o.Status.Code != s.Status || !o.Created.Equal(s.Created) || o.Total != s.Total {
			t.Errorf("%s: %+v, want %+v", id, o, s)
		}
		if o.ShipTo.Name == "" || len(o.ShipTo.Lines) == 0 || o.BillTo == nil || o.Payment == "" || o.ShipMethod == "" {
			t.Errorf("%s: detail lacks addresses or methods: %+v", id, o)
		}
		var sum int
		for _, it := range o.Items {
			sum += it.Quantity
			if it.SKU == "" || it.Name == "" || it.Price == "" {
				t.Errorf("%s: item %+v", id, it)
			}
		}
		if sum != o.ItemCount || sum == 0 {
			t.Errorf("%s: ItemCount %d, items sum to %d", id, o.ItemCount, sum)
		}
		if q := query(t, requestsTo(srv, "order.info")[checked]); q.Get("order_id") != id || q.Get("response_fields") == "" {
			t.Errorf("order.info sent %v", q)
		}
		if checked++; checked == 5 {
			break
		}
	}
	if checked == 0 {
		t.Fatal("no order with a history of three entries")
	}
}

func TestGetErrors(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv)
	_, err := c.Get(context.Background(), "999999")
	if !errors.Is(err, backend.ErrNotFound) {
		t.Fatalf("unknown order: %v", err)
	}
	assertClean(t, err)
	if _, err := c.Get(context.Background(), " "); !errors.Is(err, backend.ErrInvalidRequest) {
		t.Fatalf("empty id: %v", err)
	}
}

// Both shapes of order.status.list give the same statuses: the flat one
// with string ids and the seed's nested one with numeric ids.
func TestStatusesBothShapes(t *testing.T) {
	var lists [2][]backend.Status
	for i, nested := range []bool{false, true} {
		srv, _ := startSim(t, api2cartsim.Options{NestedStatusList: nested})
		got, err := newClient(t, srv).Statuses(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		lists[i] = got
	}
	if len(lists[0]) != 14 {
		t.Fatalf("%d statuses, want the seed's 14: %v", len(lists[0]), lists[0])
	}
	for i := range lists[0] {
		if lists[0][i] != lists[1][i] {
			t.Errorf("status %d: flat %+v, nested %+v", i, lists[0][i], lists[1][i])
		}
	}
	want := map[string]backend.Status{
		"1":  {Code: "1", Name: "Pending", Kind: backend.KindPending},
		"2":  {Code: "2", Name: "Processing", Kind: backend.KindProcessing},
		"3":  {Code: "3", Name: "Shipped", Kind: backend.KindShipped},
		"5":  {Code: "5", Name: "Complete", Kind: backend.KindCompleted},
		"7":  {Code: "7", Name: "Canceled", Kind: backend.KindCancelled},
		"10": {Code: "10", Name: "Failed", Kind: backend.KindFailed},
		"11": {Code: "11", Name: "Refunded", Kind: backend.KindRefunded},
	}
	for _, s := range lists[0] {
		if w, ok := want[s.Code]; ok && s != w {
			t.Errorf("status %+v, want %+v", s, w)
		}
		delete(want, s.Code)
	}
	if len(want) > 0 {
		t.Errorf("missing statuses %v", want)
	}
}

// status_kinds in the config override the guessed kinds.
func TestStatusKindOverrides(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv, func(cfg *api2cartConfig) {
		cfg.StatusKinds = map[string]string{"15": "on_hold", "Shipped": "completed"}
	})
	got, err := c.Statuses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range got {
		switch s.Code {
		case "15":
			if s.Kind != backend.KindOnHold {
				t.Errorf("override by code: %+v", s)
			}
		case "3":
			if s.Kind != backend.KindCompleted {
				t.Errorf("override by name: %+v", s)
			}
		}
	}
}
