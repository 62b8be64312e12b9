package storage

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// New orders since a tab was visited ("3 new" on its title). An order's
// rowid is given when it first enters the mirror and kept by every later
// write (an upsert, never a replace), so the rows past a mark taken at a
// visit are the orders that arrived since; counting them reads only those
// rows, by rowid, whatever the size of the mirror. A row pruned at the
// very top may give its rowid back to the next arrival: a miscount of one,
// once, on a mirror that just pruned its newest order (which only final,
// old orders are).

// MirrorMark is the mirror's mark now.
func (db *DB) MirrorMark(ctx context.Context) (backend.ArrivalMark, error) {
	var r, c sql.NullInt64
	err := db.r.QueryRowContext(ctx, `SELECT max(rowid), (SELECT max(created) FROM mirror INDEXED BY mirror_created) FROM mirror`).Scan(&r, &c)
	if err != nil {
		// Without that index (an older schema), the plain maximum.
		err = db.r.QueryRowContext(ctx, `SELECT max(rowid), max(created) FROM mirror`).Scan(&r, &c)
	}
	return backend.ArrivalMark{Row: r.Int64, Created: time.Unix(0, c.Int64).UTC()}, wrap("read the mirror's mark", db.path, err)
}

// CountNew counts the orders of v that arrived after mark and were created
// after it, up to limit. The view's stores, statuses, kinds, text and
// Late apply: a late view counts the arrivals it lists.
func (db *DB) CountNew(ctx context.Context, v backend.View, mark backend.ArrivalMark, limit int) (int, error) {
	conds, args := viewFilters(v)
	if v.Late {
		pairs, err := db.storeKinds(ctx, v)
		if err != nil {
			return 0, err
		}
		c, cargs := latePredicate(v, pairs, lateNow(v))
		conds, args = append(conds, c), append(args, cargs...)
	}
	if t := newTextSearch(v.Text); t != nil {
		if t.none {
			return 0, nil
		}
		tw, targs := t.textConds()
		conds, args = append(conds, tw...), append(args, targs...)
	}
	conds = append([]string{"rowid > ?", "created > ?"}, conds...)
	args = append([]any{mark.Row, mark.Created.UnixNano()}, args...)
	var n int
	err := db.r.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM mirror NOT INDEXED WHERE "+strings.Join(conds, " AND ")+" LIMIT ?)",
		append(args, limit)...).Scan(&n)
	return n, wrap("count new orders", db.path, err)
}
