package storage

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations bring the schema up one version at a time: migrations[i]
// takes a database from version i to i+1 (kept in PRAGMA user_version).
// The list only ever grows: a released migration is never edited, because
// databases in the field have already run it. A new feature adds its
// tables by appending one function, e.g. the Kornit X receiver's orders:
//
//	var migrations = []migration{migrateJournal, migrateCache, migrateKornitX}
var migrations = []migration{
	migrateJournal,      // 1
	migrateCache,        // 2
	migrateKornitX,      // 3: kornitx.go
	migrateMirror,       // 4: mirror.go
	migrateMirrorCounts, // 5: mirror_counts.go
	migrateMirrorSearch, // 6: mirror_search.go
	dropPageCache,       // 7
	migrateMirrorFind,   // 8: mirror_find.go
	migrateMirrorSorts,  // 9: mirror_sorts.go
}

// A migration runs inside the transaction that also sets the new version.
type migration func(ctx context.Context, tx *sql.Tx) error

// SchemaVersion is the schema this build writes.
func SchemaVersion() int { return len(migrations) }

// migrate applies the missing migrations, each in its own IMMEDIATE
// transaction that first re-reads the version, so two processes opening
// an old file at once upgrade it once. A file from a newer build is
// refused with ErrNewerSchema rather than guessed at.
func migrate(ctx context.Context, w *sql.DB, path string) error {
	v, err := userVersion(ctx, w)
	if err != nil {
		return wrap("open database", path, err)
	}
	if err := checkVersion(v, path); err != nil || v == len(migrations) {
		return err
	}
	for {
		done := false
		err := func() error {
			tx, err := w.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			defer tx.Rollback()
			var v int
			if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
				return err
			}
			if err := checkVersion(v, path); err != nil {
				return err
			}
			if v == len(migrations) {
				done = true
				return nil
			}
			if err := migrations[v](ctx, tx); err != nil {
				return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
			}
			// PRAGMA takes no placeholders; v is our own integer.
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
				return err
			}
			return tx.Commit()
		}()
		if err != nil {
			return wrap("upgrade database", path, err)
		}
		if done {
			return nil
		}
	}
}

func userVersion(ctx context.Context, w *sql.DB) (int, error) {
	var v int
	err := w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

func checkVersion(v int, path string) error {
	if v > len(migrations) {
		return &Error{Op: "open database", Path: path, Problem: ErrNewerSchema,
			Why:    fmt.Sprintf("schema %d; this orderdash knows up to %d", v, len(migrations)),
			Advice: advice(ErrNewerSchema, path)}
	}
	return nil
}

func execAll(ctx context.Context, tx *sql.Tx, stmts ...string) error {
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// migrateJournal creates the change journal (the outbox) and its log.
// Times are Unix nanoseconds UTC; 0 is "never".
func migrateJournal(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx, `
CREATE TABLE changes (
	id             INTEGER PRIMARY KEY, -- the journal never deletes, so an id is never reused
	store          TEXT    NOT NULL,
	order_id       TEXT    NOT NULL,
	from_code      TEXT    NOT NULL,
	from_name      TEXT    NOT NULL,
	from_kind      TEXT    NOT NULL,
	to_code        TEXT    NOT NULL,
	to_name        TEXT    NOT NULL,
	to_kind        TEXT    NOT NULL,
	notify         INTEGER NOT NULL,
	note           TEXT    NOT NULL,
	tracking       TEXT    NOT NULL,
	idem_key       TEXT    NOT NULL UNIQUE,
	operator       TEXT    NOT NULL,
	requested      INTEGER NOT NULL,
	state          TEXT    NOT NULL CHECK (state IN ('pending','sent','confirmed','failed','unknown','dropped')),
	needs_decision INTEGER NOT NULL DEFAULT 0,
	error          TEXT    NOT NULL DEFAULT '',
	result_code    TEXT    NOT NULL DEFAULT '',
	result_name    TEXT    NOT NULL DEFAULT '',
	result_kind    TEXT    NOT NULL DEFAULT '',
	attempts       INTEGER NOT NULL DEFAULT 0,
	sent_at        INTEGER NOT NULL DEFAULT 0,
	updated        INTEGER NOT NULL,
	owner          TEXT    NOT NULL DEFAULT '' -- the session that recorded or last sent it
)`,
		`CREATE INDEX changes_open ON changes(store, id) WHERE state IN ('pending','sent','unknown','failed')`,
		`CREATE INDEX changes_store ON changes(store, id)`,
		`CREATE INDEX changes_order ON changes(store, order_id, id)`,
		`
CREATE TABLE change_log (
	change_id INTEGER NOT NULL REFERENCES changes(id),
	seq       INTEGER NOT NULL, -- 1, 2, ... per change
	at        INTEGER NOT NULL,
	state     TEXT    NOT NULL,
	operator  TEXT    NOT NULL,
	message   TEXT    NOT NULL,
	PRIMARY KEY (change_id, seq)
) WITHOUT ROWID`,
	)
}

// dropPageCache forgets the page cache of schema 2: the tables read the
// mirror since schema 4, and nothing wrote the cache's pages any more, so
// it only held stale copies of orders (and grew until dropped).
func dropPageCache(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx, `DROP TABLE page_rows`, `DROP TABLE pages`, `DROP TABLE orders`)
}

// migrateCache creates the order cache: each order once, as JSON, and the
// pages as ordered lists of order keys, so painting a page reads its rows
// and never the whole cache.
func migrateCache(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx, `
CREATE TABLE orders (
	store     TEXT    NOT NULL,
	id        TEXT    NOT NULL,
	row       TEXT,                       -- JSON of the order as a list returned it
	row_at    INTEGER NOT NULL DEFAULT 0,
	detail    TEXT,                       -- JSON of the order in full
	detail_at INTEGER NOT NULL DEFAULT 0,
	UNIQUE (store, id)
)`,
		`
CREATE TABLE pages (
	store   TEXT    NOT NULL,
	tab     TEXT    NOT NULL,
	page    INTEGER NOT NULL,
	fetched INTEGER NOT NULL,
	number  INTEGER NOT NULL,
	total   INTEGER NOT NULL,
	next    TEXT    NOT NULL,
	PRIMARY KEY (store, tab, page)
) WITHOUT ROWID`,
		`
CREATE TABLE page_rows (
	store       TEXT    NOT NULL,
	tab         TEXT    NOT NULL,
	page        INTEGER NOT NULL,
	pos         INTEGER NOT NULL,
	order_store TEXT    NOT NULL,
	order_id    TEXT    NOT NULL,
	PRIMARY KEY (store, tab, page, pos),
	FOREIGN KEY (store, tab, page) REFERENCES pages ON DELETE CASCADE
) WITHOUT ROWID`,
		`CREATE INDEX page_rows_order ON page_rows(order_store, order_id)`,
	)
}
