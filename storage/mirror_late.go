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
// Those ranges (lateArms) are the late set: they grow with the late
// orders, never with the mirror. A late view sorted by due reads them as
// any view's arms (a limit's range is in due order), n rows each from the
// anchor; in another sort, its window sorts the late set and takes its
// rows from the anchor on by keyset, so it costs what the late orders
// number. Its count counts the set.

// lateArms are the ranges that hold v's late orders at now, disjoint:
// per (store, kind) with a limit, the rows of mirror_store_kind_since
// past it; per (store, open kind but shipped), the rows of mirror_dispatch
// whose date passed and which are not late by a limit already. pairs are
// the (store, kind) pairs the mirror holds of v's stores and kinds. Each
// arm is ready for a SortDue window (its shift is its kind's limit in
// its store, or NoDue); statuses are the caller's to add.
func lateArms(v backend.View, pairs []storeKind, now time.Time) []arm {
	nowTS := ts(now)
	var arms []arm
	for _, p := range pairs {
		kind := backend.StatusKind(p.kind)
		if kind.Final() {
			continue
		}
		shift := int64(v.SLA.DueOffset(p.store, kind))
		limit := v.SLA.For(p.store).Limit(kind)
		cutoff := nowTS - int64(limit)
		if limit > 0 {
			// "+since > 0" is tested on the index, not a bound of the
			// range: the range's bounds are the cutoff and the anchor.
			arms = append(arms, arm{index: "mirror_store_kind_since", store: p.store, due: true, shift: shift,
				eq: []string{"store = ?", "kind = ?", "+since > 0"}, args: []any{p.store, p.kind},
				late: true, below: cutoff})
		}
		if kind == backend.KindShipped {
			continue // never late by a dispatch date
		}
		a := arm{index: "mirror_dispatch", store: p.store, due: true, shift: shift,
			eq:   []string{"store = ?", "dispatch_by > 0", "dispatch_by < ?", "kind = ?"},
			args: []any{p.store, nowTS, p.kind}}
		if limit > 0 {
			a.eq = append(a.eq, "NOT (since > 0 AND since < ?)")
			a.args = append(a.args, cutoff)
		}
		arms = append(arms, a)
	}
	return arms
}

// statusIn is v's status filter as a condition, "" for none.
func statusIn(v backend.View) (string, []any) {
	statuses := dedupe(v.Statuses)
	if len(statuses) == 0 {
		return "", nil
	}
	args := make([]any, len(statuses))
	for i, s := range statuses {
		args[i] = s
	}
	return "status IN (?" + strings.Repeat(",?", len(statuses)-1) + ")", args
}

// lateSet is the SQL that selects the rowids of v's late orders at now
// (its stores, kinds and statuses; text aside): its late arms, whose rows
// are distinct, one after the other.
func lateSet(v backend.View, pairs []storeKind, now time.Time) (string, []any) {
	sw, sargs := statusIn(v)
	var parts []string
	var args []any
	for _, a := range lateArms(v, pairs, now) {
		conds := append([]string{}, a.eq...)
		args = append(args, a.args...)
		if a.late {
			conds, args = append(conds, "since < ?"), append(args, a.below)
		}
		if sw != "" {
			conds, args = append(conds, sw), append(args, sargs...)
		}
		parts = append(parts, "SELECT rowid FROM mirror INDEXED BY "+a.index+" WHERE "+strings.Join(conds, " AND "))
	}
	if len(parts) == 0 {
		return "SELECT 0 WHERE 0", nil
	}
	return strings.Join(parts, " UNION ALL "), args
}

// lateRare is the most late orders a late view sorts itself (the late
// set, sorted); with more, its window walks the sort's own index testing
// each row (latePredicate), which finds them within a few rows each. A
// variable so tests can drive both plans on a small mirror.
var lateRare = 2000

// manyLate reports whether v's late set holds more than lateRare orders,
// reading at most that many of its index entries.
func (db *DB) manyLate(ctx context.Context, v backend.View, pairs []storeKind) (bool, error) {
	set, args := lateSet(v, pairs, lateNow(v))
	var n int
	err := db.r.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM ("+set+") LIMIT ?)", append(args, lateRare+1)...).Scan(&n)
	if err != nil {
		return false, wrap("read window", db.path, err)
	}
	return n > lateRare, nil
}

// latePredicate is lateArms' test as a condition on one row, for a walk
// of another index: past its (store, kind)'s cutoff, or (open, not
// shipped) past its dispatch-by date.
func latePredicate(v backend.View, pairs []storeKind, now time.Time) (string, []any) {
	var b strings.Builder
	var args []any
	b.WriteString("((+since > 0 AND since < CASE")
	n := 0
	nowTS := ts(now)
	for _, p := range pairs {
		kind := backend.StatusKind(p.kind)
		limit := v.SLA.For(p.store).Limit(kind)
		if kind.Final() || limit <= 0 {
			continue
		}
		b.WriteString(" WHEN store = ? AND kind = ? THEN ?")
		args = append(args, p.store, p.kind, nowTS-int64(limit))
		n++
	}
	if n == 0 {
		b.WriteString(" WHEN 0 THEN 0")
	}
	var never []any
	for _, k := range backend.Kinds {
		if k.Final() || k == backend.KindShipped {
			never = append(never, string(k))
		}
	}
	b.WriteString(" ELSE 0 END) OR (dispatch_by > 0 AND dispatch_by < ? AND kind NOT IN (?" + strings.Repeat(",?", len(never)-1) + ")))")
	args = append(append(args, nowTS), never...)
	return b.String(), args
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

// lateRange is the keyset of a late arm (one of a limit's, whose rows are
// those of the range below its cutoff): the anchor's condition c and the
// cutoff, each left out where the other implies it, so the index range
// has one bound each side and a window reads its rows, not every late
// row between the anchor and the range's end.
func lateRange(a arm, k backend.RowKey, up bool, c string, cargs []any) (conds []string, args []any) {
	cut := func() { conds, args = append(conds, "since < ?"), append(args, a.below) }
	if k.IsZero() {
		cut()
		return conds, args
	}
	at := ts(k.At) - a.shift // the anchor's since in this arm
	switch {
	case up:
		cut()
		conds, args = append(conds, c), append(args, cargs...)
	case at >= a.below:
		cut() // every late row is below the anchor
	default:
		conds, args = append(conds, c), append(args, cargs...) // below the anchor is below the cutoff
	}
	return conds, args
}
