package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Late orders: a `late = true` view (backend.View.Late) and the counts
// strip's late count (Tally) read them here, one rule for both. An order
// is late as backend.TimingOf says: it is open, and its time in status
// passed its kind's limit in its store, or (before it ships) its
// dispatch-by date passed (Kornit X). Both tests are ranges of small
// indexes, with the SLA's limits passed in as each range's cutoff:
//
//   - by limit: per (store, kind) with a limit, the rows of
//     mirror_store_kind_since with since below now minus the limit; the
//     index holds status, so a status filter costs no row read;
//   - by date: per store, the rows of mirror_dispatch (only the orders
//     that carry a date) whose date has passed.
//
// Their UNION is the late set: it grows with the late orders, never with
// the mirror. A late view's window sorts that set and takes its rows from
// the anchor on by keyset, as every view does; its count counts it.

// lateSet is the SQL that selects the rowids of v's late orders at now
// (its stores, kinds and statuses; text aside). pairs are the (store,
// kind) pairs the mirror holds of v's stores and kinds.
func lateSet(v backend.View, pairs []storeKind, now time.Time) (string, []any) {
	statuses := dedupe(v.Statuses)
	statusIn := func() (string, []any) {
		if len(statuses) == 0 {
			return "", nil
		}
		args := make([]any, len(statuses))
		for i, s := range statuses {
			args[i] = s
		}
		return " AND status IN (?" + strings.Repeat(",?", len(statuses)-1) + ")", args
	}
	nowTS := ts(now)
	var parts []string
	var args []any
	dated := map[string][]any{} // store -> its kinds a dispatch-by date makes late
	var stores []string
	for _, p := range pairs {
		kind := backend.StatusKind(p.kind)
		if kind.Final() {
			continue
		}
		if kind != backend.KindShipped {
			if _, ok := dated[p.store]; !ok {
				stores = append(stores, p.store)
			}
			dated[p.store] = append(dated[p.store], p.kind)
		}
		limit := v.SLA.For(p.store).Limit(kind)
		if limit <= 0 {
			continue
		}
		sw, sargs := statusIn()
		parts = append(parts, "SELECT rowid FROM mirror INDEXED BY mirror_store_kind_since WHERE store = ? AND kind = ? AND since > 0 AND since < ?"+sw)
		args = append(append(args, p.store, p.kind, nowTS-int64(limit)), sargs...)
	}
	for _, s := range stores {
		ks := dated[s]
		sw, sargs := statusIn()
		parts = append(parts, "SELECT rowid FROM mirror INDEXED BY mirror_dispatch WHERE store = ? AND dispatch_by > 0 AND dispatch_by < ? AND kind IN (?"+
			strings.Repeat(",?", len(ks)-1)+")"+sw)
		args = append(append(append(args, s, nowTS), ks...), sargs...)
	}
	if len(parts) == 0 {
		return "SELECT 0 WHERE 0", nil
	}
	// UNION, not UNION ALL: an order late both ways is one order.
	return strings.Join(parts, " UNION "), args
}

// lateNow is the moment a view's lateness is judged at: its Now, else
// the time of the read.
func lateNow(v backend.View) time.Time {
	if v.Now.IsZero() {
		return time.Now()
	}
	return v.Now
}

// dueValue is the SQL of a row's SortDue value (since plus its kind's
// limit in its store, as backend.View.Key computes it) for the (store,
// kind) pairs a late set can hold; the rest have no due time (NoDue).
func dueValue(v backend.View, pairs []storeKind) (string, []any) {
	var b strings.Builder
	var args []any
	b.WriteString("since + CASE")
	n := 0
	for _, p := range pairs {
		off := int64(v.SLA.DueOffset(p.store, backend.StatusKind(p.kind)))
		if off == int64(backend.NoDue) {
			continue
		}
		b.WriteString(" WHEN store = ? AND kind = ? THEN ?")
		args = append(args, p.store, p.kind, off)
		n++
	}
	if n == 0 {
		return fmt.Sprintf("since + %d", int64(backend.NoDue)), nil
	}
	fmt.Fprintf(&b, " ELSE %d END", int64(backend.NoDue))
	return b.String(), args
}

// queryLate is query for a late view: up to n of its late orders from the
// anchor on, in the direction asked.
func (db *DB) queryLate(ctx context.Context, v backend.View, pairs []storeKind, t *textSearch, k backend.RowKey, up, incl bool, n int) ([]backend.Order, error) {
	if t != nil && t.none {
		return nil, nil
	}
	spec := specOf(v)
	sortv, args := "0", []any(nil)
	if v.SortKey() == backend.SortDue {
		// The value has no column here: the merged query orders by it.
		sortv, args = dueValue(v, pairs)
		spec = sortSpec{pre: []string{"sortv"}}
	}
	set, sargs := lateSet(v, pairs, lateNow(v))
	conds := []string{"rowid IN (" + set + ")"}
	args = append(args, sargs...)
	if t != nil {
		tw, targs := t.textConds()
		conds, args = append(conds, tw...), append(args, targs...)
	}
	q := "SELECT * FROM (SELECT " + rowCols + ", " + sortv + " AS sortv FROM mirror WHERE " + strings.Join(conds, " AND ") + ")"
	if !k.IsZero() {
		c, cargs := keyCond(arm{}, spec, k, up, incl)
		q += " WHERE " + c
		args = append(args, cargs...)
	}
	q += " ORDER BY " + orderBy(spec, false, up) + " LIMIT ?"
	return db.readRows(ctx, q, append(args, n), n)
}

// countLate counts a late view: its late set, and with text those of it
// that contain the text, up to backend.TextCountLimit+1 as every view
// with text is counted.
func (db *DB) countLate(ctx context.Context, v backend.View) (int, error) {
	pairs, err := db.storeKinds(ctx, v)
	if err != nil {
		return 0, err
	}
	set, args := lateSet(v, pairs, lateNow(v))
	q := "SELECT count(*) FROM (" + set + ")"
	if t := newTextSearch(v.Text); t != nil {
		if t.none {
			return 0, nil
		}
		tw, targs := t.textConds()
		q = "SELECT count(*) FROM (SELECT 1 FROM mirror WHERE rowid IN (" + set + ") AND " + strings.Join(tw, " AND ") + " LIMIT ?)"
		args = append(append(args, targs...), backend.TextCountLimit+1)
	}
	var n int
	if err := db.r.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, wrap("count late orders", db.path, err)
	}
	return n, nil
}
