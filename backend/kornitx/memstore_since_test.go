package kornitx

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// The mirror's sync reads Kornit X by update time, like the stores with an
// API: the in-memory store filters as the database does.
func TestMemStoreUpdatedSince(t *testing.T) {
	ctx := context.Background()
	m := NewMemStore()
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for i := 1; i <= 5; i++ {
		at := t0.Add(time.Duration(i) * time.Hour)
		o := backend.Order{ID: strconv.Itoa(i), Created: at, Updated: at}
		if _, err := m.SavePush(ctx, "KX", o, nil, at); err != nil {
			t.Fatal(err)
		}
	}
	p, err := m.List(ctx, "KX", backend.Query{UpdatedSince: t0.Add(4 * time.Hour), Sort: backend.SortUpdated})
	if err != nil || p.Total != 2 || p.Orders[0].ID != "5" || p.Orders[1].ID != "4" {
		t.Fatalf("updated since 4h: %+v %v", p.Orders, err)
	}
	if !(&Client{}).Capabilities().UpdatedSince {
		t.Error("Capabilities do not say UpdatedSince")
	}
}
