package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/orderdash/orderdash/backend"
)

// Issue 14: at 80 columns the journal's Store column drops the start every
// store's name shares, as the orders table does, so the change has room;
// wide screens keep the whole name.
func TestJournalStoreColumnDropsSharedPrefix(t *testing.T) {
	h := newHarness(t, opts(kornitLike("demo-kornitx", 5, 5), cscartLike("demo-cscart", 5, 1)), 160, 45)
	if h.m.storePrefix != "demo-" {
		t.Fatalf("storePrefix = %q", h.m.storePrefix)
	}
	entries := []backend.JournalEntry{
		{Change: backend.Change{ID: 1, Store: "demo-kornitx", OrderID: "41822", From: backend.Status{Code: "1", Name: "Received", Kind: backend.KindPending},
			To: backend.Status{Code: "8", Name: "Dispatched (Notified)", Kind: backend.KindShipped}, Requested: testNow}, State: backend.StateConfirmed},
		{Change: backend.Change{ID: 2, Store: "demo-cscart", OrderID: "100004", From: backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending},
			To: backend.Status{Code: "P", Name: "Processed", Kind: backend.KindProcessing}, Requested: testNow}, State: backend.StateConfirmed},
	}
	// draw is the table's rows (the detail under them repeats the change).
	draw := func(prefix string, w int) string {
		j := &journalView{entries: entries, prefix: prefix}
		c := h.m.dialogCtx()
		j.fit(c, w, 30)
		var rows []string
		for _, l := range j.view(c, w, 30).lines {
			if l := ansi.Strip(l); strings.Contains(l, "confirmed") {
				rows = append(rows, l)
			}
		}
		return strings.Join(rows, "\n")
	}
	without := draw("", 80)
	if strings.Contains(without, "Received → Dispatched (Notified) ") {
		t.Fatalf("the change fits even with whole names; the test needs a longer one:\n%s", without)
	}
	got := draw("demo-", 80)
	for _, want := range []string{" kornitx ", " cscart ", "Received → Dispatched (Notified) "} {
		if !strings.Contains(got, want) {
			t.Errorf("at 80 columns the journal lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "demo-korni") {
		t.Errorf("the Store column keeps the shared prefix at 80 columns:\n%s", got)
	}
	if wide := draw("demo-", 160); !strings.Contains(wide, " demo-kornitx ") {
		t.Errorf("at 160 columns the store's name is not whole:\n%s", wide)
	}
}
