package pgstore

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// Each text query is planned for its text, however many ran before it:
// a common name's windows walk the view's order (the trigram index is
// not read), a rare e-mail's read the index. With plans cached by
// statement, PostgreSQL switches after five runs to one generic plan for
// every text, the index and a sort of all of a common word's matches.
func TestTextPlannedForItsValues(t *testing.T) {
	ctx := context.Background()
	url, schema := newSchema(t)
	const n = 6000
	if err := loadFixture(url, schema, n); err != nil {
		t.Fatal(err)
	}
	// One connection: the statement cache a dashboard's reads share.
	s := openIn(t, url, schema, Options{MaxConns: 1})
	per := n / len(storage.FixtureStores)
	email := storage.FixtureOrder("Beta", per/3, per).Customer.Email
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	// trgmScans is how often the trigram index has been read, once s's
	// connection has reported its statistics.
	trgmScans := func() int64 {
		t.Helper()
		if _, err := s.pool.Exec(ctx, `SELECT pg_stat_force_next_flush()`); err != nil {
			t.Fatal(err)
		}
		var scans int64
		if err := c.QueryRow(ctx, `SELECT idx_scan FROM pg_stat_user_indexes WHERE schemaname = $1 AND indexrelname = 'mirror_trgm'`,
			schema).Scan(&scans); err != nil {
			t.Fatal(err)
		}
		return scans
	}
	window := func(text string, times int) {
		t.Helper()
		for range times {
			r, err := s.Window(ctx, backend.Window{View: backend.View{Text: text}, After: benchScreen})
			if err != nil || len(r.Orders) == 0 {
				t.Fatalf("%q: %d rows, %v", text, len(r.Orders), err)
			}
		}
	}
	for _, tt := range []struct {
		text      string
		usesIndex bool
	}{
		{email, true},
		{storage.FixtureCommonName, false},
		{email, true},
		{storage.FixtureCommonName, false},
	} {
		before := trgmScans()
		window(tt.text, 8)
		after := trgmScans()
		if read := after > before; read != tt.usesIndex {
			t.Errorf("%q read the trigram index (%d scans): %v, want %v", tt.text, after-before, read, tt.usesIndex)
		}
	}
}
