package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// `:` with an e-mail address the mirror does not hold is asked of the
// store's e-mail filter; the order found opens, and is in the mirror.
func TestGotoByEmailAsksTheStore(t *testing.T) {
	cart := backendtest.New(backendtest.Config{Name: "Cart", Platform: "cscart", Orders: 40, Seed: 3,
		Caps: backend.Capabilities{StatusFilter: true, EmailFilter: true, Count: true}})
	all := allOrders(t, cart)
	byEmail := map[string][]backend.Order{}
	for _, o := range all {
		byEmail[strings.ToLower(o.Customer.Email)] = append(byEmail[strings.ToLower(o.Customer.Email)], o)
	}
	var want backend.Order
	for _, o := range all {
		if e := strings.ToLower(o.Customer.Email); backend.LooksLikeEmail(e) && len(byEmail[e]) == 1 {
			want = o
			break
		}
	}
	if want.ID == "" {
		t.Fatal("no order with an address of its own")
	}
	h := newHarness(t, opts(cart, lunasoftLike("Luna", 5, 2)), 160, 45, noFill)
	h.gotoOrder(strings.ToUpper(want.Customer.Email))
	h.wantOn(0, "Cart", want.ID)
	found, err := h.db.MirrorFind(context.Background(), want.ID)
	if err != nil || len(found) != 1 {
		t.Fatalf("the mirror after the go-to: %v, %v", found, err)
	}
}
