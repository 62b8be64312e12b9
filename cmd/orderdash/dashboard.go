package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path/filepath"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/ui"
)

func dashboardSetup(fs *flag.FlagSet) runFunc {
	fresh := fs.Bool("fresh", false, "start without the last run's tab and filters (the state file)")
	return func(ctx context.Context, a *app, args []string) error {
		if len(args) > 0 {
			return usagef(nil, "unexpected argument %q", args[0])
		}
		if err := a.load(); err != nil {
			return err
		}
		opts, err := a.dashboardOptions(ctx)
		if err != nil {
			return err
		}
		opts.StatePath, opts.State = a.dashboardState(opts.Demo, *fresh)
		var stopSync func()
		opts.Sync, opts.SyncNow, stopSync = a.startSync(ctx, opts.Demo, opts.Stores)
		err = ui.Run(ctx, opts)
		stopSync()
		if opts.DBProblem != nil {
			// Said on screen too; this line stays in the terminal.
			fmt.Fprintf(a.err, "orderdash: the dashboard ran read-only: %s\n", backend.CleanLine(opts.DBProblem.Error()))
		}
		if ctx.Err() != nil && errors.Is(err, context.Canceled) {
			return nil // stopped by a signal: a clean exit
		}
		return err
	}
}

// dashboardOptions opens what the dashboard works with: the stores (each
// with its local history), the journal and the local database, which the
// dashboard uses for the mirror its tables read, its journal view and
// reconciliation (at start, in the background, never resending to a
// read-only store).
//
// Without a usable database the tables read a mirror in memory (the sync
// fills it), but the dashboard opens read-only and says why: nothing
// could record a change durably.
func (a *app) dashboardOptions(ctx context.Context) (ui.Options, error) {
	// With no config file the dashboard shows the demo, and says so.
	useDemo := a.useDemo()
	opts := ui.Options{
		ReadOnly: a.g.readOnly, StoreReadOnly: map[string]bool{},
		Config: a.ui, Keys: a.keys, Themes: a.themes,
		Demo: useDemo, Operator: a.operator(), Logger: a.log,
		OpenURL: openInBrowser,
	}
	// The file, or in team mode PostgreSQL: mirror and journal alike.
	journal, err := a.journalStore(ctx, useDemo)
	var db ui.Database
	if err == nil {
		var ok bool
		if db, ok = journal.(ui.Database); !ok {
			err = fmt.Errorf("%s cannot hold the dashboard's mirror", journal.Describe())
		}
	}
	if err != nil {
		opts.ReadOnly, opts.DBProblem = true, err
		a.databaseSaid() // the dashboard shows it; run repeats it at the end
		mem, err := a.memoryMirror(ctx)
		if err != nil {
			return ui.Options{}, err
		}
		opts.Mirror = mem
	} else {
		opts.DB = db
		opts.Journal = journal.Journal(a.operator())
		opts.Claims = journal
		if live, ok := journal.(ui.Live); ok {
			opts.Live = live // team mode: other operators' changes show live
		}
	}
	stores, err := a.openStores(ctx, useDemo)
	if err != nil {
		return ui.Options{}, err
	}
	opts.AdminURLs = a.adminURLs(useDemo) // the demo's are known once its stores run
	opts.SLA = &backend.SLAs{Default: backend.DefaultSLA(), Stores: map[string]backend.SLA{}}
	for _, s := range stores {
		opts.SLA.Stores[s.Name()] = a.sla(s.Name())
		opts.Stores = append(opts.Stores, s.Backend)
		if s.readOnly {
			opts.StoreReadOnly[s.Name()] = true
		}
	}
	opts.Views = a.views(useDemo)
	return opts, nil
}

// memoryMirror is the mirror of a run whose database file cannot be used:
// in memory, opened once, closed with the app.
func (a *app) memoryMirror(ctx context.Context) (*storage.DB, error) {
	if a.memMirror != nil {
		return a.memMirror, nil
	}
	db, err := storage.OpenInMemory(ctx)
	if err != nil {
		return nil, fmt.Errorf("a mirror in memory: %w", err)
	}
	a.memMirror = db
	a.closers = append(a.closers, func() error { a.memMirror = nil; return db.Close() })
	return db, nil
}

// dashboardState is where the dashboard keeps what it had on screen, and
// what the last run left there (nil with --fresh, or when there is none).
// The demo keeps its own: its tabs are not the configured stores'.
func (a *app) dashboardState(demo, fresh bool) (string, *ui.State) {
	path := a.paths.StateFile
	if demo {
		path = filepath.Join(filepath.Dir(path), "demo-state.json")
	}
	if fresh {
		return path, nil
	}
	return path, ui.LoadState(path, a.log)
}
