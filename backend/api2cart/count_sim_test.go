package api2cart_test

import (
	"context"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/sim/api2cartsim"
)

// CountByStatus asks order.count once per status, with order_status, and
// answers the simulator's own counts.
func TestCountByStatus(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{Orders: 200})
	c := newClient(t, srv)
	want := map[string]int{}
	for _, id := range srv.IDs() {
		o, _ := srv.Order(id)
		want[o.Status]++
	}
	var statuses []string
	for s := range want {
		statuses = append(statuses, s)
	}
	got, err := c.CountByStatus(context.Background(), append(statuses, statuses[0]))
	if err != nil {
		t.Fatal(err)
	}
	for s, n := range want {
		if got[s] != n {
			t.Errorf("status %s: counted %d, the store has %d", s, got[s], n)
		}
	}
	reqs := requestsTo(srv, "order.count")
	if len(reqs) != len(statuses) {
		t.Fatalf("%d order.count requests for %d statuses", len(reqs), len(statuses))
	}
	for _, r := range reqs {
		if query(t, r).Get("order_status") == "" {
			t.Errorf("order.count without order_status: %s", r.RawQuery)
		}
	}
}

// A rate-limited store fails the count with its kind; nothing is made up.
func TestCountByStatusThrottled(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{Orders: 20})
	c := newClient(t, srv)
	srv.Throttle(7, 0)
	got, err := c.CountByStatus(context.Background(), []string{"1", "2"})
	if err == nil || got != nil {
		t.Fatalf("counts %v, err %v", got, err)
	}
	if backend.KindOf(err) != backend.KindRateLimited {
		t.Errorf("kind %v: %v", backend.KindOf(err), err)
	}
}
