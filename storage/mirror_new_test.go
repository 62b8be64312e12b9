package storage

import (
	"context"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

func TestCountNew(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	all := mirrorOrders([]string{"A", "B"}, 50, 1)
	for _, s := range []string{"A", "B"} {
		if _, err := db.MirrorPut(ctx, all[s]); err != nil {
			t.Fatal(err)
		}
	}
	mark, err := db.MirrorMark(ctx)
	if err != nil || mark.Row == 0 || mark.Created.IsZero() {
		t.Fatalf("mark %+v, %v", mark, err)
	}
	later := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	open := backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}
	put := func(os ...backend.Order) {
		t.Helper()
		if _, err := db.MirrorPut(ctx, os); err != nil {
			t.Fatal(err)
		}
	}
	// Two new orders of A, one of B; an old order of B reaching the mirror
	// late; a re-read of an order already there.
	put(backend.Order{Store: "A", ID: "9001", Number: "9001", Status: open, Created: later, Updated: later, Customer: backend.Customer{Name: "Maria Rossi"}},
		backend.Order{Store: "A", ID: "9002", Number: "9002", Status: open, Created: later, Updated: later})
	put(backend.Order{Store: "B", ID: "9003", Number: "9003", Status: open, Created: later, Updated: later},
		backend.Order{Store: "B", ID: "8000", Number: "8000", Status: open, Created: later.AddDate(-1, 0, 0), Updated: later})
	reread := all["A"][3]
	reread.Updated = later
	put(reread)
	for _, tc := range []struct {
		v    backend.View
		want int
	}{
		{backend.View{}, 3},
		{backend.View{Stores: []string{"A"}}, 2},
		{backend.View{Stores: []string{"B"}}, 1},
		{backend.View{Kinds: []backend.StatusKind{backend.KindShipped}}, 0},
		{backend.View{Text: "rossi"}, 1},
		{backend.View{Text: "x" + string(make([]byte, 200))}, 0},
		// A late view counts the arrivals it lists: late ones.
		{backend.View{Late: true, Now: later.Add(time.Hour)}, 0},
		{backend.View{Late: true, Now: later.Add(25 * time.Hour), Stores: []string{"A"}}, 2},
	} {
		if n, err := db.CountNew(ctx, tc.v, mark, 100); err != nil || n != tc.want {
			t.Errorf("CountNew(%+v) = %d, %v; want %d", tc.v, n, err, tc.want)
		}
	}
	if n, _ := db.CountNew(ctx, backend.View{}, mark, 2); n != 2 {
		t.Errorf("limited count %d, want 2", n)
	}
}
