package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

func TestOpenShowsTabsCountsAndDemoBadge(t *testing.T) {
	a := cscartLike("Marketplace EU", 640, 1)
	b := lunasoftLike("Lunasoft site", 120, 2)
	o := opts(a, b)
	o.Demo = true
	h := newHarness(t, o, 160, 45)
	h.mustSee("DEMO", "1 All stores", "2 Marketplace EU 640", "3 Lunasoft site 50+")
	// Page 1 and, ahead of the operator, page 2 of each store.
	if got := a.Calls(backendtest.OpList); got > 2 {
		t.Errorf("cscart list calls = %d, want at most 2 (first page and prefetch)", got)
	}
	header := strings.Split(h.view(), "\n")[1]
	for _, col := range []string{"Order", "Created", "Store", "Customer", "Items", "Total", "Status"} {
		if !strings.Contains(header, col) {
			t.Errorf("column header lacks %q: %q", col, header)
		}
	}
	h2 := newHarness(t, opts(a, b), 160, 45)
	h2.mustNotSee("DEMO")
}

func TestAllStoresIsMergedNewestFirst(t *testing.T) {
	a := cscartLike("A", 300, 1)
	b := lunasoftLike("B", 300, 2)
	h := newHarness(t, opts(a, b), 160, 45)
	v := h.m.tab().view
	if len(v) == 0 {
		t.Fatal("All stores is empty")
	}
	stores := map[int]bool{}
	for i := 1; i < len(v); i++ {
		if v[i].disp.created.After(v[i-1].disp.created) {
			t.Fatalf("row %d (%s) is newer than row %d (%s)", i, v[i].disp.created, i-1, v[i-1].disp.created)
		}
		stores[v[i].key.store] = true
	}
	if len(stores) != 2 {
		t.Errorf("merged view holds rows of %d stores, want 2", len(stores))
	}
	// Rows older than what a store with more pages has loaded wait for it.
	for _, f := range h.m.baseFeeds() {
		if f.done {
			continue
		}
		for _, r := range v {
			if r.disp.created.Before(f.oldest()) {
				t.Fatalf("row %s shown before store %d loaded that far back", r.disp.number, f.store)
			}
		}
	}
}

func TestMergeFeedsIgnoresFailedAndPendingStores(t *testing.T) {
	mk := func(store int, mins ...int) *feed {
		f := newFeed(int64(store+1), store, backend.Query{})
		f.started = true
		var rows []*order
		for _, m := range mins {
			rows = append(rows, &order{key: orderKey{store, itoa(m)}, disp: display{created: testNow.Add(-minutes(m))}})
		}
		f.append("", backend.Page{Orders: make([]backend.Order, len(rows)), Next: "2", Total: -1}, rows, testNow, false)
		return f
	}
	a := mk(0, 1, 5, 9)
	b := mk(1, 2, 3, 4)
	got := names(mergeFeeds([]*feed{a, b}))
	if want := "1 2 3 4"; got != want { // 5 and 9 wait for b, which has only reached 4
		t.Errorf("merge = %q, want %q", got, want)
	}
	b.err = errFake
	if got := names(mergeFeeds([]*feed{a, b})); got != "1 2 3 4 5 9" {
		t.Errorf("with b failed, merge = %q", got)
	}
	b.err = nil
	b.done = true
	if got := names(mergeFeeds([]*feed{a, b})); got != "1 2 3 4 5 9" {
		t.Errorf("with b done, merge = %q", got)
	}
	if f := frontierFeed([]*feed{a, mk(2, 1, 2)}); f.store != 2 {
		t.Errorf("frontier feed = %d, want the one that reached least far (2)", f.store)
	}
}

func TestPageFlipUsesPrefetchedPage(t *testing.T) {
	a := cscartLike("A", 640, 1)
	h := newHarness(t, opts(a), 160, 45)
	if n := len(h.m.tab().feed.pages); n != 2 {
		t.Fatalf("pages loaded at start = %d, want 2", n)
	}
	h.mustSee("page 1/13", "1 of 100")
	h.press("n")
	if got := h.m.tab().cursor; got != 50 {
		t.Fatalf("cursor after n = %d, want 50", got)
	}
	h.mustSee("page 2/13", "51 of 150")
	if n := len(h.m.tab().feed.pages); n != 3 {
		t.Errorf("pages after flipping to page 2 = %d, want 3 (page 3 fetched ahead)", n)
	}
	// The first row of the page is the top of the table.
	if l := strings.Split(h.view(), "\n")[2]; !strings.Contains(l, h.selected().disp.number) {
		t.Errorf("first table row %q is not the page's first order %s", l, h.selected().disp.number)
	}
	h.press("p")
	h.mustSee("page 1/13")
	h.press("right", "right", "left")
	h.mustSee("page 2/13")
}

func TestPageFlipWaitsForAPageStillLoading(t *testing.T) {
	a := cscartLike("A", 200, 1)
	h := newHarness(t, opts(a), 120, 40)
	release := a.Gate(backendtest.OpList)
	defer release()
	h.send(keyPress("n")) // page 2 shows at once; page 3 is asked for and held
	h.settle()
	if got := h.m.tab().cursor; got != 50 {
		t.Fatalf("cursor = %d, want 50", got)
	}
	h.send(keyPress("n")) // page 3 is not here yet
	h.settle()
	h.mustSee("loading page 3")
	if got := h.m.tab().cursor; got != 50 {
		t.Fatalf("cursor moved to %d before page 3 arrived", got)
	}
	release()
	h.settle()
	if got := h.m.tab().cursor; got != 100 {
		t.Errorf("after page 3 landed cursor = %d, want 100", got)
	}
	h.mustSee("page 3/4")
}

func TestCursorPagedStore(t *testing.T) {
	a := cursorStore("Cursor", 120, 3)
	h := newHarness(t, opts(a), 120, 40)
	h.mustSee("page 1/?")
	h.press("n")
	h.mustSee("page 2/3") // page 3 came ahead, and was the last
	h.press("n")
	h.mustSee("page 3/3")
	h.press("n")
	h.mustSee("last page")
	if !h.m.tab().feed.done {
		t.Error("feed not done after the last cursor page")
	}
	q := a.Queries()
	if len(q) < 2 || q[1].Cursor == "" || q[1].Cursor == "2" {
		t.Errorf("second list query cursor = %q, want an opaque token", q[1].Cursor)
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
		{"pgdown", 25}, {"ctrl+d", 50}, {"pgup", 25}, {"G", -1}, {"g", 0}, {"end", -1}, {"home", 0},
	}
	for _, s := range steps {
		loaded := len(h.m.tab().view)
		h.press(s.key)
		want := s.want
		if want < 0 { // the last row loaded when the key was pressed
			want = loaded - 1
		}
		if got := h.m.tab().cursor; got != want {
			t.Fatalf("after %q cursor = %d, want %d", s.key, got, want)
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

func TestEmptyLoadingAndFailedTables(t *testing.T) {
	h := newHarness(t, opts(cscartLike("Empty", 0, 1)), 100, 30)
	h.mustSee("No orders.")

	slow := cscartLike("Slow", 10, 1)
	release := slow.Gate(backendtest.OpList)
	h2 := newHarness(t, opts(slow), 100, 30)
	h2.settle()
	h2.mustSee("Loading orders from Slow")
	release()
	h2.settle()
	h2.mustNotSee("Loading orders")

	down := cscartLike("Down", 10, 1)
	down.SetError(backendtest.OpList, &backend.Error{Kind: backend.KindUnavailable, Store: "Down", Op: "list orders", Message: "connection refused"})
	h3 := newHarness(t, opts(down), 100, 30)
	h3.mustSee("✗ Down: list orders: unavailable: connection refused", "r retries")
	h3.mustNotSee("Down: Down")
	down.SetError(backendtest.OpList, nil)
	h3.press("r")
	h3.mustNotSee("connection refused")
	if len(h3.m.tab().view) != 10 {
		t.Errorf("after retry %d rows, want 10", len(h3.m.tab().view))
	}
}

func names(rows []*order) string {
	var s []string
	for _, r := range rows {
		s = append(s, r.key.id)
	}
	return strings.Join(s, " ")
}
