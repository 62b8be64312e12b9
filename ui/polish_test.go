package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// Issue 14: in read-only mode a write key says why it does nothing, in one
// status line, instead of doing nothing silently.
func TestReadOnlyWriteKeysSayWhy(t *testing.T) {
	o := opts(cscartLike("Cart", 30, 1))
	o.ReadOnly = true
	h := newHarness(t, o, 160, 45)
	for _, c := range []struct{ key, want string }{
		{"s", "status changes are off"},
		{"space", "marks are for bulk status changes"},
		{"a", "marks are for bulk status changes"},
		{"ctrl+s", "scan mode changes statuses"},
	} {
		h.press("esc", "esc")
		h.press(c.key)
		line := h.line(c.want)
		if line == "" || !strings.Contains(line, "--read-only") {
			t.Errorf("%s in read-only mode: no line saying why:\n%s", c.key, h.view())
		}
		if n := strings.Count(h.view(), c.want); n != 1 {
			t.Errorf("%s: the reason shows %d times, want once", c.key, n)
		}
	}
	if h.top() == "picker" || len(h.m.tab().marks) != 0 {
		t.Error("a write action worked in read-only mode")
	}
}

// Issue 14: help's hint says what its keys do. j and k scroll it, so it
// may not say "any key closes"; it names the scroll keys even when there is
// nothing to scroll, and they keep help open.
func TestHelpHintSaysWhatIsTrue(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {250, 70}} {
		h := newHarness(t, opts(cscartLike("Cart", 30, 1)), size[0], size[1])
		h.press("?")
		h.mustNotSee("any key closes")
		h.mustSee("j/k scroll", "esc, ? or any other key closes")
		// Where help is longer than its box, the hint says where it is.
		if size[0] == 80 {
			h.mustSee("lines 1–")
			h.press("j")
			h.mustSee("lines 2–")
		} else {
			h.mustNotSee("lines 1–")
		}
		h.press("j", "k")
		if h.top() != "help" {
			t.Errorf("%dx%d: j/k closed help", size[0], size[1])
		}
		h.press("esc")
		if h.top() != "" {
			t.Errorf("%dx%d: esc did not close help", size[0], size[1])
		}
	}
}

// longFieldsStore is a store whose newest order has the values the issue
// saw cut: a vendor ref, a long SKU, a long e-mail.
func longFieldsStore(t *testing.T) *backendtest.Store {
	t.Helper()
	s := cscartLike("Cart", 30, 1)
	o, ok := s.Order("100030")
	if !ok {
		t.Fatal("no order 100030")
	}
	o.VendorRef = "10443"
	o.Customer.Email = "malgorzata.kowalska-wisniewska@example.com"
	o.Items[0].SKU = "TS-CLASSIC-BLACK-XL"
	s.Put(o)
	return s
}

// Issue 14: the detail pane keeps a label apart from its value, never cuts
// a SKU while the line has room, and wraps an e-mail at its parts.
func TestDetailFieldsNotCut(t *testing.T) {
	h := newHarness(t, opts(longFieldsStore(t)), 160, 45)
	h.press("enter")
	h.fire(isDebounce)
	for _, w := range []int{38, 60, 100} {
		lines := strings.Split(ansi.Strip(strings.Join(h.m.drawDetail(h.selected(), w), "\n")), "\n")
		text := strings.Join(lines, "\n")
		var vendor string
		for _, l := range lines {
			if strings.Contains(l, "Vendor ref") {
				vendor = l
			}
			if width(l) > w {
				t.Errorf("w=%d: a line is %d cells wide: %q", w, width(l), l)
			}
		}
		if !regexp.MustCompile(`Vendor ref\s+10443`).MatchString(vendor) {
			t.Errorf("w=%d: the label runs into its value: %q", w, vendor)
		}
		if !strings.Contains(text, "TS-CLASSIC-BLACK-XL") {
			t.Errorf("w=%d: the SKU is cut:\n%s", w, text)
		}
		mail := "malgorzata.kowalska-wisniewska@example.com"
		if !strings.Contains(text, mail) && !strings.Contains(text, "malgorzata.kowalska-\n") {
			t.Errorf("w=%d: the e-mail is broken inside a word:\n%s", w, text)
		}
	}
}

// Issue 14: R's "refreshing every store…" goes as soon as the last store's
// pass reports, with a short "refreshed N stores"; not a timer later.
func TestRefreshAllMessageEndsWithLastStore(t *testing.T) {
	h := newHarness(t, opts(cscartLike("Cart", 30, 1), lunasoftLike("Luna", 10, 2)), 160, 45)
	h.press("R")
	h.mustSee("refreshing every store…")
	// An old report (a pass before R) does not count.
	h.send(syncMsg{reports: []backend.SyncProgress{{Store: "Cart", Phase: backend.SyncIdle, Total: -1, Synced: testNow.Add(-time.Minute)}}})
	h.settle()
	h.mustSee("refreshing every store…")
	h.advance(time.Second)
	h.syncStores("Cart")
	h.mustSee("refreshing every store…")
	h.syncStores("Luna")
	h.mustNotSee("refreshing every store…")
	h.mustSee("refreshed 2 stores")
}

// Issue 14: the picker lists a store's statuses by lifecycle, whatever the
// platform's order (API2Cart's: Processing, Shipped, Canceled, Complete,
// Pending), the current one marked by a glyph and a word.
func TestPickerListsStatusesByLifecycle(t *testing.T) {
	s := backendtest.New(backendtest.Config{Name: "A2C", Platform: "api2cart", Orders: 20, Seed: 3, Paging: backendtest.Cursor,
		Newest: testNow.Add(-40 * time.Minute),
		Statuses: []backend.Status{
			{Code: "Processing", Name: "Processing", Kind: backend.KindProcessing},
			{Code: "Shipped", Name: "Shipped", Kind: backend.KindShipped},
			{Code: "Canceled", Name: "Canceled", Kind: backend.KindCancelled},
			{Code: "Complete", Name: "Complete", Kind: backend.KindCompleted},
			{Code: "Pending", Name: "Pending", Kind: backend.KindPending},
		},
		Caps: backend.Capabilities{History: true, Notify: true, Tracking: true}})
	h := newHarness(t, opts(s), 160, 45)
	h.press("s")
	var got []string
	for _, it := range h.picker().items {
		got = append(got, it.label)
	}
	if want := "Pending Processing Shipped Complete Canceled"; strings.Join(got, " ") != want {
		t.Errorf("picker order %q, want %q", strings.Join(got, " "), want)
	}
	cur := h.selected().o.Status.Name
	line := h.line("current")
	if !strings.Contains(line, "●") || !strings.Contains(line, cur) {
		t.Errorf("the current status %q is not marked by a glyph: %q", cur, line)
	}
}

// Issue 14: at 80 columns, and while a message shows, the status bar keeps
// every store's name (shortened, never a tab number) and the row counter.
func TestStatusBarKeepsNamesAndCounter(t *testing.T) {
	o := opts(cscartLike("demo-cscart", 640, 1), lunasoftLike("demo-lunasoft", 120, 2), cursorStore("demo-api2cart", 50, 3), cscartLike("demo-kornitx", 40, 4))
	h := newHarness(t, o, 80, 24)
	h.syncStores()
	for _, msg := range []string{"", "R"} {
		if msg != "" {
			h.press(msg)
		}
		bar := h.line("row 1 of")
		if bar == "" {
			t.Fatalf("no row counter on the status bar:\n%s", h.view())
		}
		if !strings.Contains(bar, "row 1 of 850") {
			t.Errorf("the counter is cut: %q", bar)
		}
		if strings.Contains(bar, "tab ") {
			t.Errorf("a store name was replaced by its tab number: %q", bar)
		}
		for _, name := range []string{"csc", "lun", "api", "kor"} {
			if !strings.Contains(bar, name) {
				t.Errorf("store %s… is missing from the bar: %q", name, bar)
			}
		}
	}
}

// Issue 14: the journal's Order column is as wide as the widest number on
// screen (within a cap): a Kornit X number is never cut beside empty
// columns, at 80, 160 or 250 columns.
func TestJournalOrderColumnFitsNumbers(t *testing.T) {
	h := newHarness(t, opts(cscartLike("Cart", 5, 1)), 160, 45)
	entries := []backend.JournalEntry{
		{Change: backend.Change{ID: 1, Store: "demo-kornitx", OrderID: "41822", From: backend.Status{Code: "1", Name: "Received", Kind: backend.KindPending},
			To: backend.Status{Code: "8", Name: "Dispatched (Retailer Notified)", Kind: backend.KindShipped}, Requested: testNow}, State: backend.StateConfirmed},
		{Change: backend.Change{ID: 2, Store: "Cart", OrderID: "100004", From: backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending},
			To: backend.Status{Code: "P", Name: "Processed", Kind: backend.KindProcessing}, Requested: testNow}, State: backend.StateConfirmed},
	}
	for _, w := range []int{80, 160, 250} {
		j := &journalView{entries: entries, numbers: map[int64]string{1: "CG31000741"}}
		c := h.m.dialogCtx()
		j.fit(c, w, 30)
		text := ansi.Strip(strings.Join(j.view(c, w, 30).lines, "\n"))
		if !strings.Contains(text, "#CG31000741 ") {
			t.Errorf("w=%d: the order number is cut:\n%s", w, text)
		}
		if w >= 160 && !strings.Contains(text, "Received → Dispatched (Retailer Notified)") {
			t.Errorf("w=%d: the change is cut with room to spare:\n%s", w, text)
		}
	}
}

// kornitLike has Kornit X's long status names and a long reason for the
// statuses an order cannot move to.
func kornitLike(name string, n int, seed uint64) *backendtest.Store {
	return backendtest.New(backendtest.Config{Name: name, Platform: "kornitx", Orders: n, Seed: seed,
		Newest: testNow.Add(-30 * time.Minute),
		Statuses: []backend.Status{
			{Code: "1", Name: "Received", Kind: backend.KindPending},
			{Code: "3", Name: "In Production (Awaiting Print Queue Allocation)", Kind: backend.KindProcessing},
			{Code: "6", Name: "On Hold (Artwork Problem)", Kind: backend.KindOnHold},
			{Code: "8", Name: "Dispatched (Retailer Notified)", Kind: backend.KindShipped},
			{Code: "10", Name: "Cancelled", Kind: backend.KindCancelled},
		},
		CanSet: func(o backend.Order, to backend.Status) string {
			if to.Code == "10" {
				return "Kornit X cancels only orders not yet in production; ask the print partner's support desk to stop it first"
			}
			return backendtest.DefaultCanSet(o, to)
		},
		Caps: backend.Capabilities{Tracking: true}})
}

// Issue 14: the picker grows with the terminal, and nothing in it is cut
// that the box has room for: long names whole, reasons wrapped.
func TestPickerShowsLongNamesAndReasons(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}, {250, 70}} {
		h := newHarness(t, opts(kornitLike("Kornit X", 20, 1)), size[0], size[1])
		h.press("s")
		p := h.picker()
		if len(p.items) != 5 {
			t.Fatalf("%v: %d statuses", size, len(p.items))
		}
		h.press("down", "down", "down", "down") // to Cancelled, the last
		box := boxText(h.view())
		for _, want := range []string{"Dispatched (Retailer Notified)", "On Hold (Artwork Problem)"} {
			if !strings.Contains(box, want) {
				t.Errorf("%v: %q is cut:\n%s", size, want, box)
			}
		}
		if strings.Contains(box, "…") {
			t.Errorf("%v: the picker cuts text:\n%s", size, box)
		}
		// The reason reads whole once its lines are joined.
		var words []string
		for _, l := range strings.Split(box, "\n") {
			words = append(words, strings.Fields(strings.Trim(l, "│ "))...)
		}
		if !strings.Contains(strings.Join(words, " "), "ask the print partner's support desk to stop it first") {
			t.Errorf("%v: the reason is cut:\n%s", size, box)
		}
	}
}

// boxText is what a dialog box on screen holds: each line between the
// box's borders.
func boxText(screen string) string {
	var b strings.Builder
	for _, l := range strings.Split(screen, "\n") {
		i, j := strings.Index(l, "│"), strings.LastIndex(l, "│")
		if i >= 0 && j > i {
			b.WriteString(l[i+len("│"):j] + "\n")
		}
	}
	return b.String()
}

// Issue 14: a bulk change's confirm step lists its orders (number,
// customer, current status), and scrolls the list when it is long.
func TestBulkConfirmListsOrders(t *testing.T) {
	h := newHarness(t, opts(cscartLike("Cart", 60, 1)), 160, 45)
	h.press("space", "space", "space")
	pick(h, "Backordered")
	c := h.confirm()
	if len(c.list) != 3 {
		t.Fatalf("the confirm step lists %d orders, want 3", len(c.list))
	}
	box := boxText(h.view())
	for _, k := range h.m.tab().rows[:3] {
		for _, want := range []string{"#" + k.disp.number, k.disp.customer, k.disp.status} {
			if !strings.Contains(box, want) {
				t.Errorf("the confirm step lacks %q:\n%s", want, box)
			}
		}
	}

	// 30 orders at 80x24: a screenful, then pgdown shows the rest.
	h2 := newHarness(t, opts(cscartLike("Cart", 60, 1)), 80, 24)
	for i := 0; i < 30; i++ {
		h2.press("space")
	}
	pick(h2, "Backordered")
	last := "#" + h2.m.tab().rows[29].disp.number + " "
	if strings.Contains(boxText(h2.view()), last) {
		t.Fatalf("30 orders fit an 80x24 confirm step?\n%s", h2.view())
	}
	h2.mustSee("of 30", "pgdown")
	for i := 0; i < 10 && !strings.Contains(boxText(h2.view()), last); i++ {
		h2.press("pgdown")
	}
	if !strings.Contains(boxText(h2.view()), last) {
		t.Errorf("pgdown does not reach the last order:\n%s", h2.view())
	}
	if h2.top() != "confirm" {
		t.Error("scrolling closed the confirm step")
	}
}

// Issue 14: after a bulk change under a status filter, the changed orders
// that no longer match leave the view, with one line saying so.
func TestBulkChangeLeavesFilteredView(t *testing.T) {
	h := newHarness(t, opts(cscartLike("Cart", 60, 1)), 160, 45)
	h.press("f")
	h.typeText("Open")
	h.press("enter")
	tb := h.m.tab()
	if tb.status == nil || len(tb.rows) < 3 {
		t.Fatalf("no Open filter: %d rows\n%s", len(tb.rows), h.view())
	}
	before := len(tb.rows)
	var changed []string
	for _, r := range tb.rows[:2] {
		changed = append(changed, r.disp.number)
	}
	h.press("space", "space")
	pick(h, "Backordered")
	h.press("y")
	h.press("esc") // the bulk report
	for _, r := range h.m.tab().rows {
		for _, n := range changed {
			if r.disp.number == n {
				t.Errorf("#%s is Backordered now and still in the Open view:\n%s", n, h.view())
			}
		}
	}
	if got := len(h.m.tab().rows); got != before-2 {
		t.Errorf("%d rows after the change, want %d", got, before-2)
	}
	h.mustSee("2 orders left this view: now Backordered")
}
