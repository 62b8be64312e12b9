package storage

import (
	"context"
	"os"
)

// Info describes the database for `orderdash info`.
type Info struct {
	Path          string `json:"path"`
	Schema        int    `json:"schema"`
	Bytes         int64  `json:"bytes"` // the file and its write-ahead log
	Changes       int    `json:"changes"`
	OpenChanges   int    `json:"open_changes"`   // pending, sent, unknown or failed
	NeedsDecision int    `json:"needs_decision"` // of those, waiting for the operator
	CachedOrders  int    `json:"cached_orders"`
	CachedPages   int    `json:"cached_pages"`
}

// Info counts what the database holds. It reads every row of the cache
// index, so it is for `orderdash info`, not for painting.
func (db *DB) Info(ctx context.Context) (Info, error) {
	in := Info{Path: db.path}
	err := db.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM changes),
		(SELECT count(*) FROM changes WHERE state IN `+openStates+`),
		(SELECT count(*) FROM changes WHERE state IN `+openStates+` AND needs_decision),
		(SELECT count(*) FROM orders),
		(SELECT count(*) FROM pages)`).Scan(&in.Changes, &in.OpenChanges, &in.NeedsDecision, &in.CachedOrders, &in.CachedPages)
	if err != nil {
		return Info{}, wrap("read database info", db.path, err)
	}
	if err := db.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&in.Schema); err != nil {
		return Info{}, wrap("read database info", db.path, err)
	}
	for _, p := range []string{db.path, db.path + "-wal"} {
		if fi, err := os.Stat(p); err == nil && db.path != "" {
			in.Bytes += fi.Size()
		}
	}
	return in, nil
}
