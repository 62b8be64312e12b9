package api2cart_test

import (
	"context"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/sim/api2cartsim"
)

// BenchmarkPage10000 pages through 10,000 orders of the simulator, 250 at
// a time, with 50 ms added to every answer (and with none, to show the
// CPU cost of encoding and decoding on its own). The target is
// ceil(10000/250) = 40 order.list requests; order.count runs once, beside
// the first page, so it adds a request but no round trip.
func BenchmarkPage10000(b *testing.B) {
	const orders = 10000
	srv, _ := startSim(b, api2cartsim.Options{Orders: orders})
	for _, latency := range []time.Duration{50 * time.Millisecond, 0} {
		b.Run("latency="+latency.String(), func(b *testing.B) {
			srv.Faults().SetLatency(latency)
			pageAll(b, srv, orders)
		})
	}
}

func pageAll(b *testing.B, srv *api2cartsim.Server, orders int) {
	for b.Loop() {
		b.StopTimer()
		srv.ResetRequests()
		c := newClient(b, srv) // a fresh client: no cached count
		b.StartTimer()
		n := 0
		q := backend.Query{PageSize: 250, Sort: backend.SortID, Asc: true}
		for {
			page, err := c.List(context.Background(), q)
			if err != nil {
				b.Fatal(err)
			}
			n += len(page.Orders)
			if page.Next == "" {
				break
			}
			q.Cursor = page.Next
		}
		b.StopTimer()
		if n != orders {
			b.Fatalf("paged %d orders, want %d", n, orders)
		}
		b.ReportMetric(float64(len(requestsTo(srv, "order.list"))), "list-requests/op")
		b.ReportMetric(float64(len(requestsTo(srv, "order.count"))), "count-requests/op")
		b.StartTimer()
	}
}
