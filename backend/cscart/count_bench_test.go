package cscart

import (
	"context"
	"testing"

	"github.com/orderdash/orderdash/backend/sim/cscartsim"
)

// BenchmarkCountByStatus counts the seed's ten settable statuses of a
// 5,000-order simulated store over loopback: ten GET /orders with
// items_per_page=1, four at a time (the strip's cost per refresh).
func BenchmarkCountByStatus(b *testing.B) {
	srv, err := cscartsim.Start(cscartsim.Options{Orders: 5000})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { srv.Close() })
	c, err := New(Config{StoreConfig: testConfig(srv.URL()).StoreConfig, Email: "demo@orderdash.test", APIKey: simKey}, fastOpts)
	if err != nil {
		b.Fatal(err)
	}
	letters := []string{"P", "C", "O", "F", "D", "B", "I", "H", "G", "E"}
	b.ReportAllocs()
	for b.Loop() {
		if got, err := c.CountByStatus(context.Background(), letters); err != nil || len(got) != len(letters) {
			b.Fatal(len(got), err)
		}
	}
}
