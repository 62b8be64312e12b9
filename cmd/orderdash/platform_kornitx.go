package main

import (
	"context"
	"sync"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/kornitx"
	"github.com/orderdash/orderdash/config"
	"github.com/orderdash/orderdash/storage"
)

// Kornit X pushes its orders to `orderdash receive`, which keeps them in
// the local database; the client reads them from there, so it needs the
// database, not only its config.
func init() {
	platforms[kornitx.Platform] = platform{
		newConfig: func() any { return new(kornitx.Config) },
		open: func(a *app, cfg any, opt httpx.Options) (backend.Backend, error) {
			db, err := kornitxDB(context.Background(), a)
			if err != nil {
				return nil, err
			}
			return kornitx.New(*cfg.(*kornitx.Config), db.KornitXOrders(), opt)
		},
	}
}

// kornitxDBs holds the database each app opened for its Kornit X stores:
// one handle per run, however many such stores (check opens stores in
// parallel, hence the lock).
var (
	kornitxMu  sync.Mutex
	kornitxDBs = map[*app]*storage.DB{}
)

// kornitxDB opens the local database (where pushed orders are) once per
// app and closes it with the app.
func kornitxDB(ctx context.Context, a *app) (*storage.DB, error) {
	kornitxMu.Lock()
	defer kornitxMu.Unlock()
	if db, ok := kornitxDBs[a]; ok {
		return db, nil
	}
	st := config.Storage{}
	if a.file != nil {
		st = a.file.Storage
	}
	db, err := storage.Open(ctx, a.paths.Database(st))
	if err != nil {
		return nil, err
	}
	kornitxDBs[a] = db
	a.closers = append(a.closers, func() error {
		kornitxMu.Lock()
		delete(kornitxDBs, a)
		kornitxMu.Unlock()
		return db.Close()
	})
	return db, nil
}
