package storage

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

var mirrorStores = []string{"Alpha", "Beta", "Gamma"}

func fillMirror(t testing.TB, db *DB, all map[string][]backend.Order) {
	t.Helper()
	for s, orders := range all {
		if _, err := db.SaveSync(context.Background(), SyncState{Store: s}, orders); err != nil {
			t.Fatal(err)
		}
	}
}

func span(d time.Duration) *backend.Span { s := backend.Span(d); return &s }

// Every window is index range scans merged in order: never a scan of the
// table, never a sort of every matching row (what OFFSET paging or an
// unindexed ORDER BY would cost at a million orders).
func TestWindowPlansAreIndexRanges(t *testing.T) {
	db := openTest(t)
	k := backend.RowKey{At: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Store: "Beta", ID: "42"}
	views := []backend.View{
		{}, {Asc: true}, {Sort: backend.SortUpdated},
		{Stores: []string{"Alpha", "Beta", "Gamma"}},
		{Kinds: []backend.StatusKind{backend.KindPending, backend.KindOnHold}},
		{Stores: []string{"Beta"}, Statuses: []string{"O", "H"}},
		{Stores: []string{"Beta"}, Sort: backend.SortUpdated, Kinds: []backend.StatusKind{backend.KindPending}},
		{Text: "lee", Stores: []string{"Alpha", "Beta"}},
	}
	for _, f := range backend.ViewSorts[1:] {
		views = append(views, backend.View{Sort: f}, backend.View{Sort: f, Stores: []string{"Alpha", "Beta", "Gamma"}},
			backend.View{Sort: f, Stores: []string{"Beta"}, Kinds: []backend.StatusKind{backend.KindPending, backend.KindOnHold}},
			backend.View{Sort: f, Stores: []string{"Beta"}, Statuses: []string{"O", "H"}})
	}
	k.Text, k.Num = "Ann Lee", 1234
	for i, v := range views {
		var pairs []storeKind
		if needsPairs(v) {
			for _, s := range mirrorStores {
				for _, kd := range backend.Kinds {
					if (len(v.Stores) == 0 || slices.Contains(v.Stores, s)) && (len(v.Kinds) == 0 || slices.Contains(v.Kinds, kd)) {
						pairs = append(pairs, storeKind{s, string(kd)})
					}
				}
			}
		}
		for _, up := range []bool{false, true} {
			q, args, err := windowSQL(v, pairs, k, up, true, 60)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := db.r.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+q, args...)
			if err != nil {
				t.Fatal(err)
			}
			details := map[int]string{}
			merged := false
			for rows.Next() {
				var id, parent, notused int
				var detail string
				if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
					t.Fatal(err)
				}
				details[id] = detail
				merged = merged || strings.HasPrefix(detail, "MERGE")
				// Arms are merged in order: sorting an arm's few rows
				// for the merge is fine, sorting inside an arm is not.
				sortsArm := strings.Contains(detail, "TEMP B-TREE") &&
					(strings.HasPrefix(details[parent], "CO-ROUTINE") || (parent == 0 && !merged))
				if strings.HasPrefix(detail, "SCAN mirror") || sortsArm {
					t.Errorf("view %d %+v (up %v): %s", i, v, up, detail)
				}
			}
			rows.Close()
		}
	}
}
