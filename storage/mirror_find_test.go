package storage

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

func TestMirrorFind(t *testing.T) {
	db := openTest(t)
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

// BenchmarkMirrorFind is a scan at the go-to prompt over a mirror of
// 100,000 orders in four stores: the lookup a scanner makes before any
// store is asked.
func BenchmarkMirrorFind(b *testing.B) {
	db := openTest(b)
	ctx := context.Background()
	st := backend.Status{Code: "P", Name: "Processing", Kind: backend.KindProcessing}
	const perStore = 25_000
	for _, store := range []string{"A", "B", "C", "D"} {
		batch := make([]backend.Order, 0, 1000)
		for i := range perStore {
			id := strconv.Itoa(100_000 + i)
			batch = append(batch, backend.Order{Store: store, ID: id, Number: store + "-" + id, VendorRef: fmt.Sprintf("REF%07d", i), Status: st})
			if len(batch) == cap(batch) {
				if _, err := db.MirrorPut(ctx, batch); err != nil {
					b.Fatal(err)
				}
				batch = batch[:0]
			}
		}
	}
	for _, text := range []string{"C-112345", "112345", "ref0012345", "no-such-order"} {
		b.Run(text, func(b *testing.B) {
			for b.Loop() {
				if _, err := db.MirrorFind(ctx, text); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/lookup")
		})
	}
}
