package main

import (
	"context"
	"sync"

	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/pgstore"
	"github.com/orderdash/orderdash/ui"
)

// Team mode: with `[storage] url` (or url_env), the journal, the local
// history, the Kornit X inbox and the mirror live in PostgreSQL, shared
// by every operator's orderdash and every receiver (package pgstore);
// without it, in the SQLite file (package storage). Either way the
// commands reach them through storage.Store (docs/team.md).
type teamState struct {
	mu     sync.Mutex
	opened bool
	st     *pgstore.Store
	err    error
}

// usesPostgres reports whether this run keeps its journal in PostgreSQL:
// the config names one, and this is not the demo (whose journal is its
// own file).
func (a *app) usesPostgres(useDemo bool) bool {
	return !useDemo && a.storageConfig().UsesPostgres()
}

// journalStore is where this run's journal, local history, Kornit X
// inbox and mirror live, opened once; later calls return the same handle
// or error.
func (a *app) journalStore(ctx context.Context, useDemo bool) (storage.Store, error) {
	if !a.usesPostgres(useDemo) {
		db, err := a.database(ctx, useDemo)
		if err != nil {
			return nil, err
		}
		return db, nil
	}
	return a.postgres(ctx, pgstore.Options{MaxConns: teamConns, LeaseTTL: a.storageConfig().Lease})
}

// teamConns is an orderdash's pool in team mode. With the connection
// Subscribe holds that is two per dashboard, so eight dashboards cost the
// server sixteen (issue 13's budget); a table read may wait behind the
// sync's page write (about 0.1 s), which the reader's queue absorbs.
const teamConns = 1

// postgres opens the team's database once.
func (a *app) postgres(ctx context.Context, opt pgstore.Options) (*pgstore.Store, error) {
	a.team.mu.Lock()
	defer a.team.mu.Unlock()
	if a.team.opened {
		return a.team.st, a.team.err
	}
	a.team.opened = true
	st, err := pgstore.Open(ctx, a.storageConfig().URL, opt)
	if err != nil {
		a.team.err = err
		return nil, err
	}
	a.team.st = st
	a.closers = append(a.closers, st.Close)
	a.log.Debug("team database opened", "database", st.Describe())
	return st, nil
}

// storeWhere names the journal's database in messages: the SQLite file's
// path as before, or the PostgreSQL database (never its password).
func storeWhere(st storage.Store) string {
	if db, ok := st.(*storage.DB); ok {
		return db.Path()
	}
	return st.Describe()
}

// The dashboard's database is the store itself, whichever it is.
var (
	_ ui.Database = (*storage.DB)(nil)
	_ ui.Database = (*pgstore.Store)(nil)
)
