package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Kornit X pushes its orders to us and offers no call to read them back,
// so the database is where they live: kx_orders holds each pushed order
// once per store, its timeline (received, then every change made here)
// and the body it last came in. KornitXOrders implements
// kornitx.OrderStore on it.

// migrateKornitX creates the Kornit X order table. Filter columns are
// copies of what the JSON holds, kept in step on every write, so a page is
// one indexed query.
func migrateKornitX(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx, `
CREATE TABLE kx_orders (
	store     TEXT    NOT NULL,
	id        TEXT    NOT NULL,
	id_num    INTEGER NOT NULL,           -- the id as a number, for sorting
	status    TEXT    NOT NULL,           -- status code, for filtering
	email     TEXT    NOT NULL,           -- lower case, for the e-mail filter
	search    TEXT    NOT NULL,           -- lower-case text the search looks in
	created   INTEGER NOT NULL,           -- Unix ns; 0 when the push had no date
	updated   INTEGER NOT NULL,
	received  INTEGER NOT NULL,           -- the first push
	pushed    INTEGER NOT NULL,           -- the latest push
	pushes    INTEGER NOT NULL,
	data      TEXT    NOT NULL,           -- JSON of the order, without its history
	history   TEXT    NOT NULL,           -- JSON array of events, newest first
	raw       BLOB    NOT NULL,           -- the latest push's body as received
	UNIQUE (store, id)
)`,
		`CREATE INDEX kx_orders_created ON kx_orders(store, created, id_num)`,
		`CREATE INDEX kx_orders_updated ON kx_orders(store, updated, id_num)`,
		`CREATE INDEX kx_orders_status ON kx_orders(store, status, created)`,
	)
}

// KornitXOrders is the Kornit X order store; see kornitx.OrderStore for
// the contract.
type KornitXOrders struct{ db *DB }

// KornitXOrders returns the store of pushed Kornit X orders.
func (db *DB) KornitXOrders() *KornitXOrders { return &KornitXOrders{db: db} }

// kxDefaultPage is the page size when the query gives none.
const kxDefaultPage = 50

// SavePush stores a pushed order; a repeated push replaces the order's
// data but keeps its status, tracking number and timeline.
func (k *KornitXOrders) SavePush(ctx context.Context, store string, o backend.Order, raw []byte, at time.Time) (bool, error) {
	if store == "" || o.ID == "" {
		return false, errors.New("save pushed order: the store and the order id are required")
	}
	if raw == nil {
		raw = []byte{}
	}
	created := false
	err := k.db.writeTx(ctx, "save pushed order", func(tx *sql.Tx) error {
		var data, hist string
		err := tx.QueryRowContext(ctx, `SELECT data, history FROM kx_orders WHERE store = ? AND id = ?`, store, o.ID).Scan(&data, &hist)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			created = true
			history := o.History
			if history == nil {
				history = []backend.Event{}
			}
			return k.insert(ctx, tx, store, o, history, raw, at)
		case err != nil:
			return err
		}
		old, history, err := decodeKX(data, hist)
		if err != nil {
			return err
		}
		o.Status, o.Tracking = old.Status, old.Tracking
		if old.Updated.After(o.Updated) {
			o.Updated = old.Updated
		}
		return k.update(ctx, tx, store, o, history, raw, at)
	})
	if err != nil {
		return false, fmt.Errorf("order %s of %s: %w", o.ID, store, err)
	}
	return created, nil
}

func (k *KornitXOrders) insert(ctx context.Context, tx *sql.Tx, store string, o backend.Order, history []backend.Event, raw []byte, at time.Time) error {
	data, hist, err := encodeKX(o, history)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO kx_orders (store, id, id_num, status, email, search, created, updated,
		received, pushed, pushes, data, history, raw) VALUES (?,?,?,?,?,?,?,?,?,?,1,?,?,?)`,
		store, o.ID, idNum(o.ID), o.Status.Code, strings.ToLower(o.Customer.Email), searchText(o),
		ts(o.Created), ts(o.Updated), ts(at), ts(at), data, hist, raw)
	return err
}

// update rewrites an existing order; raw nil keeps the stored body.
func (k *KornitXOrders) update(ctx context.Context, tx *sql.Tx, store string, o backend.Order, history []backend.Event, raw []byte, at time.Time) error {
	data, hist, err := encodeKX(o, history)
	if err != nil {
		return err
	}
	if raw == nil {
		_, err = tx.ExecContext(ctx, `UPDATE kx_orders SET status = ?, email = ?, search = ?, updated = ?, data = ?, history = ?
			WHERE store = ? AND id = ?`,
			o.Status.Code, strings.ToLower(o.Customer.Email), searchText(o), ts(o.Updated), data, hist, store, o.ID)
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE kx_orders SET status = ?, email = ?, search = ?, created = ?, updated = ?,
		pushed = ?, pushes = pushes + 1, data = ?, history = ?, raw = ? WHERE store = ? AND id = ?`,
		o.Status.Code, strings.ToLower(o.Customer.Email), searchText(o), ts(o.Created), ts(o.Updated),
		ts(at), data, hist, raw, store, o.ID)
	return err
}

// List returns a page of a store's pushed orders, newest first by default.
func (k *KornitXOrders) List(ctx context.Context, store string, q backend.Query) (backend.Page, error) {
	page, ok := backend.PageNumber(q.Cursor)
	if !ok {
		return backend.Page{}, &backend.Error{Kind: backend.KindInvalidRequest, Store: store, Op: "list orders", Message: "bad page " + strconv.Quote(q.Cursor)}
	}
	size := q.PageSize
	if size <= 0 {
		size = kxDefaultPage
	}
	where := []string{"store = ?"}
	args := []any{store}
	if len(q.Statuses) > 0 {
		where = append(where, "status IN (?"+strings.Repeat(",?", len(q.Statuses)-1)+")")
		for _, s := range q.Statuses {
			args = append(args, s)
		}
	}
	if e := strings.TrimSpace(q.Email); e != "" {
		where = append(where, "email = ?")
		args = append(args, strings.ToLower(e))
	}
	if s := strings.ToLower(strings.TrimSpace(q.Search)); s != "" {
		where = append(where, "instr(search, ?) > 0")
		args = append(args, s)
	}
	if !q.UpdatedSince.IsZero() {
		where = append(where, "updated >= ?")
		args = append(args, ts(q.UpdatedSince))
	}
	cond := strings.Join(where, " AND ")
	var total int
	if err := k.db.r.QueryRowContext(ctx, `SELECT count(*) FROM kx_orders WHERE `+cond, args...).Scan(&total); err != nil {
		return backend.Page{}, wrap("list Kornit X orders", k.db.path, err)
	}
	order := KornitXOrderBy(q.Sort, q.Asc)
	rows, err := k.db.r.QueryContext(ctx, `SELECT data FROM kx_orders WHERE `+cond+` ORDER BY `+order+` LIMIT ? OFFSET ?`,
		append(args, size, (page-1)*size)...)
	if err != nil {
		return backend.Page{}, wrap("list Kornit X orders", k.db.path, err)
	}
	defer rows.Close()
	p := backend.Page{Number: page, Total: total, Orders: []backend.Order{}}
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return backend.Page{}, wrap("list Kornit X orders", k.db.path, err)
		}
		var o backend.Order
		if err := json.Unmarshal([]byte(data), &o); err != nil {
			return backend.Page{}, fmt.Errorf("list Kornit X orders: a stored order is unreadable: %w", err)
		}
		o.History, o.Detailed = nil, false
		p.Orders = append(p.Orders, o)
	}
	if err := rows.Err(); err != nil {
		return backend.Page{}, wrap("list Kornit X orders", k.db.path, err)
	}
	if page*size < total {
		p.Next = backend.NextPage(page)
	}
	return p, nil
}

// Get returns one pushed order with its timeline.
func (k *KornitXOrders) Get(ctx context.Context, store, id string) (backend.Order, error) {
	var data, hist string
	err := k.db.r.QueryRowContext(ctx, `SELECT data, history FROM kx_orders WHERE store = ? AND id = ?`, store, id).Scan(&data, &hist)
	if errors.Is(err, sql.ErrNoRows) {
		return backend.Order{}, kxNotFound(store, id)
	}
	if err != nil {
		return backend.Order{}, wrap("read Kornit X order", k.db.path, err)
	}
	o, history, err := decodeKX(data, hist)
	if err != nil {
		return backend.Order{}, fmt.Errorf("read Kornit X order %s: %w", id, err)
	}
	o.History, o.Detailed = history, true
	return o, nil
}

// SetStatus records a change Kornit X confirmed.
func (k *KornitXOrders) SetStatus(ctx context.Context, store, id string, st backend.Status, tracking string, ev backend.Event) error {
	return k.db.writeTx(ctx, "record Kornit X status", func(tx *sql.Tx) error {
		var data, hist string
		err := tx.QueryRowContext(ctx, `SELECT data, history FROM kx_orders WHERE store = ? AND id = ?`, store, id).Scan(&data, &hist)
		if errors.Is(err, sql.ErrNoRows) {
			return kxNotFound(store, id)
		}
		if err != nil {
			return err
		}
		o, history, err := decodeKX(data, hist)
		if err != nil {
			return err
		}
		o.Status = st
		if tracking != "" {
			o.Tracking = tracking
		}
		o.Updated = ev.At
		history = append([]backend.Event{ev}, history...)
		return k.update(ctx, tx, store, o, history, nil, time.Time{})
	})
}

// Raw is the body an order last came in, for support and re-processing.
func (k *KornitXOrders) Raw(ctx context.Context, store, id string) ([]byte, error) {
	var raw []byte
	err := k.db.r.QueryRowContext(ctx, `SELECT raw FROM kx_orders WHERE store = ? AND id = ?`, store, id).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kxNotFound(store, id)
	}
	return raw, wrap("read Kornit X order", k.db.path, err)
}

func kxNotFound(store, id string) error {
	return &backend.Error{Kind: backend.KindNotFound, Store: store, Op: "read order " + backend.CleanLine(id),
		Message: "no order " + backend.CleanLine(id) + " has been pushed to this store"}
}

func encodeKX(o backend.Order, history []backend.Event) (data, hist string, err error) {
	o.History, o.Detailed = nil, false
	d, err := json.Marshal(o)
	if err != nil {
		return "", "", err
	}
	h, err := json.Marshal(history)
	if err != nil {
		return "", "", err
	}
	return string(d), string(h), nil
}

func decodeKX(data, hist string) (backend.Order, []backend.Event, error) {
	var o backend.Order
	if err := json.Unmarshal([]byte(data), &o); err != nil {
		return o, nil, fmt.Errorf("a stored order is unreadable: %w", err)
	}
	history := []backend.Event{}
	if err := json.Unmarshal([]byte(hist), &history); err != nil {
		return o, nil, fmt.Errorf("a stored timeline is unreadable: %w", err)
	}
	if history == nil {
		history = []backend.Event{}
	}
	return o, history, nil
}

// searchText is what Query.Search looks in: id, number, vendor ref,
// customer name and e-mail, tracking number; lower case, one per line so a
// search cannot match across two fields.
func searchText(o backend.Order) string {
	return strings.ToLower(strings.Join([]string{o.ID, o.Number, o.VendorRef, o.Customer.Name, o.Customer.Email, o.Tracking}, "\n"))
}

func idNum(id string) int64 {
	n, _ := strconv.ParseInt(id, 10, 64)
	return n
}
