package storage

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// BenchmarkJournalAppend records one change per operation, each its own
// durable transaction (WAL, synchronous=FULL): the rate at which the
// dashboard and set-status can journal changes. Target: over 1,000/s.
func BenchmarkJournalAppend(b *testing.B) {
	ctx := context.Background()
	db := openTest(b)
	j := db.Journal("sam")
	for b.Loop() {
		ch := change("Shop", "1")
		if err := j.Record(ctx, &ch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "changes/s")
}

// BenchmarkJournalApply is a whole change through backend.Apply against an
// instant store: record, sent, confirmed — three durable transactions.
func BenchmarkJournalApply(b *testing.B) {
	ctx := context.Background()
	db := openTest(b)
	j := db.Journal("sam")
	f := newFake("Shop", true)
	for b.Loop() {
		f.orders["1"].History = nil // keep the order the size of a real one
		if _, err := backend.Apply(ctx, f, j, change("Shop", "1")); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "changes/s")
}

const (
	cacheOrders = 100_000
	cachePage   = 50
)

var fixture struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// cacheFixture is a database holding 100,000 cached orders (2,000 pages
// of 50 in one tab), built once per test binary.
func cacheFixture(b *testing.B) string {
	b.Helper()
	fixture.once.Do(func() {
		fixture.dir, fixture.err = os.MkdirTemp("", "orderdash-bench-")
		if fixture.err != nil {
			return
		}
		fixture.path = filepath.Join(fixture.dir, FileName)
		fixture.err = fillCache(fixture.path)
	})
	if fixture.err != nil {
		b.Fatal(fixture.err)
	}
	return fixture.path
}

func fillCache(path string) error {
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	db.w.Exec("PRAGMA synchronous=OFF") // only to build the fixture faster
	at := time.Now().Add(-time.Hour)
	for p := 0; p < cacheOrders/cachePage; p++ {
		pg := backend.Page{Number: p + 1, Total: cacheOrders, Next: strconv.Itoa(p + 2)}
		for i := range cachePage {
			o := sampleOrder("Shop", p*cachePage+i)
			o.Customer.Phone = "+1 555 0100"
			o.Items = []backend.Item{{SKU: "A-1", Name: "Mug", Quantity: 2, Price: "9.50"}}
			pg.Orders = append(pg.Orders, o)
		}
		if err := db.SavePage(ctx, "Shop", "all", p+1, pg, at); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkFirstPage100k is what the dashboard does before its first
// frame: open the database (WAL, migrations check, statements) and read
// the first page of a tab, from a cache of 100,000 orders. Target: under
// 100 ms; it must not depend on the size of the cache.
func BenchmarkFirstPage100k(b *testing.B) {
	path := cacheFixture(b)
	ctx := context.Background()
	for b.Loop() {
		db, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		p, err := db.LoadPage(ctx, "Shop", "all", 1)
		if err != nil || len(p.Orders) != cachePage {
			b.Fatalf("%d orders, %v", len(p.Orders), err)
		}
		db.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/first-page")
}

// BenchmarkLoadPage100k reads a page deep in a 100,000-order cache from
// an open database (paging while offline).
func BenchmarkLoadPage100k(b *testing.B) {
	path := cacheFixture(b)
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	n := 0
	for b.Loop() {
		n = n%(cacheOrders/cachePage) + 1
		if p, err := db.LoadPage(ctx, "Shop", "all", n); err != nil || len(p.Orders) != cachePage {
			b.Fatal(err)
		}
	}
}

// BenchmarkRSS100k measures, in a fresh process, the resident memory of
// opening a 100,000-order cache and painting its first page, and after
// paging through every one of its 2,000 pages.
func BenchmarkRSS100k(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skip("reads /proc/self/status")
	}
	path := cacheFixture(b)
	var m map[string]float64
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperRSS$")
		cmd.Env = append(os.Environ(), "ORDERDASH_RSS_DB="+path)
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		m = map[string]float64{}
		for _, f := range strings.Fields(string(out)) {
			if k, v, ok := strings.Cut(f, "="); ok {
				if n, err := strconv.ParseFloat(v, 64); err == nil {
					m[k] = n
				}
			}
		}
		if len(m) != 3 {
			b.Fatalf("helper said %q", out)
		}
	}
	b.ReportMetric(m["start"], "MB-rss-start")
	b.ReportMetric(m["first"], "MB-rss-first-page")
	b.ReportMetric(m["all"], "MB-rss-all-pages")
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/1e6, "MB-file")
	}
}

// TestHelperRSS is the child of BenchmarkRSS100k.
func TestHelperRSS(t *testing.T) {
	path := os.Getenv("ORDERDASH_RSS_DB")
	if path == "" {
		t.Skip("the child process of BenchmarkRSS100k")
	}
	ctx := context.Background()
	start := rssMB()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.LoadPage(ctx, "Shop", "all", 1); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	first := rssMB()
	for p := 1; p <= cacheOrders/cachePage; p++ {
		if _, err := db.LoadPage(ctx, "Shop", "all", p); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	fmt.Printf("start=%.1f first=%.1f all=%.1f\n", start, first, rssMB())
}

func rssMB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixture.dir != "" {
		os.RemoveAll(fixture.dir)
	}
	os.Exit(code)
}
