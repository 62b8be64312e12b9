package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/ui"
)

func dashboardSetup(fs *flag.FlagSet) runFunc {
	return func(ctx context.Context, a *app, args []string) error {
		if len(args) > 0 {
			return usagef(nil, "unexpected argument %q", args[0])
		}
		if err := a.load(); err != nil {
			return err
		}
		// With no config file the dashboard shows the demo, and says so.
		useDemo := a.useDemo() || a.file == nil
		readOnly := a.g.readOnly
		// Without its journal the dashboard still browses the stores, but
		// changes nothing: nothing could record a change durably.
		j, jerr := a.journal(ctx, useDemo)
		if jerr != nil {
			readOnly = true
			j = backend.NopJournal{}
			a.databaseSaid() // said here, before and after the screen
			fmt.Fprintf(a.err, "orderdash: %s; the dashboard opens read-only\n", backend.CleanLine(jerr.Error()))
		}
		stores, err := a.openStores(ctx, useDemo)
		if err != nil {
			return err
		}
		bs := make([]backend.Backend, len(stores))
		storeReadOnly := map[string]bool{}
		for i, s := range stores {
			bs[i] = s.Backend
			if s.readOnly {
				storeReadOnly[s.Name()] = true
			}
		}
		var rec *backgroundReconcile
		if db, err := a.database(ctx, useDemo); err == nil {
			rec = a.startReconcile(ctx, db, stores)
		}
		err = ui.Run(ctx, ui.Options{
			Stores:        bs,
			ReadOnly:      readOnly,
			StoreReadOnly: storeReadOnly,
			Journal:       j,
			Config:        a.ui,
			Keys:          a.keys,
			Themes:        a.themes,
			Demo:          useDemo,
			Operator:      a.operator(),
			Logger:        a.log,
		})
		// What reconciliation did goes to the terminal the dashboard gives
		// back; the follow-up hands it to the journal view instead.
		if rec != nil {
			outcomes, rerr := rec.Stop()
			writeOutcomes(a.err, "orderdash: ", worthTelling(outcomes))
			if rerr != nil {
				fmt.Fprintf(a.err, "orderdash: %s\n", backend.CleanLine(rerr.Error()))
			}
		}
		if jerr != nil {
			fmt.Fprintf(a.err, "orderdash: the dashboard ran read-only: %s\n", backend.CleanLine(jerr.Error()))
		}
		if ctx.Err() != nil && errors.Is(err, context.Canceled) {
			return nil // stopped by a signal: a clean exit
		}
		return err
	}
}
