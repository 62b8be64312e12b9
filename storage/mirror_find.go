package storage

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/orderdash/orderdash/backend"
)

// migrateMirrorFind indexes the numbers and refs as a lookup compares
// them, so a scan at the go-to prompt reads a few index entries rather
// than every row.
func migrateMirrorFind(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx,
		`CREATE INDEX mirror_number_key ON mirror(lower(ltrim(trim(number), '#')))`,
		`CREATE INDEX mirror_ref_key ON mirror(lower(ltrim(trim(ref), '#')))`)
}

// maxFindRows bounds what one lookup returns: an id shared by every store,
// or an external ref split between a few fulfillers, is a handful of
// orders; more would be a ref that is no lookup at all.
const maxFindRows = 100

// MirrorFind returns the mirrored orders whose id, number or vendor ref is
// text, as backend.MatchesLookup compares them (without regard to case or
// a leading '#'), in every store, ordered by store and id: the lookup a
// scanner or the go-to prompt asks of the mirror before the stores. It
// only reads. Rows carry what the mirror keeps (a detail where one was
// read); callers re-read the store for the order in full.
//
// Every read is an index lookup, whatever the size of the mirror
// (BenchmarkMirrorFind): the id through each store's (store, id) index,
// numbers and refs through their lookup keys' indexes; the stores come
// from the counts table (a few rows), not from a walk of an index.
func (db *DB) MirrorFind(ctx context.Context, text string) ([]backend.Order, error) {
	const op = "look up an order in the mirror"
	t, err := backend.ParseLookup(text)
	if err != nil {
		return nil, err
	}
	type key struct{ store, id string }
	var keys []key
	seen := map[key]bool{}
	add := func(rows *sql.Rows) error {
		defer rows.Close()
		for rows.Next() {
			var k key
			if err := rows.Scan(&k.store, &k.id); err != nil {
				return err
			}
			if !seen[k] && len(keys) < maxFindRows {
				seen[k] = true
				keys = append(keys, k)
			}
		}
		return rows.Err()
	}
	rows, err := db.r.QueryContext(ctx, `SELECT store, id FROM mirror
		WHERE store IN (SELECT DISTINCT store FROM mirror_counts WHERE n > 0) AND id = ?`, t)
	if err == nil {
		err = add(rows)
	}
	if err != nil {
		return nil, wrap(op, db.path, err)
	}
	// Numbers and refs through the expression indexes of migration 8:
	// lower() folds ASCII only, which is what order numbers and refs are
	// written in; MatchesLookup checks each candidate after.
	lk := backend.LookupKey(t)
	rows, err = db.r.QueryContext(ctx, `SELECT store, id FROM mirror INDEXED BY mirror_number_key
			WHERE lower(ltrim(trim(number), '#')) = ?1
		UNION SELECT store, id FROM mirror INDEXED BY mirror_ref_key
			WHERE lower(ltrim(trim(ref), '#')) = ?1
		LIMIT ?2`, lk, maxFindRows*4)
	if err == nil {
		err = add(rows)
	}
	if err != nil {
		return nil, wrap(op, db.path, err)
	}
	out := []backend.Order{}
	for _, k := range keys {
		o, _, err := db.MirrorOrder(ctx, k.store, k.id)
		switch {
		case errors.Is(err, backend.ErrNotCached):
			continue // pruned since
		case err != nil:
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		if backend.MatchesLookup(o, t) {
			out = append(out, o)
		}
	}
	SortFound(out)
	return out, nil
}

// SortFound orders lookup matches by store, then id (numerically where
// the ids are numbers without leading zeros).
func SortFound(orders []backend.Order) {
	slices.SortFunc(orders, func(a, b backend.Order) int {
		return cmp.Or(cmp.Compare(a.Store, b.Store), cmp.Compare(len(a.ID), len(b.ID)), cmp.Compare(a.ID, b.ID))
	})
}
