package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/orderdash/orderdash/backend"
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
	cases := []struct {
		name    string
		entries []backend.JournalEntry
		numbers map[int64]string
		w       int
		want    []string
	}{
		{"kornit 80", kornit, map[int64]string{2: "CG31000520"}, 80, []string{"#CG31000520 ", "Pending → Canceled Reversal ", "Received → Dispatched ", " root"}},
		{"kornit 160", kornit, map[int64]string{2: "CG31000520"}, 160, []string{"#CG31000520 ", "Pending → Canceled Reversal ", "Received → Dispatched "}},
		{"kornit 250", kornit, map[int64]string{2: "CG31000520"}, 250, []string{"#CG31000520 ", "Pending → Canceled Reversal ", "Received → Dispatched "}},
		// Neither fits whole at 80: the change keeps 20 cells, the number
		// its distinguishing end.
		{"long number 80", long, map[int64]string{3: "A2C-2026-0000000004417"}, 80, []string{"Received → Dispatch…", "00004417 ", " root", " Dispatched (Retailer Notified)"}},
		{"long number 160", long, map[int64]string{3: "A2C-2026-0000000004417"}, 160, []string{"#A2C-2026-0000000004417 ", "Received → Dispatched (Retailer Notified) "}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			j := &journalView{entries: tc.entries, numbers: tc.numbers, prefix: "demo-"}
			c := h.m.dialogCtx()
			j.fit(c, tc.w, 30)
			lines := j.view(c, tc.w, 30).lines
			text := ansi.Strip(strings.Join(lines, "\n"))
			for _, want := range tc.want {
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
