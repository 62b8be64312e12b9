package api2cart_test

import (
	"context"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/api2cartsim"
)

func TestSimFind(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{Orders: 20})
	c := newClient(t, srv)
	ctx := context.Background()
	id := srv.IDs()[5]
	tests := []struct {
		text string
		want int
	}{
		{id, 1},
		{"#" + id, 1},
		{"99999999", 0},
		{"zz top", 0},
	}
	for _, tt := range tests {
		got, err := backend.Find(ctx, c, tt.text)
		if err != nil || len(got) != tt.want {
			t.Errorf("Find(%q) = %d orders, %v; want %d", tt.text, len(got), err, tt.want)
			continue
		}
		if tt.want == 1 && (got[0].ID != id || !got[0].Detailed) {
			t.Errorf("Find(%q) = order %s (detailed %v), want %s in full", tt.text, got[0].ID, got[0].Detailed, id)
		}
	}
	if n := len(requestsTo(srv, "order.info")); n != len(tests) {
		t.Errorf("%d order.info requests for %d lookups", n, len(tests))
	}
}

func TestSimFindRateLimited(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{Orders: 5})
	c := newClient(t, srv)
	srv.Faults().Set(sim.Fault429, 0)
	_, err := c.Find(context.Background(), srv.IDs()[0])
	if backend.KindOf(err) != backend.KindRateLimited {
		t.Fatalf("Find on a rate-limited store: %v, want rate limited", err)
	}
}
