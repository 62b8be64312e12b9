package lunasoft

import (
	"context"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/lunasoftsim"
)

func TestSimFind(t *testing.T) {
	srv := startSim(t, lunasoftsim.Options{})
	c := simClient(t, srv)
	ctx := context.Background()
	id := srv.IDs()[3]
	tests := []struct {
		text     string
		want     int
		requests int // requests the lookup costs
	}{
		{id, 1, 1},
		{"#" + id, 1, 1},
		{"99999999", 0, 1},
		{"CG31000741", 0, 0}, // no Lunasoft id: nothing to ask
		{"../orders", 0, 0},
	}
	for _, tt := range tests {
		before := len(srv.Requests())
		got, err := backend.Find(ctx, c, tt.text)
		if err != nil || len(got) != tt.want {
			t.Errorf("Find(%q) = %d orders, %v; want %d", tt.text, len(got), err, tt.want)
		}
		if n := len(srv.Requests()) - before; n != tt.requests {
			t.Errorf("Find(%q) sent %d requests, want %d", tt.text, n, tt.requests)
		}
		if tt.want == 1 && (got[0].ID != id || got[0].History == nil) {
			t.Errorf("Find(%q) = %+v, want order %s in full", tt.text, got[0].ID, id)
		}
	}
}

func TestSimFindStoreDown(t *testing.T) {
	srv := startSim(t, lunasoftsim.Options{})
	c := simClient(t, srv, hangTimeout)
	srv.Faults().Set(sim.Fault5xx, 0)
	if _, err := c.Find(context.Background(), srv.IDs()[0]); backend.KindOf(err) != backend.KindUnavailable {
		t.Fatalf("Find on a store that is down: %v, want unavailable", err)
	}
}
