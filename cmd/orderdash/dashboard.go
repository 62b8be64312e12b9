package main

import (
	"context"
	"errors"
	"flag"

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
		stores, err := a.openStores(ctx, useDemo)
		if err != nil {
			return err
		}
		j, err := a.journal(ctx)
		if err != nil {
			return err
		}
		bs := make([]backend.Backend, len(stores))
		readOnly := map[string]bool{}
		for i, s := range stores {
			bs[i] = s.Backend
			if s.readOnly {
				readOnly[s.Name()] = true
			}
		}
		err = ui.Run(ctx, ui.Options{
			Stores:        bs,
			ReadOnly:      a.g.readOnly,
			StoreReadOnly: readOnly,
			Journal:       j,
			Config:        a.ui,
			Keys:          a.keys,
			Themes:        a.themes,
			Demo:          useDemo,
			Operator:      a.operator(),
			Logger:        a.log,
		})
		if ctx.Err() != nil && errors.Is(err, context.Canceled) {
			return nil // stopped by a signal: a clean exit
		}
		return err
	}
}
