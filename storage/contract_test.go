package storage_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/storagetest"
)

// TestContract runs the storage contract's suite on SQLite: each test a
// new file, each handle as another process opening it.
func TestContract(t *testing.T) {
	storagetest.Run(t, func(t *testing.T) storagetest.Opener {
		path := filepath.Join(t.TempDir(), "data", storage.FileName)
		return func(t *testing.T) storage.Store {
			db, err := storage.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		}
	}, storagetest.Features{LateRare: storage.LateRare})
}
