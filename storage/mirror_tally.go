package storage

import (
	"context"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Tally counts a view for its tab's counts strip: orders per status kind
// from mirror_counts (a few dozen rows, whatever the mirror holds), and
// the late ones at now: the view's late set (mirror_late.go), counted. A
// view's text is not applied: the strip counts the tab's backlog (of a
// late view, its late orders).
func (db *DB) Tally(ctx context.Context, v backend.View, now time.Time) (backend.Tally, error) {
	t := backend.Tally{Kinds: map[backend.StatusKind]int{}}
	v.Text = ""
	where, args := viewFilters(v)
	q := "SELECT store, kind, sum(n) FROM mirror_counts"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := db.r.QueryContext(ctx, q+" GROUP BY 1, 2 ORDER BY 1, 2", args...)
	if err != nil {
		return t, wrap("count view", db.path, err)
	}
	var pairs []storeKind
	for rows.Next() {
		var p storeKind
		var n int
		if err := rows.Scan(&p.store, &p.kind, &n); err != nil {
			rows.Close()
			return t, wrap("count view", db.path, err)
		}
		t.Kinds[backend.StatusKind(p.kind)] += n
		t.Total += n
		pairs = append(pairs, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return t, wrap("count view", db.path, err)
	}
	set, args := lateSet(v, pairs, now)
	if v.Late {
		return db.tallyLate(ctx, set, args)
	}
	if err := db.r.QueryRowContext(ctx, "SELECT count(*) FROM ("+set+")", args...).Scan(&t.Late); err != nil {
		return t, wrap("count late orders", db.path, err)
	}
	return t, nil
}

// tallyLate is the tally of a late view: its late orders per kind, every
// one of them late.
func (db *DB) tallyLate(ctx context.Context, set string, args []any) (backend.Tally, error) {
	t := backend.Tally{Kinds: map[backend.StatusKind]int{}}
	rows, err := db.r.QueryContext(ctx, "SELECT kind, count(*) FROM mirror WHERE rowid IN ("+set+") GROUP BY kind", args...)
	if err != nil {
		return t, wrap("count late orders", db.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind string
		var n int
		if err := rows.Scan(&kind, &n); err != nil {
			return t, wrap("count late orders", db.path, err)
		}
		t.Kinds[backend.StatusKind(kind)] = n
		t.Total += n
	}
	t.Late = t.Total
	return t, wrap("count late orders", db.path, rows.Err())
}
