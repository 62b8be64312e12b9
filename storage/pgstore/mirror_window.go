package pgstore

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// Windows over the mirror, as SQLite's (storage/mirror_window.go): keyset
// pagination, each query starting at a row's key inside an index and
// reading only the rows it returns. A view on several stores is one range
// per store; due (and age by kind) one per (store, kind) on
// mirror_store_kind_since, where since plus the kind's limit grows with
// since; the ranges are merged under one ORDER BY ... LIMIT. Text is a
// LIKE per word on the folded search column, which pg_trgm's index
// answers; the planner chooses between it and walking the view's order,
// for each text (mirror_search.go).

// rowCols are a table row's columns in scan order; a query adds sortv.
const rowCols = `store, id, number, ref, status, status_name, kind, created, updated, total, currency, customer, email, items, since, dispatch_by, urgent, total_val`

// args collects a query's arguments and names each $n.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// in is "col IN ($n, ...)" for vals.
func (a *args) in(col string, vals []string) string {
	ph := make([]string, len(vals))
	for i, v := range vals {
		ph[i] = a.add(v)
	}
	return col + " IN (" + strings.Join(ph, ", ") + ")"
}

// arm is one indexed range of a view: its store (and kind), "" for any.
type arm struct {
	store, kind string
	shift       int64 // due: the key is since plus shift
	due         bool
	late        *lateArm // a late view's range by due (mirror_late.go)
}

func (a arm) sortv() string {
	if a.due {
		return "since + " + strconv.FormatInt(a.shift, 10)
	}
	return "0"
}

// needsPairs: due, and age with a kind filter, read a range per (store, kind).
func needsPairs(v backend.View) bool {
	return v.SortKey() == backend.SortDue || (v.SortKey() == backend.SortAge && len(storage.Dedupe(v.Kinds)) > 0)
}

// plan is a view's arms, and its filters (on a) that every arm applies
// but its text (query adds it, by the text's plan); none is true when
// the view can match nothing.
func (s *Store) plan(ctx context.Context, v backend.View, a *args) (arms []arm, where []string, none bool, err error) {
	if !backend.CanSortView(v.Sort) {
		return nil, nil, false, fmt.Errorf("a view cannot be sorted by %s", v.Sort)
	}
	stores, statuses, kinds := storage.Dedupe(v.Stores), storage.Dedupe(v.Statuses), storage.Dedupe(v.Kinds)
	var late []lateArm
	if v.Late {
		if late, err = s.viewLateArms(ctx, v); err != nil || len(late) == 0 {
			return nil, nil, err == nil, err
		}
	}
	switch {
	case v.Late && v.SortKey() == backend.SortDue:
		// The late ranges are the arms, each in due order.
		for _, l := range late {
			arms = append(arms, arm{store: l.store, kind: l.kind, shift: l.shift, due: true, late: &l})
		}
	case needsPairs(v):
		pairs, err := s.storeKinds(ctx, stores, kinds)
		if err != nil {
			return nil, nil, false, err
		}
		for _, p := range pairs {
			ar := arm{store: p[0], kind: p[1]}
			if v.SortKey() == backend.SortDue {
				ar.due, ar.shift = true, int64(v.SLA.DueOffset(p[0], backend.StatusKind(p[1])))
			}
			arms = append(arms, ar)
		}
		if len(arms) == 0 {
			return nil, nil, true, nil
		}
	case len(kinds) > 0 && v.SortKey() == backend.SortCreated:
		// One range per kind on mirror_kind: a rare kind (on hold) is
		// not looked for along every order's creation time.
		for _, k := range kinds {
			arms = append(arms, arm{kind: string(k)})
		}
		if len(stores) > 0 {
			where = append(where, a.in("store", stores))
		}
	case len(stores) > 0:
		for _, st := range stores {
			arms = append(arms, arm{store: st})
		}
		if len(kinds) > 0 {
			where = append(where, a.in("kind", kindStrings(kinds)))
		}
	default:
		arms = []arm{{}}
		if len(kinds) > 0 {
			where = append(where, a.in("kind", kindStrings(kinds)))
		}
	}
	if len(statuses) > 0 {
		where = append(where, a.in("status", statuses))
	}
	if v.Late && v.SortKey() != backend.SortDue {
		// A walk of the sort's arms testing each row: there are many
		// late orders (mirror_late.go).
		where = append(where, latePredicate(late, a))
	}
	return arms, where, false, nil
}

func kindStrings(ks []backend.StatusKind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

// storeKinds are the (store, kind) pairs the mirror holds of the stores
// and kinds given (any when none), from the counts.
func (s *Store) storeKinds(ctx context.Context, stores []string, kinds []backend.StatusKind) ([][2]string, error) {
	var a args
	where := []string{"n > 0"}
	if len(stores) > 0 {
		where = append(where, a.in("store", stores))
	}
	if len(kinds) > 0 {
		where = append(where, a.in("kind", kindStrings(kinds)))
	}
	rows, err := s.pool.Query(ctx, "SELECT DISTINCT store, kind FROM mirror_counts WHERE "+strings.Join(where, " AND ")+" ORDER BY 1, 2", a...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) ([2]string, error) {
		var p [2]string
		err := r.Scan(&p[0], &p[1])
		return p, err
	})
}

// tuple is a sort's key columns, with store unless the arm fixes it.
func tuple(v backend.View, withStore bool) []string {
	pre, post := storage.SortColumns(v)
	out := slices.Clone(pre)
	if withStore {
		out = append(out, "store")
	}
	return append(append(out, post...), "id")
}

// keyCond is an arm's keyset condition (storage's keyCond): rows after
// the anchor in the direction asked, the anchor included when incl.
func keyCond(v backend.View, ar arm, k backend.RowKey, up, incl bool, a *args) string {
	op := "<"
	if up {
		op = ">"
	}
	pre, _ := storage.SortColumns(v)
	var cols []string
	switch {
	case ar.store == "" || ar.store == k.Store:
		cols = tuple(v, ar.store == "")
		if incl {
			op += "="
		}
	default:
		after := (ar.store > k.Store) == up
		if len(pre) == 0 {
			return "store " + op + " " + a.add(k.Store)
		}
		cols = pre
		if after {
			op += "="
		}
	}
	ph := make([]string, len(cols))
	for i, c := range cols {
		ph[i] = a.add(storage.KeyArg(c, k, ar.shift))
	}
	return "(" + strings.Join(cols, ", ") + ") " + op + " (" + strings.Join(ph, ", ") + ")"
}

// keyCols are the columns of a view's key (store and id among them).
func keyCols(v backend.View) []string {
	var out []string
	for _, c := range tuple(v, true) {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func orderBy(cols []string, up bool) string {
	dir := " DESC"
	if up {
		dir = " ASC"
	}
	return strings.Join(cols, dir+", ") + dir
}

// query reads up to n rows of a view from the anchor on, in the
// direction asked (up: towards greater keys).
func (s *Store) query(ctx context.Context, v backend.View, k backend.RowKey, up, incl bool, n int) ([]backend.Order, error) {
	if n <= 0 {
		return nil, nil
	}
	class, pieces, err := s.classify(ctx, v, n)
	if err != nil {
		return nil, err
	}
	rows, cut, err := s.queryAs(ctx, v, k, up, incl, n, class, pieces)
	if err == nil && cut {
		// The walk ended before the window was full: the matches are
		// further on, read through the index.
		rows, _, err = s.queryAs(ctx, v, k, up, incl, n, textRareCls, nil)
	}
	return rows, err
}

// queryAs is query with the text's plan given (mirror_textplan.go; a
// rare text's index pieces, all when nil); cut reports a walk that ended
// before the window was full.
func (s *Store) queryAs(ctx context.Context, v backend.View, k backend.RowKey, up, incl bool, n int, class textClass, pieces []string) ([]backend.Order, bool, error) {
	var a args
	arms, where, none, err := s.plan(ctx, v, &a)
	if err != nil || none {
		return nil, false, err
	}
	if lateDueLateral && class == textNone && k.IsZero() && len(arms) > 1 && arms[0].late != nil {
		return s.readRowsCut(ctx, lateDueTop(arms, where, up, n, &a), a, n, false)
	}
	walk, walkConds := "", []string(nil)
	switch class {
	case textPlanned:
		tw, none := textConds(v.Text, &a)
		if none {
			return nil, false, nil
		}
		where = append(where, tw...)
	case textRareCls:
		// Through the index, planned for the text's values (PostgreSQL
		// keeps planning such a query anyway: its generic plan looks
		// dearer), by the pieces the sample finds least.
		tw, none := textConds(v.Text, &a)
		if none {
			return nil, false, nil
		}
		if pieces != nil {
			a = a[:len(a)-len(tw)]
			tw = rareConds(v.Text, pieces, &a)
		}
		where = append(where, tw...)
	case textCommon:
		walkConds = strposConds(v.Text, &a)
		walk = a.add(textWalk) + "::bigint"
	}
	due := v.SortKey() == backend.SortDue
	var parts []string
	for _, ar := range arms {
		conds := slices.Clone(where)
		if ar.store != "" {
			conds = append(conds, "store = "+a.add(ar.store))
		}
		if ar.kind != "" {
			conds = append(conds, "kind = "+a.add(ar.kind))
		}
		switch {
		case ar.late != nil && !ar.late.byDate:
			conds = append(conds, ar.late.test(&a, false))
			conds = append(conds, lateRange(*ar.late, k, up, func() string { return keyCond(v, ar, k, up, incl, &a) }, &a)...)
		case ar.late != nil:
			conds = append(conds, ar.late.test(&a, true))
			if !k.IsZero() {
				conds = append(conds, keyCond(v, ar, k, up, incl, &a))
			}
		case !k.IsZero():
			conds = append(conds, keyCond(v, ar, k, up, incl, &a))
		}
		cols := rowCols
		if len(arms) > 1 {
			// Keys only, off the arm's index (an index-only scan): the
			// rows are read for the window's n alone, not every arm's.
			cols = strings.Join(keyCols(v), ", ")
		}
		order := orderBy(tuple(v, ar.store == ""), up)
		where := ""
		if len(conds) > 0 {
			where = " WHERE " + strings.Join(conds, " AND ")
		}
		var q string
		switch class {
		case textCommon:
			// The walk's matches, then (run only when they do not fill
			// the window) its textWalk-th row marked cut, if it has one.
			q = "SELECT * FROM ((SELECT " + cols + ", sortv, false AS cut FROM (SELECT " + cols + ", " + ar.sortv() +
				" AS sortv, search FROM mirror" + where + " ORDER BY " + order + " LIMIT " + walk + ") AS x WHERE " +
				strings.Join(walkConds, " AND ") + " ORDER BY " + order + " LIMIT " + a.add(n) + ") UNION ALL (SELECT " + cols + ", " +
				ar.sortv() + " AS sortv, true FROM mirror" + where + " ORDER BY " + order + " OFFSET " + a.add(textWalk-1) + " LIMIT 1)) AS w"
		default:
			q = "SELECT " + cols + ", " + ar.sortv() + " AS sortv FROM mirror" + where
		}
		if class == textCommon {
			q += " LIMIT " + a.add(n) // in order: no sort runs the second part
		} else {
			q += " ORDER BY " + order + " LIMIT " + a.add(n)
		}
		parts = append(parts, q)
	}
	q := parts[0]
	withCut := class == textCommon
	if len(parts) > 1 {
		cols := tuple(v, true)
		if due {
			cols = []string{"sortv", "store", "id"}
		}
		q = "(" + strings.Join(parts, ") UNION ALL (") + ") ORDER BY " + orderBy(cols, up) + " LIMIT " + a.add(n)
		for i, c := range cols {
			cols[i] = "k." + c
		}
		cut := ""
		if withCut {
			cut = ", k.cut"
		}
		q = "SELECT m." + strings.ReplaceAll(rowCols, ", ", ", m.") + ", k.sortv" + cut + " FROM (" + q +
			") AS k JOIN mirror m ON m.store = k.store AND m.id = k.id ORDER BY " + orderBy(cols, up)
	}
	if class == textPlanned || class == textRareCls {
		a = planned(v, a)
	}
	return s.readRowsCut(ctx, q, a, n, withCut)
}

// Window returns the rows of a view around an anchor: up to w.Before rows
// ahead of it and w.After from it on. The zero anchor is the top.
func (s *Store) Window(ctx context.Context, w backend.Window) (backend.Rows, error) {
	r := backend.Rows{First: true}
	if !backend.CanSortView(w.View.Sort) {
		return r, fmt.Errorf("a view cannot be sorted by %s", w.View.Sort)
	}
	if w.Late && w.Now.IsZero() {
		w.Now = time.Now() // one moment for both directions
	}
	read := s.query
	if w.Late && w.SortKey() != backend.SortDue {
		// Few late orders are sorted; many, found along the sort's index.
		many := false
		if words, ok := backend.SearchWords(w.Text); ok && len(words) == 0 {
			var err error
			if many, err = s.manyLate(ctx, w.View); err != nil {
				return r, err
			}
		}
		if !many {
			read = s.queryLate
		}
	}
	return storage.AroundAnchor(w, storage.KeysUp(w.View), func(up, incl bool, n int) ([]backend.Order, error) {
		return read(ctx, w.View, w.Anchor, up, incl, n)
	})
}

// Count is the number of orders in a view: from the counts when it has
// no text, else counted up to backend.TextCountLimit+1 (a count above
// TextCountLimit means "more than that").
func (s *Store) Count(ctx context.Context, v backend.View) (int, error) {
	if !backend.CanSortView(v.Sort) {
		return 0, fmt.Errorf("a view cannot be sorted by %s", v.Sort)
	}
	if v.Late {
		return s.countLate(ctx, v)
	}
	var a args
	where := filters(v, &a)
	words, ok := backend.SearchWords(v.Text)
	var n int
	if ok && len(words) == 0 {
		q := "SELECT coalesce(sum(n), 0) FROM mirror_counts"
		if len(where) > 0 {
			q += " WHERE " + strings.Join(where, " AND ")
		}
		err := s.pool.QueryRow(ctx, q, a...).Scan(&n)
		return n, s.wrap("count view", err)
	}
	return s.countText(ctx, v, where, a)
}

// filters are a view's stores, statuses and kinds as conditions.
func filters(v backend.View, a *args) []string {
	var where []string
	if st := storage.Dedupe(v.Stores); len(st) > 0 {
		where = append(where, a.in("store", st))
	}
	if st := storage.Dedupe(v.Statuses); len(st) > 0 {
		where = append(where, a.in("status", st))
	}
	if ks := storage.Dedupe(v.Kinds); len(ks) > 0 {
		where = append(where, a.in("kind", kindStrings(ks)))
	}
	return where
}
