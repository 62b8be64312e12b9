package main

import (
	"context"
	"flag"
	"fmt"
	"sync"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/mirror"
)

func init() {
	register(&command{
		name: "sync", args: "[--store NAME]",
		summary: "bring the local mirror of every store (or one) up to date now, and say what changed",
		setup:   syncSetup,
	})
}

func syncSetup(fs *flag.FlagSet) runFunc {
	var name string
	fs.StringVar(&name, "store", "", "only the store called `NAME`")
	return func(ctx context.Context, a *app, args []string) error {
		if len(args) > 0 {
			return usagef(commands["sync"], "unexpected argument %q", args[0])
		}
		if err := a.load(); err != nil {
			return err
		}
		useDemo := a.useDemo()
		if !useDemo && a.file == nil {
			return a.noConfig()
		}
		db, err := a.journalStore(ctx, useDemo)
		if err != nil {
			a.databaseSaid() // said once, as the error: the mirror lives in the database
			return err
		}
		stores, err := a.stores(ctx, useDemo, name)
		if err != nil {
			return err
		}
		opt := a.mirrorOptions()
		results := make([]mirror.Result, len(stores))
		var wg sync.WaitGroup
		for i, s := range stores {
			wg.Go(func() { results[i] = mirror.Sync(ctx, db, s.Backend, opt) })
		}
		wg.Wait()
		stats, err := db.MirrorStats(ctx)
		if err != nil {
			return err
		}
		size := map[string]int{}
		for _, s := range stats {
			size[s.Store] = s.Orders
		}
		t := &table{header: []string{"STORE", "PASS", "ADDED", "UPDATED", "REMOVED", "PRUNED", "REQUESTS", "ORDERS", "SYNCED"},
			right: map[int]bool{2: true, 3: true, 4: true, 5: true, 6: true, 7: true}}
		failed := 0
		now := time.Now()
		for _, r := range results {
			pass := "update"
			if r.Full {
				pass = "first fill"
			}
			synced := age(r.Synced, now)
			if r.Busy {
				// Team mode: another orderdash holds the store's sync
				// lease; what it syncs is in the shared mirror.
				pass, synced = "by another orderdash", "-"
			}
			if r.Err != nil {
				failed++
				pass, synced = "failed", "-"
			}
			t.add(r.Store, pass, fmt.Sprint(r.Added), fmt.Sprint(r.Updated), fmt.Sprint(r.Removed), fmt.Sprint(r.Pruned),
				fmt.Sprint(r.Requests), fmt.Sprint(size[r.Store]), synced)
		}
		if err := t.write(a.out); err != nil {
			return err
		}
		for _, r := range results {
			if r.Err != nil {
				fmt.Fprintf(a.err, "orderdash: %s\n", backend.CleanLine(r.Err.Error()))
			}
		}
		if failed > 0 {
			return fmt.Errorf("%d of %d stores could not be synced (above); what was read is kept, and the next sync goes on from there", failed, len(results))
		}
		return nil
	}
}
