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
// Two reads, both without touching the wide rows they pass over
// (BenchmarkMirrorFind, 100,000 orders): the id through each store's
// (store, id) index, a few milliseconds; numbers and refs by a scan of the
// narrow search index, about 25 ms on a loaded machine.
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
		WHERE store IN (SELECT DISTINCT store FROM mirror) AND id = ?`, t)
	if err == nil {
		err = add(rows)
	}
	if err != nil {
		return nil, wrap(op, db.path, err)
	}
	// The search text is every row's id, number, ref, name and e-mail in
	// lower case, one a line: a whole line equal to the text (or to it
	// with '#') is a match, and instr on the bare text skips most rows
	// before the lines are built.
	lk := backend.LookupKey(t)
	rows, err = db.r.QueryContext(ctx, `SELECT store, id FROM mirror
		WHERE instr(search, ?1) > 0
		AND (instr(char(10)||search||char(10), char(10)||?1||char(10)) > 0
			OR instr(char(10)||search||char(10), char(10)||'#'||?1||char(10)) > 0)
		LIMIT ?2`, lk, maxFindRows*4)
	if err != nil {
		// A mirror whose search text has moved elsewhere: compare the
		// columns themselves, a slower scan with the same answer.
		rows, err = db.r.QueryContext(ctx, `SELECT store, id FROM mirror
			WHERE lower(ltrim(trim(number), '#')) = ?1 OR lower(ltrim(trim(ref), '#')) = ?1 OR lower(ltrim(trim(id), '#')) = ?1
			LIMIT ?2`, lk, maxFindRows*4)
	}
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
	sortFound(out)
	return out, nil
}

// sortFound orders matches by store, then id (numerically where the ids
// are numbers without leading zeros).
func sortFound(orders []backend.Order) {
	slices.SortFunc(orders, func(a, b backend.Order) int {
		return cmp.Or(cmp.Compare(a.Store, b.Store), cmp.Compare(len(a.ID), len(b.ID)), cmp.Compare(a.ID, b.ID))
	})
}
