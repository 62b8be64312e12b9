package pgstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// The mirror's other reads, as SQLite's: the counts strip (Tally),
// lookups (MirrorFind), `orderdash search`, and new orders since a visit.

// Tally counts a view for its tab's counts strip: orders per kind from
// the counts, and the late ones (one range of mirror_store_kind_since per
// (store, kind), plus those late by their dispatch-by date). The view's
// text is not applied.
func (s *Store) Tally(ctx context.Context, v backend.View, now time.Time) (backend.Tally, error) {
	const op = "count view"
	t := backend.Tally{Kinds: map[backend.StatusKind]int{}}
	var a args
	where := append(filters(v, &a), "n > 0")
	rows, err := s.pool.Query(ctx, "SELECT store, kind, sum(n)::bigint FROM mirror_counts WHERE "+strings.Join(where, " AND ")+
		" GROUP BY 1, 2 ORDER BY 1, 2", a...)
	if err != nil {
		return t, s.wrap(op, err)
	}
	var pairs [][2]string
	for rows.Next() {
		var p [2]string
		var n int64
		if err := rows.Scan(&p[0], &p[1], &n); err != nil {
			rows.Close()
			return t, s.wrap(op, err)
		}
		t.Kinds[backend.StatusKind(p[1])] += int(n)
		t.Total += int(n)
		pairs = append(pairs, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return t, s.wrap(op, err)
	}
	statuses := storage.Dedupe(v.Statuses)
	nowTS := ts(now)
	var stores []string
	for _, p := range pairs {
		kind := backend.StatusKind(p[1])
		if !slices.Contains(stores, p[0]) {
			stores = append(stores, p[0])
		}
		limit := v.SLA.For(p[0]).Limit(kind)
		if kind.Final() || limit <= 0 {
			continue
		}
		var la args
		q := "SELECT count(*) FROM mirror WHERE store = " + la.add(p[0]) + " AND kind = " + la.add(p[1]) +
			" AND since > 0 AND since < " + la.add(nowTS-int64(limit))
		if len(statuses) > 0 {
			q += " AND " + la.in("status", statuses)
		}
		var n int
		if err := s.pool.QueryRow(ctx, q, la...).Scan(&n); err != nil {
			return t, s.wrap("count late orders", err)
		}
		t.Late += n
	}
	for _, st := range stores {
		n, err := s.lateByDate(ctx, v, st, now)
		if err != nil {
			return t, err
		}
		t.Late += n
	}
	return t, nil
}

// lateByDate counts a store's orders of the view whose dispatch-by date
// has passed but whose SLA limit has not.
func (s *Store) lateByDate(ctx context.Context, v backend.View, store string, now time.Time) (int, error) {
	rows, err := s.pool.Query(ctx, `SELECT kind, status, since FROM mirror
		WHERE store = $1 AND dispatch_by > 0 AND dispatch_by < $2`, store, ts(now))
	if err != nil {
		return 0, s.wrap("count late orders", err)
	}
	defer rows.Close()
	sla := v.SLA.For(store)
	kinds, statuses := storage.Dedupe(v.Kinds), storage.Dedupe(v.Statuses)
	n := 0
	for rows.Next() {
		var kind, status string
		var since int64
		if err := rows.Scan(&kind, &status, &since); err != nil {
			return 0, s.wrap("count late orders", err)
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
	return n, s.wrap("count late orders", rows.Err())
}

// maxFindRows bounds what one lookup returns (as SQLite's).
const maxFindRows = 100

// MirrorFind returns the mirrored orders whose id, number or vendor ref is
// text as backend.MatchesLookup compares them, ordered by store and id:
// index lookups only (the primary key, the lookup keys' indexes).
func (s *Store) MirrorFind(ctx context.Context, text string) ([]backend.Order, error) {
	const op = "look up an order in the mirror"
	t, err := backend.ParseLookup(text)
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT data, detailed FROM mirror WHERE (store, id) IN (
			SELECT store, id FROM mirror WHERE id = $1
			UNION SELECT store, id FROM mirror WHERE lower(ltrim(trim(number), '#')) = $2
			UNION SELECT store, id FROM mirror WHERE lower(ltrim(trim(ref), '#')) = $2
			LIMIT $3)`, t, backend.LookupKey(t), maxFindRows*4)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	defer rows.Close()
	out := []backend.Order{}
	for rows.Next() {
		var data []byte
		var detailed bool
		if err := rows.Scan(&data, &detailed); err != nil {
			return nil, s.wrap(op, err)
		}
		o, err := storage.DecodeOrder(data, detailed)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		if backend.MatchesLookup(o, t) && len(out) < maxFindRows {
			out = append(out, o)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap(op, err)
	}
	storage.SortFound(out)
	return out, nil
}

// MirrorSearch finds the orders the query matches, best first
// (storage.Search ranks them, as on SQLite).
func (s *Store) MirrorSearch(ctx context.Context, query string, stores []string) ([]storage.Found, bool, error) {
	return storage.Search(ctx, s, query, stores)
}

// OrdersByID reads the orders whose id is id (as typed, or in lower
// case), in the stores given (every store when none).
func (s *Store) OrdersByID(ctx context.Context, id string, stores []string) ([]backend.Order, error) {
	var a args
	ids := []string{id}
	if l := strings.ToLower(id); l != id {
		ids = append(ids, l)
	}
	q := "SELECT " + rowCols + ", 0 FROM mirror WHERE " + a.in("id", ids)
	if len(stores) > 0 {
		q += " AND " + a.in("store", stores)
	}
	return s.readRows(ctx, q+" LIMIT 100", a, 4)
}

// MirrorMark is the mirror's mark now (its highest arrival number).
func (s *Store) MirrorMark(ctx context.Context) (backend.ArrivalMark, error) {
	var r, c *int64
	err := s.pool.QueryRow(ctx, `SELECT max(seq), max(created) FROM mirror`).Scan(&r, &c)
	var m backend.ArrivalMark
	if r != nil {
		m.Row = *r
	}
	var cr int64
	if c != nil {
		cr = *c
	}
	m.Created = time.Unix(0, cr).UTC()
	return m, s.wrap("read the mirror's mark", err)
}

// CountNew counts the orders of v that arrived after mark and were
// created after it, up to limit (mirror_seq: only those rows are read).
func (s *Store) CountNew(ctx context.Context, v backend.View, mark backend.ArrivalMark, limit int) (int, error) {
	var a args
	where := []string{"seq > " + a.add(mark.Row), "created > " + a.add(mark.Created.UnixNano())}
	where = append(where, filters(v, &a)...)
	tw, none := textConds(v.Text, &a)
	if none {
		return 0, nil
	}
	where = append(where, tw...)
	var n int
	err := s.pool.QueryRow(ctx, "SELECT count(*) FROM (SELECT 1 FROM mirror WHERE "+strings.Join(where, " AND ")+
		" LIMIT "+a.add(limit)+") AS m", planned(v, a)...).Scan(&n)
	return n, s.wrap("count new orders", err)
}
