package cscart

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/sim/cscartsim"
)

// BenchmarkDecodePage decodes a page of 50 full orders (get_orders_data=1)
// from the seed's field set: the client's share of a list call.
func BenchmarkDecodePage(b *testing.B) {
	order := string(fixture(b, "order_98.json"))
	rows := strings.TrimSuffix(strings.Repeat(order+",", 50), ",")
	page := []byte(`{"orders":[` + rows + `],"params":{"page":1,"items_per_page":"50","total_items":"5000"}}`)
	f := newFakeStore(b)
	f.on("GET /orders", func(w http.ResponseWriter, r *http.Request) { w.Write(page) })
	c := newTestClient(b, f.srv.URL+"/api")
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		p, err := c.List(context.Background(), backend.Query{})
		if err != nil || len(p.Orders) != 50 {
			b.Fatal(err)
		}
	}
}

// BenchmarkSimList is one 50-row page from the simulated marketplace over
// loopback: HTTP, the store's encoding and the client's decoding.
func BenchmarkSimList(b *testing.B) {
	srv, err := cscartsim.Start(cscartsim.Options{Orders: 500})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	c, err := New(Config{StoreConfig: backend.StoreConfig{Name: "Market EU", URL: srv.URL()}, Email: "demo@orderdash.test", APIKey: simKey}, fastOpts)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.List(context.Background(), backend.Query{PageSize: 50}); err != nil {
			b.Fatal(err)
		}
	}
}
