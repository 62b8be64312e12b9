package pgstore

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/orderdash/orderdash/storage"
)

// migrations bring the schema up one version at a time: migrations[i]
// takes it from version i to i+1. The list only grows: a released
// migration is never edited. Each runs in the transaction that records
// its version in orderdash_schema.
var migrations = []string{
	// 1: the journal (the outbox), its log, the Kornit X inbox, claims.
	// Journal times are Unix nanoseconds UTC (0: never), as on SQLite, so
	// an entry reads back exactly as it was written; lease and claim
	// expiries are the server's timestamps, so the clocks of the
	// machines sharing it never disagree about them.
	`
CREATE TABLE changes (
	id             bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	store          text    NOT NULL,
	order_id       text    NOT NULL,
	from_code      text    NOT NULL,
	from_name      text    NOT NULL,
	from_kind      text    NOT NULL,
	to_code        text    NOT NULL,
	to_name        text    NOT NULL,
	to_kind        text    NOT NULL,
	notify         boolean NOT NULL,
	note           text    NOT NULL,
	tracking       text    NOT NULL,
	idem_key       text    NOT NULL UNIQUE,
	operator       text    NOT NULL,
	requested      bigint  NOT NULL,
	state          text    NOT NULL CHECK (state IN ('pending','sent','confirmed','failed','unknown','dropped')),
	needs_decision boolean NOT NULL DEFAULT false,
	error          text    NOT NULL DEFAULT '',
	result_code    text    NOT NULL DEFAULT '',
	result_name    text    NOT NULL DEFAULT '',
	result_kind    text    NOT NULL DEFAULT '',
	attempts       integer NOT NULL DEFAULT 0,
	sent_at        bigint  NOT NULL DEFAULT 0,
	updated        bigint  NOT NULL,
	lease_holder   text    NOT NULL DEFAULT '', -- the process sending or settling it
	lease_until    timestamptz                  -- its lease lapses then
);
CREATE INDEX changes_open ON changes (store, id) WHERE state IN ('pending','sent','unknown','failed');
CREATE INDEX changes_order ON changes (store, order_id, id);
CREATE TABLE change_log (
	change_id bigint  NOT NULL REFERENCES changes (id),
	seq       integer NOT NULL,
	at        bigint  NOT NULL,
	state     text    NOT NULL,
	operator  text    NOT NULL,
	message   text    NOT NULL,
	PRIMARY KEY (change_id, seq)
);
CREATE TABLE kx_orders (
	store     text    NOT NULL,
	id        text    NOT NULL,
	id_num    bigint  NOT NULL,
	status    text    NOT NULL,
	email     text    NOT NULL,
	search    text    NOT NULL,
	created   bigint  NOT NULL,
	updated   bigint  NOT NULL,
	received  bigint  NOT NULL,
	pushed    bigint  NOT NULL,
	pushes    integer NOT NULL,
	data      text    NOT NULL,
	history   text    NOT NULL,
	raw       bytea   NOT NULL,
	PRIMARY KEY (store, id)
);
CREATE INDEX kx_orders_created ON kx_orders (store, created, id_num);
CREATE INDEX kx_orders_updated ON kx_orders (store, updated, id_num);
CREATE INDEX kx_orders_status ON kx_orders (store, status, created);
CREATE TABLE claims (
	store    text        NOT NULL,
	order_id text        NOT NULL,
	operator text        NOT NULL DEFAULT '',
	holder   text        NOT NULL DEFAULT '', -- '' when free
	until    timestamptz NOT NULL DEFAULT 'epoch',
	PRIMARY KEY (store, order_id)
);
CREATE INDEX claims_holder ON claims (holder) WHERE holder <> '';
`,
	// 2: the mirror (mirror_migrate.go).
	migrateMirror,
}

// SchemaVersion is the schema this build writes.
func SchemaVersion() int { return len(migrations) }

// Migrate applies the missing migrations and returns the versions it
// applied (none when the schema is current). It holds an advisory lock
// for the schema meanwhile, so processes starting at once migrate once:
// the others wait, then find nothing to do. A schema newer than this
// build is refused (storage.ErrNewerSchema) and left alone.
func (s *Store) Migrate(ctx context.Context) ([]int, error) {
	const op = "upgrade database"
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	defer conn.Release()
	key := `hashtext('orderdash.migrate.' || current_schema())`
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(`+key+`)`); err != nil {
		return nil, s.wrap(op, err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(`+key+`)`)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS orderdash_schema (
		version integer PRIMARY KEY,
		applied timestamptz NOT NULL DEFAULT now())`); err != nil {
		return nil, s.wrap(op, err)
	}
	v, err := schemaVersion(ctx, conn.Conn())
	if err != nil {
		return nil, s.wrap(op, err)
	}
	if err := s.checkVersion(v); err != nil {
		return nil, err
	}
	var applied []int
	for ; v < len(migrations); v++ {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, migrations[v]); err != nil {
				return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
			}
			_, err := tx.Exec(ctx, `INSERT INTO orderdash_schema (version) VALUES ($1)`, v+1)
			return err
		})
		if err != nil {
			return applied, s.wrap(op, err)
		}
		applied = append(applied, v+1)
	}
	return applied, nil
}

// Version is the schema the database has (0: none yet), read only.
func (s *Store) Version(ctx context.Context) (int, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return 0, s.wrap("read database version", err)
	}
	defer conn.Release()
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass('orderdash_schema') IS NOT NULL`).Scan(&exists); err != nil || !exists {
		return 0, s.wrap("read database version", err)
	}
	v, err := schemaVersion(ctx, conn.Conn())
	return v, s.wrap("read database version", err)
}

func schemaVersion(ctx context.Context, c *pgx.Conn) (int, error) {
	var v int
	err := c.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM orderdash_schema`).Scan(&v)
	return v, err
}

func (s *Store) checkVersion(v int) error {
	if v > len(migrations) {
		return &storage.Error{Op: "open database", Path: s.where, Problem: storage.ErrNewerSchema,
			Why:    fmt.Sprintf("schema %d; this orderdash knows up to %d", v, len(migrations)),
			Advice: "update orderdash on this machine (every machine of the team runs the same version)"}
	}
	return nil
}
