package pgstore

import (
	"context"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// A text query's plan follows the text's share of the mirror, however
// many ran before it (mirror_textplan.go): a common name's windows walk
// the view's order (the trigram index is not read), a rare e-mail's read
// the index. Both are cached statements: a plan cached for "some LIKE
// pattern" would read the index and sort all of a common word's matches.
func TestTextPlanFollowsItsShare(t *testing.T) {
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
			r, err := s.Window(ctx, backend.Window{View: backend.View{Text: text}, After: 20})
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

// A walk that reaches textWalk rows before its window is full is read
// again through the index, with the same rows: the walk is bounded
// however far from the anchor a common text's matches sit.
func TestTextWalkIsBounded(t *testing.T) {
	defer func(r float64, w int) { rareWeight, textWalk = r, w }(rareWeight, textWalk)
	ctx := context.Background()
	url, schema := newSchema(t)
	const n = 3000
	if err := loadFixture(url, schema, n); err != nil {
		t.Fatal(err)
	}
	s := openIn(t, url, schema, Options{MaxConns: 1})
	views := []backend.View{
		{Text: storage.FixtureCommonName},
		{Text: storage.FixtureCommonName, Stores: storage.FixtureStores[:2], Sort: backend.SortTotal},
		{Text: storage.FixtureCommonName, Sort: backend.SortDue, Asc: true},
	}
	read := func(v backend.View) ([]backend.Order, int, bool) {
		t.Helper()
		r, err := s.Window(ctx, backend.Window{View: v, After: benchScreen / 2})
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.Count(ctx, v)
		if err != nil {
			t.Fatal(err)
		}
		class, _, err := s.classify(ctx, v, benchScreen/2)
		if err != nil {
			t.Fatal(err)
		}
		return r.Orders, c, class == textCommon
	}
	for _, v := range views {
		rareWeight, textWalk = 0, 10_000 // the index's plan
		want, wantN, common := read(v)
		if common || len(want) == 0 {
			t.Fatalf("%+v: common %v, %d rows", v, common, len(want))
		}
		for _, walk := range []int{40, 400, 10_000} {
			rareWeight, textWalk = 1000, walk
			got, gotN, common := read(v)
			if !common {
				t.Fatalf("%+v: not walked", v)
			}
			if !slices.EqualFunc(got, want, func(a, b backend.Order) bool { return a.Store == b.Store && a.ID == b.ID }) || gotN != wantN {
				t.Errorf("%+v, walk %d: %d rows, count %d; want %d, %d", v, walk, len(got), gotN, len(want), wantN)
			}
		}
	}
}
