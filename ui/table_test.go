package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/storage"
)

func TestOpenShowsTabsCountsAndDemoBadge(t *testing.T) {
	t.Parallel()
	a := cscartLike("Marketplace EU", 640, 1)
	b := lunasoftLike("Lunasoft site", 120, 2)
	o := opts(a, b)
	o.Demo = true
	h := newHarness(t, o, 160, 45)
	// The counts are the mirror's: every order, not the pages seen.
	h.mustSee("DEMO", "1 All stores 760", "2 Marketplace EU 640", "3 Lunasoft site 120", "row 1 of 760")
	header := strings.Split(h.view(), "\n")[1]
	for _, col := range []string{"Order", "Created", "Store", "Customer", "Items", "Total", "Status"} {
		if !strings.Contains(header, col) {
			t.Errorf("column header lacks %q: %q", col, header)
		}
	}
	h2 := newHarness(t, opts(a, b), 160, 45)
	h2.mustNotSee("DEMO")
}

// All stores is one query: the database merges the stores in the view's
// order (newest first; store and id break ties), and paging through it
// walks every order once, in that order. 450 rows are more than the
// window the dashboard holds (about 270 at this size), so the walk reads
// the window again on the way; every row costs a key press.
func TestAllStoresIsMergedByTheDatabase(t *testing.T) {
	t.Parallel()
	a := cscartLike("A", 150, 1)
	b := lunasoftLike("B", 150, 2)
	c := cursorStore("C", 150, 3)
	h := newHarness(t, opts(a, b, c), 160, 45)
	var want []backend.Order
	for _, s := range []*backendtest.Store{a, b, c} {
		want = append(want, allOrders(t, s)...)
	}
	slices.SortFunc(want, func(x, y backend.Order) int {
		if c := y.Created.Compare(x.Created); c != 0 {
			return c
		}
		if c := strings.Compare(y.Store, x.Store); c != 0 {
			return c
		}
		return strings.Compare(y.ID, x.ID)
	})
	lists := a.Calls(backendtest.OpList) + b.Calls(backendtest.OpList) + c.Calls(backendtest.OpList)
	var got []string
	seen := map[orderKey]bool{}
	for len(seen) < len(want) {
		r := h.selected()
		if seen[r.key] {
			t.Fatalf("row %d (%s) seen twice: the walk went round", len(got), r.key.id)
		}
		seen[r.key] = true
		got = append(got, r.o.Store+"/"+r.key.id)
		if p := h.m.tab().position(); p != len(got)-1 {
			t.Fatalf("row %d says it is row %d", len(got)-1, p)
		}
		h.press("j")
	}
	for i, o := range want {
		if got[i] != o.Store+"/"+o.ID {
			t.Fatalf("row %d is %s, want %s/%s", i, got[i], o.Store, o.ID)
		}
	}
	if n := a.Calls(backendtest.OpList) + b.Calls(backendtest.OpList) + c.Calls(backendtest.OpList); n != lists {
		t.Errorf("paging All stores made %d list calls: it reads the mirror", n-lists)
	}
	if held := 3 * h.m.windowMargin(); len(want) <= held {
		t.Fatalf("%d orders fit in one window of %d: the walk reads no other", len(want), held)
	}
	h.mustSee("row 450 of 450")
}

// allOrders lists every order of a store, as its platform pages them.
func allOrders(t testing.TB, s backend.Backend) []backend.Order {
	t.Helper()
	var out []backend.Order
	q := backend.Query{PageSize: 250}
	for {
		p, err := s.List(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range p.Orders {
			o.Store = s.Name()
			out = append(out, o)
		}
		if p.Next == "" {
			return out
		}
		q.Cursor = p.Next
	}
}

func TestPageFlipMovesAPage(t *testing.T) {
	a := cscartLike("A", 640, 1)
	h := newHarness(t, opts(a), 160, 45)
	h.mustSee("row 1 of 640")
	h.press("n")
	if got := h.m.tab().cursor; got != 50 {
		t.Fatalf("cursor after n = %d, want 50", got)
	}
	h.mustSee("row 51 of 640")
	// The first row of the page is the top of the table.
	if l := strings.Split(h.view(), "\n")[2]; !strings.Contains(l, h.selected().disp.number) {
		t.Errorf("first table row %q is not the page's first order %s", l, h.selected().disp.number)
	}
	h.press("p")
	h.mustSee("row 1 of 640")
	h.press("right", "right", "left")
	h.mustSee("row 51 of 640")
}

// Paging to the bottom of a big mirror and back: every move works on the
// window, G and g jump with one read, and what the dashboard holds stays
// a few windows whatever it has walked through. 3,000 orders are about
// four times what it may hold (see the limit below) and 60 pages each
// way: enough to show the bound, at a fifth of the cost of 10,000 under
// the race detector.
func TestPagingToTheBottomOfABigMirrorAndBack(t *testing.T) {
	t.Parallel()
	db := memoryDB(t)
	const n = 3_000
	s := backendtest.New(backendtest.Config{Name: "Big", Orders: n, Seed: 5})
	if _, err := db.MirrorPut(context.Background(), allOrders(t, s)); err != nil {
		t.Fatal(err)
	}
	o := opts(s)
	o.Mirror = db
	h := newHarness(t, o, 160, 45, noFill)
	h.mustSee("row 1 of 3,000")
	h.press("G")
	h.mustSee("row 3,000 of 3,000")
	last := h.selected().key
	h.press("g")
	h.mustSee("row 1 of 3,000")
	first := h.selected().key
	held := 0
	prev := h.selected().disp.created
	for i := 1; h.selected().key != last; i++ {
		h.press("n")
		if c := h.selected().disp.created; c.After(prev) {
			t.Fatalf("page %d went back in time", i)
		}
		prev = h.selected().disp.created
		if p := h.m.tab().position(); p != min(i*50, n-1) {
			t.Fatalf("after %d pages the cursor is on row %d", i, p)
		}
		held = max(held, len(h.m.orders))
		if i > n {
			t.Fatal("n never reached the last order")
		}
	}
	h.mustSee("row 3,000 of 3,000")
	for i := 0; h.selected().key != first; i++ {
		h.press("p")
		held = max(held, len(h.m.orders))
		if i > n {
			t.Fatal("p never reached the first order")
		}
	}
	h.mustSee("row 1 of 3,000")
	// The orders held are the windows', not the 3,000 walked through.
	limit := 2*3*h.m.windowMargin() + forgetSlack + 2
	if n < 3*limit {
		t.Fatalf("%d orders are not many more than the %d the dashboard may hold", n, limit)
	}
	if held > limit {
		t.Errorf("the dashboard held %d orders while paging, want at most %d", held, limit)
	}
}

// An operator reading an order keeps it under the cursor while new
// orders arrive above it.
func TestCursorStaysOnItsOrderWhenRowsArriveAbove(t *testing.T) {
	s := cscartLike("Cart", 30, 1)
	h := newHarness(t, opts(s), 160, 45)
	h.press("j", "j", "j")
	reading := h.selected().key
	line := h.line("▌")
	for i := range 5 {
		at := testNow.Add(time.Duration(i+1) * time.Minute)
		s.Put(backend.Order{ID: itoa(900001 + i), Number: itoa(900001 + i), Created: at, Updated: at,
			Status: backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}})
	}
	h.syncStores()
	if got := h.selected().key; got != reading {
		t.Fatalf("new orders moved the cursor from %v to %v", reading, got)
	}
	if h.line("▌") != line {
		t.Errorf("the selected row moved on screen:\n%s", h.view())
	}
	h.mustSee("row 9 of 35")
	// Before the operator moves, the cursor follows the newest order; the
	// title says it is new until the operator reaches it with a key.
	h2 := newHarness(t, opts(s), 160, 45)
	s.Put(backend.Order{ID: "900100", Number: "900100", Created: testNow.Add(time.Hour), Updated: testNow.Add(time.Hour),
		Status: backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}})
	h2.syncStores()
	if got := h2.selected().key.id; got != "900100" {
		t.Errorf("an untouched cursor is on %s, want the newest order", got)
	}
	h2.mustSee("1 Cart 36 1 new", "row 1 of 36")
	h2.press("g")
	h2.mustNotSee("1 new")
}

// A pushed order (Kornit X) arriving above a cursor the operator moved
// leaves it on its order, and says "1 new".
func TestPushDoesNotMoveTheCursor(t *testing.T) {
	kx := cscartLike("Kornit X", 30, 1)
	h := newHarness(t, opts(pushed{kx}), 160, 45)
	h.press("j", "j")
	reading := h.selected().key
	line := h.line("▌")
	kx.Put(backend.Order{ID: "900001", Number: "900001", Created: testNow.Add(time.Hour), Updated: testNow.Add(time.Hour),
		Status: backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}})
	h.fire(isStoreTick)
	h.syncStores("Kornit X")
	if got := h.selected().key; got != reading || h.line("▌") != line {
		t.Errorf("a push moved the cursor from %v to %v:\n%q\n%q", reading, got, line, h.line("▌"))
	}
	h.mustSee("Kornit X 31 1 new", "row 4 of 31")
	h.press("g")
	h.mustSee("900001", "row 1 of 31")
	h.mustNotSee("1 new")
}

// While a store's mirror is in its first fill, an untouched cursor
// follows the newest order: the orders are arriving.
func TestCursorFollowsTheNewestWhileFilling(t *testing.T) {
	s := cscartLike("Cart", 30, 1)
	h := newHarness(t, opts(s), 160, 45)
	s.Put(backend.Order{ID: "900100", Number: "900100", Created: testNow.Add(time.Hour), Updated: testNow.Add(time.Hour),
		Status: backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}})
	fillMirror(t, h.db, s)
	h.send(syncMsg{reports: []backend.SyncProgress{{Store: "Cart", Phase: backend.SyncFilling, Done: 31, Total: 60}}})
	h.settle()
	if got := h.selected().key.id; got != "900100" {
		t.Errorf("an untouched cursor during a fill is on %s, want the newest order", got)
	}
}

func TestMovementKeys(t *testing.T) {
	a := cscartLike("A", 300, 1)
	h := newHarness(t, opts(a), 100, 30)
	steps := []struct {
		key  string
		want int
	}{
		{"j", 1}, {"down", 2}, {"k", 1}, {"up", 0}, {"up", 0},
		{"pgdown", 24}, {"ctrl+d", 48}, {"pgup", 24}, {"G", -1}, {"g", 0}, {"end", -1}, {"home", 0},
	}
	for _, s := range steps {
		h.press(s.key)
		want := s.want
		if want < 0 { // the view's last row
			want = 299
		}
		if got := h.m.tab().position(); got != want {
			t.Fatalf("after %q cursor on row %d, want %d", s.key, got, want)
		}
	}
	// The selected row is on screen, marked by the bar.
	h.press("j", "j")
	sel := h.line("▌")
	if !strings.Contains(sel, h.selected().disp.number) {
		t.Errorf("bar line %q lacks selected order %s", sel, h.selected().disp.number)
	}
}

func TestTabKeys(t *testing.T) {
	h := newHarness(t, opts(cscartLike("A", 60, 1), lunasoftLike("B", 60, 2), cursorStore("C", 60, 3)), 120, 30)
	for _, s := range []struct {
		key  string
		want int
	}{{"tab", 1}, {"tab", 2}, {"shift+tab", 1}, {"4", 3}, {"1", 0}, {"9", 0}, {"shift+tab", 3}, {"tab", 0}} {
		h.press(s.key)
		if h.m.active != s.want {
			t.Fatalf("after %q active tab = %d, want %d", s.key, h.m.active, s.want)
		}
	}
}

func TestEveryLineFitsTheTerminal(t *testing.T) {
	t.Parallel()
	hostile := backendtest.New(backendtest.Config{Name: "Hostile \x1b[31mstore\x1b[0m", Orders: 200, Seed: 9, Hostile: true,
		Caps: backend.Capabilities{History: true, Notes: true}})
	for _, size := range [][2]int{{80, 24}, {120, 40}, {160, 45}, {200, 60}} {
		h := newHarness(t, opts(hostile, lunasoftLike("لونا سوفت 🚀", 80, 4)), size[0], size[1])
		check := func(what string) {
			t.Helper()
			raw := h.m.View().Content
			lines := strings.Split(raw, "\n")
			if len(lines) != size[1] {
				t.Fatalf("%dx%d %s: %d lines, want %d", size[0], size[1], what, len(lines), size[1])
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w != size[0] {
					t.Fatalf("%dx%d %s: line %d is %d cells wide, want %d: %q", size[0], size[1], what, i, w, size[0], ansi.Strip(l))
				}
			}
			plain := ansi.Strip(raw)
			for _, r := range plain {
				if r < 0x20 && r != '\n' || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x202e {
					t.Fatalf("%s: control character %U reached the screen", what, r)
				}
			}
			if strings.Contains(plain, "pwned") && strings.Contains(raw, "\x1b]0;") {
				t.Fatalf("%s: an OSC title sequence from store data reached the screen", what)
			}
		}
		check("table")
		for i := 0; i < 12; i++ {
			h.press("2", "enter")
			check("detail")
			h.press("enter")
			for j := 0; j <= i; j++ {
				h.press("j")
			}
		}
		h.press("2", "G", "enter", "J", "J")
		check("detail scrolled")
		h.press("s")
		check("picker")
		h.press("esc", "?")
		check("help")
		h.press("esc")
	}
}

func TestHostileTextIsCleaned(t *testing.T) {
	s := backendtest.New(backendtest.Config{Name: "S", Orders: 0, Caps: backend.Capabilities{History: true, Notes: true}})
	s.Put(backend.Order{ID: "1", Number: "1\x1b[2J", Created: testNow, Status: backend.Status{Code: "O", Name: "Open\x07", Kind: backend.KindPending},
		Customer: backend.Customer{Name: "Eve\x1b]52;c;ZXZpbA==\x07 Evil", Email: "eve@example.com"},
		Notes:    strings.Repeat("long note ", 1000) + "\x1b]0;title\x07",
		Items:    []backend.Item{{Name: "Mug\x1b[31m", Quantity: 1, Price: "1.00"}}, Total: "1.00", Currency: "EUR"})
	h := newHarness(t, opts(s), 120, 40)
	h.press("enter")
	raw := h.m.View().Content
	for _, bad := range []string{"\x1b[2J", "\x1b]52", "\x1b]0;", "\x07"} {
		if strings.Contains(raw, bad) {
			t.Fatalf("screen holds %q from store data", bad)
		}
	}
	h.mustSee("Eve Evil", "Mug", "more lines")
}

func TestSmallTerminalGetsAMessage(t *testing.T) {
	h := newHarness(t, opts(cscartLike("A", 10, 1)), 60, 20)
	h.mustSee("at least 80×24", "60×20")
	h.press("j") // keys other than quit do nothing, and nothing breaks
	h.press("q")
	if !quitSeen(h) {
		t.Error("q does not quit on a small terminal")
	}
	h.send(windowSize(100, 30))
	h.mustSee("Order", "Customer")
}

func TestEmptyFillingAndFailedTables(t *testing.T) {
	h := newHarness(t, opts(cscartLike("Empty", 0, 1)), 100, 30)
	h.mustSee("No orders.")

	// With a sync that has not filled the store's mirror yet, it says so.
	o := opts(cscartLike("New", 10, 1))
	o.Sync = noReports{}
	h2 := newHarness(t, o, 100, 30, noFill)
	h2.mustSee("The mirror of New is being filled")

	// A mirror that cannot be read says why, and r reads it again.
	fm := &failingMirror{DB: memoryDB(t), err: errors.New("disk I/O error")}
	down := cscartLike("Down", 10, 1)
	fillMirror(t, fm.DB, down)
	o = opts(down)
	o.Mirror = fm
	h3 := newHarness(t, o, 100, 30)
	h3.mustSee("✗ the mirror could not be read: disk I/O error", "r retries")
	fm.set(nil)
	h3.press("r")
	h3.mustNotSee("disk I/O error")
	if len(h3.m.tab().rows) != 10 {
		t.Errorf("after retry %d rows, want 10", len(h3.m.tab().rows))
	}
}

// noReports is a sync that has not reported yet (and, for the harness,
// never waits).
type noReports struct{}

func (noReports) Wait(context.Context) ([]backend.SyncProgress, error) { return nil, context.Canceled }

// failingMirror is a mirror whose windows fail while err is set.
type failingMirror struct {
	*storage.DB
	mu  sync.Mutex
	err error
}

func (f *failingMirror) set(err error) { f.mu.Lock(); f.err = err; f.mu.Unlock() }

func (f *failingMirror) Window(ctx context.Context, w backend.Window) (backend.Rows, error) {
	f.mu.Lock()
	err := f.err
	f.mu.Unlock()
	if err != nil {
		return backend.Rows{}, err
	}
	return f.DB.Window(ctx, w)
}

// A move made while a window read is on its way is not undone by its
// reply: the cursor stays on the order the operator moved to.
func TestMoveDuringAWindowReadStays(t *testing.T) {
	s := cscartLike("Cart", 300, 1)
	h := newHarness(t, opts(s), 160, 45)
	h.send(syncMsg{reports: []backend.SyncProgress{{Store: "Cart", Phase: backend.SyncIdle, Total: -1, Synced: testNow}}})
	if !h.m.tab().reads.busy() {
		t.Fatal("the report started no window read")
	}
	h.send(keyPress("n")) // before the read lands
	want := h.selected().key
	h.settle()
	if got := h.selected().key; got != want {
		t.Errorf("the window read's reply moved the cursor from %v to %v", want, got)
	}
	h.mustSee("row 51 of 300")
}
