// Package pgstore is orderdash's storage contract (storage.Store) on
// PostgreSQL, for team mode: one database shared by every operator's
// dashboard and every Kornit X receiver, through a small pgx pool each.
//
//	st, err := pgstore.Open(ctx, cfg.Storage.URL, pgstore.Options{})
//	// the journal, local history, Kornit X inbox and claims, as *storage.DB's
//	ch, err := st.Subscribe(ctx) // what the other processes do, live
//
// What it adds to SQLite's guarantees, across machines:
//   - a change is sent by one process at a time: its sender holds a lease
//     on it (holder, expiry on the server's clock) renewed while it is in
//     flight; a change whose sender died is settled by the one process
//     that takes its lease once it lapses (LeaseTTL);
//   - claims: an operator's hold on orders while a picker or a bulk change
//     is open; a bulk claim skips orders others are claiming (FOR UPDATE
//     SKIP LOCKED), so two operators split a set, never double it;
//   - notices: every write that others should see is NOTIFYed in its own
//     transaction (delivered on commit).
//
// The schema is versioned (the orderdash_schema table); Open applies what
// is missing under an advisory lock, so processes starting together
// migrate once. A database written by a newer orderdash is refused.
// Errors are *storage.Error with its problems (storage.ErrOffline when the
// server does not answer); no message ever holds the URL's password.
package pgstore

import (
	"context"
	"crypto/rand"
	"errors"

	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/orderdash/orderdash/storage"
)

// Defaults of Options.
const (
	// DefaultMaxConns is the pool of one process unless Options say
	// otherwise (a team dashboard asks for two: its tables' reads need not
	// wait behind a sync page). Every statement is short and no
	// transaction waits on a store.
	DefaultMaxConns = 1
	// DefaultLeaseTTL is how long a change's lease lasts unrenewed: how
	// long after its sender died another process may settle it.
	DefaultLeaseTTL = 30 * time.Second
)

// Options tune Open; the zero value is what orderdash uses.
type Options struct {
	// MaxConns caps the pool (0: DefaultMaxConns). A receiver taking
	// many pushes at once wants a few more.
	MaxConns int32
	// LeaseTTL replaces DefaultLeaseTTL ([storage] lease).
	LeaseTTL time.Duration
	// Schema, when set, is where the tables live (search_path); tests
	// give each its own. It must exist.
	Schema string
	// AppName is the connections' application_name (default "orderdash").
	AppName string
	// NoMigrate opens without applying migrations (`info`, `check`).
	NoMigrate bool
	// SyncLeaseTTL replaces storage.SyncLeaseTTL (tests shorten it).
	SyncLeaseTTL time.Duration
}

// Store is the storage contract on PostgreSQL. It is safe for concurrent
// use.
type Store struct {
	pool    *pgxpool.Pool
	connCfg *pgx.ConnConfig // for Subscribe's own connection
	where   string          // Describe, password-free
	secret  string          // the URL's password, scrubbed from every message
	id      string          // this process: the holder of its leases and claims
	ttl     time.Duration
	channel string // the NOTIFY channel of this schema

	reconciling storage.StoreLocks

	syncTTL    time.Duration
	syncLeases atomic.Int64 // sync leases this process holds, renewed by heartbeat

	sending storage.Sending // changes this process is sending now

	textStats textStats // the search column's sample (mirror_textplan.go)

	stop chan struct{}
	done chan struct{}
}

var _ storage.Store = (*Store)(nil)
var _ storage.Notifier = (*Store)(nil)

// Open connects to the database at url, checks that it answers and
// brings its schema up to date (unless opt.NoMigrate). A failure is one
// line (*storage.Error): storage.ErrOffline when the server does not
// answer, storage.ErrCannotOpen for a refused password or a missing
// database, storage.ErrNewerSchema for a newer orderdash's schema.
func Open(ctx context.Context, url string, opt Options) (*Store, error) {
	s, err := newStore(url, opt)
	if err != nil {
		return nil, err
	}
	if err := s.pool.Ping(ctx); err != nil {
		s.pool.Close()
		return nil, s.wrap("connect to database", err)
	}
	if !opt.NoMigrate {
		if _, err := s.Migrate(ctx); err != nil {
			s.pool.Close()
			return nil, err
		}
	}
	go s.heartbeat()
	return s, nil
}

func newStore(url string, opt Options) (*Store, error) {
	where := Describe(url)
	secret := password(url)
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, &storage.Error{Op: "open database", Path: where, Problem: storage.ErrCannotOpen,
			Why: "the URL cannot be read", Advice: "check [storage] url", Detail: scrub(err.Error(), secret)}
	}
	cfg.MaxConns = opt.MaxConns
	if cfg.MaxConns <= 0 {
		cfg.MaxConns = DefaultMaxConns
	}
	cfg.MinConns = 0
	app := opt.AppName
	if app == "" {
		app = "orderdash"
	}
	rp := cfg.ConnConfig.RuntimeParams
	rp["application_name"] = app
	if opt.Schema != "" {
		rp["search_path"] = opt.Schema
	}
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		return nil, &storage.Error{Op: "open database", Path: where, Problem: storage.ErrCannotOpen,
			Why: "the URL cannot be used", Advice: "check [storage] url", Detail: scrub(err.Error(), secret)}
	}
	schema := opt.Schema
	if schema == "" {
		schema = "public"
		if sp := rp["search_path"]; sp != "" {
			schema = strings.TrimSpace(strings.Split(sp, ",")[0])
		}
	}
	ttl := opt.LeaseTTL
	if ttl <= 0 {
		ttl = DefaultLeaseTTL
	}
	syncTTL := opt.SyncLeaseTTL
	if syncTTL <= 0 {
		syncTTL = storage.SyncLeaseTTL
	}
	return &Store{
		pool: pool, connCfg: cfg.ConnConfig.Copy(), where: where, secret: secret,
		id: strings.ToLower(rand.Text()[:16]), ttl: ttl, syncTTL: syncTTL,
		channel: "orderdash." + schema,
		stop:    make(chan struct{}), done: make(chan struct{}),
	}, nil
}

// Describe says which database this is; never its password.
func (s *Store) Describe() string { return s.where }

// Path is where the data lives, for the dashboard, which only asks
// whether it outlives the process (a file's path there; never "" here).
func (s *Store) Path() string { return s.where }

// Holder is this process's name on its leases and claims.
func (s *Store) Holder() string { return s.id }

// Ping reports whether the server answers.
func (s *Store) Ping(ctx context.Context) error {
	return s.wrap("reach database", s.pool.Ping(ctx))
}

// Close gives up this process's claims and lets its leases lapse at once
// (a change it was still sending is settled by the next reconciliation,
// as after a crash, without waiting LeaseTTL), then closes the pool.
func (s *Store) Close() error {
	if s == nil {
		return nil
	}
	select {
	case <-s.stop:
		return nil
	default:
	}
	close(s.stop)
	<-s.done
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, err1 := s.pool.Exec(ctx, `DELETE FROM claims WHERE holder = $1`, s.id)
	_, err2 := s.pool.Exec(ctx, `UPDATE changes SET lease_until = now() WHERE lease_holder = $1`, s.id)
	var err3 error
	if s.syncLeases.Load() > 0 {
		_, err3 = s.pool.Exec(ctx, `UPDATE mirror_sync SET lease_holder = '', lease_until = NULL WHERE lease_holder = $1`, s.id)
	}
	s.pool.Close()
	if err := errors.Join(err1, err2, err3); err != nil && !errors.Is(s.wrap("close database", err), storage.ErrOffline) {
		return s.wrap("close database", err)
	}
	return nil
}

// heartbeat renews the leases of the changes this process is sending, a
// third of LeaseTTL at a time, so they outlive a slow store but not a
// dead process.
func (s *Store) heartbeat() {
	defer close(s.done)
	t := time.NewTicker(s.ttl / 3)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
		}
		if s.syncLeases.Load() > 0 {
			// A page can take longer than the lease (a slow store):
			// the lease lasts while this process does.
			ctx, cancel := context.WithTimeout(context.Background(), s.ttl/3)
			s.pool.Exec(ctx, `UPDATE mirror_sync SET lease_until = now() + $2 * interval '1 millisecond'
				WHERE lease_holder = $1`, s.id, ms(s.syncTTL))
			cancel()
		}
		ids := s.busyIDs()
		if len(ids) == 0 {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), s.ttl/3)
		// A failure is retried at the next tick; should the lease lapse
		// meanwhile, the change's outcome is written by its sender or
		// settled by reconciliation, never both (transition checks).
		s.pool.Exec(ctx, `UPDATE changes SET lease_until = now() + $3 * interval '1 millisecond'
			WHERE lease_holder = $1 AND id = ANY($2)`, s.id, ids, s.ttl.Milliseconds())
		cancel()
	}
}

func (s *Store) begin(id int64)     { s.sending.Begin(id) }
func (s *Store) end(id int64)       { s.sending.End(id) }
func (s *Store) busy(id int64) bool { return s.sending.Busy(id) }
func (s *Store) busyIDs() []int64   { return s.sending.IDs() }

// ms is d as milliseconds, for `$n * interval '1 millisecond'`.
func ms(d time.Duration) int64 { return d.Milliseconds() }
