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

		{&st.ownerOpen, r, `SELECT count(*) FROM changes INDEXED BY changes_open WHERE state IN ` + openStates + `
			AND owner = ? AND (state = 'sent' OR (state = 'pending' AND NOT needs_decision))`},
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
