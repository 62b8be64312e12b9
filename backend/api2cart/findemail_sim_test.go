package api2cart_test

import (
	"context"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/sim/api2cartsim"
)

// An e-mail address is looked up with order.list's customer_email filter,
// and the matches are that address's orders.
func TestFindByEmail(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{Orders: 120})
	c := newClient(t, srv)
	first, _ := srv.Order(srv.IDs()[7])
	want := 0
	for _, id := range srv.IDs() {
		if o, _ := srv.Order(id); strings.EqualFold(o.Email, first.Email) {
			want++
		}
	}
	got, err := backend.Find(context.Background(), c, strings.ToUpper(first.Email))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != want || want == 0 {
		t.Fatalf("found %d orders of %s, the store has %d", len(got), first.Email, want)
	}
	reqs := requestsTo(srv, "order.list")
	if len(reqs) != 1 || !strings.EqualFold(query(t, reqs[0]).Get("customer_email"), first.Email) {
		t.Errorf("order.list requests %v", reqs)
	}
	if n := len(requestsTo(srv, "order.info")); n != 0 {
		t.Errorf("%d order.info requests for an e-mail", n)
	}
}
