package storage

import (
	"context"
	"strings"
	"testing"
)

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
