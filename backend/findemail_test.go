package backend_test

import (
	"context"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// emailFinder answers every lookup with a platform's loose e-mail filter:
// every order whose address contains the text.
type emailFinder struct {
	backend.Backend
	orders []backend.Order
}

func (f emailFinder) Find(_ context.Context, text string) ([]backend.Order, error) {
	return f.orders, nil
}

// Find keeps the orders of the address itself, not of every address that
// contains it, and not by e-mail for text that is no address.
func TestFindByEmailNarrows(t *testing.T) {
	s := backendtest.New(backendtest.Config{Name: "A", Orders: 1})
	f := emailFinder{Backend: s, orders: []backend.Order{
		{ID: "1", Customer: backend.Customer{Email: "ann@example.com"}},
		{ID: "2", Customer: backend.Customer{Email: "joann@example.com"}},
		{ID: "3", Customer: backend.Customer{Email: "Ann@Example.com"}},
	}}
	got, err := backend.Find(context.Background(), f, "ANN@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "1" || got[1].ID != "3" {
		t.Errorf("Find by e-mail = %+v, want orders 1 and 3", got)
	}
	if got, _ := backend.Find(context.Background(), f, "example.com"); len(got) != 0 {
		t.Errorf("Find(example.com) = %d orders: a domain is no address", len(got))
	}
}
