package pgstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// The mirror in PostgreSQL (storage.Mirror, storage.MirrorSync): the
// same rows, rules and order as SQLite's (storage/mirror*.go), shared by
// every operator's dashboard. Writes lock the rows they replace (in key
// order, so two writers never wait on each other in a circle) and each
// upsert carries the "never older" rule in its WHERE as well, for a row
// another process inserts meanwhile.

var (
	_ storage.Mirror     = (*Store)(nil)
	_ storage.MirrorSync = (*Store)(nil)
)

// MirrorPut writes orders read outside a sync; older copies never
// replace newer ones.
func (s *Store) MirrorPut(ctx context.Context, orders []backend.Order) (storage.MirrorCounts, error) {
	var n storage.MirrorCounts
	err := s.retryTx(ctx, func(tx pgx.Tx) error {
		var err error
		n, err = s.putOrders(ctx, tx, "", orders, false)
		return err
	})
	return n, s.wrap("save orders to the mirror", err)
}

// retryable reports a transaction the server gave up so that another
// could go on: running it again is the answer.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// retryTx runs fn in a transaction, again when the server chose it as a
// deadlock's victim or a serialization failure (two writers of one
// order's counts, say): fn must be safe to run twice.
func (s *Store) retryTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	for try := 0; ; try++ {
		err := pgx.BeginFunc(ctx, s.pool, fn)
		if err == nil || try == 4 || !retryable(err) {
			return err
		}
	}
}

// old is what putOrders needs of a stored row.
type old struct {
	updated, final int64
	status         string
	detailed       bool
}

// putOrders upserts orders (under store when set, else each its own
// Store), by SQLite's rule (storage *DB.putOrders): a copy replaces the
// stored one when it is newer, or as new with another status, or a detail
// where a list row was; checked marks them as just asked about.
func (s *Store) putOrders(ctx context.Context, tx pgx.Tx, store string, orders []backend.Order, checked bool) (storage.MirrorCounts, error) {
	var n storage.MirrorCounts
	if len(orders) == 0 {
		return n, nil
	}
	type key struct{ store, id string }
	keys := make([]key, 0, len(orders))
	for i := range orders {
		if store != "" {
			orders[i].Store = store
		}
		if orders[i].Store == "" || orders[i].ID == "" {
			return n, fmt.Errorf("an order without store or id (%q of %q)", orders[i].ID, orders[i].Store)
		}
		keys = append(keys, key{orders[i].Store, orders[i].ID})
	}
	sorted := slices.Clone(keys)
	slices.SortFunc(sorted, func(a, b key) int { return strings.Compare(a.store+"\x00"+a.id, b.store+"\x00"+b.id) })
	sorted = slices.Compact(sorted)
	ss, ids := make([]string, len(sorted)), make([]string, len(sorted))
	for i, k := range sorted {
		ss[i], ids[i] = k.store, k.id
	}
	rows, err := tx.Query(ctx, `SELECT m.store, m.id, updated, status, detailed, final_since FROM mirror m
		JOIN unnest($1::text[], $2::text[]) AS k(store, id) ON m.store = k.store AND m.id = k.id
		ORDER BY m.store, m.id FOR UPDATE OF m`, ss, ids)
	if err != nil {
		return n, err
	}
	have := map[key]old{}
	for rows.Next() {
		var k key
		var o old
		if err := rows.Scan(&k.store, &k.id, &o.updated, &o.status, &o.detailed, &o.final); err != nil {
			rows.Close()
			return n, err
		}
		have[k] = o
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return n, err
	}
	nowTS := ts(now())
	chk := int64(0)
	if checked {
		chk = nowTS
	}
	// One round trip for the page: every write queued in a batch, then
	// their answers read in order.
	type op struct {
		upsert, found, changed bool
	}
	var ops []op
	batch := &pgx.Batch{}
	for i, o := range orders {
		k := keys[i]
		prev, found := have[k]
		upd := ts(o.Updated)
		changed := !found || upd > prev.updated || (upd == prev.updated && o.Status.Code != prev.status)
		if found && !changed && !(upd == prev.updated && o.Detailed && !prev.detailed) {
			n.Unchanged++
			if checked {
				batch.Queue(`UPDATE mirror SET checked = $1 WHERE store = $2 AND id = $3`, chk, k.store, k.id)
				ops = append(ops, op{})
			}
			continue
		}
		final := int64(0)
		if o.Status.Kind.Final() {
			switch {
			case found && prev.final > 0:
				final = prev.final
			case upd > 0:
				final = upd
			default:
				final = nowTS
			}
		}
		args, err := storage.MirrorRow(o, final, nowTS, chk)
		if err != nil {
			return n, err
		}
		batch.Queue(upsertMirror, args...)
		ops = append(ops, op{upsert: true, found: found, changed: changed})
		// A second copy of the order later in the page is judged
		// against this one.
		have[k] = old{updated: upd, final: final, status: o.Status.Code, detailed: o.Detailed || (found && prev.detailed && upd == prev.updated)}
	}
	if len(ops) == 0 {
		return n, nil
	}
	res := tx.SendBatch(ctx, batch)
	for _, op := range ops {
		if !op.upsert {
			if _, err := res.Exec(); err != nil {
				res.Close()
				return n, err
			}
			continue
		}
		var inserted bool
		err := res.QueryRow().Scan(&inserted)
		switch {
		case notFound(err):
			n.Unchanged++ // a newer copy arrived meanwhile
		case err != nil:
			res.Close()
			return n, err
		case inserted:
			n.Added++
		case !op.found || op.changed:
			n.Updated++
		default:
			n.Unchanged++
		}
	}
	return n, res.Close()
}

// upsertMirror writes one row unless the stored one is newer; it returns
// whether the row is new (xmax 0: no earlier version).
var upsertMirror = `INSERT INTO mirror AS m (` + storage.MirrorRowColumns + `)
	VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25)
	ON CONFLICT (store, id) DO UPDATE SET id_num = excluded.id_num, number = excluded.number, ref = excluded.ref,
		status = excluded.status, status_name = excluded.status_name, kind = excluded.kind, created = excluded.created,
		updated = excluded.updated, total = excluded.total, currency = excluded.currency, customer = excluded.customer,
		email = excluded.email, items = excluded.items, search = excluded.search,
		final_since = CASE WHEN excluded.final_since = 0 THEN 0 WHEN m.final_since > 0 THEN m.final_since ELSE excluded.final_since END,
		detailed = excluded.detailed, data = excluded.data, synced = excluded.synced,
		checked = greatest(m.checked, excluded.checked),
		since = CASE WHEN m.status = excluded.status AND m.since > 0 THEN m.since ELSE excluded.since END,
		total_val = excluded.total_val, dispatch_by = excluded.dispatch_by, urgent = excluded.urgent
	WHERE excluded.updated > m.updated
		OR (excluded.updated = m.updated AND (excluded.status <> m.status OR (excluded.detailed AND NOT m.detailed)))
	RETURNING xmax = 0`

// patchMirrorStatus gives the mirror's copy of an order the status a
// confirmed change set (o, the order as the store answered the change),
// in the journal's transaction, so every dashboard's tables show it before
// the next sync (storage.StatusPatch says what).
func patchMirrorStatus(ctx context.Context, tx pgx.Tx, store, id string, o backend.Order, at time.Time) error {
	p, ok, err := storage.NewStatusPatch(o, at)
	if !ok || err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `UPDATE mirror SET status = $1, status_name = $2, kind = $3,
		final_since = CASE WHEN $4::bigint = 0 THEN 0 WHEN final_since > 0 THEN final_since ELSE $4 END,
		since = CASE WHEN status = $1 THEN since ELSE $8 END,
		updated = greatest(updated, $9::bigint),
		data = CASE WHEN $9::bigint > updated
			THEN jsonb_set(jsonb_set(data::jsonb, '{status}', $5::jsonb), '{updated}', $10::jsonb)
			ELSE jsonb_set(data::jsonb, '{status}', $5::jsonb) END::text
		WHERE store = $6 AND id = $7`,
		p.Status.Code, p.Status.Name, string(p.Status.Kind), p.Final, p.StatusJSON, store, id, p.Since, p.Updated, p.UpdatedJSON)
	return err
}

// MirrorOrder returns an order as the mirror holds it, and when it was
// written there; backend.ErrNotCached when the mirror lacks it.
func (s *Store) MirrorOrder(ctx context.Context, store, id string) (backend.Order, time.Time, error) {
	var data []byte
	var detailed bool
	var synced int64
	err := s.pool.QueryRow(ctx, `SELECT data, detailed, synced FROM mirror WHERE store = $1 AND id = $2`, store, id).Scan(&data, &detailed, &synced)
	if notFound(err) {
		return backend.Order{}, time.Time{}, fmt.Errorf("order %s of %s: %w", id, store, backend.ErrNotCached)
	}
	if err != nil {
		return backend.Order{}, time.Time{}, s.wrap("read mirrored order", err)
	}
	o, err := storage.DecodeOrder(data, detailed)
	if err != nil {
		return backend.Order{}, time.Time{}, fmt.Errorf("read mirrored order %s of %s: %w", id, store, err)
	}
	return o, fromTS(synced), nil
}

// MirrorStale lists up to n of a store's open orders, least recently
// asked about first.
func (s *Store) MirrorStale(ctx context.Context, store string, n int) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT id FROM mirror WHERE store = $1 AND final_since = 0 ORDER BY checked LIMIT $2`, store, n)
	if err != nil {
		return nil, s.wrap("list open orders", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return ids, s.wrap("list open orders", err)
}

// MirrorForget removes an order the store no longer has.
func (s *Store) MirrorForget(ctx context.Context, store, id string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM mirror WHERE store = $1 AND id = $2`, store, id)
	return s.wrap("forget mirrored order", err)
}

// PruneMirror removes a store's orders final since before `before`. A
// prune that removed rows tells the other dashboards (NoticeSynced, in
// the same transaction): they read their windows again now, not showing
// the pruned rows until their next read.
func (s *Store) PruneMirror(ctx context.Context, store string, before time.Time) (int, error) {
	var n int
	err := s.retryTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM mirror WHERE store = $1 AND final_since > 0 AND final_since < $2`, store, ts(before))
		if err != nil {
			return err
		}
		if n = int(tag.RowsAffected()); n == 0 {
			return nil
		}
		return s.notify(ctx, tx, backend.Notice{Kind: backend.NoticeSynced, Store: store})
	})
	if err != nil {
		return 0, s.wrap("prune mirror", err)
	}
	return n, nil
}

// ResetMirror empties the mirror, its counts and every sync state (the
// leases too: a syncer that held one finds it lost at its next page).
func (s *Store) ResetMirror(ctx context.Context) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `TRUNCATE mirror, mirror_counts, mirror_sync`)
		return err
	})
	return s.wrap("reset mirror", err)
}

// MirrorStats counts each store's mirrored orders (stores with orders or
// a sync state), from the counts.
func (s *Store) MirrorStats(ctx context.Context) ([]storage.MirrorStat, error) {
	const op = "count mirrored orders"
	rows, err := s.pool.Query(ctx, `SELECT store, sum(n)::bigint, sum(n) FILTER (WHERE o)::bigint FROM (
			SELECT store, n, open AS o, false AS st FROM mirror_counts
			UNION ALL SELECT store, 0, false, true FROM mirror_sync) AS c
		GROUP BY store HAVING sum(n) > 0 OR bool_or(st) ORDER BY store`)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	type stat struct {
		store   string
		n, open *int64
	}
	var got []stat
	for rows.Next() {
		var st stat
		if err := rows.Scan(&st.store, &st.n, &st.open); err != nil {
			rows.Close()
			return nil, s.wrap(op, err)
		}
		got = append(got, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.wrap(op, err)
	}
	var out []storage.MirrorStat
	for _, g := range got {
		st, err := readSyncState(ctx, s.pool, g.store)
		if err != nil {
			return nil, s.wrap(op, err)
		}
		m := storage.MirrorStat{SyncState: st}
		if g.n != nil {
			m.Orders = int(*g.n)
		}
		if g.open != nil {
			m.Open = int(*g.open)
		}
		out = append(out, m)
	}
	return out, nil
}
