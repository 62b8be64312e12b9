package storage

import (
	"context"
	"errors"
	"reflect"
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

// Every view, from every kind of anchor, in both directions, answers what
// sorting and filtering every order in Go answers.
func TestWindowMatchesReference(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	all := mirrorOrders(mirrorStores, 400, 1)
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
			want := refView(all, v)
			n, err := db.Count(ctx, v)
			if err != nil || n != wantCount(v, len(want)) {
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
					w.Anchor, start = v.Key(rowOf(want[a])), a
				}
				got, err := db.Window(ctx, w)
				if err != nil {
					t.Fatal(err)
				}
				lo, hi := max(0, start-w.Before), min(len(want), start+w.After)
				var exp []backend.Order
				for _, o := range want[lo:hi] {
					exp = append(exp, rowOf(o))
				}
				if rowIDs(got.Orders) != rowIDs(exp) {
					t.Fatalf("anchor %d:\n got %s\nwant %s", a, rowIDs(got.Orders), rowIDs(exp))
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

// Paging through a view window by window visits every row once.
func TestWindowPagesThroughEverything(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	all := mirrorOrders(mirrorStores, 300, 2)
	fillMirror(t, db, all)
	v := backend.View{Kinds: []backend.StatusKind{backend.KindPending, backend.KindProcessing, backend.KindShipped}}
	want := refView(all, v)
	var seen []backend.Order
	w := backend.Window{View: v, After: 50}
	for {
		r, err := db.Window(ctx, w)
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, r.Orders...)
		if r.Last {
			break
		}
		// The next window starts after the last row: anchor on it and skip it.
		w.Anchor = v.Key(r.Orders[len(r.Orders)-1])
		w.After = 51
		r2, err := db.Window(ctx, w)
		if err != nil {
			t.Fatal(err)
		}
		if len(r2.Orders) == 0 || r2.Orders[0].ID != r.Orders[len(r.Orders)-1].ID {
			t.Fatal("the anchor row does not come first")
		}
		seen = seen[:len(seen)-1]
		w.After = 50
	}
	if rowIDs(seen) != rowIDs(want) {
		t.Errorf("paged %d rows, want %d", len(seen), len(want))
	}
}

func TestViewRefusesOtherSorts(t *testing.T) {
	db := openTest(t)
	if _, err := db.Window(context.Background(), backend.Window{View: backend.View{Sort: backend.SortID}, After: 5}); err == nil {
		t.Error("a view sorted by id was accepted")
	}
}

func span(d time.Duration) *backend.Span { s := backend.Span(d); return &s }

func TestMirrorUpsertRules(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	order := func(status backend.Status, updated time.Time, detailed bool) backend.Order {
		return backend.Order{Store: "S", ID: "7", Status: status, Created: t0, Updated: updated, Detailed: detailed, Total: "1.00"}
	}
	open, done := mirrorStatuses[0], mirrorStatuses[4]
	tests := []struct {
		name   string
		first  backend.Order
		second backend.Order
		want   MirrorCounts
		status string
		detail bool
	}{
		{"newer replaces", order(open, t0, false), order(done, t0.Add(time.Hour), false), MirrorCounts{Updated: 1}, "C", false},
		{"older is ignored", order(done, t0.Add(time.Hour), false), order(open, t0, false), MirrorCounts{Unchanged: 1}, "C", false},
		{"same is unchanged", order(open, t0, false), order(open, t0, false), MirrorCounts{Unchanged: 1}, "O", false},
		{"same time, new status", order(open, t0, false), order(done, t0, false), MirrorCounts{Updated: 1}, "C", false},
		{"detail replaces row", order(open, t0, false), order(open, t0, true), MirrorCounts{Unchanged: 1}, "O", true},
		{"row keeps detail", order(open, t0, true), order(open, t0, false), MirrorCounts{Unchanged: 1}, "O", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := openTest(t)
			if n, err := db.SaveSync(ctx, SyncState{Store: "S"}, []backend.Order{tc.first}); err != nil || n.Added != 1 {
				t.Fatalf("first write: %+v %v", n, err)
			}
			n, err := db.SaveSync(ctx, SyncState{Store: "S"}, []backend.Order{tc.second})
			if err != nil || n != tc.want {
				t.Fatalf("second write: %+v %v; want %+v", n, err, tc.want)
			}
			o, _, err := db.MirrorOrder(ctx, "S", "7")
			if err != nil || o.Status.Code != tc.status || o.Detailed != tc.detail {
				t.Errorf("stored %s detailed %v (%v); want %s %v", o.Status.Code, o.Detailed, err, tc.status, tc.detail)
			}
		})
	}
}

// The state and the orders it covers are written together or not at all.
func TestSaveSyncIsAtomic(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	good := mirrorOrders([]string{"S"}, 3, 3)["S"]
	bad := append(good[:2:2], backend.Order{Store: "S"}) // no id
	wm := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	if _, err := db.SaveSync(ctx, SyncState{Store: "S", Watermark: wm}, bad); err == nil {
		t.Fatal("an order without an id was saved")
	}
	st, err := db.SyncState(ctx, "S")
	if err != nil || !st.Watermark.IsZero() {
		t.Errorf("the watermark moved without its orders: %+v %v", st, err)
	}
	if n, _ := db.Count(ctx, backend.View{}); n != 0 {
		t.Errorf("%d orders saved by a failed write", n)
	}
	pass := SyncPass{Started: wm, From: wm.Add(-time.Hour), Cursor: "c2", Max: wm, Full: true, Done: 3, Total: 10}
	if _, err := db.SaveSync(ctx, SyncState{Store: "S", Watermark: wm, LastID: "3", Pass: pass}, good); err != nil {
		t.Fatal(err)
	}
	st, err = db.SyncState(ctx, "S")
	if err != nil || !st.Watermark.Equal(wm) || st.LastID != "3" || !reflect.DeepEqual(st.Pass, pass) {
		t.Errorf("state read back: %+v %v", st, err)
	}
}

func TestPruneMirrorKeepsOpenOrders(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	t0 := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	mk := func(id string, st backend.Status, updated time.Time) backend.Order {
		return backend.Order{Store: "S", ID: id, Status: st, Created: t0, Updated: updated}
	}
	orders := []backend.Order{
		mk("old-final", mirrorStatuses[4], t0),
		mk("old-open", mirrorStatuses[0], t0),
		mk("new-final", mirrorStatuses[5], t0.AddDate(0, 5, 0)),
	}
	if _, err := db.SaveSync(ctx, SyncState{Store: "S"}, orders); err != nil {
		t.Fatal(err)
	}
	n, err := db.PruneMirror(ctx, "S", t0.AddDate(0, 3, 0))
	if err != nil || n != 1 {
		t.Fatalf("pruned %d, %v", n, err)
	}
	for id, want := range map[string]bool{"old-final": false, "old-open": true, "new-final": true} {
		_, _, err := db.MirrorOrder(ctx, "S", id)
		if got := err == nil; got != want {
			t.Errorf("%s kept = %v, want %v (%v)", id, got, want, err)
		}
	}
}

func TestMirrorStaleLeastRecentlyCheckedFirst(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	now := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	db.now = func() time.Time { return now }
	orders := mirrorOrders([]string{"S"}, 30, 4)["S"]
	if _, err := db.SaveSync(ctx, SyncState{Store: "S"}, orders); err != nil {
		t.Fatal(err)
	}
	var open []string
	for _, o := range orders {
		if !o.Status.Kind.Final() {
			open = append(open, o.ID)
		}
	}
	first, err := db.MirrorStale(ctx, "S", 5)
	if err != nil || len(first) != 5 {
		t.Fatalf("%v %v", first, err)
	}
	// Re-reading those five makes them the most recently checked.
	now = now.Add(time.Minute)
	var again []backend.Order
	for _, o := range orders {
		for _, id := range first {
			if o.ID == id {
				again = append(again, o)
			}
		}
	}
	if _, err := db.SaveSync(ctx, SyncState{Store: "S"}, again); err != nil {
		t.Fatal(err)
	}
	all, err := db.MirrorStale(ctx, "S", 100)
	if err != nil || len(all) != len(open) {
		t.Fatalf("%d open listed, want %d (%v)", len(all), len(open), err)
	}
	if !reflect.DeepEqual(all[len(all)-5:], first) && !sameSet(all[len(all)-5:], first) {
		t.Errorf("the re-read orders are not last: %v, re-read %v", all, first)
	}
}

func sameSet(a, b []string) bool {
	m := map[string]bool{}
	for _, s := range a {
		m[s] = true
	}
	for _, s := range b {
		if !m[s] {
			return false
		}
	}
	return len(a) == len(b)
}

// The detail pane still opens from the database for an order only the
// sync has seen, and a confirmed change shows in the mirror at once.
func TestMirrorServesDetailsAndConfirmedChanges(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	o := backend.Order{Store: "Shop", ID: "1", Status: stNew, Created: time.Now().UTC(), Updated: time.Now().UTC()}
	if _, err := db.SaveSync(ctx, SyncState{Store: "Shop"}, []backend.Order{o}); err != nil {
		t.Fatal(err)
	}
	got, _, err := db.MirrorOrder(ctx, "Shop", "1")
	if err != nil || got.ID != "1" {
		t.Fatalf("MirrorOrder: %+v %v", got, err)
	}
	if _, _, err := db.MirrorOrder(ctx, "Shop", "2"); !errors.Is(err, backend.ErrNotCached) {
		t.Errorf("an unknown order: %v", err)
	}
	f := newFake("Shop", true)
	if _, err := backend.Apply(ctx, f, db.Journal("sam"), change("Shop", "1")); err != nil {
		t.Fatal(err)
	}
	r, err := db.Window(ctx, backend.Window{View: backend.View{Kinds: []backend.StatusKind{backend.KindCompleted}}, After: 5})
	if err != nil || len(r.Orders) != 1 || r.Orders[0].Status != stShipped {
		t.Errorf("after the change, completed rows: %+v %v", r.Orders, err)
	}
	st, err := db.MirrorStats(ctx)
	if err != nil || len(st) != 1 || st[0].Orders != 1 || st[0].Open != 0 {
		t.Errorf("stats: %+v %v", st, err)
	}
}

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

// wantCount is what Count answers for a view of n orders: a text view is
// counted up to backend.TextCountLimit+1.
func wantCount(v backend.View, n int) int {
	if hasText(v) {
		return min(n, backend.TextCountLimit+1)
	}
	return n
}
