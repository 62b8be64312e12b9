package storagetest

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/internal/fake"
	"github.com/orderdash/orderdash/storage/mirrortest"
)

// The mirror's part of the contract (storage.Mirror, storage.MirrorSync):
// what the dashboard's tables, the sync, `list`, `search` and lookups
// read and write, on either database.

func testMirrorUpsertRules(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	order := func(status backend.Status, updated time.Time, detailed bool) backend.Order {
		return backend.Order{Store: "S", ID: "7", Status: status, Created: t0, Updated: updated, Detailed: detailed, Total: "1.00"}
	}
	open, done := mirrortest.Statuses[0], mirrortest.Statuses[4]
	tests := []struct {
		name   string
		first  backend.Order
		second backend.Order
		want   storage.MirrorCounts
		status string
		detail bool
	}{
		{"newer replaces", order(open, t0, false), order(done, t0.Add(time.Hour), false), storage.MirrorCounts{Updated: 1}, "C", false},
		{"older is ignored", order(done, t0.Add(time.Hour), false), order(open, t0, false), storage.MirrorCounts{Unchanged: 1}, "C", false},
		{"same is unchanged", order(open, t0, false), order(open, t0, false), storage.MirrorCounts{Unchanged: 1}, "O", false},
		{"same time, new status", order(open, t0, false), order(done, t0, false), storage.MirrorCounts{Updated: 1}, "C", false},
		{"detail replaces row", order(open, t0, false), order(open, t0, true), storage.MirrorCounts{Unchanged: 1}, "O", true},
		{"row keeps detail", order(open, t0, true), order(open, t0, false), storage.MirrorCounts{Unchanged: 1}, "O", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := fresh(t)(t)
			if n, err := db.SaveSync(ctx, storage.SyncState{Store: "S"}, []backend.Order{tc.first}); err != nil || n.Added != 1 {
				t.Fatalf("first write: %+v %v", n, err)
			}
			n, err := db.SaveSync(ctx, storage.SyncState{Store: "S"}, []backend.Order{tc.second})
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
func testSaveSyncIsAtomic(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	good := mirrortest.Orders([]string{"S"}, 3, 3)["S"]
	bad := append(good[:2:2], backend.Order{Store: "S"}) // no id
	wm := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	if _, err := db.SaveSync(ctx, storage.SyncState{Store: "S", Watermark: wm}, bad); err == nil {
		t.Fatal("an order without an id was saved")
	}
	st, err := db.SyncState(ctx, "S")
	if err != nil || !st.Watermark.IsZero() {
		t.Errorf("the watermark moved without its orders: %+v %v", st, err)
	}
	if n, _ := db.Count(ctx, backend.View{}); n != 0 {
		t.Errorf("%d orders saved by a failed write", n)
	}
	pass := storage.SyncPass{Started: wm, From: wm.Add(-time.Hour), Cursor: "c2", Max: wm, Full: true, Done: 3, Total: 10}
	if _, err := db.SaveSync(ctx, storage.SyncState{Store: "S", Watermark: wm, LastID: "3", Pass: pass}, good); err != nil {
		t.Fatal(err)
	}
	st, err = db.SyncState(ctx, "S")
	if err != nil || !st.Watermark.Equal(wm) || st.LastID != "3" || !reflect.DeepEqual(st.Pass, pass) {
		t.Errorf("state read back: %+v %v", st, err)
	}
}

func testPruneMirrorKeepsOpenOrders(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	t0 := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	mk := func(id string, st backend.Status, updated time.Time) backend.Order {
		return backend.Order{Store: "S", ID: id, Status: st, Created: t0, Updated: updated}
	}
	orders := []backend.Order{
		mk("old-final", mirrortest.Statuses[4], t0),
		mk("old-open", mirrortest.Statuses[0], t0),
		mk("new-final", mirrortest.Statuses[5], t0.AddDate(0, 5, 0)),
	}
	if _, err := db.SaveSync(ctx, storage.SyncState{Store: "S"}, orders); err != nil {
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

func testMirrorStaleLeastRecentlyCheckedFirst(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	// The re-read below comes later on the clock than the first save.
	orders := mirrortest.Orders([]string{"S"}, 30, 4)["S"]
	if _, err := db.SaveSync(ctx, storage.SyncState{Store: "S"}, orders); err != nil {
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
	var again []backend.Order
	for _, o := range orders {
		for _, id := range first {
			if o.ID == id {
				again = append(again, o)
			}
		}
	}
	if _, err := db.SaveSync(ctx, storage.SyncState{Store: "S"}, again); err != nil {
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

// The detail pane still opens from the database for an order only the
// sync has seen, and a confirmed change shows in the mirror at once.
func testMirrorServesDetailsAndConfirmedChanges(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	o := backend.Order{Store: "Shop", ID: "1", Status: fake.Open, Created: time.Now().UTC(), Updated: time.Now().UTC()}
	if _, err := db.SaveSync(ctx, storage.SyncState{Store: "Shop"}, []backend.Order{o}); err != nil {
		t.Fatal(err)
	}
	got, _, err := db.MirrorOrder(ctx, "Shop", "1")
	if err != nil || got.ID != "1" {
		t.Fatalf("MirrorOrder: %+v %v", got, err)
	}
	if _, _, err := db.MirrorOrder(ctx, "Shop", "2"); !errors.Is(err, backend.ErrNotCached) {
		t.Errorf("an unknown order: %v", err)
	}
	f := fake.NewStore("Shop", true)
	if _, err := backend.Apply(ctx, f, db.Journal("sam"), fake.Change("Shop", "1")); err != nil {
		t.Fatal(err)
	}
	r, err := db.Window(ctx, backend.Window{View: backend.View{Kinds: []backend.StatusKind{backend.KindCompleted}}, After: 5})
	if err != nil || len(r.Orders) != 1 || r.Orders[0].Status != fake.Shipped {
		t.Errorf("after the change, completed rows: %+v %v", r.Orders, err)
	}
	st, err := db.MirrorStats(ctx)
	if err != nil || len(st) != 1 || st[0].Orders != 1 || st[0].Open != 0 {
		t.Errorf("stats: %+v %v", st, err)
	}
}

func testMirrorFind(t *testing.T, fresh Fresh) {
	db := fresh(t)(t)
	ctx := context.Background()
	st := backend.Status{Code: "1", Name: "Received", Kind: backend.KindPending}
	put := []backend.Order{
		{Store: "CS-Cart", ID: "98", Number: "98", Status: st},
		{Store: "Lunasoft", ID: "98", Number: "98", Status: st}, // the same id in another store
		{Store: "Kornit X", ID: "4200057", Number: "CG31000741", VendorRef: "#10400", Status: st},
		{Store: "Kornit X", ID: "4200058", Number: "CG31000742", VendorRef: "#10400", Status: st}, // split order
		{Store: "CS-Cart", ID: "99", Number: "99", VendorRef: "ABC1234", Status: st},
		{Store: "API2Cart", ID: "000000123", Number: "000000123", Status: st},
	}
	if _, err := db.MirrorPut(ctx, put); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string // store/id
		err  string
	}{
		{text: "98", want: []string{"CS-Cart/98", "Lunasoft/98"}},
		{text: "#98", want: []string{"CS-Cart/98", "Lunasoft/98"}},
		{text: "4200057", want: []string{"Kornit X/4200057"}},
		{text: "CG31000741", want: []string{"Kornit X/4200057"}},
		{text: "cg31000741", want: []string{"Kornit X/4200057"}},
		{text: "10400", want: []string{"Kornit X/4200057", "Kornit X/4200058"}},
		{text: "#10400", want: []string{"Kornit X/4200057", "Kornit X/4200058"}},
		{text: "abc1234", want: []string{"CS-Cart/99"}},
		{text: "000000123", want: []string{"API2Cart/000000123"}},
		{text: "123"},          // not a prefix or suffix match
		{text: "CG3100074"},    // nor a prefix
		{text: "x' OR '1'='1"}, // a value, never SQL
		{text: "", err: "no order id"},
		{text: strings.Repeat("9", 10_000), err: "looks up at most"},
	}
	for _, tt := range tests {
		got, err := db.MirrorFind(ctx, tt.text)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("MirrorFind(%.20q): error %v, want %q", tt.text, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("MirrorFind(%q): %v", tt.text, err)
			continue
		}
		var ids []string
		for _, o := range got {
			ids = append(ids, o.Store+"/"+o.ID)
		}
		if strings.Join(ids, " ") != strings.Join(tt.want, " ") {
			t.Errorf("MirrorFind(%q) = %v, want %v", tt.text, ids, tt.want)
		}
	}
}

func testCountNew(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	all := mirrortest.Orders([]string{"A", "B"}, 50, 1)
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
	} {
		if n, err := db.CountNew(ctx, tc.v, mark, 100); err != nil || n != tc.want {
			t.Errorf("CountNew(%+v) = %d, %v; want %d", tc.v, n, err, tc.want)
		}
	}
	if n, _ := db.CountNew(ctx, backend.View{}, mark, 2); n != 2 {
		t.Errorf("limited count %d, want 2", n)
	}
}

func testMirrorSearchRanks(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	at := func(h int) time.Time { return time.Date(2026, 11, 1, h, 0, 0, 0, time.UTC) }
	open := backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}
	orders := []backend.Order{
		{Store: "A", ID: "1042", Number: "1042", Status: open, Created: at(1), Customer: backend.Customer{Name: "Ann Lee"}},
		{Store: "A", ID: "51042", Number: "51042", Status: open, Created: at(5), Customer: backend.Customer{Name: "Bo Chen"}},
		{Store: "B", ID: "77", Number: "CG1042", VendorRef: "X-9", Status: open, Created: at(3), Customer: backend.Customer{Name: "Carossi Lee"}},
		{Store: "B", ID: "78", Number: "CG2000", Status: open, Created: at(2), Customer: backend.Customer{Name: "Maria Rossi", Email: "maria.rossi@example.com"}},
		{Store: "B", ID: "1042", Number: "B-1042", Status: open, Created: at(4), Customer: backend.Customer{Name: "Dee"}},
	}
	if _, err := db.MirrorPut(ctx, orders); err != nil {
		t.Fatal(err)
	}
	ids := func(fs []storage.Found) string {
		var s []string
		for _, f := range fs {
			s = append(s, f.Store+"/"+f.ID+":"+string(f.Match))
		}
		return strings.Join(s, " ")
	}
	for _, tc := range []struct {
		q      string
		stores []string
		want   string
	}{
		// Exact ids first (A's 1042 and B's 1042, the newest first), then
		// the rest newest first.
		{"1042", nil, "B/1042:exact A/1042:exact A/51042:text B/77:text"},
		{"1042", []string{"A"}, "A/1042:exact A/51042:text"},
		{"#cg1042", nil, "B/77:exact"},
		{"x-9", nil, "B/77:exact"},
		// A word at a field's start beats one inside a word.
		{"rossi", nil, "B/78:text B/77:text"},
		{"lee", nil, "B/77:text A/1042:text"},
		// Search syntax is text.
		{`"1042`, nil, ""},
		{`1042*`, nil, ""},
		{`NEAR(ann lee)`, nil, ""},
		{`-1042`, nil, "B/1042:text"},
		{strings.Repeat("x", 10_000), nil, ""},
		{strings.Repeat("ab ", 40), nil, ""},
		{"   ", nil, ""},
	} {
		got, _, err := db.MirrorSearch(ctx, tc.q, tc.stores)
		if err != nil {
			t.Errorf("%.20q: %v", tc.q, err)
			continue
		}
		if ids(got) != tc.want {
			t.Errorf("%.20q %v: got %q, want %q", tc.q, tc.stores, ids(got), tc.want)
		}
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
