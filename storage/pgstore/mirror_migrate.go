package pgstore

import "context"

// migrateMirror (migration 2) is the mirror in PostgreSQL: SQLite's
// mirror table (storage/mirror.go and the migrations after it) as one,
// so every operator's dashboard reads one copy of every store's orders.
//
//   - Text columns that windows sort or compare are COLLATE "C": byte
//     order, as SQLite compares, so a view reads in the same order on
//     either database whatever the server's locale.
//   - seq is the row's arrival order (SQLite's rowid): CountNew's mark.
//     Sequence values are handed out before commit, so a row committed
//     just after a mark was taken may carry a lower value than it: at
//     worst one tab's "N new" misses an order that arrived during the
//     visit.
//   - mirror_counts is kept by a row trigger in the transaction of every
//     write, so Count and Tally read a few dozen rows however large the
//     mirror (BenchmarkPGMirrorCount). Rows at zero stay (a later
//     arrival reuses them); readers skip them.
//   - mirror_sync holds each store's cursors and its sync lease: one
//     process syncs a store at a time (LockSync).
//   - Text search is pg_trgm's GIN index on search, where the extension
//     can be made (it is a trusted extension: any user with CREATE on the
//     database may). Where it cannot, the index is left out and text
//     views test each row with LIKE: correct, but a walk of the view's
//     order (see `orderdash check`).
const migrateMirror = `
CREATE TABLE mirror (
	seq         bigint  GENERATED ALWAYS AS IDENTITY,
	store       text    COLLATE "C" NOT NULL,
	id          text    COLLATE "C" NOT NULL,
	id_num      bigint  NOT NULL,
	number      text    COLLATE "C" NOT NULL,
	ref         text    COLLATE "C" NOT NULL,
	status      text    COLLATE "C" NOT NULL,
	status_name text    COLLATE "C" NOT NULL,
	kind        text    COLLATE "C" NOT NULL,
	created     bigint  NOT NULL,  -- Unix ns UTC; 0 when unknown
	updated     bigint  NOT NULL,  -- in the store's clock
	total       text    NOT NULL,
	currency    text    NOT NULL,
	customer    text    COLLATE "C" NOT NULL,
	email       text    NOT NULL,
	items       integer NOT NULL,
	search      text    COLLATE "C" NOT NULL,  -- backend.SearchText
	final_since bigint  NOT NULL,  -- when first seen final; 0 while open
	detailed    boolean NOT NULL,
	data        text    NOT NULL,  -- JSON of the order
	synced      bigint  NOT NULL,  -- local time of the last write
	checked     bigint  NOT NULL,  -- local time the store was last asked about it
	since       bigint  NOT NULL,  -- when it entered its status (storage/mirror_sorts.go)
	total_val   bigint  NOT NULL,
	dispatch_by bigint  NOT NULL,
	urgent      boolean NOT NULL,
	PRIMARY KEY (store, id)
);
CREATE UNIQUE INDEX mirror_seq ON mirror (seq);
-- An id in any store (lookups, search's exact match).
CREATE INDEX mirror_id ON mirror (id);
-- Keyset windows: a range of one of these per view (or per store of it).
CREATE INDEX mirror_created ON mirror (created, store, id);
CREATE INDEX mirror_updated ON mirror (updated, store, id);
CREATE INDEX mirror_since ON mirror (since, store, id);
CREATE INDEX mirror_total ON mirror (total_val, store, id);
CREATE INDEX mirror_status_name ON mirror (status_name, created, store, id);
CREATE INDEX mirror_customer ON mirror (customer, created, store, id);
CREATE INDEX mirror_store_created ON mirror (store, created, id);
CREATE INDEX mirror_store_updated ON mirror (store, updated, id);
CREATE INDEX mirror_store_since ON mirror (store, since, id);
CREATE INDEX mirror_store_total ON mirror (store, total_val, id);
CREATE INDEX mirror_store_status_name ON mirror (store, status_name, created, id);
CREATE INDEX mirror_store_customer ON mirror (store, customer, created, id);
-- Due: one range per (store, kind); late counts.
CREATE INDEX mirror_store_kind_since ON mirror (store, kind, since, id);
CREATE INDEX mirror_status ON mirror (store, status, created, id);
-- A kind filter by creation: one range per kind.
CREATE INDEX mirror_kind ON mirror (kind, created, store, id);
-- Open orders to re-read, final ones to prune.
CREATE INDEX mirror_final ON mirror (store, final_since, checked);
CREATE INDEX mirror_dispatch ON mirror (store, dispatch_by) WHERE dispatch_by > 0;
-- Lookups (MirrorFind) as backend.LookupKey folds them.
CREATE INDEX mirror_number_key ON mirror (lower(ltrim(trim(number), '#')));
CREATE INDEX mirror_ref_key ON mirror (lower(ltrim(trim(ref), '#')));

CREATE TABLE mirror_counts (
	store  text    COLLATE "C" NOT NULL,
	status text    COLLATE "C" NOT NULL,
	kind   text    COLLATE "C" NOT NULL,
	open   boolean NOT NULL,  -- final_since = 0
	n      bigint  NOT NULL,
	PRIMARY KEY (store, status, kind, open)
);
CREATE FUNCTION mirror_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND OLD.store = NEW.store AND OLD.status = NEW.status AND OLD.kind = NEW.kind
		AND (OLD.final_since = 0) = (NEW.final_since = 0) THEN
		RETURN NULL;
	END IF;
	IF TG_OP <> 'INSERT' THEN
		UPDATE mirror_counts SET n = n - 1
			WHERE store = OLD.store AND status = OLD.status AND kind = OLD.kind AND open = (OLD.final_since = 0);
	END IF;
	IF TG_OP <> 'DELETE' THEN
		INSERT INTO mirror_counts AS c (store, status, kind, open, n)
			VALUES (NEW.store, NEW.status, NEW.kind, NEW.final_since = 0, 1)
			ON CONFLICT (store, status, kind, open) DO UPDATE SET n = c.n + 1;
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER mirror_counts_keep AFTER INSERT OR DELETE OR UPDATE OF store, status, kind, final_since
	ON mirror FOR EACH ROW EXECUTE FUNCTION mirror_counts_keep();

CREATE TABLE mirror_sync (
	store         text    COLLATE "C" PRIMARY KEY,
	watermark     bigint  NOT NULL DEFAULT 0,
	last_id       text    NOT NULL DEFAULT '',
	pass_started  bigint  NOT NULL DEFAULT 0,
	pass_from     bigint  NOT NULL DEFAULT 0,
	pass_cursor   text    NOT NULL DEFAULT '',
	pass_max      bigint  NOT NULL DEFAULT 0,
	pass_full     boolean NOT NULL DEFAULT false,
	pass_done     integer NOT NULL DEFAULT 0,
	pass_total    integer NOT NULL DEFAULT -1,
	last_full     bigint  NOT NULL DEFAULT 0,
	last_sync     bigint  NOT NULL DEFAULT 0,
	last_error    text    NOT NULL DEFAULT '',
	last_error_at bigint  NOT NULL DEFAULT 0,
	lease_holder  text    NOT NULL DEFAULT '',  -- the process syncing the store
	lease_until   timestamptz                   -- on the server's clock
);

-- pg_trgm into public when allowed (a schema of its own would take the
-- extension with it when dropped), else where CREATE goes; without it,
-- no text index (see above).
DO $$
DECLARE ns text;
BEGIN
	BEGIN
		CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
	EXCEPTION WHEN others THEN
		BEGIN
			CREATE EXTENSION IF NOT EXISTS pg_trgm;
		EXCEPTION WHEN others THEN
			RAISE NOTICE 'pg_trgm cannot be created (%): text search reads without an index', SQLERRM;
		END;
	END;
	SELECT extnamespace::regnamespace::text INTO ns FROM pg_extension WHERE extname = 'pg_trgm';
	IF ns IS NOT NULL THEN
		EXECUTE format('CREATE INDEX mirror_trgm ON mirror USING gin (search %s.gin_trgm_ops)', ns);
	END IF;
END $$;
`

// MirrorVersion is the schema version that has the mirror.
const MirrorVersion = 2

// TextIndexed reports whether the mirror's text search has pg_trgm's
// index (see migrateMirror), for `info` and `check`.
func (s *Store) TextIndexed(ctx context.Context) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, `SELECT to_regclass('mirror_trgm') IS NOT NULL`).Scan(&ok)
	return ok, s.wrap("read database", err)
}
