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
// ceil(10000/250) = 40 order.list requests, 2.0 s at 50 ms; order.count
// runs once, beside the first page, so it adds a request but no round
// trip. "cold" is a simulator's first walk (each order encoded as it is
// first listed), "warm" a walk of a simulator walked before (its list
// selection and encodings cached).
func BenchmarkPage10000(b *testing.B) {
	const orders = 10000
	for _, latency := range []time.Duration{50 * time.Millisecond, 0} {
		b.Run("latency="+latency.String()+"/cold", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				srv := startWalked(b, orders, latency, false)
				b.StartTimer()
				pageAll(b, srv, orders)
				b.StopTimer()
				srv.Close()
				b.StartTimer()
			}
		})
		b.Run("latency="+latency.String()+"/warm", func(b *testing.B) {
			srv := startWalked(b, orders, latency, true)
			defer srv.Close()
			for b.Loop() {
				pageAll(b, srv, orders)
			}
		})
	}
}

// startWalked starts a simulator of n orders answering after latency;
// walked, it has been paged through once already.
func startWalked(b *testing.B, n int, latency time.Duration, walked bool) *api2cartsim.Server {
	srv, err := api2cartsim.Start(api2cartsim.Options{Orders: n, APIKey: testAPIKey, StoreKey: testStoreKey})
	if err != nil {
		b.Fatal(err)
	}
	if walked {
		pageAll(b, srv, n)
	}
	srv.Faults().SetLatency(latency)
	return srv
}

// pageAll walks every page of srv with a fresh client (no cached count),
// and reports the requests it made.
func pageAll(b *testing.B, srv *api2cartsim.Server, orders int) {
	b.StopTimer()
	srv.ResetRequests()
	c := newClient(b, srv)
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
