package storage

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Tally counts a view for its tab's counts strip: orders per status kind
// from mirror_counts (a few dozen rows, whatever the mirror holds), and
// the late ones. Late is TimingOf's: an open order whose time in status
// passed its kind's limit in its store, counted as one range per (store,
// kind) of mirror_store_kind_since (it grows with the late orders, not the
// mirror), plus those whose dispatch-by date passed first (Kornit X, on
// the small mirror_dispatch index). A view's text is not applied: the
// strip counts the tab's backlog.
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
	statuses := dedupe(v.Statuses)
	sw, sargs := "", []any(nil)
	if len(statuses) > 0 {
		sw = " AND status IN (?" + strings.Repeat(",?", len(statuses)-1) + ")"
		for _, s := range statuses {
			sargs = append(sargs, s)
		}
	}
	nowTS := ts(now)
	var stores []string
	for _, p := range pairs {
		kind := backend.StatusKind(p.kind)
		if !slices.Contains(stores, p.store) {
			stores = append(stores, p.store)
		}
		limit := v.SLA.For(p.store).Limit(kind)
		if kind.Final() || limit <= 0 {
			continue
		}
		var n int
		err := db.r.QueryRowContext(ctx, "SELECT count(*) FROM mirror INDEXED BY mirror_store_kind_since WHERE store = ? AND kind = ? AND since > 0 AND since < ?"+sw,
			append([]any{p.store, p.kind, nowTS - int64(limit)}, sargs...)...).Scan(&n)
		if err != nil {
			return t, wrap("count late orders", db.path, err)
		}
		t.Late += n
	}
	// Orders late by their dispatch-by date and not by their limit.
	for _, s := range stores {
		n, err := db.lateByDate(ctx, v, s, now)
		if err != nil {
			return t, err
		}
		t.Late += n
	}
	return t, nil
}

// lateByDate counts a store's orders of the view whose dispatch-by date
// has passed but whose SLA limit has not.
func (db *DB) lateByDate(ctx context.Context, v backend.View, store string, now time.Time) (int, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT kind, status, since FROM mirror INDEXED BY mirror_dispatch
		WHERE store = ? AND dispatch_by > 0 AND dispatch_by < ?`, store, ts(now))
	if err != nil {
		return 0, wrap("count late orders", db.path, err)
	}
	defer rows.Close()
	sla := v.SLA.For(store)
	kinds, statuses := dedupe(v.Kinds), dedupe(v.Statuses)
	n := 0
	for rows.Next() {
		var kind, status string
		var since int64
		if err := rows.Scan(&kind, &status, &since); err != nil {
			return 0, wrap("count late orders", db.path, err)
		}
		k := backend.StatusKind(kind)
		if k.Final() || k == backend.KindShipped || (len(kinds) > 0 && !slices.Contains(kinds, k)) ||
			(len(statuses) > 0 && !slices.Contains(statuses, status)) {
			continue
		}
		if limit := sla.Limit(k); limit > 0 && since > 0 && since < ts(now)-int64(limit) {
			continue // counted by its limit
		}
		n++
	}
	return n, wrap("count late orders", db.path, rows.Err())
}
