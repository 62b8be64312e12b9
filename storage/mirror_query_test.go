package storage

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

func TestMirrorSearchRanks(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
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
	ids := func(fs []Found) string {
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

// BenchmarkMirrorSearch is `orderdash search` over the mirror: a rare
// e-mail, an order number, a common first name (target ≤ 20 ms at 100k).
func BenchmarkMirrorSearch(b *testing.B) {
	db := openFixture(b, 100_000)
	ctx := context.Background()
	o := FixtureOrder(FixtureStores[1], 4321, 100_000/len(FixtureStores))
	for _, q := range []struct{ name, text string }{
		{"email", o.Customer.Email}, {"number", o.Number}, {"name", strings.Fields(o.Customer.Name)[0]}, {"digits", "4431"},
	} {
		b.Run("100k/"+q.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := db.MirrorSearch(ctx, q.text, nil); err != nil {
					b.Fatal(err)
				}
			}
			perOp(b, "ms/search")
		})
	}
}
