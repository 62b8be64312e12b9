package cscart

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/cscartsim"
)

// An e-mail address is looked up with the store's e-mail filter, and
// only the orders of that exact address are matches (the filter is a
// substring match).
func TestSimFindEmail(t *testing.T) {
	srv := startSim(t, cscartsim.Options{Orders: 80})
	c := simClient(t, srv)
	o, _ := srv.Order(srv.IDs()[5])
	email := o.Email
	if !backend.LooksLikeEmail(email) {
		t.Fatalf("the simulator's order has no e-mail address: %q", email)
	}
	want := map[string]bool{}
	for _, id := range srv.IDs() {
		x, _ := srv.Order(id)
		if strings.EqualFold(x.Email, email) && x.Status != "N" {
			want[id] = true
		}
	}
	got, err := backend.Find(context.Background(), c, strings.ToUpper(email))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("Find(%s) found %d orders, the store has %d", email, len(got), len(want))
	}
	for _, g := range got {
		if !want[g.ID] || g.Store != "Market EU" {
			t.Errorf("Find(%s) found order %s of %s (%s)", email, g.ID, g.Customer.Email, g.Store)
		}
	}
	var sawEmail bool
	for _, r := range srv.Requests() {
		q, _ := url.ParseQuery(r.RawQuery)
		if strings.HasSuffix(r.Path, "/orders") && strings.EqualFold(q.Get("email"), email) {
			sawEmail = true
		}
		if strings.Contains(r.Path, "search") {
			t.Errorf("an e-mail lookup asked the vendor_ref search: %s?%s", r.Path, r.RawQuery)
		}
	}
	if !sawEmail {
		t.Error("no GET /orders?email= request")
	}
	// A part of an address is no address: no e-mail request.
	if got, err := backend.Find(context.Background(), c, email[:strings.IndexByte(email, '@')]); err != nil || len(got) != 0 {
		t.Errorf("Find(local part) = %v, %v", got, err)
	}
}

// A store that is down answers an e-mail lookup with its error; FindAll
// keeps it beside the other stores' answers.
func TestSimFindEmailStoreDown(t *testing.T) {
	down := startSim(t, cscartsim.Options{})
	up := startSim(t, cscartsim.Options{Orders: 40})
	o, _ := up.Order(up.IDs()[3])
	down.Faults().Set(sim.Fault5xx, 0)
	cDown := simClient(t, down, hangTimeout, func(cfg *Config, _ *httpx.Options) { cfg.Name = "Down shop" })
	cUp := simClient(t, up)
	res, err := backend.FindAll(context.Background(), []backend.Backend{cDown, cUp}, o.Email, backend.FindOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 1 || res.Failed[0].Store != "Down shop" {
		t.Fatalf("failed %v, want the store that is down", res.Failed)
	}
	if len(res.Matches) == 0 {
		t.Fatal("the store that is up found nothing")
	}
}

func TestLooksLikeEmail(t *testing.T) {
	for text, want := range map[string]bool{
		"ann@example.com": true, " a.b+c@shop.co.uk ": true, "ann@": false, "@example.com": false,
		"ann@example": false, "a@b@c.de": false, "ann smith@example.com": false, "10443": false, "ABC-123": false,
	} {
		if got := backend.LooksLikeEmail(text); got != want {
			t.Errorf("LooksLikeEmail(%q) = %v", text, got)
		}
	}
}
