package pgstore

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// The PostgreSQL tests reach the server at $ORDERDASH_TEST_POSTGRES. When
// it does not answer they are skipped, saying so once, loudly; with
// ORDERDASH_TEST_POSTGRES_REQUIRED=1 (CI) they fail instead.
const defaultTestURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

func testURL() string {
	if u := os.Getenv("ORDERDASH_TEST_POSTGRES"); u != "" {
		return u
	}
	return defaultTestURL
}

var (
	serverOnce sync.Once
	serverErr  error
)

// needServer skips (or fails) t when the server does not answer.
func needServer(t testing.TB) string {
	t.Helper()
	url := testURL()
	serverOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, url)
		if err == nil {
			err = c.Ping(ctx)
			c.Close(ctx)
		}
		serverErr = err
		if err != nil && os.Getenv("ORDERDASH_TEST_POSTGRES_REQUIRED") != "1" {
			fmt.Fprintf(os.Stderr, "\n*** PostgreSQL tests SKIPPED: %s does not answer (%s); set ORDERDASH_TEST_POSTGRES ***\n\n",
				Describe(url), scrub(err.Error(), password(url)))
		}
	})
	if serverErr != nil {
		if os.Getenv("ORDERDASH_TEST_POSTGRES_REQUIRED") == "1" {
			t.Fatalf("PostgreSQL required (ORDERDASH_TEST_POSTGRES_REQUIRED=1) but %s does not answer: %v", Describe(url), scrub(serverErr.Error(), password(url)))
		}
		t.Skip("PostgreSQL does not answer")
	}
	return url
}

// newSchema makes a schema of t's own, dropped when t ends.
func newSchema(t testing.TB) (url, schema string) {
	t.Helper()
	url = needServer(t)
	schema = "odtest_" + strings.ToLower(rand.Text()[:12])
	ctx := context.Background()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return url, schema
}

// openIn opens a store in schema, closed when t ends.
func openIn(t testing.TB, url, schema string, opt Options) *Store {
	t.Helper()
	opt.Schema = schema
	if opt.MaxConns == 0 {
		opt.MaxConns = 4
	}
	s, err := Open(context.Background(), url, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
