package pgstore

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

// BenchmarkJournalAppend is recording one change (a durable transaction:
// the change, its log line, its notice), one process after another and
// from 8 operators at once.
func BenchmarkJournalAppend(b *testing.B) {
	url, schema := newSchema(b)
	for _, par := range []int{1, 8} {
		b.Run("writers="+strconv.Itoa(par), func(b *testing.B) {
			stores := make([]*Store, par)
			for i := range stores {
				stores[i] = openIn(b, url, schema, Options{MaxConns: DefaultMaxConns})
			}
			var next atomic.Int64
			b.ResetTimer()
			start := time.Now()
			var wg sync.WaitGroup
			for i := range par {
				j := stores[i].Journal("op" + strconv.Itoa(i))
				wg.Go(func() {
					for next.Add(1) <= int64(b.N) {
						ch := backend.Change{Store: "Shop", OrderID: "1", To: fake.Shipped}
						if err := j.Record(context.Background(), &ch); err != nil {
							b.Error(err)
							return
						}
					}
				})
			}
			wg.Wait()
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "appends/s")
		})
	}
}

// BenchmarkTwoReceivers is Kornit X pushes through two receivers on one
// database, each order pushed to both (as a retrying sender would): the
// rate of pushes, and the duplicates stored (must be 0).
func BenchmarkTwoReceivers(b *testing.B) {
	ctx := context.Background()
	url, schema := newSchema(b)
	rcv := []*Store{openIn(b, url, schema, Options{MaxConns: 4}), openIn(b, url, schema, Options{MaxConns: 4})}
	t0 := time.Now().UTC()
	var next atomic.Int64
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	var created atomic.Int64
	for _, r := range rcv {
		in := r.KornitXInbox()
		for range 4 { // each receiver serves 4 pushes at once
			wg.Go(func() {
				for {
					n := next.Add(1)
					if n > int64(b.N) {
						return
					}
					id := strconv.FormatInt((n+1)/2, 10) // every order twice
					o := backend.Order{ID: id, Number: "CG" + id, Status: backend.Status{Code: "1", Name: "Received"}, Created: t0, Updated: t0,
						Customer: backend.Customer{Name: "Ann Lee", Email: "ann@example.com"}}
					c, err := in.SavePush(ctx, "KX", o, []byte(`{"id":`+id+`}`), t0)
					if err != nil {
						b.Error(err)
						return
					}
					if c {
						created.Add(1)
					}
				}
			})
		}
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "pushes/s")
	b.StopTimer()
	var rows, pushes int64
	rcv[0].pool.QueryRow(ctx, `SELECT count(*), coalesce(sum(pushes), 0) FROM kx_orders`).Scan(&rows, &pushes)
	if rows != created.Load() || pushes != int64(b.N) {
		b.Errorf("%d orders stored, %d created, %d pushes counted of %d", rows, created.Load(), pushes, b.N)
	}
	b.ReportMetric(float64(created.Load()-rows), "duplicates")
}

// BenchmarkConnections is what 8 dashboards cost the server: each its
// pool (busy with reads and writes) and its subscription.
func BenchmarkConnections(b *testing.B) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, schema := newSchema(b)
	app := "orderdash-bench-" + schema
	var peak int
	for range b.N {
		ctx, cancel := context.WithCancel(ctx)
		stores := make([]*Store, 8)
		for i := range stores {
			s, err := Open(ctx, url, Options{Schema: schema, AppName: app})
			if err != nil {
				b.Fatal(err)
			}
			stores[i] = s
			if _, err := s.Subscribe(ctx); err != nil {
				b.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		for _, s := range stores {
			wg.Go(func() {
				for range 20 {
					ch := backend.Change{Store: "Shop", OrderID: "1", To: fake.Shipped}
					s.Journal("op").Record(ctx, &ch)
					s.Changes(ctx, backend.ChangeFilter{Limit: 10})
				}
			})
		}
		wg.Wait()
		c, err := pgx.Connect(ctx, url)
		if err != nil {
			b.Fatal(err)
		}
		var n int
		c.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE application_name = $1`, app).Scan(&n)
		c.Close(ctx)
		peak = max(peak, n)
		for _, s := range stores {
			s.Close()
		}
		cancel()
	}
	b.ReportMetric(float64(peak), "connections/8-dashboards")
	if peak > 16 {
		b.Errorf("8 dashboards hold %d connections, more than 16", peak)
	}
}
