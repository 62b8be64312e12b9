package lunasoft

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/sim/lunasoftsim"
)

// BenchmarkDecodePage decodes a full page (50 rows of the seed's order).
func BenchmarkDecodePage(b *testing.B) {
	order := string(fixture(b, "order_54123.json"))
	page := []byte(`{"orders":[` + strings.TrimSuffix(strings.Repeat(order+",", 50), ",") + `],"next_page":2}`)
	f := newFakeSite(b)
	f.on("GET /orders", func(w http.ResponseWriter, r *http.Request) { w.Write(page) })
	c := newTestClient(b, f.srv.URL+base)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if p, err := c.List(context.Background(), backend.Query{}); err != nil || len(p.Orders) != 50 {
			b.Fatal(err)
		}
	}
}

// BenchmarkSimSetStatus is a whole status change against the simulated
// site: read, POST, confirm from the answer.
func BenchmarkSimSetStatus(b *testing.B) {
	srv, err := lunasoftsim.Start(lunasoftsim.Options{Orders: 50})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	c, err := New(Config{StoreConfig: backend.StoreConfig{Name: "Luna Site", URL: srv.URL()}, APIKey: "demo-lunasoft-key", Statuses: srv.Statuses()}, fastOpts)
	if err != nil {
		b.Fatal(err)
	}
	// Round-robin over the orders, so no one history grows without bound.
	ids := srv.IDs()
	cur := map[string]string{}
	for _, id := range ids {
		o, _ := srv.Order(id)
		cur[id] = o.CurrentStatus
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		id := ids[i%len(ids)]
		next := "Shipped"
		if cur[id] == next {
			next = "Processing"
		}
		if _, err := c.SetStatus(context.Background(), backend.Change{OrderID: id, To: backend.Status{Code: next}, Requested: time.Now()}); err != nil {
			b.Fatal(err)
		}
		cur[id] = next
		i++
	}
}
