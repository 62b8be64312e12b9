package pgstore_test

import (
	"context"
	"testing"

	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/pgstore"
	"github.com/orderdash/orderdash/storage/storagetest"
)

// TestContract runs the storage contract's suite on PostgreSQL: each test
// in a schema of its own, each handle a pool of its own (another process).
func TestContract(t *testing.T) {
	storagetest.Run(t, func(t *testing.T) storagetest.Opener {
		url, schema := pgstore.NewTestSchema(t)
		return func(t *testing.T) storage.Store {
			s, err := pgstore.Open(context.Background(), url, pgstore.Options{Schema: schema, MaxConns: 4})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}
	}, storagetest.Features{SharedClaims: true, SharedMirror: true, LateRare: pgstore.LateRare})
}
