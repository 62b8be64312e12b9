package storage

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/orderdash/orderdash/backend"
)

// The mirror's sorts beyond creation and update time (backend.ViewSorts):
// each is a range of an index, across stores or per store, so a window
// costs the same in any order. Migration 7 adds the columns they need:
//
//   - since: when the mirror saw the order enter its status. A write sets
//     it when the status differs from the stored one (backend.StatusSince:
//     the history's run in that status, else the creation time for a
//     pending order and the update time for others); a confirmed change
//     sets it to the change's time. Rows mirrored before migration 7 get
//     that guess without the history. Age sorts by it: what an operator
//     wants is how long an order has waited where it is.
//   - total_val: the total as a number (backend.AmountValue).
//   - dispatch_by, urgent: the platform's deadline and flag (Kornit X), so
//     table rows carry them for the late and urgent labels.
//
// SortDue orders by since plus the limit of the order's status kind in
// its store: one range per (store, kind) on mirror_store_kind_since,
// where that sum grows with since, merged by SQLite. An order with an
// earlier dispatch-by date is placed by its SLA limit (the label still
// says late by the date).

func migrateMirrorSorts(ctx context.Context, tx *sql.Tx) error {
	if err := execAll(ctx, tx,
		`ALTER TABLE mirror ADD COLUMN since INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE mirror ADD COLUMN total_val INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE mirror ADD COLUMN dispatch_by INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE mirror ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0`,
		`UPDATE mirror SET since = CASE WHEN kind = 'pending' OR updated = 0 THEN created ELSE updated END`,
		// Only Kornit X orders carry these; the instr test spares the
		// JSON parse of every other row.
		`UPDATE mirror SET
			dispatch_by = coalesce(CAST(unixepoch(data ->> '$.dispatch_by', 'subsec') * 1000000000 AS INTEGER), 0),
			urgent = coalesce(data ->> '$.urgent', 0)
			WHERE instr(data, '"dispatch_by"') > 0 OR instr(data, '"urgent"') > 0`,
	); err != nil {
		return err
	}
	if err := fillTotalVal(ctx, tx); err != nil {
		return fmt.Errorf("fill the totals: %w", err)
	}
	return execAll(ctx, tx,
		`CREATE INDEX mirror_since ON mirror(since, store, id)`,
		`CREATE INDEX mirror_store_since ON mirror(store, since, id)`,
		// Due and age by kind: one range per (store, kind); status is
		// there so a status filter is tested on the index alone.
		`CREATE INDEX mirror_store_kind_since ON mirror(store, kind, since, id, status)`,
		`CREATE INDEX mirror_total ON mirror(total_val, store, id)`,
		`CREATE INDEX mirror_store_total ON mirror(store, total_val, id)`,
		`CREATE INDEX mirror_status_name ON mirror(status_name, created, store, id)`,
		`CREATE INDEX mirror_store_status_name ON mirror(store, status_name, created, id)`,
		`CREATE INDEX mirror_customer ON mirror(customer, created, store, id)`,
		`CREATE INDEX mirror_store_customer ON mirror(store, customer, created, id)`,
		// Orders with a dispatch-by date (Kornit X), for the late count.
		`CREATE INDEX mirror_dispatch ON mirror(store, dispatch_by) WHERE dispatch_by > 0`,
	)
}

// fillTotalVal sets every row's total_val, a batch of rows at a time.
func fillTotalVal(ctx context.Context, tx *sql.Tx) error {
	upd, err := tx.PrepareContext(ctx, `UPDATE mirror SET total_val = ? WHERE rowid = ?`)
	if err != nil {
		return err
	}
	defer upd.Close()
	var last int64
	for {
		rows, err := tx.QueryContext(ctx, `SELECT rowid, total FROM mirror WHERE rowid > ? ORDER BY rowid LIMIT 5000`, last)
		if err != nil {
			return err
		}
		type row struct{ id, v int64 }
		var batch []row
		n := 0
		for rows.Next() {
			var id int64
			var total string
			if err := rows.Scan(&id, &total); err != nil {
				rows.Close()
				return err
			}
			n++
			last = id
			if v := backend.AmountValue(total); v != 0 {
				batch = append(batch, row{id, v})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range batch {
			if _, err := upd.ExecContext(ctx, r.v, r.id); err != nil {
				return err
			}
		}
		if n == 0 {
			return nil
		}
	}
}

// sortSpec is a sort's key as index columns: pre, then store, then post,
// then id. Per-store arms read perStore (store first), the others global.
type sortSpec struct {
	pre, post        []string
	global, perStore string
}

var sortSpecs = map[backend.SortField]sortSpec{
	backend.SortCreated:  {pre: []string{"created"}, global: "mirror_created", perStore: "mirror_store_created"},
	backend.SortUpdated:  {pre: []string{"updated"}, global: "mirror_updated", perStore: "mirror_store_updated"},
	backend.SortAge:      {pre: []string{"since"}, global: "mirror_since", perStore: "mirror_store_since"},
	backend.SortDue:      {pre: []string{"since"}}, // arms per (store, kind) only
	backend.SortTotal:    {pre: []string{"total_val"}, global: "mirror_total", perStore: "mirror_store_total"},
	backend.SortStatus:   {pre: []string{"status_name", "created"}, global: "mirror_status_name", perStore: "mirror_store_status_name"},
	backend.SortCustomer: {pre: []string{"customer", "created"}, global: "mirror_customer", perStore: "mirror_store_customer"},
	backend.SortStore:    {post: []string{"created"}, global: "mirror_store_created", perStore: "mirror_store_created"},
}

func specOf(v backend.View) sortSpec { return sortSpecs[v.SortKey()] }

// keysUp is the direction of a view's keys: true when its first rows
// have the smallest keys. Age counts back from now, so its keys (the time
// in status began) run the other way from what it shows.
func keysUp(v backend.View) bool { return v.Asc != (v.SortKey() == backend.SortAge) }

// tuple is the sort's columns in order, with store unless fixed.
func (s sortSpec) tuple(withStore bool) []string {
	out := append([]string{}, s.pre...)
	if withStore {
		out = append(out, "store")
	}
	return append(append(out, s.post...), "id")
}

// KeyArg is the value of column col in k; shift is taken from the time
// of a due arm (its column is since, its key since plus the limit). Both
// databases bind keyset conditions with it.
func KeyArg(col string, k backend.RowKey, shift int64) any {
	switch col {
	case "store":
		return k.Store
	case "id":
		return k.ID
	case "total_val":
		return k.Num
	case "status_name", "customer":
		return k.Text
	}
	return ts(k.At) - shift
}

// keyCond is the keyset condition of an arm: rows after the anchor in
// the direction asked (greater keys when up is true), the anchor itself
// included when incl. An arm that reads one store leaves store out of the
// comparison, so the range stays on its index.
func keyCond(a arm, s sortSpec, k backend.RowKey, up, incl bool) (string, []any) {
	op := "<"
	if up {
		op = ">"
	}
	var cols []string
	switch {
	case a.store == "" || a.store == k.Store:
		cols = s.tuple(a.store == "")
		if incl {
			op += "="
		}
	default:
		// This store's rows with the anchor's value come after it when
		// the store itself does.
		after := (a.store > k.Store) == up
		if len(s.pre) == 0 {
			// Sorted by store first: the whole store is on one side,
			// which this range on the index says.
			return "store " + op + " ?", []any{k.Store}
		}
		cols = s.pre
		if after {
			op += "="
		}
	}
	args := make([]any, len(cols))
	for i, c := range cols {
		args[i] = KeyArg(c, k, a.shift)
	}
	ph := "?" + strings.Repeat(", ?", len(cols)-1)
	return fmt.Sprintf("(%s) %s (%s)", strings.Join(cols, ", "), op, ph), args
}

// orderBy is the ORDER BY of an arm or a merge: the sort's tuple (its
// value for due merges), ascending when up.
func orderBy(s sortSpec, due, up bool) string {
	dir := " DESC"
	if up {
		dir = " ASC"
	}
	cols := s.tuple(true)
	if due {
		cols = []string{"sortv", "store", "id"}
	}
	return strings.Join(cols, dir+", ") + dir
}

// compareKeys orders two keys of a view (ascending).
func compareKeys(v backend.View, a, b backend.RowKey) int {
	if v.SortKey() == backend.SortStore {
		return cmp.Or(cmp.Compare(a.Store, b.Store), a.At.Compare(b.At), cmp.Compare(a.ID, b.ID))
	}
	return cmp.Or(cmp.Compare(a.Text, b.Text), a.At.Compare(b.At), cmp.Compare(a.Num, b.Num),
		cmp.Compare(a.Store, b.Store), cmp.Compare(a.ID, b.ID))
}

// storeKind is one (store, kind) the mirror holds.
type storeKind struct{ store, kind string }

// needsPairs reports whether a view's plan reads one range per (store,
// kind): due, and age with a kind filter.
func needsPairs(v backend.View) bool {
	return v.SortKey() == backend.SortDue || (v.SortKey() == backend.SortAge && len(dedupe(v.Kinds)) > 0)
}

// storeKinds are the (store, kind) pairs of a view's stores and kinds the
// mirror holds, from its counts (a few dozen rows): for plans that read
// one range per pair, and for a late view's late set.
func (db *DB) storeKinds(ctx context.Context, v backend.View) ([]storeKind, error) {
	if !needsPairs(v) && !v.Late {
		return nil, nil
	}
	where, args := viewFilters(backend.View{Stores: v.Stores, Kinds: v.Kinds})
	q := "SELECT DISTINCT store, kind FROM mirror_counts"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := db.r.QueryContext(ctx, q+" ORDER BY 1, 2", args...)
	if err != nil {
		return nil, wrap("plan view", db.path, err)
	}
	defer rows.Close()
	var out []storeKind
	for rows.Next() {
		var p storeKind
		if err := rows.Scan(&p.store, &p.kind); err != nil {
			return nil, wrap("plan view", db.path, err)
		}
		out = append(out, p)
	}
	return out, wrap("plan view", db.path, rows.Err())
}
