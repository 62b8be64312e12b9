package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// KornitXInbox is the Kornit X inbox. Receivers are stateless against
// it: any number of them, on any machine, may take pushes; the same push
// given to two stores one order.
func (s *Store) KornitXInbox() storage.Inbox { return inbox{s} }

type inbox struct{ s *Store }

// SavePush stores a pushed order. A new order is one INSERT; one already
// there (a repeated push, or the same push given to two receivers at
// once) keeps its status, tracking number and timeline, under a row lock
// so the two never interleave.
func (k inbox) SavePush(ctx context.Context, store string, o backend.Order, raw []byte, at time.Time) (bool, error) {
	if store == "" || o.ID == "" {
		return false, errors.New("save pushed order: the store and the order id are required")
	}
	if raw == nil {
		raw = []byte{}
	}
	s := k.s
	history := o.History
	if history == nil {
		history = []backend.Event{}
	}
	data, hist, err := storage.InboxEncode(o, history)
	if err != nil {
		return false, fmt.Errorf("order %s of %s: %w", o.ID, store, err)
	}
	note, _ := json.Marshal(backend.Notice{Kind: backend.NoticePush, Store: store, OrderID: o.ID, From: s.id})
	var created bool
	err = s.pool.QueryRow(ctx, `WITH ins AS (
		INSERT INTO kx_orders (store, id, id_num, status, email, search, created, updated, received, pushed, pushes, data, history, raw)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9,1,$10,$11,$12)
		ON CONFLICT (store, id) DO NOTHING RETURNING 1)
		SELECT count(*) > 0 FROM (SELECT pg_notify($13, $14) FROM ins) AS told`,
		store, o.ID, storage.InboxIDNum(o.ID), o.Status.Code, strings.ToLower(o.Customer.Email), storage.InboxSearch(o),
		ts(o.Created), ts(o.Updated), ts(at), data, hist, raw, s.channel, string(note)).Scan(&created)
	if err != nil {
		return false, fmt.Errorf("order %s of %s: %w", o.ID, store, s.wrap("save pushed order", err))
	}
	if created {
		return true, nil
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		old, history, err := k.load(ctx, tx, store, o.ID, true)
		if err != nil {
			return err
		}
		return k.update(ctx, tx, store, storage.InboxRepush(old, o), history, raw, at)
	})
	if err != nil {
		return false, fmt.Errorf("order %s of %s: %w", o.ID, store, s.wrap("save pushed order", err))
	}
	return false, nil
}

// load reads an order and its timeline, locked for update when lock.
func (k inbox) load(ctx context.Context, q pgx.Tx, store, id string, lock bool) (backend.Order, []backend.Event, error) {
	sql := `SELECT data, history FROM kx_orders WHERE store = $1 AND id = $2`
	if lock {
		sql += ` FOR UPDATE`
	}
	var data, hist string
	err := q.QueryRow(ctx, sql, store, id).Scan(&data, &hist)
	if notFound(err) {
		return backend.Order{}, nil, storage.InboxNotFound(store, id)
	}
	if err != nil {
		return backend.Order{}, nil, err
	}
	return storage.InboxDecode(data, hist)
}

// update rewrites an order; raw nil keeps the stored body (a change made
// here, not a push).
func (k inbox) update(ctx context.Context, tx pgx.Tx, store string, o backend.Order, history []backend.Event, raw []byte, at time.Time) error {
	data, hist, err := storage.InboxEncode(o, history)
	if err != nil {
		return err
	}
	if raw == nil {
		_, err = tx.Exec(ctx, `UPDATE kx_orders SET status = $1, email = $2, search = $3, updated = $4, data = $5, history = $6
			WHERE store = $7 AND id = $8`,
			o.Status.Code, strings.ToLower(o.Customer.Email), storage.InboxSearch(o), ts(o.Updated), data, hist, store, o.ID)
	} else {
		_, err = tx.Exec(ctx, `UPDATE kx_orders SET status = $1, email = $2, search = $3, created = $4, updated = $5,
			pushed = $6, pushes = pushes + 1, data = $7, history = $8, raw = $9 WHERE store = $10 AND id = $11`,
			o.Status.Code, strings.ToLower(o.Customer.Email), storage.InboxSearch(o), ts(o.Created), ts(o.Updated),
			ts(at), data, hist, raw, store, o.ID)
	}
	if err != nil {
		return err
	}
	return k.s.notify(ctx, tx, backend.Notice{Kind: backend.NoticePush, Store: store, OrderID: o.ID})
}

// List returns a page of a store's pushed orders (kornitx.OrderStore).
func (k inbox) List(ctx context.Context, store string, q backend.Query) (backend.Page, error) {
	page, ok := backend.PageNumber(q.Cursor)
	if !ok {
		return backend.Page{}, &backend.Error{Kind: backend.KindInvalidRequest, Store: store, Op: "list orders", Message: "bad page " + strconv.Quote(q.Cursor)}
	}
	size := q.PageSize
	if size <= 0 {
		size = storage.InboxPageSize
	}
	where := []string{"store = $1"}
	args := []any{store}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if len(q.Statuses) > 0 {
		where = append(where, "status = ANY("+arg(q.Statuses)+")")
	}
	if e := strings.TrimSpace(q.Email); e != "" {
		where = append(where, "email = "+arg(strings.ToLower(e)))
	}
	if t := strings.ToLower(strings.TrimSpace(q.Search)); t != "" {
		where = append(where, "strpos(search, "+arg(t)+") > 0")
	}
	if !q.UpdatedSince.IsZero() {
		where = append(where, "updated >= "+arg(ts(q.UpdatedSince)))
	}
	cond := strings.Join(where, " AND ")
	order := storage.KornitXOrderBy(q.Sort, q.Asc)
	p := backend.Page{Number: page, Orders: []backend.Order{}}
	err := pgx.BeginTxFunc(ctx, k.s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM kx_orders WHERE `+cond, args...).Scan(&p.Total); err != nil {
			return err
		}
		lim, off := arg(size), arg((page-1)*size)
		rows, err := tx.Query(ctx, `SELECT data FROM kx_orders WHERE `+cond+` ORDER BY `+order+` LIMIT `+lim+` OFFSET `+off, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var data string
			if err := rows.Scan(&data); err != nil {
				return err
			}
			var o backend.Order
			if err := json.Unmarshal([]byte(data), &o); err != nil {
				return fmt.Errorf("a stored order is unreadable: %w", err)
			}
			o.History, o.Detailed = nil, false
			p.Orders = append(p.Orders, o)
		}
		return rows.Err()
	})
	if err != nil {
		return backend.Page{}, k.s.wrap("list Kornit X orders", err)
	}
	if page*size < p.Total {
		p.Next = backend.NextPage(page)
	}
	return p, nil
}

// Get returns one pushed order with its timeline.
func (k inbox) Get(ctx context.Context, store, id string) (backend.Order, error) {
	var data, hist string
	err := k.s.pool.QueryRow(ctx, `SELECT data, history FROM kx_orders WHERE store = $1 AND id = $2`, store, id).Scan(&data, &hist)
	if notFound(err) {
		return backend.Order{}, storage.InboxNotFound(store, id)
	}
	if err != nil {
		return backend.Order{}, k.s.wrap("read Kornit X order", err)
	}
	o, history, err := storage.InboxDecode(data, hist)
	if err != nil {
		return backend.Order{}, fmt.Errorf("read Kornit X order %s: %w", id, err)
	}
	o.History, o.Detailed = history, true
	return o, nil
}

// SetStatus records a change Kornit X confirmed.
func (k inbox) SetStatus(ctx context.Context, store, id string, st backend.Status, tracking string, ev backend.Event) error {
	err := pgx.BeginFunc(ctx, k.s.pool, func(tx pgx.Tx) error {
		o, history, err := k.load(ctx, tx, store, id, true)
		if err != nil {
			return err
		}
		o.Status = st
		if tracking != "" {
			o.Tracking = tracking
		}
		o.Updated = ev.At
		return k.update(ctx, tx, store, o, append([]backend.Event{ev}, history...), nil, time.Time{})
	})
	var be *backend.Error
	if errors.As(err, &be) {
		return err
	}
	return k.s.wrap("record Kornit X status", err)
}

// Raw is the body an order last came in.
func (k inbox) Raw(ctx context.Context, store, id string) ([]byte, error) {
	var raw []byte
	err := k.s.pool.QueryRow(ctx, `SELECT raw FROM kx_orders WHERE store = $1 AND id = $2`, store, id).Scan(&raw)
	if notFound(err) {
		return nil, storage.InboxNotFound(store, id)
	}
	return raw, k.s.wrap("read Kornit X order", err)
}
