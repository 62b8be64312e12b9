package main

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/config"
	"github.com/orderdash/orderdash/demo"
	"github.com/orderdash/orderdash/storage"
)

// The local database of one run (package storage): the change journal
// every status change is written to before it is sent, and the local
// history it yields. It is opened once, on first use, and closed with the
// app.
//
// When the file cannot be used (damaged, locked, from a newer orderdash,
// disk full, no permission), orderdash says so in one line and:
//   - reads (list, show, statuses, the dashboard's browsing) go on against
//     the stores, without local history;
//   - changes are refused: set-status fails, and the dashboard opens
//     read-only. An in-memory journal would forget a change whose outcome
//     is unknown the moment the process ends, which is exactly the change
//     that must never be silently dropped. The way out is explicit: fix or
//     move the file (the message says how), or choose another database
//     with --data-dir.
type dbState struct {
	mu     sync.Mutex
	opened bool
	path   string
	db     *storage.DB
	err    error
	warned bool

	resetMu   sync.Mutex
	resetDone bool
}

// databasePath is the database a run uses: the demo keeps its own under
// its state folder, so demo changes never mix with the real journal;
// otherwise config.Paths.Database decides (--data-dir, [storage] path,
// the XDG data folder).
func (a *app) databasePath(useDemo bool) string {
	if useDemo {
		return filepath.Join(demo.StateDir(a.paths.DataDir), storage.FileName)
	}
	return a.paths.Database(a.storageConfig())
}

func (a *app) storageConfig() config.Storage {
	if a.file != nil {
		return a.file.Storage
	}
	return config.Storage{}
}

// database opens the run's database once; later calls return the same
// handle, or the same error. It is safe for concurrent use (check opens
// stores in parallel).
func (a *app) database(ctx context.Context, useDemo bool) (*storage.DB, error) {
	a.dbs.mu.Lock()
	defer a.dbs.mu.Unlock()
	path := a.databasePath(useDemo)
	if a.dbs.opened {
		if path != a.dbs.path {
			// One run, one journal: a bug if it ever happens.
			return nil, fmt.Errorf("database %s: this run already uses %s", path, a.dbs.path)
		}
		return a.dbs.db, a.dbs.err
	}
	a.dbs.opened, a.dbs.path = true, path
	if useDemo {
		if err := a.resetDemo(); err != nil {
			a.dbs.err = err
			return nil, err
		}
	}
	db, err := storage.Open(ctx, path)
	if err != nil {
		a.dbs.err = err
		return nil, err
	}
	a.dbs.db = db
	a.closers = append(a.closers, db.Close)
	a.log.Debug("database opened", "path", db.Path())
	return db, nil
}

// warnDatabase says once, on stderr, that the database is not used.
func (a *app) warnDatabase(err error) {
	a.dbs.mu.Lock()
	defer a.dbs.mu.Unlock()
	if a.dbs.warned {
		return
	}
	a.dbs.warned = true
	fmt.Fprintf(a.err, "orderdash: %s; going on without the local history\n", backend.CleanLine(err.Error()))
}

// databaseSaid records that the caller has told the operator why the
// database is not used, so warnDatabase stays quiet.
func (a *app) databaseSaid() {
	a.dbs.mu.Lock()
	a.dbs.warned = true
	a.dbs.mu.Unlock()
}

// resetDemo forgets the demo's state and database, once per run, when
// --demo-reset asks for it; before anything of the demo is opened.
func (a *app) resetDemo() error {
	a.dbs.resetMu.Lock()
	defer a.dbs.resetMu.Unlock()
	if !a.g.demoReset || a.dbs.resetDone {
		return nil
	}
	a.dbs.resetDone = true
	return demo.Reset(a.paths.DataDir)
}
