package storage

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

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
