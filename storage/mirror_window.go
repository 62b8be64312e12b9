package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Windows over the mirror. A view is answered by keyset pagination: each
// query starts at a row's key inside an index and reads only the rows it
// returns, never OFFSET over the rows before. A filter on several kinds,
// statuses or stores becomes one such range per value, merged by SQLite
// (UNION ALL under one ORDER BY ... LIMIT): a few dozen rows each, however
// large the mirror.

// rowCols are the columns of a table row, in scan order; a query adds
// its sort value (sortv: a due time, else 0) last.
const rowCols = `store, id, number, ref, status, status_name, kind, created, updated, total, currency, customer, email, items, since, dispatch_by, urgent, total_val`

// arm is one indexed range of a view: an equality prefix of an index and
// the rest of the view's filters.
type arm struct {
	index string
	eq    []string // "col = ?" conditions on the index's prefix
	args  []any
	store string // the one store this arm reads, "" when several
	// shift is a due arm's limit (ns): its key is since plus shift.
	shift int64
	due   bool
	// late: the arm's rows are those of its range with since below
	// below (a late view's limit arm, mirror_late.go).
	late  bool
	below int64
}

// sortv is the arm's sort value column.
func (a arm) sortv() string {
	if a.due {
		return fmt.Sprintf("since + %d AS sortv", a.shift)
	}
	return "0 AS sortv"
}

// plan splits a view into arms and the filters every arm applies; pairs
// are its (store, kind) pairs when needsPairs. A view with text walks its
// arms only when the text is common (mirror_text.go).
func plan(v backend.View, pairs []storeKind) (arms []arm, where []string, args []any, err error) {
	if !backend.CanSortView(v.Sort) {
		return nil, nil, nil, fmt.Errorf("a view cannot be sorted by %s", v.Sort)
	}
	sort := v.SortKey()
	spec := sortSpecs[sort]
	stores := dedupe(v.Stores)
	statuses := dedupe(v.Statuses)
	kinds := dedupe(v.Kinds)
	in := func(column string, vals []string) {
		where = append(where, column+" IN (?"+strings.Repeat(",?", len(vals)-1)+")")
		for _, s := range vals {
			args = append(args, s)
		}
	}
	switch {
	case v.Late && sort == backend.SortDue:
		arms = lateArms(v, pairs, lateNow(v))
		if len(arms) == 0 {
			arms = []arm{{index: "mirror_store_kind_since", eq: []string{"0"}, due: true}}
		}
		if len(statuses) > 0 {
			in("status", statuses)
		}
	case len(statuses) > 0 && len(stores) == 1 && sort == backend.SortCreated:
		for _, s := range statuses {
			arms = append(arms, arm{index: "mirror_status", eq: []string{"store = ?", "status = ?"}, args: []any{stores[0], s}, store: stores[0]})
		}
		if len(kinds) > 0 {
			in("kind", toStrings(kinds))
		}
	case len(kinds) > 0 && sort == backend.SortCreated:
		for _, k := range kinds {
			arms = append(arms, arm{index: "mirror_kind", eq: []string{"kind = ?"}, args: []any{string(k)}})
		}
		if len(stores) > 0 {
			in("store", stores)
		}
		if len(statuses) > 0 {
			in("status", statuses)
		}
	case needsPairs(v):
		// One range per (store, kind); pairs already holds only the
		// view's stores and kinds.
		// For due, a store's kinds without a limit (final ones, mostly)
		// share one arm: their due is since plus NoDue, in since order on
		// mirror_store_since, whatever their kind.
		noDue := map[string][]any{}
		var noDueStores []string
		for _, p := range pairs {
			a := arm{index: "mirror_store_kind_since", eq: []string{"store = ?", "kind = ?"}, args: []any{p.store, p.kind}, store: p.store}
			if sort == backend.SortDue {
				a.due, a.shift = true, int64(v.SLA.DueOffset(p.store, backend.StatusKind(p.kind)))
				if a.shift == int64(backend.NoDue) {
					if noDue[p.store] == nil {
						noDueStores = append(noDueStores, p.store)
					}
					noDue[p.store] = append(noDue[p.store], p.kind)
					continue
				}
			}
			arms = append(arms, a)
		}
		for _, s := range noDueStores {
			ks := noDue[s]
			arms = append(arms, arm{index: "mirror_store_since", store: s, due: true, shift: int64(backend.NoDue),
				eq:   []string{"store = ?", "kind IN (?" + strings.Repeat(",?", len(ks)-1) + ")"},
				args: append([]any{s}, ks...)})
		}
		if len(arms) == 0 {
			// Nothing of the view is mirrored: an arm that reads nothing.
			arms = []arm{{index: "mirror_store_kind_since", eq: []string{"0"}, due: sort == backend.SortDue}}
		}
		if len(statuses) > 0 {
			in("status", statuses)
		}
	case hasText(v) && (sort == backend.SortCreated || sort == backend.SortUpdated):
		// One walk of the sort order on the index that holds every
		// filtered column and the text (mirror_text.go).
		arms = []arm{{index: "mirror_text_" + string(sort)}}
		if len(stores) > 0 {
			in("store", stores)
		}
		if len(statuses) > 0 {
			in("status", statuses)
		}
		if len(kinds) > 0 {
			in("kind", toStrings(kinds))
		}
	default:
		if len(stores) > 0 {
			for _, s := range stores {
				arms = append(arms, arm{index: spec.perStore, eq: []string{"store = ?"}, args: []any{s}, store: s})
			}
		} else {
			arms = []arm{{index: spec.global}}
		}
		if len(statuses) > 0 {
			in("status", statuses)
		}
		if len(kinds) > 0 {
			in("kind", toStrings(kinds))
		}
	}
	if v.Late && sort != backend.SortDue {
		// A walk of the sort's arms: there are many late orders
		// (mirror_late.go).
		c, cargs := latePredicate(v, pairs, lateNow(v))
		where, args = append(where, c), append(args, cargs...)
	}
	// The text's conditions are mirror_text.go's.
	return arms, where, args, nil
}

func dedupe[T ~string](vals []T) []T {
	var out []T
	for _, v := range vals {
		if strings.TrimSpace(string(v)) != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func toStrings(ks []backend.StatusKind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

// windowSQL is the query for up to n rows of a view from the anchor on,
// in the direction asked: up is towards greater keys. The zero anchor
// means from the end the direction starts at.
func windowSQL(v backend.View, pairs []storeKind, k backend.RowKey, up, incl bool, n int) (string, []any, error) {
	arms, where, args, err := plan(v, pairs)
	if err != nil {
		return "", nil, err
	}
	spec := specOf(v)
	due := v.SortKey() == backend.SortDue
	var parts []string
	var all []any
	for _, a := range arms {
		conds := append(append([]string{}, a.eq...), where...)
		aargs := append(append([]any{}, a.args...), args...)
		switch {
		case a.late:
			var c string
			var cargs []any
			if !k.IsZero() {
				c, cargs = keyCond(a, spec, k, up, incl)
			}
			lc, largs := lateRange(a, k, up, c, cargs)
			conds, aargs = append(conds, lc...), append(aargs, largs...)
		case !k.IsZero():
			c, cargs := keyCond(a, spec, k, up, incl)
			conds = append(conds, c)
			aargs = append(aargs, cargs...)
		}
		cols := rowCols + ", " + a.sortv()
		if due && len(arms) > 1 {
			// Keys only (on the index): the rows are read for the
			// window's n alone, not for every arm's n.
			cols = "rowid AS r, " + a.sortv() + ", store, id"
		}
		q := "SELECT " + cols + " FROM mirror INDEXED BY " + a.index
		if len(conds) > 0 {
			q += " WHERE " + strings.Join(conds, " AND ")
		}
		q += " ORDER BY " + orderBy(spec, false, up) + " LIMIT ?"
		parts = append(parts, "SELECT * FROM ("+q+")")
		all = append(append(all, aargs...), n)
	}
	q := parts[0]
	if len(parts) > 1 {
		q = strings.Join(parts, " UNION ALL ") + " ORDER BY " + orderBy(spec, due, up) + " LIMIT ?"
		all = append(all, n)
	}
	if due && len(parts) > 1 {
		dir := " DESC"
		if up {
			dir = " ASC"
		}
		q = "SELECT mirror." + strings.ReplaceAll(rowCols, ", ", ", mirror.") + ", k.sortv FROM (" + q +
			") AS k CROSS JOIN mirror ON mirror.rowid = k.r ORDER BY k.sortv" + dir + ", k.store" + dir + ", k.id" + dir
	}
	return q, all, nil
}

// query reads the rows windowSQL selects; a view with text, those
// queryText does (t is its parsed text, nil without).
func (db *DB) query(ctx context.Context, v backend.View, pairs []storeKind, t *textSearch, k backend.RowKey, up, incl bool, n int) ([]backend.Order, error) {
	if n <= 0 {
		return nil, nil
	}
	if v.Late && (t != nil || v.SortKey() != backend.SortDue) {
		many := false
		if t == nil {
			var err error
			if many, err = db.manyLate(ctx, v, pairs); err != nil {
				return nil, err
			}
		}
		if !many {
			return db.queryLate(ctx, v, pairs, t, k, up, incl, n)
		}
	}
	if t != nil {
		return db.queryText(ctx, v, pairs, t, k, up, incl, n)
	}
	q, args, err := windowSQL(v, pairs, k, up, incl, n)
	if err != nil {
		return nil, err
	}
	return db.readRows(ctx, q, args, n)
}

func scanRow(rows *sql.Rows) (backend.Order, error) {
	var o backend.Order
	var created, updated, since, dispatch, totalVal, sortv int64
	var kind string
	err := rows.Scan(&o.Store, &o.ID, &o.Number, &o.VendorRef, &o.Status.Code, &o.Status.Name, &kind,
		&created, &updated, &o.Total, &o.Currency, &o.Customer.Name, &o.Customer.Email, &o.ItemCount,
		&since, &dispatch, &o.Urgent, &totalVal, &sortv)
	o.Status.Kind = backend.StatusKind(kind)
	o.Created, o.Updated, o.StatusSince, o.DispatchBy = fromTS(created), fromTS(updated), fromTS(since), fromTS(dispatch)
	return o, err
}

// Window returns the rows of a view around an anchor: up to w.Before rows
// ahead of it and w.After from it on. The zero anchor is the top.
func (db *DB) Window(ctx context.Context, w backend.Window) (backend.Rows, error) {
	r := backend.Rows{First: true}
	if w.Late && w.Now.IsZero() {
		w.Now = time.Now() // one moment for both directions
	}
	// In the view's order the rows after the anchor have smaller keys when
	// newest comes first (the default), greater ones when Asc.
	afterUp := keysUp(w.View)
	pairs, err := db.storeKinds(ctx, w.View)
	if err != nil {
		return r, err
	}
	if _, _, _, err := plan(w.View, pairs); err != nil {
		return r, err
	}
	t := newTextSearch(w.Text) // parsed and probed once for both directions
	return AroundAnchor(w, afterUp, func(up, incl bool, n int) ([]backend.Order, error) {
		return db.query(ctx, w.View, pairs, t, w.Anchor, up, incl, n)
	})
}

// AroundAnchor assembles a window from two keyset reads: read(up, incl,
// n) returns up to n rows from the anchor in the direction up (the anchor
// itself when incl). Rows before the anchor are read only when there is
// one. Both databases build their windows with it.
func AroundAnchor(w backend.Window, afterUp bool, read func(up, incl bool, n int) ([]backend.Order, error)) (backend.Rows, error) {
	r := backend.Rows{First: true}
	var before []backend.Order
	if !w.Anchor.IsZero() {
		var err error
		if before, err = read(!afterUp, false, w.Before+1); err != nil {
			return r, err
		}
		r.First = len(before) <= w.Before
		before = before[:min(len(before), w.Before)]
	}
	after, err := read(afterUp, true, w.After+1)
	if err != nil {
		return r, err
	}
	r.Last = len(after) <= w.After
	after = after[:min(len(after), w.After)]
	slices.Reverse(before)
	r.Orders = append(before, after...)
	r.Anchor = len(before)
	return r, nil
}

// Count is the number of orders in a view: from the mirror's counts
// (mirror_counts.go) when it filters only on stores, statuses and kinds.
// A view with text is counted up to backend.TextCountLimit+1: a count
// above TextCountLimit means "more than that" (mirror_text.go).
func (db *DB) Count(ctx context.Context, v backend.View) (int, error) {
	if !backend.CanSortView(v.Sort) {
		return 0, fmt.Errorf("a view cannot be sorted by %s", v.Sort)
	}
	if v.Late {
		return db.countLate(ctx, v)
	}
	if countable(v) {
		return db.countFromTable(ctx, v)
	}
	return db.countText(ctx, v)
}

// countRows counts a view without text over the mirror's indexes (the
// tests' reference for the counts table).
func (db *DB) countRows(ctx context.Context, v backend.View) (int, error) {
	pairs, err := db.storeKinds(ctx, v)
	if err != nil {
		return 0, err
	}
	arms, where, args, err := plan(v, pairs)
	if err != nil {
		return 0, err
	}
	// Each arm's rows are distinct (one value of the column it splits on),
	// so the count is their sum.
	total := 0
	for _, a := range arms {
		conds := append(append([]string{}, a.eq...), where...)
		q := "SELECT count(*) FROM mirror INDEXED BY " + a.index
		if len(conds) > 0 {
			q += " WHERE " + strings.Join(conds, " AND ")
		}
		var n int
		if err := db.r.QueryRowContext(ctx, q, append(append([]any{}, a.args...), args...)...).Scan(&n); err != nil {
			return 0, wrap("count view", db.path, err)
		}
		total += n
	}
	return total, nil
}
