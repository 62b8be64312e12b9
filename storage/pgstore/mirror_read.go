package pgstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// The mirror's other reads, as SQLite's: the counts strip (Tally),
// lookups (MirrorFind), `orderdash search`, and new orders since a visit.

// Tally counts a view for its tab's counts strip: orders per kind from
// the counts, and the late ones at now: the view's late set
// (mirror_late.go), counted. The view's text is not applied: the strip
// counts the tab's backlog (of a late view, its late orders).
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
	late, err := s.tallyLate(ctx, v, pairs, now, v.Late)
	if v.Late {
		// A late view's strip counts its late orders alone.
		return late, err
	}
	t.Late = late.Late
	return t, err
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
	if v.Late {
		// A late view counts the arrivals it lists.
		late, err := s.viewLateArms(ctx, v)
		if err != nil {
			return 0, err
		}
		where = append(where, latePredicate(late, &a))
	}
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

// readRows reads a window's rows (rowCols, then sortv).
func (s *Store) readRows(ctx context.Context, q string, a args, n int) ([]backend.Order, error) {
	out, _, err := s.readRowsCut(ctx, q, a, n, false)
	return out, err
}

// readRowsCut reads a window's rows; withCut, each has a last column
// (cut) and the answer says whether any row's is true, that row left out.
func (s *Store) readRowsCut(ctx context.Context, q string, a args, n int, withCut bool) ([]backend.Order, bool, error) {
	rows, err := s.pool.Query(ctx, q, a...)
	if err != nil {
		return nil, false, s.wrap("read window", err)
	}
	defer rows.Close()
	out := make([]backend.Order, 0, n)
	anyCut := false
	for rows.Next() {
		var o backend.Order
		var created, updated, since, dispatch, totalVal, sortv int64
		var kind string
		var items int32
		var cut bool
		dst := []any{&o.Store, &o.ID, &o.Number, &o.VendorRef, &o.Status.Code, &o.Status.Name, &kind,
			&created, &updated, &o.Total, &o.Currency, &o.Customer.Name, &o.Customer.Email, &items,
			&since, &dispatch, &o.Urgent, &totalVal, &sortv}
		if withCut {
			dst = append(dst, &cut)
		}
		if err := rows.Scan(dst...); err != nil {
			return nil, false, s.wrap("read window", err)
		}
		if cut {
			anyCut = true
			continue
		}
		o.ItemCount = int(items)
		o.Status.Kind = backend.StatusKind(kind)
		o.Created, o.Updated, o.StatusSince, o.DispatchBy = fromTS(created), fromTS(updated), fromTS(since), fromTS(dispatch)
		out = append(out, o)
	}
	return out, anyCut, s.wrap("read window", rows.Err())
}
