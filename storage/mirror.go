package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// The mirror is every store's orders as the background sync last read
// them (package mirror keeps it fresh): one row per (store, id) with the
// columns a table shows, filters and sorts by, plus the order as JSON for
// the detail pane. Tabs read it through windows (mirror_window.go), so the
// dashboard holds only the rows on screen, however many orders there are.

// migrateMirror creates the mirror and its per-store sync state.
func migrateMirror(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx, `
CREATE TABLE mirror (
	store       TEXT    NOT NULL,
	id          TEXT    NOT NULL,
	id_num      INTEGER NOT NULL,  -- the id as a number where it is one, else 0
	number      TEXT    NOT NULL,
	ref         TEXT    NOT NULL,  -- vendor ref
	status      TEXT    NOT NULL,  -- the platform's status code
	status_name TEXT    NOT NULL,
	kind        TEXT    NOT NULL,
	created     INTEGER NOT NULL,  -- Unix ns UTC; 0 when unknown
	updated     INTEGER NOT NULL,  -- in the store's clock
	total       TEXT    NOT NULL,
	currency    TEXT    NOT NULL,
	customer    TEXT    NOT NULL,
	email       TEXT    NOT NULL,
	items       INTEGER NOT NULL,
	search      TEXT    NOT NULL,  -- backend.SearchText
	final_since INTEGER NOT NULL,  -- when it was first seen in a final status; 0 while open
	detailed    INTEGER NOT NULL,  -- data came from a detail read
	data        TEXT    NOT NULL,  -- JSON of the order
	synced      INTEGER NOT NULL,  -- local time of the last write
	checked     INTEGER NOT NULL,  -- local time the store was last asked about this order
	UNIQUE (store, id)
)`,
		// Keyset pagination: every view is a range scan on one of these,
		// per store or across stores, by creation or update time.
		`CREATE INDEX mirror_created ON mirror(created, store, id)`,
		`CREATE INDEX mirror_updated ON mirror(updated, store, id)`,
		`CREATE INDEX mirror_store_created ON mirror(store, created, id)`,
		`CREATE INDEX mirror_store_updated ON mirror(store, updated, id)`,
		`CREATE INDEX mirror_kind ON mirror(kind, created, store, id)`,
		`CREATE INDEX mirror_status ON mirror(store, status, created, id)`,
		// Text contains, until full-text search: the match is tested on
		// this index alone, with no read of the (wide) rows it skips.
		`CREATE INDEX mirror_search ON mirror(created, store, id, search)`,
		// Open orders to re-read (least recently checked first), final ones to prune.
		`CREATE INDEX mirror_final ON mirror(store, final_since, checked)`,
		`
CREATE TABLE mirror_sync (
	store         TEXT    PRIMARY KEY,
	watermark     INTEGER NOT NULL DEFAULT 0,  -- store clock: every change before it has been read
	last_id       TEXT    NOT NULL DEFAULT '', -- the highest id read (id-walking platforms)
	pass_started  INTEGER NOT NULL DEFAULT 0,  -- local time; 0 when no pass is under way
	pass_from     INTEGER NOT NULL DEFAULT 0,
	pass_cursor   TEXT    NOT NULL DEFAULT '',
	pass_max      INTEGER NOT NULL DEFAULT 0,
	pass_full     INTEGER NOT NULL DEFAULT 0,
	pass_done     INTEGER NOT NULL DEFAULT 0,
	pass_total    INTEGER NOT NULL DEFAULT -1,
	last_full     INTEGER NOT NULL DEFAULT 0,
	last_sync     INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT    NOT NULL DEFAULT '',
	last_error_at INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID`,
	)
}

// SyncState is where a store's sync stands. It is written in the same
// transaction as the orders it covers, so after a crash the sync resumes
// from what is really in the mirror: nothing lost, nothing twice.
type SyncState struct {
	Store string
	// Watermark is a time in the store's own clock: every change made
	// before it has been read. Zero until the first fill is done.
	Watermark time.Time
	// LastID is the highest order id read, for platforms whose new orders
	// are found by id (Lunasoft).
	LastID string
	// Pass is the pass under way; its zero value means none.
	Pass SyncPass
	// LastFull and LastSync are when (local clock) the last first fill and
	// the last pass of any kind completed.
	LastFull, LastSync time.Time
	// LastError is the last pass's failure, "" once a pass succeeds.
	LastError   string
	LastErrorAt time.Time
}

// SyncPass is a pass under way, saved page by page.
type SyncPass struct {
	Started time.Time // local clock; zero: no pass
	From    time.Time // the UpdatedSince the pass asks for
	Cursor  string    // the next page's cursor
	Max     time.Time // the latest update time read so far
	Full    bool      // a first fill
	Done    int       // orders read so far
	Total   int       // orders the pass will read, -1 when unknown
}

// Active reports whether a pass is under way.
func (p SyncPass) Active() bool { return !p.Started.IsZero() }

// MirrorCounts says what a write did to the mirror (backend's type, so
// the dashboard's Database interface can name it).
type MirrorCounts = backend.MirrorCounts

// SyncState reads a store's sync state; a store never synced has the
// zero state (with Store set).
func (db *DB) SyncState(ctx context.Context, store string) (SyncState, error) {
	st, err := readSyncState(ctx, db.r, store)
	if err != nil {
		return SyncState{}, wrap("read sync state", db.path, err)
	}
	return st, nil
}

// readSyncState reads one store's sync state through q: the database's
// reader, or Inspect's read-only connection.
func readSyncState(ctx context.Context, q *sql.DB, store string) (SyncState, error) {
	st := SyncState{Store: store, Pass: SyncPass{Total: -1}}
	var wm, started, from, max, lastFull, lastSync, errAt int64
	var full bool
	err := q.QueryRowContext(ctx, `SELECT watermark, last_id, pass_started, pass_from, pass_cursor, pass_max,
		pass_full, pass_done, pass_total, last_full, last_sync, last_error, last_error_at
		FROM mirror_sync WHERE store = ?`, store).Scan(&wm, &st.LastID, &started, &from, &st.Pass.Cursor, &max,
		&full, &st.Pass.Done, &st.Pass.Total, &lastFull, &lastSync, &st.LastError, &errAt)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return SyncState{}, err
	}
	st.Watermark, st.LastFull, st.LastSync, st.LastErrorAt = fromTS(wm), fromTS(lastFull), fromTS(lastSync), fromTS(errAt)
	st.Pass.Started, st.Pass.From, st.Pass.Max, st.Pass.Full = fromTS(started), fromTS(from), fromTS(max), full
	return st, nil
}

func saveState(ctx context.Context, tx *sql.Tx, st SyncState) error {
	_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO mirror_sync (store, watermark, last_id, pass_started,
		pass_from, pass_cursor, pass_max, pass_full, pass_done, pass_total, last_full, last_sync, last_error, last_error_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		st.Store, ts(st.Watermark), st.LastID, ts(st.Pass.Started), ts(st.Pass.From), st.Pass.Cursor, ts(st.Pass.Max),
		st.Pass.Full, st.Pass.Done, st.Pass.Total, ts(st.LastFull), ts(st.LastSync), backend.CleanLine(st.LastError), ts(st.LastErrorAt))
	return err
}

// SaveSync writes orders read by a sync and the store's new sync state in
// one transaction: the state never claims orders the mirror lacks.
func (db *DB) SaveSync(ctx context.Context, st SyncState, orders []backend.Order) (MirrorCounts, error) {
	if st.Store == "" {
		return MirrorCounts{}, errors.New("save sync: no store")
	}
	var n MirrorCounts
	err := db.writeTx(ctx, "save synced orders", func(tx *sql.Tx) error {
		var err error
		if n, err = db.putOrders(ctx, tx, st.Store, orders, true); err != nil {
			return err
		}
		return saveState(ctx, tx, st)
	})
	return n, err
}

// SaveSyncError records a failed pass, keeping the pass under way (it
// resumes from there).
func (db *DB) SaveSyncError(ctx context.Context, store, msg string, at time.Time) error {
	return db.writeTx(ctx, "save sync error", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO mirror_sync (store, last_error, last_error_at) VALUES (?,?,?)
			ON CONFLICT (store) DO UPDATE SET last_error = excluded.last_error, last_error_at = excluded.last_error_at`,
			store, backend.CleanLine(msg), ts(at))
		return err
	})
}

// MirrorPut writes orders read outside a sync (a live page, a detail), so
// the mirror follows what the operator sees. Older copies never replace
// newer ones.
func (db *DB) MirrorPut(ctx context.Context, orders []backend.Order) (MirrorCounts, error) {
	var n MirrorCounts
	err := db.writeTx(ctx, "save orders to the mirror", func(tx *sql.Tx) error {
		var err error
		n, err = db.putOrders(ctx, tx, "", orders, false)
		return err
	})
	return n, err
}

// putOrders upserts orders (under store when set, else each its own
// Store). A copy replaces the stored one when it is newer, or as new with
// a different status, or a detail where a list row was; checked marks the
// orders as just asked about.
func (db *DB) putOrders(ctx context.Context, tx *sql.Tx, store string, orders []backend.Order, checked bool) (MirrorCounts, error) {
	var n MirrorCounts
	if len(orders) == 0 {
		return n, nil
	}
	get, err := tx.PrepareContext(ctx, `SELECT updated, status, detailed, final_since FROM mirror WHERE store = ? AND id = ?`)
	if err != nil {
		return n, err
	}
	defer get.Close()
	put, err := tx.PrepareContext(ctx, mirrorInsert+`
		ON CONFLICT (store, id) DO UPDATE SET id_num = excluded.id_num, number = excluded.number, ref = excluded.ref,
		status = excluded.status, status_name = excluded.status_name, kind = excluded.kind, created = excluded.created,
		updated = excluded.updated, total = excluded.total, currency = excluded.currency, customer = excluded.customer,
		email = excluded.email, items = excluded.items, search = excluded.search, final_since = excluded.final_since,
		detailed = excluded.detailed, data = excluded.data, synced = excluded.synced,
		checked = max(mirror.checked, excluded.checked),
		since = CASE WHEN mirror.status IS excluded.status AND mirror.since > 0 THEN mirror.since ELSE excluded.since END,
		total_val = excluded.total_val, dispatch_by = excluded.dispatch_by, urgent = excluded.urgent`)
	if err != nil {
		return n, err
	}
	defer put.Close()
	touch, err := tx.PrepareContext(ctx, `UPDATE mirror SET checked = ? WHERE store = ? AND id = ?`)
	if err != nil {
		return n, err
	}
	defer touch.Close()
	now := ts(db.now())
	chk := int64(0)
	if checked {
		chk = now
	}
	for _, o := range orders {
		s := store
		if s == "" {
			s = o.Store
		}
		if s == "" || o.ID == "" {
			return n, fmt.Errorf("an order without store or id (%q of %q)", o.ID, s)
		}
		var oldUpdated, oldFinal int64
		var oldStatus string
		var oldDetailed bool
		err := get.QueryRowContext(ctx, s, o.ID).Scan(&oldUpdated, &oldStatus, &oldDetailed, &oldFinal)
		found := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return n, err
		}
		upd := ts(o.Updated)
		// A detail read of an unchanged order is written (it carries the
		// history) but counted as unchanged.
		changed := !found || upd > oldUpdated || (upd == oldUpdated && o.Status.Code != oldStatus)
		if found {
			if !changed && !(upd == oldUpdated && o.Detailed && !oldDetailed) {
				n.Unchanged++
				if checked {
					if _, err := touch.ExecContext(ctx, chk, s, o.ID); err != nil {
						return n, err
					}
				}
				continue
			}
		}
		final := int64(0)
		if o.Status.Kind.Final() {
			switch {
			case oldFinal > 0:
				final = oldFinal
			case upd > 0:
				final = upd
			default:
				final = now
			}
		}
		o.Store = s
		args, err := mirrorRow(o, final, now, chk)
		if err != nil {
			return n, err
		}
		if _, err := put.ExecContext(ctx, args...); err != nil {
			return n, err
		}
		switch {
		case !found:
			n.Added++
		case changed:
			n.Updated++
		default:
			n.Unchanged++
		}
	}
	return n, nil
}

// mirrorInsert writes one mirror row; mirrorRow gives its arguments.
const mirrorInsert = `INSERT INTO mirror (store, id, id_num, number, ref, status, status_name, kind,
		created, updated, total, currency, customer, email, items, search, final_since, detailed, data, synced, checked,
		since, total_val, dispatch_by, urgent)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`

// MirrorRowColumns are mirrorInsert's columns, the order of MirrorRow's
// values.
const MirrorRowColumns = `store, id, id_num, number, ref, status, status_name, kind,
		created, updated, total, currency, customer, email, items, search, final_since, detailed, data, synced, checked,
		since, total_val, dispatch_by, urgent`

// MirrorRow is a mirror row's values for o (its Store set), in the order
// of MirrorRowColumns: final is when it became final (0 while open), now
// the write's time and chk when the store was last asked about it.
func MirrorRow(o backend.Order, final, now, chk int64) ([]any, error) {
	return mirrorRow(o, final, now, chk)
}

// mirrorRow is the arguments of mirrorInsert for o (its Store set): final
// is when it became final (0 while open), now the write's time and chk
// when the store was last asked about it.
func mirrorRow(o backend.Order, final, now, chk int64) ([]any, error) {
	data, err := json.Marshal(o)
	if err != nil {
		return nil, fmt.Errorf("order %s of %s: %w", o.ID, o.Store, err)
	}
	idNum, _ := strconv.ParseInt(o.ID, 10, 64)
	items := o.ItemCount
	if items == 0 {
		for _, it := range o.Items {
			items += it.Quantity
		}
	}
	return []any{o.Store, o.ID, idNum, o.Number, o.VendorRef, o.Status.Code, o.Status.Name,
		string(o.Status.Kind), ts(o.Created), ts(o.Updated), o.Total, o.Currency, o.Customer.Name, o.Customer.Email,
		items, backend.SearchText(o), final, o.Detailed, string(data), now, chk,
		ts(backend.StatusSince(o)), backend.AmountValue(o.Total), ts(o.DispatchBy), o.Urgent}, nil
}

// patchMirrorStatus gives the mirror's copy of an order the status a
// confirmed change set (o, the order as the store answered the change),
// so the tables show it before the next sync (StatusPatch says what).
func patchMirrorStatus(ctx context.Context, tx *sql.Tx, store, id string, o backend.Order, now time.Time) error {
	p, ok, err := NewStatusPatch(o, now)
	if !ok || err != nil {
		return err
	}
	// Every SET reads the row as it was: data compares with the old time.
	_, err = tx.ExecContext(ctx, `UPDATE mirror SET status = ?1, status_name = ?2, kind = ?3,
		final_since = CASE WHEN ?4 = 0 THEN 0 WHEN final_since > 0 THEN final_since ELSE ?4 END,
		since = CASE WHEN status IS ?1 THEN since ELSE ?8 END,
		updated = max(updated, ?9),
		data = CASE WHEN ?9 > updated
			THEN json_set(data, '$.status', json(?5), '$.updated', json(?10))
			ELSE json_set(data, '$.status', json(?5)) END
		WHERE store = ?6 AND id = ?7`,
		p.Status.Code, p.Status.Name, string(p.Status.Kind), p.Final, p.StatusJSON, store, id, p.Since, p.Updated, p.UpdatedJSON)
	return err
}

// MirrorOrder returns an order as the mirror holds it, and when it was
// written there; backend.ErrNotCached when the mirror lacks it.
func (db *DB) MirrorOrder(ctx context.Context, store, id string) (backend.Order, time.Time, error) {
	var data []byte
	var detailed bool
	var synced int64
	err := db.r.QueryRowContext(ctx, `SELECT data, detailed, synced FROM mirror WHERE store = ? AND id = ?`, store, id).Scan(&data, &detailed, &synced)
	if errors.Is(err, sql.ErrNoRows) {
		return backend.Order{}, time.Time{}, fmt.Errorf("order %s of %s: %w", id, store, backend.ErrNotCached)
	}
	if err != nil {
		return backend.Order{}, time.Time{}, wrap("read mirrored order", db.path, err)
	}
	o, err := decodeOrder(data, detailed)
	if err != nil {
		return backend.Order{}, time.Time{}, fmt.Errorf("read mirrored order %s of %s: %w", id, store, err)
	}
	return o, fromTS(synced), nil
}

// MirrorStale lists up to n of a store's open orders, those the store was
// asked about least recently first: what a platform without an
// updated-since filter re-reads within its request budget.
func (db *DB) MirrorStale(ctx context.Context, store string, n int) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id FROM mirror INDEXED BY mirror_final
		WHERE store = ? AND final_since = 0 ORDER BY checked LIMIT ?`, store, n)
	if err != nil {
		return nil, wrap("list open orders", db.path, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, wrap("list open orders", db.path, err)
		}
		ids = append(ids, id)
	}
	return ids, wrap("list open orders", db.path, rows.Err())
}

// MirrorForget removes an order the store no longer has.
func (db *DB) MirrorForget(ctx context.Context, store, id string) error {
	return db.writeTx(ctx, "forget mirrored order", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM mirror WHERE store = ? AND id = ?`, store, id)
		return err
	})
}

// PruneMirror removes a store's orders that have been final since before
// `before`, and returns how many. Open orders are never pruned.
func (db *DB) PruneMirror(ctx context.Context, store string, before time.Time) (int, error) {
	var n int64
	err := db.writeTx(ctx, "prune mirror", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM mirror WHERE store = ? AND final_since > 0 AND final_since < ?`, store, ts(before))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// ResetMirror empties the mirror and every sync state, so the next sync
// fills it again from the stores. The journal is not touched.
func (db *DB) ResetMirror(ctx context.Context) error {
	return db.writeTx(ctx, "reset mirror", func(tx *sql.Tx) error {
		if err := resetMirror(ctx, tx); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM mirror_sync`)
		return err
	})
}

// MirrorStat is one store's part of the mirror, for `orderdash info`
// and `orderdash sync`.
type MirrorStat struct {
	Orders int // orders in the mirror
	Open   int // of those, not final
	SyncState
}

// MirrorStats counts each store's mirrored orders (stores with orders or
// a sync state), by store name.
func (db *DB) MirrorStats(ctx context.Context) ([]MirrorStat, error) {
	out, err := mirrorStats(ctx, db.r)
	if err != nil {
		return nil, wrap("count mirrored orders", db.path, err)
	}
	return out, nil
}

// mirrorStats is MirrorStats through q, so Inspect can read it without
// opening the database for use.
func mirrorStats(ctx context.Context, q *sql.DB) ([]MirrorStat, error) {
	rows, err := q.QueryContext(ctx, `SELECT store, sum(n), sum(o) FROM (
			SELECT store, count(*) AS n, sum(final_since = 0) AS o FROM mirror GROUP BY store
			UNION ALL SELECT store, 0, 0 FROM mirror_sync)
		GROUP BY store ORDER BY store`)
	if err != nil {
		return nil, err
	}
	var out []MirrorStat
	for rows.Next() {
		var s MirrorStat
		if err := rows.Scan(&s.SyncState.Store, &s.Orders, &s.Open); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		st, err := readSyncState(ctx, q, out[i].Store)
		if err != nil {
			return nil, err
		}
		out[i].SyncState = st
	}
	return out, nil
}
