package storage

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// The late views' windows, counts and tallies are checked against
// backend.TimingOf by the contract suite (storagetest/mirror_late.go), on
// both of this package's plans (LateRare).

// The fixture mixes late and on-time orders, and both kinds of late.
func TestLateFixtureMixes(t *testing.T) {
	all := mirrorOrders(mirrorStores, 150, 4)
	now := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	var late, onTime, byDate int
	for _, orders := range all {
		for _, o := range orders {
			tm := backend.TimingOf(rowOf(o), backend.DefaultSLA(), now)
			switch {
			case tm.Late && !o.DispatchBy.IsZero() && tm.Due.Equal(o.DispatchBy):
				byDate++
			case tm.Late:
				late++
			case !o.Status.Kind.Final():
				onTime++
			}
		}
	}
	if late == 0 || onTime == 0 || byDate == 0 {
		t.Fatalf("late %d, on time %d, late by date %d", late, onTime, byDate)
	}
}

// A late view reads its late orders through indexes: no scan of the
// mirror, whatever the sort.
func TestLatePlansUseIndexes(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	fillMirror(t, db, mirrorOrders(mirrorStores, 50, 6))
	k := backend.RowKey{At: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), Text: "Ann Lee", Num: 1234, Store: "Beta", ID: "4"}
	for _, f := range backend.ViewSorts {
		v := backend.View{Late: true, Now: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), Sort: f, Statuses: []string{"O", "H"}}
		pairs, err := db.storeKinds(ctx, v)
		if err != nil || len(pairs) == 0 {
			t.Fatal(pairs, err)
		}
		set, args := lateSet(v, pairs, v.Now)
		rows, err := db.r.QueryContext(ctx, "EXPLAIN QUERY PLAN SELECT "+rowCols+" FROM mirror WHERE rowid IN ("+set+")", args...)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(detail, "SCAN mirror") {
				t.Errorf("%s: %s", f, detail)
			}
		}
		rows.Close()
		if _, err := db.queryLate(ctx, v, pairs, nil, k, true, true, 10); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
