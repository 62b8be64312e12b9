package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// Each store's sync state and its sync lease: one process syncs a store
// at a time (storage.MirrorSync).

const syncStateCols = `watermark, last_id, pass_started, pass_from, pass_cursor, pass_max,
	pass_full, pass_done, pass_total, last_full, last_sync, last_error, last_error_at`

// SyncState reads a store's sync state; a store never synced has the
// zero state (with Store set).
func (s *Store) SyncState(ctx context.Context, store string) (storage.SyncState, error) {
	st, err := readSyncState(ctx, s.pool, store)
	return st, s.wrap("read sync state", err)
}

type rowQuerier interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}

func readSyncState(ctx context.Context, q rowQuerier, store string) (storage.SyncState, error) {
	st := storage.SyncState{Store: store, Pass: storage.SyncPass{Total: -1}}
	var wm, started, from, max, lastFull, lastSync, errAt int64
	err := q.QueryRow(ctx, `SELECT `+syncStateCols+` FROM mirror_sync WHERE store = $1`, store).Scan(
		&wm, &st.LastID, &started, &from, &st.Pass.Cursor, &max, &st.Pass.Full, &st.Pass.Done, &st.Pass.Total,
		&lastFull, &lastSync, &st.LastError, &errAt)
	if notFound(err) {
		return st, nil
	}
	if err != nil {
		return storage.SyncState{}, err
	}
	st.Watermark, st.LastFull, st.LastSync, st.LastErrorAt = fromTS(wm), fromTS(lastFull), fromTS(lastSync), fromTS(errAt)
	st.Pass.Started, st.Pass.From, st.Pass.Max = fromTS(started), fromTS(from), fromTS(max)
	return st, nil
}

// LockSync takes the store's sync lease (storage.MirrorSync): a row of
// mirror_sync with its holder and expiry on the server's clock, renewed
// by every page saved and by the heartbeat while this process lives.
func (s *Store) LockSync(ctx context.Context, store string) (func(), bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, `INSERT INTO mirror_sync AS m (store, lease_holder, lease_until)
		VALUES ($1, $2, now() + $3 * interval '1 millisecond')
		ON CONFLICT (store) DO UPDATE SET lease_holder = $2, lease_until = now() + $3 * interval '1 millisecond'
		WHERE m.lease_holder IN ('', $2) OR m.lease_until IS NULL OR m.lease_until < now()
		RETURNING true`, store, s.id, ms(s.syncTTL)).Scan(&ok)
	if notFound(err) {
		return func() {}, false, nil
	}
	if err != nil {
		return func() {}, false, s.wrap("take the sync lease", err)
	}
	s.syncLeases.Add(1)
	release := func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		s.pool.Exec(ctx, `UPDATE mirror_sync SET lease_holder = '', lease_until = NULL
			WHERE store = $1 AND lease_holder = $2`, store, s.id)
		s.syncLeases.Add(-1)
	}
	return release, true, nil
}

// holdSync makes sure no other process holds the store's sync lease,
// renewing this one's, in tx (which then holds the state's row).
func (s *Store) holdSync(ctx context.Context, tx pgx.Tx, store string) error {
	if _, err := tx.Exec(ctx, `INSERT INTO mirror_sync (store) VALUES ($1) ON CONFLICT DO NOTHING`, store); err != nil {
		return err
	}
	var holder string
	var live bool
	if err := tx.QueryRow(ctx, `SELECT lease_holder, coalesce(lease_until > now(), false) FROM mirror_sync
		WHERE store = $1 FOR UPDATE`, store).Scan(&holder, &live); err != nil {
		return err
	}
	switch {
	case holder == s.id:
		_, err := tx.Exec(ctx, `UPDATE mirror_sync SET lease_until = now() + $2 * interval '1 millisecond' WHERE store = $1`,
			store, ms(s.syncTTL))
		return err
	case holder != "" && live:
		return fmt.Errorf("sync %s: %w", store, storage.ErrSyncLeaseLost)
	}
	return nil
}

// SaveSync writes orders read by a sync and the store's new sync state in
// one transaction; refused (storage.ErrSyncLeaseLost) while another
// process holds the store's sync lease.
func (s *Store) SaveSync(ctx context.Context, st storage.SyncState, orders []backend.Order) (storage.MirrorCounts, error) {
	if st.Store == "" {
		return storage.MirrorCounts{}, errors.New("save sync: no store")
	}
	var n storage.MirrorCounts
	err := s.retryTx(ctx, func(tx pgx.Tx) error {
		if err := s.holdSync(ctx, tx, st.Store); err != nil {
			return err
		}
		var err error
		if n, err = s.putOrders(ctx, tx, st.Store, orders, true); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE mirror_sync SET watermark = $2, last_id = $3, pass_started = $4, pass_from = $5,
			pass_cursor = $6, pass_max = $7, pass_full = $8, pass_done = $9, pass_total = $10, last_full = $11,
			last_sync = $12, last_error = $13, last_error_at = $14 WHERE store = $1`,
			st.Store, ts(st.Watermark), st.LastID, ts(st.Pass.Started), ts(st.Pass.From), st.Pass.Cursor, ts(st.Pass.Max),
			st.Pass.Full, st.Pass.Done, st.Pass.Total, ts(st.LastFull), ts(st.LastSync), backend.CleanLine(st.LastError), ts(st.LastErrorAt))
		if err != nil || n.Added+n.Updated == 0 {
			return err
		}
		// The other dashboards read their windows again now, not at
		// their next pass (which finds the lease held and skips): one
		// notice for the page, whatever its size.
		return s.notify(ctx, tx, backend.Notice{Kind: backend.NoticeSynced, Store: st.Store})
	})
	if errors.Is(err, storage.ErrSyncLeaseLost) {
		return n, err
	}
	return n, s.wrap("save synced orders", err)
}

// SaveSyncError records a failed pass, keeping the pass under way.
func (s *Store) SaveSyncError(ctx context.Context, store, msg string, at time.Time) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO mirror_sync (store, last_error, last_error_at) VALUES ($1, $2, $3)
		ON CONFLICT (store) DO UPDATE SET last_error = excluded.last_error, last_error_at = excluded.last_error_at`,
		store, backend.CleanLine(msg), ts(at))
	return s.wrap("save sync error", err)
}
