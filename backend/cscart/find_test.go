package cscart

import (
	"context"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/cscartsim"
)

func TestSimFind(t *testing.T) {
	srv := startSim(t, cscartsim.Options{})
	c := simClient(t, srv)
	ctx := context.Background()
	ids := srv.IDs()
	if err := c.SetVendorRef(ctx, ids[1], "ABC1234"); err != nil {
		t.Fatal(err)
	}
	// A vendor_ref that is another order's id: both are found.
	if err := c.SetVendorRef(ctx, ids[2], ids[0]); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string
	}{
		{ids[0], []string{ids[0], ids[2]}},
		{"ABC1234", []string{ids[1]}},
		{"99999999", nil},    // an id no order has
		{"zz top", nil},      // garbage: the search says no results
		{"../statuses", nil}, // never joined into a path
	}
	for _, tt := range tests {
		got, err := backend.Find(ctx, c, tt.text)
		if err != nil {
			t.Errorf("Find(%q): %v", tt.text, err)
			continue
		}
		var gotIDs []string
		for _, o := range got {
			gotIDs = append(gotIDs, o.ID)
			if o.Store != "Market EU" {
				t.Errorf("Find(%q): order %s without its store", tt.text, o.ID)
			}
		}
		if len(gotIDs) != len(tt.want) || (len(gotIDs) > 0 && gotIDs[0] != tt.want[0]) {
			t.Errorf("Find(%q) = %v, want %v", tt.text, gotIDs, tt.want)
		}
	}
	for _, r := range srv.Requests() {
		if r.Path == "/api/statuses" || r.Path == "/statuses" {
			t.Errorf("a lookup reached %s", r.Path)
		}
	}
}

func TestSimFindStoreDown(t *testing.T) {
	srv := startSim(t, cscartsim.Options{})
	c := simClient(t, srv, hangTimeout)
	srv.Faults().Set(sim.Fault5xx, 0)
	_, err := c.Find(context.Background(), srv.IDs()[0])
	if backend.KindOf(err) != backend.KindUnavailable {
		t.Fatalf("Find on a store that is down: %v, want unavailable", err)
	}
}
