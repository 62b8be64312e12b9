package pgstore

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// A late view's first screen by due, read by lateDueTop, is the screen
// one UNION part per range gives: every range read for the whole
// screen, both directions, with and without a status filter.
func TestLateDueTopMatchesParts(t *testing.T) {
	defer func(l bool) { lateDueLateral = l }(lateDueLateral)
	ctx := context.Background()
	url, schema := newSchema(t)
	if err := loadFixture(url, schema, 3000); err != nil {
		t.Fatal(err)
	}
	s := openIn(t, url, schema, Options{MaxConns: 1})
	now := storage.FixtureEnd.Add(24 * time.Hour)
	for _, v := range []backend.View{
		{Stores: storage.FixtureStores, Late: true, Now: now, Sort: backend.SortDue, Asc: true},
		{Stores: storage.FixtureStores, Late: true, Now: now, Sort: backend.SortDue, Asc: false},
		{Stores: storage.FixtureStores[1:], Late: true, Now: now.Add(-72 * time.Hour), Sort: backend.SortDue, Asc: true},
		{Late: true, Now: now, Sort: backend.SortDue, Asc: true, Statuses: []string{"P", "H"}},
	} {
		for _, after := range []int{1, 60, 400} {
			read := func(lateral bool) []backend.Order {
				t.Helper()
				lateDueLateral = lateral
				r, err := s.Window(ctx, backend.Window{View: v, After: after})
				if err != nil {
					t.Fatal(err)
				}
				return r.Orders
			}
			want, got := read(false), read(true)
			if len(want) == 0 {
				t.Fatalf("%+v: no late orders", v)
			}
			if !slices.EqualFunc(got, want, func(a, b backend.Order) bool { return a.Store == b.Store && a.ID == b.ID }) {
				t.Errorf("%+v, %d rows: %d rows, want %d (first %s/%s, want %s/%s)", v, after, len(got), len(want),
					got[0].Store, got[0].ID, want[0].Store, want[0].ID)
			}
		}
	}
}
