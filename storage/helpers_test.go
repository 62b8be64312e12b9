package storage

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

func openTest(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "data", FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// openAt opens the database at path, as another process or session
// would; it is closed when t ends.
func openAt(t testing.TB, path string) *DB {
	t.Helper()
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func sampleOrder(store string, i int) backend.Order {
	return backend.Order{
		Store: store, ID: strconv.Itoa(i), Number: "N" + strconv.Itoa(i),
		Status:   fake.Open,
		Created:  time.Date(2026, 11, 20, 10, 4, 5, 0, time.UTC).Add(time.Duration(i) * time.Minute),
		Customer: backend.Customer{Name: "Ann Lee", Email: "ann@example.com"},
		Total:    "677.95", Currency: "EUR", ItemCount: 2,
		ShipTo: backend.Address{Name: "Ann Lee", Lines: []string{"10 Main St"}, City: "Salt Lake City", Country: "US"},
	}
}

// sampleOrders are orders from..from+n-1 of a store.
func sampleOrders(store string, from, n int) []backend.Order {
	var out []backend.Order
	for i := from; i < from+n; i++ {
		out = append(out, sampleOrder(store, i))
	}
	return out
}
