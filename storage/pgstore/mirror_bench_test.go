package pgstore

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/pgtest"
)

// The PostgreSQL mirror's benchmarks, next to SQLite's
// (storage/mirror_bench_test.go) on the same fixture orders
// (storage.FixtureOrder over three stores): the first screen, a count,
// MirrorPut of a 100-order page, search. The fixture is loaded once per
// size per run (COPY, counts filled after), in a schema of its own
// dropped when the run ends. ORDERDASH_BENCH_SIZES picks the sizes
// (default "10k,100k").

var pgBenchSizes = storage.BenchSizes("10k,100k")

func sizeName(n int) string { return storage.SizeName(n) }

const benchScreen = 60

var (
	fixtureMu      sync.Mutex
	fixtureSchemas = map[int]string{}
	fixtureDrops   []func()
)

// TestMain drops the benchmarks' fixture schemas when the run ends.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, drop := range fixtureDrops {
		drop()
	}
	os.Exit(code)
}

// pgFixture opens a store on a mirror of n fixture orders, loaded once
// per run.
func pgFixture(b *testing.B, n int) *Store {
	b.Helper()
	url := pgtest.Need(b)
	fixtureMu.Lock()
	schema, ok := fixtureSchemas[n]
	if !ok {
		schema = fmt.Sprintf("odbench_mirror_%d_%d", n, os.Getpid())
		start := time.Now()
		if err := loadFixture(url, schema, n); err != nil {
			fixtureMu.Unlock()
			b.Fatal(err)
		}
		b.Logf("loaded the %d-order fixture in %s", n, time.Since(start).Round(time.Millisecond))
		fixtureSchemas[n] = schema
		fixtureDrops = append(fixtureDrops, func() {
			if c, err := pgx.Connect(context.Background(), url); err == nil {
				c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
				c.Close(context.Background())
			}
		})
	}
	fixtureMu.Unlock()
	return openIn(b, url, schema, Options{MaxConns: 2})
}

// loadFixture makes schema (unless it exists) and fills its mirror with n orders by COPY,
// the counts trigger off and the counts filled after, then VACUUMs.
func loadFixture(url, schema string, n int) error {
	ctx := context.Background()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS "+schema); err != nil {
		return err
	}
	s, err := Open(ctx, url, Options{Schema: schema})
	if err != nil {
		return err
	}
	defer s.Close()
	cols := strings.Split(storage.MirrorRowColumns, ",")
	for i := range cols {
		cols[i] = strings.TrimSpace(cols[i])
	}
	per := n / len(storage.FixtureStores)
	now := ts(time.Now())
	rows := make([][]any, 0, n)
	for _, st := range storage.FixtureStores {
		for i := range per {
			o := storage.FixtureOrder(st, i, per)
			final := int64(0)
			if o.Status.Kind.Final() {
				final = ts(o.Updated)
			}
			row, err := storage.MirrorRow(o, final, now, now)
			if err != nil {
				return err
			}
			rows = append(rows, row)
		}
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `ALTER TABLE mirror DISABLE TRIGGER mirror_counts_keep`); err != nil {
			return err
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"mirror"}, cols, pgx.CopyFromRows(rows)); err != nil {
			return err
		}
		for _, q := range []string{
			`ALTER TABLE mirror ENABLE TRIGGER mirror_counts_keep`,
			`INSERT INTO mirror_counts (store, status, kind, open, n)
				SELECT store, status, kind, final_since = 0, count(*) FROM mirror GROUP BY 1, 2, 3, 4`,
		} {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// What autovacuum does to a table this size soon after: statistics,
	// the visibility map (index-only scans) and GIN's pending list merged.
	_, err = s.pool.Exec(ctx, `VACUUM ANALYZE mirror`)
	return err
}

func perOp(b *testing.B, unit string) {
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), unit)
}

// BenchmarkPGMirrorFirstScreen is the All stores tab's first screen
// (and a store's, and a kind filter's) read from the shared mirror.
func BenchmarkPGMirrorFirstScreen(b *testing.B) {
	views := []struct {
		name string
		v    backend.View
	}{
		{"all", backend.View{}},
		{"store", backend.View{Stores: []string{"Beta"}}},
		{"two-stores", backend.View{Stores: []string{"Alpha", "Gamma"}}},
		{"kind", backend.View{Kinds: []backend.StatusKind{backend.KindOnHold}}},
		{"due", backend.View{Sort: backend.SortDue, SLA: &backend.SLAs{Default: backend.DefaultSLA()}}},
	}
	for _, n := range pgBenchSizes {
		for _, v := range views {
			b.Run(v.name+"/"+sizeName(n), func(b *testing.B) {
				s := pgFixture(b, n)
				ctx := context.Background()
				for b.Loop() {
					r, err := s.Window(ctx, backend.Window{View: v.v, After: benchScreen})
					if err != nil || len(r.Orders) == 0 {
						b.Fatalf("%d rows, %v", len(r.Orders), err)
					}
				}
				perOp(b, "ms/screen")
			})
		}
	}
}

// BenchmarkPGMirrorCount counts a view as a tab title does: from the
// counts table, or (text) up to TextCountLimit+1 matches.
func BenchmarkPGMirrorCount(b *testing.B) {
	for _, n := range pgBenchSizes {
		per := n / len(storage.FixtureStores)
		views := []struct {
			name string
			v    backend.View
		}{
			{"all", backend.View{}},
			{"store-status", backend.View{Stores: []string{"Beta"}, Statuses: []string{"H"}}},
			{"text-common", backend.View{Text: storage.FixtureCommonName}},
			{"text-email", backend.View{Text: storage.FixtureOrder("Beta", per/2, per).Customer.Email}},
		}
		for _, v := range views {
			b.Run(v.name+"/"+sizeName(n), func(b *testing.B) {
				s := pgFixture(b, n)
				ctx := context.Background()
				for b.Loop() {
					if _, err := s.Count(ctx, v.v); err != nil {
						b.Fatal(err)
					}
				}
				perOp(b, "ms/count")
			})
		}
	}
}

// BenchmarkPGMirrorPut writes a 100-order page of new orders (as a live
// page does), counts and indexes kept in the transaction.
func BenchmarkPGMirrorPut(b *testing.B) {
	for _, n := range pgBenchSizes {
		b.Run("page100/"+sizeName(n), func(b *testing.B) {
			s := pgFixture(b, n)
			ctx := context.Background()
			per := n / len(storage.FixtureStores)
			i := per * 2 // past the fixture and past other runs' pages
			for b.Loop() {
				page := make([]backend.Order, 100)
				for j := range page {
					page[j] = storage.FixtureOrder("Gamma", i, per)
					page[j].ID = "bench-" + strconv.Itoa(i)
					i++
				}
				if _, err := s.MirrorPut(ctx, page); err != nil {
					b.Fatal(err)
				}
			}
			perOp(b, "ms/page")
		})
	}
}

// BenchmarkPGMirrorSearch is `orderdash search` and a `/` keystroke: a
// rare e-mail, an order number, a common first name.
func BenchmarkPGMirrorSearch(b *testing.B) {
	for _, n := range pgBenchSizes {
		per := n / len(storage.FixtureStores)
		o := storage.FixtureOrder(storage.FixtureStores[1], per/3, per)
		for _, q := range []struct{ name, text string }{
			{"email", o.Customer.Email}, {"number", o.Number}, {"name", storage.FixtureCommonName}, {"digits", "4431"},
		} {
			b.Run(q.name+"/"+sizeName(n), func(b *testing.B) {
				s := pgFixture(b, n)
				ctx := context.Background()
				for b.Loop() {
					if _, _, err := s.MirrorSearch(ctx, q.text, nil); err != nil {
						b.Fatal(err)
					}
				}
				perOp(b, "ms/search")
			})
			b.Run("filter-"+q.name+"/"+sizeName(n), func(b *testing.B) {
				s := pgFixture(b, n)
				ctx := context.Background()
				for b.Loop() {
					if _, err := s.Window(ctx, backend.Window{View: backend.View{Text: q.text}, After: benchScreen}); err != nil {
						b.Fatal(err)
					}
				}
				perOp(b, "ms/screen")
			})
		}
	}
}
