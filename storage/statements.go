package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// statements are prepared once at Open; database/sql re-prepares them on
// each pooled connection as it first uses them.
type statements struct {
	all []*sql.Stmt

	// journal (writer)
	insChange, insLog, rowForUpdate, updChange *sql.Stmt
	// journal (reader)
	change, openChanges, openChangesStore, settled, settledStore, changeLog, localHistory *sql.Stmt

	// cache (writer)
	upsertPage, delPageRows, upsertRow, insPageRow, upsertDetail, patchStatus *sql.Stmt
	// cache (reader)
	loadPage, loadOrder *sql.Stmt

	// sessions (reader)
	ownerOpen *sql.Stmt
}

const changeCols = `id, store, order_id, from_code, from_name, from_kind, to_code, to_name, to_kind,
	notify, note, tracking, idem_key, operator, requested, state, needs_decision, error,
	result_code, result_name, result_kind, attempts, sent_at, updated, owner`

const openStates = `('pending','sent','unknown','failed')`

func prepare(ctx context.Context, w, r *sql.DB) (*statements, error) {
	st := &statements{}
	list := []struct {
		dst **sql.Stmt
		db  *sql.DB
		sql string
	}{
		{&st.insChange, w, `INSERT INTO changes (store, order_id, from_code, from_name, from_kind,
			to_code, to_name, to_kind, notify, note, tracking, idem_key, operator, requested, state, updated, owner)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'pending',?,?)`},
		{&st.insLog, w, `INSERT INTO change_log (change_id, seq, at, state, operator, message)
			VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM change_log WHERE change_id = ?1), ?2, ?3, ?4, ?5)`},
		{&st.rowForUpdate, w, `SELECT ` + changeCols + ` FROM changes WHERE id = ?`},
		{&st.updChange, w, `UPDATE changes SET state = ?, needs_decision = ?, error = ?, result_code = ?,
			result_name = ?, result_kind = ?, attempts = ?, sent_at = ?, updated = ?, owner = ?, idem_key = ?
			WHERE id = ?`},

		{&st.change, r, `SELECT ` + changeCols + ` FROM changes WHERE id = ?`},
		// The open changes are few: read them through their partial index.
		{&st.openChanges, r, `SELECT ` + changeCols + ` FROM changes INDEXED BY changes_open WHERE state IN ` + openStates + ` ORDER BY id DESC`},
		{&st.openChangesStore, r, `SELECT ` + changeCols + ` FROM changes INDEXED BY changes_open WHERE state IN ` + openStates + ` AND store = ? ORDER BY id DESC`},
		{&st.settled, r, `SELECT ` + changeCols + ` FROM changes WHERE state NOT IN ` + openStates + ` AND id < ? ORDER BY id DESC LIMIT ?`},
		{&st.settledStore, r, `SELECT ` + changeCols + ` FROM changes WHERE store = ? AND id < ? AND state NOT IN ` + openStates + ` ORDER BY id DESC LIMIT ?`},
		{&st.changeLog, r, `SELECT at, state, operator, message FROM change_log WHERE change_id = ? ORDER BY seq`},
		{&st.localHistory, r, `SELECT ` + changeCols + ` FROM changes WHERE store = ? AND order_id = ? AND state = 'confirmed' ORDER BY id DESC`},

		{&st.upsertPage, w, `INSERT INTO pages (store, tab, page, fetched, number, total, next) VALUES (?,?,?,?,?,?,?)
			ON CONFLICT (store, tab, page) DO UPDATE SET fetched = excluded.fetched, number = excluded.number,
			total = excluded.total, next = excluded.next`},
		{&st.delPageRows, w, `DELETE FROM page_rows WHERE store = ? AND tab = ? AND page = ?`},
		{&st.upsertRow, w, `INSERT INTO orders (store, id, row, row_at) VALUES (?,?,?,?)
			ON CONFLICT (store, id) DO UPDATE SET row = excluded.row, row_at = excluded.row_at
			WHERE excluded.row_at >= orders.row_at`},
		{&st.insPageRow, w, `INSERT INTO page_rows (store, tab, page, pos, order_store, order_id) VALUES (?,?,?,?,?,?)`},
		{&st.upsertDetail, w, `INSERT INTO orders (store, id, detail, detail_at) VALUES (?,?,?,?)
			ON CONFLICT (store, id) DO UPDATE SET detail = excluded.detail, detail_at = excluded.detail_at
			WHERE excluded.detail_at >= orders.detail_at`},
		// A confirmed change patches the cached status, so the next start
		// paints the new status even before the store is asked again.
		{&st.patchStatus, w, `UPDATE orders SET
			row = CASE WHEN row IS NULL THEN NULL ELSE json_set(row, '$.status', json(?1)) END,
			detail = CASE WHEN detail IS NULL THEN NULL ELSE json_set(detail, '$.status', json(?1)) END
			WHERE store = ?2 AND id = ?3`},

		// One statement, so the page's header and rows come from one snapshot.
		// The fuller copy of each order wins: a detail fetched after the row.
		{&st.loadPage, r, `SELECT pg.fetched, pg.number, pg.total, pg.next,
				CASE WHEN o.detail_at > o.row_at THEN o.detail ELSE o.row END,
				o.detail_at > o.row_at
			FROM pages pg
			LEFT JOIN page_rows p ON p.store = pg.store AND p.tab = pg.tab AND p.page = pg.page
			LEFT JOIN orders o ON o.store = p.order_store AND o.id = p.order_id
			WHERE pg.store = ? AND pg.tab = ? AND pg.page = ?
			ORDER BY p.pos`},
		{&st.ownerOpen, r, `SELECT count(*) FROM changes INDEXED BY changes_open WHERE state IN ` + openStates + `
			AND owner = ? AND (state = 'sent' OR (state = 'pending' AND NOT needs_decision))`},
		{&st.loadOrder, r, `SELECT row, row_at, detail, detail_at FROM orders WHERE store = ? AND id = ?`},
	}
	for _, s := range list {
		stmt, err := s.db.PrepareContext(ctx, s.sql)
		if err != nil {
			st.close()
			return nil, fmt.Errorf("prepare %.40q: %w", s.sql, err)
		}
		*s.dst = stmt
		st.all = append(st.all, stmt)
	}
	return st, nil
}

func (st *statements) close() error {
	var errs []error
	for _, s := range st.all {
		errs = append(errs, s.Close())
	}
	st.all = nil
	return errors.Join(errs...)
}
