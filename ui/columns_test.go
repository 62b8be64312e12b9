package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// Issue 14: at 80 columns the journal's Change column is not cut beside
// a Kornit X number while the two fit together; when they cannot, the
// change keeps minJournalChange and a long number loses its start.
func TestJournalChangeAndOrderShareTheWidth(t *testing.T) {
	h := newHarness(t, opts(cscartLike("Cart", 5, 1)), 160, 45)
	st := func(code, name string) backend.Status {
		return backend.Status{Code: code, Name: name, Kind: backend.KindPending}
	}
	entry := func(id int64, store, order string, from, to backend.Status) backend.JournalEntry {
		return backend.JournalEntry{Change: backend.Change{ID: id, Store: store, OrderID: order, From: from, To: to,
			Operator: "root", Requested: testNow}, State: backend.StateConfirmed}
	}
	kornit := []backend.JournalEntry{
		entry(1, "demo-api2cart", "1000", st("1", "Pending"), st("9", "Canceled Reversal")),
		entry(2, "demo-kornitx", "4200040", st("1", "Received"), st("8", "Dispatched")),
	}
	long := []backend.JournalEntry{
		entry(3, "demo-api2cart", "7", st("1", "Received"), st("8", "Dispatched (Retailer Notified)")),
	}
	shown := st("8", "Dispatched (Retailer Notified)")
	long[0].Result = &shown
	outcome := []backend.JournalEntry{entry(4, "demo-kornitx", "4200040", st("1", "Received"), shown)}
	outcome[0].Result = &shown
	cases := []struct {
		name    string
		entries []backend.JournalEntry
		numbers map[int64]string
		w       int
		want    []string // in the table's rows
		detail  []string // anywhere, the entry in full under the table included
	}{
		{"kornit 80", kornit, map[int64]string{2: "CG31000520"}, 80, []string{"#CG31000520 ", "Pending → Canceled Reversal ", "Received → Dispatched ", " root"}, nil},
		{"kornit 160", kornit, map[int64]string{2: "CG31000520"}, 160, []string{"#CG31000520 ", "Pending → Canceled Reversal ", "Received → Dispatched "}, nil},
		{"kornit 250", kornit, map[int64]string{2: "CG31000520"}, 250, []string{"#CG31000520 ", "Pending → Canceled Reversal ", "Received → Dispatched "}, nil},
		// Neither fits whole at 80: the change keeps 20 cells, the number
		// its distinguishing end.
		{"long number 80", long, map[int64]string{3: "A2C-2026-0000000004417"}, 80, []string{"Received → Dispatch…", "00004417 ", " root"}, []string{"#A2C-2026-0000000004417 on demo-api2cart", " Dispatched (Retailer Notified)"}},
		{"long number 160", long, map[int64]string{3: "A2C-2026-0000000004417"}, 160, []string{"#A2C-2026-0000000004417 ", "Received → Dispatched (Retailer Notified) "}, nil},
		// The State and By columns are as wide as their values, so the
		// store's answer shows whole at 160.
		{"kornit outcome 160", outcome, map[int64]string{4: "CG31000520"}, 160, []string{"#CG31000520 ", "Received → Dispatched (Retailer Notified) ", "the store shows Dispatched (Retailer Notified) "}, nil},
		{"long number 250", long, map[int64]string{3: "A2C-2026-0000000004417"}, 250, []string{"#A2C-2026-0000000004417 ", "Received → Dispatched (Retailer Notified) ", "the store shows Dispatched (Retailer Notified) "}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			j := &journalView{entries: tc.entries, numbers: tc.numbers, prefix: "demo-"}
			c := h.m.dialogCtx()
			j.fit(c, tc.w, 30)
			lines := j.view(c, tc.w, 30).lines
			text := ansi.Strip(strings.Join(lines, "\n"))
			var rows []string
			for _, l := range lines {
				if l := ansi.Strip(l); strings.Contains(l, "confirmed ") {
					rows = append(rows, l)
				}
			}
			for _, want := range tc.want {
				if !strings.Contains(strings.Join(rows, "\n"), want) {
					t.Errorf("%q is cut:\n%s", want, text)
				}
			}
			for _, want := range tc.detail {
				if !strings.Contains(text, want) {
					t.Errorf("%q is cut:\n%s", want, text)
				}
			}
			if testing.Verbose() {
				t.Log("\n" + text)
			}
			for _, l := range lines {
				if width(l) != tc.w {
					t.Errorf("a line is %d cells wide: %q", width(l), ansi.Strip(l))
				}
			}
		})
	}
}

// Issue 14: the orders table's Status column is as wide as the widest
// status on screen (up to a third of the terminal) and gives way last, so
// "In Production" is whole at 80 columns while other columns have room;
// one store's long statuses do not widen another store's tab.
func TestStatusColumnFitsLongStatuses(t *testing.T) {
	store := func(name, platform string, statuses ...string) *backendtest.Store {
		var sts []backend.Status
		for i, n := range statuses {
			sts = append(sts, backend.Status{Code: itoa(i + 1), Name: n, Kind: backend.KindProcessing})
		}
		return backendtest.New(backendtest.Config{Name: name, Platform: platform, Orders: 20, Seed: 3, Statuses: sts,
			Newest: testNow.Add(-30 * time.Minute)})
	}
	kornit := func() *backendtest.Store {
		return store("demo-kornitx", "kornitx", "In Production", "Received by Supplier")
	}
	a2c := func() *backendtest.Store { return store("demo-api2cart", "api2cart", "Canceled Reversal", "Pending") }
	long := func() *backendtest.Store {
		return store("demo-kornitx", "kornitx", "Dispatched (Retailer Notified)", "In Production (Awaiting Print Queue Allocation)")
	}
	short := func() *backendtest.Store { return store("demo-cscart", "cscart", "Open", "Processed") }
	cases := []struct {
		name   string
		stores []backend.Backend
		w, h   int
		keys   []string
		want   []string
		absent []string
	}{
		{name: "kornit tab 80", stores: []backend.Backend{kornit(), short()}, w: 80, h: 24, keys: []string{"2"},
			want: []string{"◐ In Production ", "◐ Received by Supplier "}},
		{name: "api2cart tab 80", stores: []backend.Backend{a2c(), short()}, w: 80, h: 24, keys: []string{"2"},
			want: []string{"◐ Canceled Reversal "}},
		{name: "all stores 80", stores: []backend.Backend{kornit()}, w: 80, h: 24,
			want: []string{"◐ In Production "}},
		{name: "kornit 160", stores: []backend.Backend{long(), short()}, w: 160, h: 45, keys: []string{"2"},
			want: []string{"◐ Dispatched (Retailer Notified) ", "◐ In Production (Awaiting Print Queue Allocation) "}},
		{name: "kornit 250", stores: []backend.Backend{long(), short()}, w: 250, h: 70, keys: []string{"2"},
			want: []string{"◐ Dispatched (Retailer Notified) ", "◐ In Production (Awaiting Print Queue Allocation) "}},
		// The short store's tab keeps its dates and item counts.
		{name: "short tab beside long 80", stores: []backend.Backend{long(), short()}, w: 80, h: 24, keys: []string{"2", "3"},
			want: []string{"Items", "2026-11-20"}, absent: []string{"…"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, opts(tc.stores...), tc.w, tc.h)
			h.press(tc.keys...)
			h.fire(isDebounce)
			lines := strings.Split(h.view(), "\n")
			table := strings.Join(lines[1:min(len(lines), 12)], "\n")
			for _, want := range tc.want {
				if !strings.Contains(table, want) {
					t.Errorf("%q is cut or missing:\n%s", want, table)
				}
			}
			for _, bad := range tc.absent {
				if strings.Contains(table, bad) {
					t.Errorf("the table holds %q:\n%s", bad, table)
				}
			}
		})
	}
}

// The Age column is as wide as what the rows on screen say: a screen of
// "30m" leaves five more cells to the customer than one with "! late 12d".
func TestAgeColumnFitsWhatIsOnScreen(t *testing.T) {
	var l layoutCache
	short := l.columnsFor(100, false, onScreen{status: 12, customer: 40, age: 3})
	late := l.columnsFor(100, false, onScreen{status: 12, customer: 40, age: 10})
	if short.age != ageMin || late.age != ageW {
		t.Errorf("Age column %d for \"30m\", %d for \"! late 12d\"; want %d and %d", short.age, late.age, ageMin, ageW)
	}
	if short.customer != late.customer+ageW-ageMin {
		t.Errorf("customer %d beside short ages, %d beside late ones: the Age column's room is not given back", short.customer, late.customer)
	}
	// In the dashboard: recent orders in a status with no limit reached.
	s := backendtest.New(backendtest.Config{Name: "Cart", Platform: "cscart", Orders: 20, Seed: 3,
		Statuses: []backend.Status{{Code: "P", Name: "Processed", Kind: backend.KindProcessing}}, Newest: testNow.Add(-30 * time.Minute)})
	h := newHarness(t, opts(s), 80, 24)
	h.fire(isDebounce)
	header := ansi.Strip(strings.Split(h.view(), "\n")[1])
	i := strings.LastIndex(header, "Age")
	if i < 0 || width(header)-width(header[:i]) > ageMin {
		t.Errorf("the Age column is wider than its rows need:\n%s", h.view())
	}
}

// A tab that shows one store has no Store column, whatever its kind: All
// stores with one store configured, a saved view of one store.
func TestStoreColumnOnlyForSeveralStores(t *testing.T) {
	header := func(h *harness) string { return strings.Split(h.view(), "\n")[1] }
	one := newHarness(t, opts(cscartLike("A", 10, 1)), 160, 45)
	if hd := header(one); strings.Contains(hd, "Store") {
		t.Errorf("All stores of one store has a Store column:\n%s", hd)
	}
	o := opts(cscartLike("A", 10, 1), cscartLike("B", 10, 2))
	o.Views = []ViewTab{{Name: "Only A", View: backend.View{Stores: []string{"A"}}}, {Name: "Both", View: backend.View{}}}
	two := newHarness(t, o, 160, 45)
	if hd := header(two); !strings.Contains(hd, "Store") {
		t.Errorf("All stores of two stores lacks the Store column:\n%s", hd)
	}
	two.press("2")
	if hd := header(two); strings.Contains(hd, "Store") {
		t.Errorf("a view of one store has a Store column:\n%s", hd)
	}
	two.press("3")
	if hd := header(two); !strings.Contains(hd, "Store") {
		t.Errorf("a view of every store lacks the Store column:\n%s", hd)
	}
}
