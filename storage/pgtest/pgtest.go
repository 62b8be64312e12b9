// Package pgtest gives tests a PostgreSQL schema of their own on the test
// server ($ORDERDASH_TEST_POSTGRES, default the machine's trust-auth
// server), dropped when the test ends. When the server does not answer
// the tests are skipped, saying so once, loudly; with
// ORDERDASH_TEST_POSTGRES_REQUIRED=1 (CI) they fail instead. It is the
// one copy of this helper: pgstore's, ui's and cmd's tests use it.
package pgtest

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// DefaultURL is the test server when $ORDERDASH_TEST_POSTGRES is unset.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// URL is the test server's URL.
func URL() string {
	if u := os.Getenv("ORDERDASH_TEST_POSTGRES"); u != "" {
		return u
	}
	return DefaultURL
}

func required() bool { return os.Getenv("ORDERDASH_TEST_POSTGRES_REQUIRED") == "1" }

var (
	once      sync.Once
	serverErr error
)

// redacted is u without its password, for messages.
func redacted(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "the test server"
	}
	return p.Redacted()
}

// Need skips (or, when required, fails) t unless the server answers, and
// returns its URL.
func Need(t testing.TB) string {
	t.Helper()
	u := URL()
	once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, u)
		if err == nil {
			err = c.Ping(ctx)
			c.Close(ctx)
		}
		serverErr = err
		if err != nil && !required() {
			fmt.Fprintf(os.Stderr, "\n*** PostgreSQL tests SKIPPED: %s does not answer; set ORDERDASH_TEST_POSTGRES ***\n\n", redacted(u))
		}
	})
	if serverErr != nil {
		if required() {
			t.Fatalf("PostgreSQL required (ORDERDASH_TEST_POSTGRES_REQUIRED=1) but %s does not answer", redacted(u))
		}
		t.Skip("PostgreSQL does not answer")
	}
	return u
}

// Schema makes a schema of t's own (prefix "odtest_"), dropped when t
// ends, and returns the server's URL and the schema's name.
func Schema(t testing.TB) (url, schema string) {
	t.Helper()
	url = Need(t)
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
