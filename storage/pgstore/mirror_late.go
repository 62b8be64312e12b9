package pgstore

import (
	"context"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// Late orders, as SQLite's (storage/mirror_late.go): a `late = true` view
// (backend.View.Late) and the counts strip's late count (Tally) read them
// here, one rule for both. An order is late as backend.TimingOf says: it
// is open, and its time in status passed its kind's limit in its store,
// or (before it ships) its dispatch-by date passed. The rule is a list of
// disjoint ranges (lateArms), so counts are plain sums:
//
//   - by limit: per (store, kind) with a limit, the rows of
//     mirror_store_kind_since with since below now minus the limit;
//   - by date: per (store, open kind but shipped), the rows of
//     mirror_dispatch whose date passed and that are not late by a limit.
//
// The late set is those ranges one after the other (lateSet); a row's
// test is any of them (latePredicate). A late view sorted by due reads
// the ranges as its arms, n rows each from the anchor (a limit's range is
// in due order), its first screen in one LATERAL query (lateDueTop,
// planned in a fraction of the time); in another sort, its window sorts
// the late set when it is small (lateRare) and else walks the sort's
// index testing each row.

// lateArm is one range of the late set: a (store, kind) pair's rows past
// its limit, or (byDate) its rows whose dispatch-by date passed.
type lateArm struct {
	store, kind string
	shift       int64 // the pair's due offset (backend.SLAs.DueOffset)
	limited     bool  // the kind has a limit in the store
	cutoff      int64 // since below it is past the limit (Unix ns)
	now         int64
	byDate      bool
}

// lateArms are the ranges that hold the late orders at now of the (store,
// kind) pairs given (the view's, from the counts).
func lateArms(v backend.View, pairs [][2]string, now time.Time) []lateArm {
	nowTS := ts(now)
	var out []lateArm
	for _, p := range pairs {
		kind := backend.StatusKind(p[1])
		if kind.Final() {
			continue
		}
		limit := v.SLA.For(p[0]).Limit(kind)
		a := lateArm{store: p[0], kind: p[1], shift: int64(v.SLA.DueOffset(p[0], kind)),
			limited: limit > 0, cutoff: nowTS - int64(limit), now: nowTS}
		if a.limited {
			out = append(out, a)
		}
		if kind != backend.KindShipped { // never late by a dispatch date
			a.byDate = true
			out = append(out, a)
		}
	}
	return out
}

// test is the arm's lateness test on a row of its (store, kind), without
// a limit arm's cutoff when cut is false (the window adds it, lateRange).
func (l lateArm) test(a *args, cut bool) string {
	if !l.byDate {
		if !cut {
			return "since > 0"
		}
		return "since > 0 AND since < " + a.add(l.cutoff)
	}
	c := "dispatch_by > 0 AND dispatch_by < " + a.add(l.now)
	if l.limited {
		c += " AND NOT (since > 0 AND since < " + a.add(l.cutoff) + ")"
	}
	return c
}

// cond is the arm's rows as one condition.
func (l lateArm) cond(a *args) string {
	return "store = " + a.add(l.store) + " AND kind = " + a.add(l.kind) + " AND " + l.test(a, true)
}

// latePredicate is the late set as a test of one row: in any of its
// ranges.
func latePredicate(arms []lateArm, a *args) string {
	if len(arms) == 0 {
		return "false"
	}
	conds := make([]string, len(arms))
	for i, l := range arms {
		conds[i] = "(" + l.cond(a) + ")"
	}
	return "(" + strings.Join(conds, " OR ") + ")"
}

// lateSet is the SQL of the late set's rows (cols of them), each range
// with the conditions in where as well; "" when it is empty.
func lateSet(arms []lateArm, cols string, where []string, a *args) string {
	var parts []string
	for _, l := range arms {
		parts = append(parts, "SELECT "+cols+" FROM mirror WHERE "+strings.Join(append([]string{l.cond(a)}, where...), " AND "))
	}
	return strings.Join(parts, " UNION ALL ")
}

// lateCounts counts each range of the late set, with the conditions in
// where as well, in one query of a scalar count per range: as one
// count over their union, PostgreSQL plans parallel workers that cost
// ten times the counting (165 against 13 ms for 25k late of 100k orders
// on a busy 2-core machine).
func (s *Store) lateCounts(ctx context.Context, arms []lateArm, where []string, a *args) ([]int64, error) {
	if len(arms) == 0 {
		return nil, nil
	}
	subs := make([]string, len(arms))
	for i, l := range arms {
		subs[i] = "(SELECT count(*) FROM mirror WHERE " + strings.Join(append([]string{l.cond(a)}, where...), " AND ") + ")"
	}
	ns := make([]int64, len(arms))
	dst := make([]any, len(arms))
	for i := range ns {
		dst[i] = &ns[i]
	}
	err := s.pool.QueryRow(ctx, "SELECT "+strings.Join(subs, ", "), *a...).Scan(dst...)
	return ns, s.wrap("count late orders", err)
}

// lateWhere are a late view's conditions besides its ranges: its statuses
// and text (none: the text can match nothing).
func lateWhere(v backend.View, a *args) (where []string, none bool) {
	if st := storage.Dedupe(v.Statuses); len(st) > 0 {
		where = append(where, a.in("status", st))
	}
	tw, none := textConds(v.Text, a)
	return append(where, tw...), none
}

// lateNow is the moment a view's lateness is judged at: its Now, else
// the time of the read.
func lateNow(v backend.View) time.Time {
	if v.Now.IsZero() {
		return time.Now()
	}
	return v.Now
}

// viewLateArms are a late view's ranges, from its (store, kind) pairs.
func (s *Store) viewLateArms(ctx context.Context, v backend.View) ([]lateArm, error) {
	pairs, err := s.storeKinds(ctx, storage.Dedupe(v.Stores), storage.Dedupe(v.Kinds))
	if err != nil {
		return nil, s.wrap("plan view", err)
	}
	return lateArms(v, pairs, lateNow(v)), nil
}

// lateRare is the most late orders a late view's window sorts itself;
// with more, it walks the sort's index testing each row (latePredicate),
// which finds them within a few rows each. A variable so tests can drive
// both plans on a small mirror.
var lateRare = 2000

// manyLate reports whether a view has more than lateRare late orders,
// reading at most that many of its index entries.
func (s *Store) manyLate(ctx context.Context, v backend.View) (bool, error) {
	arms, err := s.viewLateArms(ctx, v)
	if err != nil || len(arms) == 0 {
		return false, err
	}
	var a args
	where, _ := lateWhere(backend.View{Statuses: v.Statuses}, &a)
	var n int
	err = s.pool.QueryRow(ctx, "SELECT count(*) FROM (SELECT 1 FROM ("+lateSet(arms, "1", where, &a)+") AS l LIMIT "+
		a.add(lateRare+1)+") AS m", a...).Scan(&n)
	return n > lateRare, s.wrap("read window", err)
}

// queryLate reads up to n of a late view's orders from the anchor on, in
// the direction asked, by sorting its late set (a sort other than due).
func (s *Store) queryLate(ctx context.Context, v backend.View, k backend.RowKey, up, incl bool, n int) ([]backend.Order, error) {
	arms, err := s.viewLateArms(ctx, v)
	if err != nil || len(arms) == 0 {
		return nil, err
	}
	var a args
	where, none := lateWhere(v, &a)
	if none {
		return nil, nil
	}
	if !k.IsZero() {
		where = append(where, keyCond(v, arm{}, k, up, incl, &a))
	}
	q := "SELECT * FROM (" + lateSet(arms, rowCols+", 0 AS sortv", where, &a) + ") AS l ORDER BY " +
		orderBy(tuple(v, true), up) + " LIMIT " + a.add(n)
	return s.readRows(ctx, q, a, n)
}

// countLate counts a late view's late set; with text, those of it that
// contain the text, up to backend.TextCountLimit+1 as every view with
// text is counted.
func (s *Store) countLate(ctx context.Context, v backend.View) (int, error) {
	arms, err := s.viewLateArms(ctx, v)
	if err != nil || len(arms) == 0 {
		return 0, err
	}
	var a args
	where, none := lateWhere(v, &a)
	if none {
		return 0, nil
	}
	if words, _ := backend.SearchWords(v.Text); len(words) > 0 {
		var n int
		err = s.pool.QueryRow(ctx, "SELECT count(*) FROM (SELECT 1 FROM ("+lateSet(arms, "1", where, &a)+") AS l LIMIT "+
			a.add(backend.TextCountLimit+1)+") AS m", a...).Scan(&n)
		return n, s.wrap("count late orders", err)
	}
	ns, err := s.lateCounts(ctx, arms, where, &a)
	n := 0
	for _, c := range ns {
		n += int(c)
	}
	return n, err
}

// tallyLate counts the late set of a view's pairs at now: every late
// order, or (perKind, for a late view's tally) per kind.
func (s *Store) tallyLate(ctx context.Context, v backend.View, pairs [][2]string, now time.Time, perKind bool) (backend.Tally, error) {
	t := backend.Tally{Kinds: map[backend.StatusKind]int{}}
	arms := lateArms(v, pairs, now)
	if len(arms) == 0 {
		return t, nil
	}
	var a args
	where, _ := lateWhere(backend.View{Statuses: v.Statuses}, &a)
	ns, err := s.lateCounts(ctx, arms, where, &a)
	for i, n := range ns {
		if n == 0 {
			continue
		}
		if perKind {
			t.Kinds[backend.StatusKind(arms[i].kind)] += int(n)
			t.Total += int(n)
		}
		t.Late += int(n)
	}
	return t, err
}

// lateRange is the keyset of a due window's limit arm (whose rows are
// those of its range below the cutoff): the anchor's condition (made by
// c, only when used: every argument must be) and the cutoff, each left
// out where the other implies it, so the index range has one bound each
// side and a window reads its rows, not every late row between the
// anchor and the range's end.
func lateRange(l lateArm, k backend.RowKey, up bool, c func() string, a *args) []string {
	cut := func() string { return "since < " + a.add(l.cutoff) }
	if k.IsZero() {
		return []string{cut()}
	}
	at := ts(k.At) - l.shift // the anchor's since in this arm
	switch {
	case up:
		return []string{cut(), c()}
	case at >= l.cutoff:
		return []string{cut()} // every late row is below the anchor
	default:
		return []string{c()} // below the anchor is below the cutoff
	}
}
