package storagetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/mirrortest"
)

// Windows and counts of views over the mirror, against the reference
// answer (every order filtered and sorted in Go).

var mirrorStores = []string{"Alpha", "Beta", "Gamma"}

func fillMirror(t testing.TB, db storage.Store, all map[string][]backend.Order) {
	t.Helper()
	for s, orders := range all {
		if _, err := db.SaveSync(context.Background(), storage.SyncState{Store: s}, orders); err != nil {
			t.Fatal(err)
		}
	}
}

func span(d time.Duration) *backend.Span { s := backend.Span(d); return &s }

// Every view, from every kind of anchor, in both directions, answers what
// sorting and filtering every order in Go answers.
func testWindowMatchesReference(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	all := mirrortest.Orders(mirrorStores, 400, 1)
	fillMirror(t, db, all)
	views := map[string]backend.View{
		"all stores":          {},
		"all stores asc":      {Asc: true},
		"all by updated":      {Sort: backend.SortUpdated},
		"one store":           {Stores: []string{"Beta"}},
		"two stores asc":      {Stores: []string{"Gamma", "Alpha"}, Asc: true},
		"two stores updated":  {Stores: []string{"Gamma", "Alpha"}, Sort: backend.SortUpdated},
		"kinds":               {Kinds: []backend.StatusKind{backend.KindPending, backend.KindOnHold}},
		"kinds updated":       {Kinds: []backend.StatusKind{backend.KindPending}, Sort: backend.SortUpdated, Asc: true},
		"kind in a store":     {Stores: []string{"Alpha"}, Kinds: []backend.StatusKind{backend.KindShipped}},
		"statuses in a store": {Stores: []string{"Alpha"}, Statuses: []string{"O", "C"}},
		"statuses everywhere": {Statuses: []string{"X"}, Asc: true},
		"status and kind":     {Stores: []string{"Beta"}, Statuses: []string{"O", "C"}, Kinds: []backend.StatusKind{backend.KindCompleted}},
		"text":                {Text: "DÍAZ"},
		"text and kind":       {Text: "b-0", Kinds: []backend.StatusKind{backend.KindCancelled, backend.KindCompleted}},
		"text in two stores":  {Text: "lee", Stores: []string{"Alpha", "Gamma"}, Asc: true},
		"text and status":     {Text: "a-00", Stores: []string{"Alpha"}, Statuses: []string{"S"}},
		"text by updated":     {Text: "bo chen", Sort: backend.SortUpdated},
		"nothing matches":     {Text: "nobody"},
		// LIKE's wildcards are text: "n_l" is not "ann lee", "n%e" not "ann@example".
		"text with an underscore": {Text: "n_l"},
		"text with a percent":     {Text: "n%e"},
	}
	// Every other sort, over the same filters.
	sla := &backend.SLAs{Default: backend.DefaultSLA(), Stores: map[string]backend.SLA{
		"Gamma": backend.DefaultSLA().With(backend.SLA{Pending: span(2 * time.Hour), Shipped: span(24 * time.Hour)}),
	}}
	for _, f := range backend.ViewSorts[1:] {
		for name, v := range map[string]backend.View{
			"all":                 {},
			"all asc":             {Asc: true},
			"two stores":          {Stores: []string{"Gamma", "Alpha"}},
			"kinds in a store":    {Stores: []string{"Beta"}, Kinds: []backend.StatusKind{backend.KindPending, backend.KindOnHold}, Asc: true},
			"kinds":               {Kinds: []backend.StatusKind{backend.KindProcessing, backend.KindShipped}},
			"statuses in a store": {Stores: []string{"Alpha"}, Statuses: []string{"O", "H"}},
			"statuses":            {Statuses: []string{"X", "P"}, Asc: true},
			"text":                {Text: "lee"},
			"text in stores":      {Text: "b-0", Stores: []string{"Beta", "Gamma"}, Asc: true},
		} {
			v.Sort, v.SLA = f, sla
			views[string(f)+" "+name] = v
		}
	}
	for name, v := range views {
		t.Run(name, func(t *testing.T) {
			want := mirrortest.RefView(all, v)
			n, err := db.Count(ctx, v)
			if err != nil || n != mirrortest.WantCount(v, len(want)) {
				t.Fatalf("Count = %d, %v; want %d", n, err, len(want))
			}
			// The top, then anchors at the first, a middle and the last row.
			anchors := []int{-1}
			if len(want) > 0 {
				anchors = append(anchors, 0, len(want)/2, len(want)-1)
			}
			for _, a := range anchors {
				w := backend.Window{View: v, Before: 13, After: 21}
				start := 0
				if a >= 0 {
					w.Anchor, start = v.Key(mirrortest.RowOf(want[a])), a
				}
				got, err := db.Window(ctx, w)
				if err != nil {
					t.Fatal(err)
				}
				lo, hi := max(0, start-w.Before), min(len(want), start+w.After)
				var exp []backend.Order
				for _, o := range want[lo:hi] {
					exp = append(exp, mirrortest.RowOf(o))
				}
				if mirrortest.RowIDs(got.Orders) != mirrortest.RowIDs(exp) {
					t.Fatalf("anchor %d:\n got %s\nwant %s", a, mirrortest.RowIDs(got.Orders), mirrortest.RowIDs(exp))
				}
				if len(exp) > 0 && !reflect.DeepEqual(got.Orders, exp) {
					t.Fatalf("anchor %d: rows differ:\n got %+v\nwant %+v", a, got.Orders[0], exp[0])
				}
				if got.Anchor != start-lo || got.First != (lo == 0) || got.Last != (hi == len(want)) {
					t.Errorf("anchor %d: Anchor %d First %v Last %v; want %d %v %v", a, got.Anchor, got.First, got.Last, start-lo, lo == 0, hi == len(want))
				}
			}
		})
	}
}

// Paging through a view window by window visits every row once, in
// order: a plain filter, and texts whose matches span many pages (a
// common name, a word every order holds), page by page against the
// reference.
func testWindowPagesThroughEverything(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	all := mirrortest.Orders(mirrorStores, 300, 2)
	fillMirror(t, db, all)
	const page = 20
	views := map[string]backend.View{
		"kinds":                {Kinds: []backend.StatusKind{backend.KindPending, backend.KindProcessing, backend.KindShipped}},
		"common name":          {Text: "lee"},
		"common name asc":      {Text: "LEE", Asc: true},
		"common name updated":  {Text: "chen", Sort: backend.SortUpdated, Stores: []string{"Gamma", "Alpha"}},
		"every order's e-mail": {Text: "example.com", Kinds: []backend.StatusKind{backend.KindCompleted, backend.KindPending}},
	}
	for name, v := range views {
		t.Run(name, func(t *testing.T) {
			want := mirrortest.RefView(all, v)
			if len(want) < 4*page {
				t.Fatalf("%d rows: too few to span pages", len(want))
			}
			var seen []backend.Order
			w := backend.Window{View: v, After: page}
			for p := 0; ; p++ {
				r, err := db.Window(ctx, w)
				if err != nil {
					t.Fatal(err)
				}
				lo := min(len(seen), len(want))
				hi := min(lo+len(r.Orders), len(want))
				if mirrortest.RowIDs(r.Orders) != mirrortest.RowIDs(want[lo:hi]) {
					t.Fatalf("page %d:\n got %s\nwant %s", p, mirrortest.RowIDs(r.Orders), mirrortest.RowIDs(want[lo:hi]))
				}
				seen = append(seen, r.Orders...)
				if r.Last {
					break
				}
				// The next window starts after the last row: anchor on it and skip it.
				w.Anchor = v.Key(r.Orders[len(r.Orders)-1])
				w.After = page + 1
				r2, err := db.Window(ctx, w)
				if err != nil {
					t.Fatal(err)
				}
				if len(r2.Orders) == 0 || r2.Orders[0].ID != r.Orders[len(r.Orders)-1].ID {
					t.Fatal("the anchor row does not come first")
				}
				seen = seen[:len(seen)-1]
				w.After = page
			}
			if mirrortest.RowIDs(seen) != mirrortest.RowIDs(want) {
				t.Errorf("paged %d rows, want %d", len(seen), len(want))
			}
		})
	}
}

func testViewRefusesOtherSorts(t *testing.T, fresh Fresh) {
	db := fresh(t)(t)
	if _, err := db.Window(context.Background(), backend.Window{View: backend.View{Sort: backend.SortID}, After: 5}); err == nil {
		t.Error("a view sorted by id was accepted")
	}
}
