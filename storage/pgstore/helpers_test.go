package pgstore

import (
	"context"
	"testing"

	"github.com/orderdash/orderdash/storage/pgtest"
)

// The tests' server and schemas are pgtest's.
func needServer(t testing.TB) string { return pgtest.Need(t) }

func newSchema(t testing.TB) (url, schema string) { return pgtest.Schema(t) }

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
