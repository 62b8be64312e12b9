package cscart

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/cscartsim"
)

func countPosts(srv *cscartsim.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/shipments") {
			n++
		}
	}
	return n
}

func withCarrier(cfg *Config, _ *httpx.Options) { cfg.Carrier = "dhl" }

// A change to Complete with a tracking number sets the status and makes
// one shipment of the whole order; sending the change again makes none.
func TestSimShipmentWithTracking(t *testing.T) {
	srv := startSim(t, cscartsim.Options{})
	c := simClient(t, srv, withCarrier)
	id := orderWith(t, srv, "P")
	ch := backend.Change{OrderID: id, From: backend.Status{Code: "P"}, To: backend.Status{Code: "C"}, Tracking: "1Z999AA10123456784"}
	o, err := c.SetStatus(context.Background(), ch)
	if err != nil {
		t.Fatal(err)
	}
	if o.Status.Code != "C" || o.Tracking != ch.Tracking {
		t.Errorf("answer: status %s, tracking %q", o.Status.Code, o.Tracking)
	}
	list := srv.Shipments()
	if len(list) != 1 {
		t.Fatalf("%d shipments made", len(list))
	}
	sh := list[0]
	simOrder, _ := c.Get(context.Background(), id)
	units, ordered := 0, 0
	for _, n := range sh.Products {
		units += n
	}
	for _, it := range simOrder.Items {
		ordered += it.Quantity
	}
	if sh.OrderID != id || sh.Tracking != ch.Tracking || sh.Carrier != "dhl" || sh.ShippingID != "1" || len(sh.Products) != len(simOrder.Items) || units != ordered {
		t.Errorf("shipment %+v for an order of %d items (%d units)", sh, len(simOrder.Items), ordered)
	}
	if _, err := c.SetStatus(context.Background(), ch); err != nil {
		t.Fatal(err)
	}
	if n := countPosts(srv); n != 1 || len(srv.Shipments()) != 1 {
		t.Errorf("a resend posted again: %d POSTs, %d shipments", n, len(srv.Shipments()))
	}
	ok, _, err := c.Verify(context.Background(), ch)
	if err != nil || !ok {
		t.Errorf("Verify = %v, %v", ok, err)
	}
	got, err := c.Shipments(context.Background(), id)
	if err != nil || len(got) != 1 || got[0].Tracking != ch.Tracking || got[0].Carrier != "dhl" || got[0].At.IsZero() {
		t.Errorf("Shipments = %+v, %v", got, err)
	}
	if other, err := c.Shipments(context.Background(), orderWith(t, srv, "O")); err != nil || len(other) != 0 {
		t.Errorf("another order's shipments: %+v, %v", other, err)
	}
}

// A POST whose answer is lost is never sent again blindly: the change is
// left unknown, Verify reads the shipments, and a resend posts only when
// the first never landed.
func TestSimShipmentPostLost(t *testing.T) {
	for _, tc := range []struct {
		fault  sim.Fault
		landed bool
	}{
		{sim.FaultHangAfterApply, true},
		{sim.FaultHang, false},
		{sim.Fault5xx, false},
	} {
		t.Run(string(tc.fault), func(t *testing.T) {
			srv := startSim(t, cscartsim.Options{})
			c := simClient(t, srv, hangTimeout)
			id := orderWith(t, srv, "P")
			ch := backend.Change{OrderID: id, From: backend.Status{Code: "P"}, To: backend.Status{Code: "C"}, Tracking: "JJD000390007"}
			srv.Faults().SetFor("POST", tc.fault, 1)
			_, err := c.SetStatus(context.Background(), ch)
			if err == nil || !backend.IsUncertain(err) {
				t.Fatalf("a lost shipment answer: %v, want an uncertain error", err)
			}
			if !strings.Contains(err.Error(), "tracking JJD000390007 was not confirmed") {
				t.Errorf("message %q", err)
			}
			if n := countPosts(srv); n != 1 {
				t.Fatalf("%d POSTs inside one SetStatus", n)
			}
			ok, o, err := c.Verify(context.Background(), ch)
			if err != nil || ok != tc.landed || o.Status.Code != "C" {
				t.Fatalf("Verify = %v (status %s), %v; want %v", ok, o.Status.Code, err, tc.landed)
			}
			if _, err := c.SetStatus(context.Background(), ch); err != nil {
				t.Fatal(err)
			}
			want := 1
			if !tc.landed {
				want = 2
			}
			if n := countPosts(srv); n != want || len(srv.Shipments()) != 1 {
				t.Errorf("after a resend: %d POSTs, %d shipments; want %d POSTs, 1 shipment", n, len(srv.Shipments()), want)
			}
		})
	}
}

func FuzzShipments(f *testing.F) {
	f.Add(200, []byte(`{"shipments":[{"shipment_id":"3","shipment_timestamp":"1711701996","order_id":"98","tracking_number":"1Z","carrier":"usps","products":{"1":"1"}}],"params":{"total_items":"1"}}`))
	f.Add(200, []byte(`[{"shipment_id":1,"order_id":98,"tracking_number":"X"}]`))
	f.Add(200, []byte(`{"shipments":{"7":{"shipment_id":"7","order_id":"98"}}}`))
	f.Add(200, []byte(`{"shipments":[]}`))
	f.Add(200, []byte(`{"params":{}}`))
	f.Add(404, []byte(`{"message":"Not Found","status":404}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		c := fuzzClient(t, status, body)
		list, err := c.Shipments(context.Background(), "98")
		if err != nil {
			checkFuzzErr(t, err, status)
			return
		}
		if list == nil || len(list) > maxShipments {
			t.Fatalf("%d shipments (nil %v)", len(list), list == nil)
		}
		for i, s := range list {
			if backend.CleanLine(s.Tracking) != s.Tracking || backend.CleanLine(s.Carrier) != s.Carrier {
				t.Fatalf("shipment %+v holds control characters", s)
			}
			if i > 0 && list[i-1].At.Before(s.At) {
				t.Fatalf("shipments not newest first: %+v", list)
			}
		}
	})
}
