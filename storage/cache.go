package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// SavePage stores page index (1-based, counted by the caller: cursor
// platforms have no numbers of their own) of a tab as fetched at `at`,
// replacing what was cached for it. tab is the caller's name for the list
// (e.g. "all", or the filter it applies); store is the store's name, or
// any name for a view across stores: each order is kept under its own
// Order.Store (store when empty) and shared by every page that lists it.
func (db *DB) SavePage(ctx context.Context, store, tab string, index int, p backend.Page, at time.Time) error {
	at = at.UTC()
	rows := make([]string, len(p.Orders))
	for i, o := range p.Orders {
		if o.ID == "" {
			return fmt.Errorf("cache page %d of %s/%s: order %d has no id", index, store, tab, i)
		}
		b, err := json.Marshal(o)
		if err != nil {
			return fmt.Errorf("cache page %d of %s/%s: %w", index, store, tab, err)
		}
		rows[i] = string(b)
	}
	return db.writeTx(ctx, "cache page", func(tx *sql.Tx) error {
		if _, err := tx.StmtContext(ctx, db.st.upsertPage).ExecContext(ctx, store, tab, index, ts(at), p.Number, p.Total, p.Next); err != nil {
			return err
		}
		if _, err := tx.StmtContext(ctx, db.st.delPageRows).ExecContext(ctx, store, tab, index); err != nil {
			return err
		}
		upsert, ins := tx.StmtContext(ctx, db.st.upsertRow), tx.StmtContext(ctx, db.st.insPageRow)
		for i, o := range p.Orders {
			owner := o.Store
			if owner == "" {
				owner = store
			}
			if _, err := upsert.ExecContext(ctx, owner, o.ID, rows[i], ts(at)); err != nil {
				return err
			}
			if _, err := ins.ExecContext(ctx, store, tab, index, i, owner, o.ID); err != nil {
				return err
			}
		}
		return nil
	})
}

// LoadPage returns a cached page; backend.ErrNotCached when it was never saved. It
// reads that page's rows only, whatever the size of the cache.
func (db *DB) LoadPage(ctx context.Context, store, tab string, index int) (backend.CachedPage, error) {
	const op = "read cached page"
	rows, err := db.st.loadPage.QueryContext(ctx, store, tab, index)
	if err != nil {
		return backend.CachedPage{}, wrap(op, db.path, err)
	}
	defer rows.Close()
	var cp backend.CachedPage
	found := false
	for rows.Next() {
		var fetched int64
		var data []byte
		var detailed sql.NullBool
		if err := rows.Scan(&fetched, &cp.Number, &cp.Total, &cp.Next, &data, &detailed); err != nil {
			return backend.CachedPage{}, wrap(op, db.path, err)
		}
		found = true
		cp.Fetched = fromTS(fetched)
		if data == nil {
			continue // an empty page, or a row whose order was pruned
		}
		o, err := decodeOrder(data, detailed.Bool)
		if err != nil {
			return backend.CachedPage{}, fmt.Errorf("%s %d of %s/%s: %w", op, index, store, tab, err)
		}
		cp.Orders = append(cp.Orders, o)
	}
	if err := rows.Err(); err != nil {
		return backend.CachedPage{}, wrap(op, db.path, err)
	}
	if !found {
		return backend.CachedPage{}, fmt.Errorf("page %d of %s/%s: %w", index, store, tab, backend.ErrNotCached)
	}
	if cp.Orders == nil {
		cp.Orders = []backend.Order{}
	}
	return cp, nil
}

// SaveOrder caches an order in full (from Backend.Get) as fetched at `at`,
// so its detail pane opens at once next time and offline.
func (db *DB) SaveOrder(ctx context.Context, o backend.Order, at time.Time) error {
	if o.Store == "" || o.ID == "" {
		return errors.New("cache order: the store and the order id are required")
	}
	b, err := json.Marshal(o)
	if err != nil {
		return fmt.Errorf("cache order %s of %s: %w", o.ID, o.Store, err)
	}
	return db.writeTx(ctx, "cache order", func(tx *sql.Tx) error {
		_, err := tx.StmtContext(ctx, db.st.upsertDetail).ExecContext(ctx, o.Store, o.ID, string(b), ts(at))
		return err
	})
}

// LoadOrder returns the cached order and when it was fetched: the full
// order if SaveOrder stored one (Detailed true), else the row a list
// returned (Detailed false), else the mirror's copy; backend.ErrNotCached when
// none of them has it.
func (db *DB) LoadOrder(ctx context.Context, store, id string) (backend.Order, time.Time, error) {
	var row, detail []byte
	var rowAt, detailAt int64
	err := db.st.loadOrder.QueryRowContext(ctx, store, id).Scan(&row, &rowAt, &detail, &detailAt)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && row == nil && detail == nil) {
		return db.MirrorOrder(ctx, store, id) // the sync's copy, when it has one
	}
	if err != nil {
		return backend.Order{}, time.Time{}, wrap("read cached order", db.path, err)
	}
	data, at, full := row, rowAt, false
	if detail != nil {
		data, at, full = detail, detailAt, true
	}
	o, err := decodeOrder(data, full)
	if err != nil {
		return backend.Order{}, time.Time{}, fmt.Errorf("read cached order %s of %s: %w", id, store, err)
	}
	return o, fromTS(at), nil
}

// PruneCache forgets pages fetched before `before`, then every order that
// no remaining page lists and that was not fetched since. The journal is
// never pruned.
func (db *DB) PruneCache(ctx context.Context, before time.Time) error {
	return db.writeTx(ctx, "prune cache", func(tx *sql.Tx) error {
		b := ts(before)
		if _, err := tx.ExecContext(ctx, `DELETE FROM pages WHERE fetched < ?`, b); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM orders WHERE max(row_at, detail_at) < ?
			AND NOT EXISTS (SELECT 1 FROM page_rows p WHERE p.order_store = orders.store AND p.order_id = orders.id)`, b)
		return err
	})
}

// cacheConfirmed patches the cached copies of a confirmed change's order.
func (db *DB) cacheConfirmed(ctx context.Context, tx *sql.Tx, e row, o backend.Order) error {
	store, id := e.Store, e.OrderID
	if o.Store != "" && o.ID != "" {
		store, id = o.Store, o.ID
	}
	if o.Detailed && o.ID != "" {
		b, err := json.Marshal(o)
		if err != nil {
			return err
		}
		if _, err := tx.StmtContext(ctx, db.st.upsertDetail).ExecContext(ctx, store, id, string(b), ts(db.now())); err != nil {
			return err
		}
	}
	if o.Status.Code == "" {
		return nil
	}
	if _, err := tx.StmtContext(ctx, db.st.patchStatus).ExecContext(ctx, statusJSON(o.Status), store, id); err != nil {
		return err
	}
	return patchMirrorStatus(ctx, tx, store, id, o.Status, db.now())
}

func decodeOrder(data []byte, detailed bool) (backend.Order, error) {
	var o backend.Order
	if err := json.Unmarshal(data, &o); err != nil {
		return backend.Order{}, fmt.Errorf("cached order is unreadable: %w", err)
	}
	o.Detailed = detailed
	return o, nil
}
