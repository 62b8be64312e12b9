package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/orderdash/orderdash/backend"
)

// Counts of the mirror. A tab title or the status bar counts a view on
// every frame that changes it; counting a million rows takes a tenth of
// a second or more, so the mirror keeps its counts per (store, status,
// kind, open) in mirror_counts. Triggers on the mirror keep them in the
// same transaction as every write, update, patch, prune and reset: a
// rollback undoes both, so the counts can never drift from the rows.

// migrateMirrorCounts creates the counts, their triggers, and fills them
// from the rows already mirrored.
func migrateMirrorCounts(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx, `
CREATE TABLE mirror_counts (
	store  TEXT    NOT NULL,
	status TEXT    NOT NULL,
	kind   TEXT    NOT NULL,
	open   INTEGER NOT NULL,  -- 1 while final_since = 0
	n      INTEGER NOT NULL,
	PRIMARY KEY (store, status, kind, open)
) WITHOUT ROWID`,
		fillCounts,
		countTriggers[0], countTriggers[1], countTriggers[2],
	)
}

// fillCounts counts the mirror's rows into an empty mirror_counts.
const fillCounts = `INSERT INTO mirror_counts (store, status, kind, open, n)
		SELECT store, status, kind, final_since = 0, count(*) FROM mirror GROUP BY 1, 2, 3, 4`

// rebuildMirrorDerived fills the tables derived from the mirror's rows
// again (counts, text index), after a bulk write made without the row
// triggers: a reset, the benchmark fixture.
func rebuildMirrorDerived(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx, append([]string{`DELETE FROM mirror_counts`, fillCounts}, fillFTS...)...)
}

// countTriggers keep mirror_counts in step with the mirror, in the
// transaction of every write. They are migration 5's: changing them means
// a new migration that drops and makes them again.
var countTriggers = []string{
	`CREATE TRIGGER mirror_counts_insert AFTER INSERT ON mirror BEGIN
	INSERT INTO mirror_counts (store, status, kind, open, n) VALUES (new.store, new.status, new.kind, new.final_since = 0, 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
END`,
	`CREATE TRIGGER mirror_counts_delete AFTER DELETE ON mirror BEGIN
	UPDATE mirror_counts SET n = n - 1
		WHERE store = old.store AND status = old.status AND kind = old.kind AND open = (old.final_since = 0);
	DELETE FROM mirror_counts
		WHERE store = old.store AND status = old.status AND kind = old.kind AND open = (old.final_since = 0) AND n <= 0;
END`,
	// Most updates (a re-read with the same status, a check) leave the
	// key alone and cost nothing here.
	`CREATE TRIGGER mirror_counts_update AFTER UPDATE OF store, status, kind, final_since ON mirror
	WHEN old.store IS NOT new.store OR old.status IS NOT new.status OR old.kind IS NOT new.kind
		OR (old.final_since = 0) IS NOT (new.final_since = 0)
BEGIN
	UPDATE mirror_counts SET n = n - 1
		WHERE store = old.store AND status = old.status AND kind = old.kind AND open = (old.final_since = 0);
	DELETE FROM mirror_counts
		WHERE store = old.store AND status = old.status AND kind = old.kind AND open = (old.final_since = 0) AND n <= 0;
	INSERT INTO mirror_counts (store, status, kind, open, n) VALUES (new.store, new.status, new.kind, new.final_since = 0, 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
END`,
}

// resetMirror empties the mirror and what is derived from it. Row
// triggers would turn the DELETE into a row-by-row walk (seconds at 100k
// orders, ten times the plain delete), so they are dropped for it and made
// again, all in tx: another connection never sees the mirror without them.
func resetMirror(ctx context.Context, tx *sql.Tx) error {
	triggers, err := dropMirrorDerived(ctx, tx, "trigger")
	if err != nil {
		return err
	}
	if err := execAll(ctx, tx, `DELETE FROM mirror`); err != nil {
		return err
	}
	if err := rebuildMirrorDerived(ctx, tx); err != nil {
		return err
	}
	return execAll(ctx, tx, triggers...)
}

// dropMirrorDerived drops the mirror's objects of the given types
// ("index", "trigger"; never its UNIQUE key) and returns the statements
// that make them again: whatever the migrations made, so a bulk write
// follows the schema by itself.
func dropMirrorDerived(ctx context.Context, tx *sql.Tx, types ...string) (remake []string, err error) {
	rows, err := tx.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_schema
		WHERE tbl_name = 'mirror' AND type IN (?, ?) AND sql IS NOT NULL ORDER BY type, name`, types[0], types[len(types)-1])
	if err != nil {
		return nil, err
	}
	var drops []string
	for rows.Next() {
		var typ, name, def string
		if err := rows.Scan(&typ, &name, &def); err != nil {
			rows.Close()
			return nil, err
		}
		drops = append(drops, fmt.Sprintf("DROP %s %q", strings.ToUpper(typ), name))
		remake = append(remake, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return remake, execAll(ctx, tx, drops...)
}

// countable reports whether a view's count can be read from the counts:
// its filters are only stores, statuses and kinds.
func countable(v backend.View) bool {
	return !hasText(v)
}

// countFromTable sums the counts a view's filters select.
func (db *DB) countFromTable(ctx context.Context, v backend.View) (int, error) {
	var where []string
	var args []any
	in := func(column string, vals []string) {
		if len(vals) == 0 {
			return
		}
		where = append(where, column+" IN (?"+strings.Repeat(",?", len(vals)-1)+")")
		for _, s := range vals {
			args = append(args, s)
		}
	}
	in("store", dedupe(v.Stores))
	in("status", dedupe(v.Statuses))
	in("kind", toStrings(dedupe(v.Kinds)))
	q := "SELECT coalesce(sum(n), 0) FROM mirror_counts"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	var n int
	if err := db.r.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, wrap("count view", db.path, err)
	}
	return n, nil
}
