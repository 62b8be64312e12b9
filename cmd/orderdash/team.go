package main

import (
	"context"
	"sync"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/pgstore"
	"github.com/orderdash/orderdash/ui"
)

// Team mode: with `[storage] url` (or url_env), the journal, the local
// history and the Kornit X inbox live in PostgreSQL, shared by every
// operator's orderdash and every receiver (package pgstore); without it,
// in the SQLite file (package storage). Either way the commands reach
// them through storage.Store. The mirror stays in the
// SQLite file for now (docs/team.md).
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

// journalStore is where this run's journal, local history and Kornit X
// inbox live, opened once; later calls return the same handle or error.
func (a *app) journalStore(ctx context.Context, useDemo bool) (storage.Store, error) {
	if !a.usesPostgres(useDemo) {
		db, err := a.database(ctx, useDemo)
		if err != nil {
			return nil, err
		}
		return db, nil
	}
	return a.postgres(ctx, pgstore.Options{})
}

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

// teamDB is the dashboard's database in team mode: the mirror in the
// SQLite file, the journal in PostgreSQL.
type teamDB struct {
	*storage.DB
	j storage.Journals
}

var _ ui.Database = teamDB{}

func (t teamDB) Changes(ctx context.Context, f backend.ChangeFilter) ([]backend.JournalEntry, error) {
	return t.j.Changes(ctx, f)
}
func (t teamDB) Change(ctx context.Context, id int64) (backend.JournalEntry, error) {
	return t.j.Change(ctx, id)
}
func (t teamDB) Steps(ctx context.Context, id int64) ([]backend.JournalStep, error) {
	return t.j.Steps(ctx, id)
}
func (t teamDB) Resend(ctx context.Context, b backend.Backend, id int64, operator string) (backend.Order, error) {
	return t.j.Resend(ctx, b, id, operator)
}
func (t teamDB) Drop(ctx context.Context, id int64, operator string) error {
	return t.j.Drop(ctx, id, operator)
}
func (t teamDB) Reconcile(ctx context.Context, b backend.Backend, opt backend.ReconcileOptions) ([]backend.ReconcileOutcome, error) {
	return t.j.Reconcile(ctx, b, opt)
}
