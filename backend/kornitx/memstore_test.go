package kornitx

import (
	"context"
	"errors"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/sim/kornitxsim"
)

// A page number past backend.MaxPage is refused: (page-1)*size would
// wrap round to a negative offset and slice the list out of range.
func TestMemStoreRefusesHugePages(t *testing.T) {
	srv := startSim(t, kornitxsim.Options{Orders: 3})
	m := NewMemStore()
	receive(t, srv, m)
	for _, cur := range []string{"0", "1000001", "9223372036854775807"} {
		if _, err := m.List(context.Background(), testStore, backend.Query{Cursor: cur, PageSize: 10}); !errors.Is(err, backend.ErrInvalidRequest) {
			t.Errorf("page %s: got %v, want an invalid request", cur, err)
		}
	}
	p, err := m.List(context.Background(), testStore, backend.Query{PageSize: 2})
	if err != nil || len(p.Orders) != 2 || p.Next != "2" {
		t.Fatalf("first page: %d orders, next %q, %v", len(p.Orders), p.Next, err)
	}
}
