package storage

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/orderdash/orderdash/backend"
)

// The mirror's text search (View.Text, the `/` filter). Each row keeps
// backend.SearchText in its search column; two indexes serve it:
//
//   - mirror_fts, an FTS5 index of trigrams (every three characters) of
//     that column with their positions, so a word of three or more
//     characters finds the rows containing it wherever it falls ("4431"
//     finds 10443100) by reading only those rows. Positions triple its
//     size (about 300 MB at a million orders) but make a short word's
//     lookup exact: without them "1000" would select every row holding
//     "100" and "000" anywhere, most of a mirror full of phone and
//     parcel numbers. Candidates are still checked with instr on the row
//     (long words are looked up by pieces).
//   - mirror_text_created and mirror_text_updated, the sort orders with
//     the columns a text view filters on, search included: a common word
//     is found by walking the view's order and testing each row on the
//     index alone, stopping once the window is full.
//
// Triggers keep mirror_fts in step with the rows in the transaction of
// every write (an external-content table: it holds the index, the text
// stays in mirror.search). Its rowids are the mirror's; nothing here ever
// VACUUMs, and a rowid change would need `INSERT INTO
// mirror_fts(mirror_fts) VALUES('rebuild')`.

// migrateMirrorSearch replaces the old text index by the search indexes
// and recomputes every row's search text (it now holds phone, SKUs,
// tracking and notes, folded), then indexes it. It reads each order's JSON
// once: about a minute for a million orders, once.
func migrateMirrorSearch(ctx context.Context, tx *sql.Tx) error {
	if err := execAll(ctx, tx, `DROP INDEX IF EXISTS mirror_search`); err != nil {
		return err
	}
	if err := recomputeSearch(ctx, tx); err != nil {
		return fmt.Errorf("recompute the search text: %w", err)
	}
	return execAll(ctx, tx, append([]string{
		`CREATE INDEX mirror_text_created ON mirror(created, store, id, status, kind, search)`,
		`CREATE INDEX mirror_text_updated ON mirror(updated, store, id, status, kind, search)`,
		// case_sensitive: the text is folded already, and instr compares
		// it as stored; the index must agree with instr exactly.
		`CREATE VIRTUAL TABLE mirror_fts USING fts5(search, content='mirror', content_rowid='rowid',
			tokenize='trigram case_sensitive 1', columnsize=0)`,
	}, append(fillFTS, ftsTriggers...)...)...)
}

// fillFTS indexes every row of the mirror again, into one segment: a
// rebuild leaves many, whose merging the next writes would pay for (a
// second per sync page at a million orders, until done).
var fillFTS = []string{
	`INSERT INTO mirror_fts(mirror_fts) VALUES('rebuild')`,
	`INSERT INTO mirror_fts(mirror_fts) VALUES('optimize')`,
}

// ftsTriggers are migration 6's: changing them means a new migration.
var ftsTriggers = []string{
	`CREATE TRIGGER mirror_fts_insert AFTER INSERT ON mirror BEGIN
	INSERT INTO mirror_fts(rowid, search) VALUES (new.rowid, new.search);
END`,
	`CREATE TRIGGER mirror_fts_delete AFTER DELETE ON mirror BEGIN
	INSERT INTO mirror_fts(mirror_fts, rowid, search) VALUES ('delete', old.rowid, old.search);
END`,
	// A re-read that leaves the text alone (most of them) costs nothing here.
	`CREATE TRIGGER mirror_fts_update AFTER UPDATE OF search ON mirror WHEN old.search IS NOT new.search BEGIN
	INSERT INTO mirror_fts(mirror_fts, rowid, search) VALUES ('delete', old.rowid, old.search);
	INSERT INTO mirror_fts(rowid, search) VALUES (new.rowid, new.search);
END`,
}

// recomputeSearch sets every row's search text from its JSON, a batch of
// rows at a time (no statement reads the table while another writes it).
func recomputeSearch(ctx context.Context, tx *sql.Tx) error {
	upd, err := tx.PrepareContext(ctx, `UPDATE mirror SET search = ? WHERE rowid = ?`)
	if err != nil {
		return err
	}
	defer upd.Close()
	type row struct {
		id     int64
		search string
	}
	var last int64
	for {
		rows, err := tx.QueryContext(ctx, `SELECT rowid, data, detailed, search FROM mirror WHERE rowid > ? ORDER BY rowid LIMIT 2000`, last)
		if err != nil {
			return err
		}
		var batch []row
		n := 0
		for rows.Next() {
			var id int64
			var data []byte
			var detailed bool
			var old string
			if err := rows.Scan(&id, &data, &detailed, &old); err != nil {
				rows.Close()
				return err
			}
			n++
			last = id
			o, err := decodeOrder(data, detailed)
			if err != nil {
				continue // unreadable JSON keeps its old text; the next sync rewrites it
			}
			if s := backend.SearchText(o); s != old {
				batch = append(batch, row{id, s})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range batch {
			if _, err := upd.ExecContext(ctx, r.search, r.id); err != nil {
				return err
			}
		}
		if n == 0 {
			return nil
		}
	}
}
