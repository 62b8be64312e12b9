package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"sync"
	"time"

	"github.com/orderdash/orderdash/backend"
)

func init() {
	register(&command{
		name: "check", args: "[--store NAME]",
		summary: "is the config valid, and is each store reachable and the key accepted?",
		setup:   checkSetup,
	})
}

// checkTimeout bounds the check of one store.
const checkTimeout = 20 * time.Second

type checkResult struct {
	name, platform string
	detail         string
	err            error
	took           time.Duration
}

func checkSetup(fs *flag.FlagSet) runFunc {
	var name string
	fs.StringVar(&name, "store", "", "check only the store `NAME`")
	return func(ctx context.Context, a *app, args []string) error {
		if len(args) > 0 {
			return usagef(commands["check"], "unexpected argument %q", args[0])
		}
		if err := a.load(); err != nil {
			return err
		}
		if !a.useDemo() && a.file == nil {
			return a.noConfig()
		}
		switch {
		case a.file != nil && a.useDemo():
			fmt.Fprintf(a.out, "config  %s: ok (its stores are not used with --demo)\n", a.file.Path)
		case a.file != nil:
			fmt.Fprintf(a.out, "config  %s: ok, %d stores\n", a.file.Path, len(a.file.Stores))
		}
		var dbErr error
		if a.usesPostgres(a.useDemo()) {
			var line string
			line, dbErr = a.describeTeam(ctx, false)
			state := "ok"
			if dbErr != nil {
				state = "FAIL"
			}
			fmt.Fprintf(a.out, "database  %s (journal, local history, Kornit X inbox, mirror): %s\n", state, line)
		}
		results, err := checkStores(ctx, a, name)
		if err != nil {
			return err
		}
		t := &table{}
		failed := 0
		for _, r := range results {
			state, detail := "ok", r.detail
			if r.err != nil {
				state, detail = "FAIL", withoutStore(r.err)
				failed++
			}
			t.add(state, r.name, r.platform, detail, r.took.Round(10*time.Millisecond).String())
		}
		t.header = []string{"", "STORE", "PLATFORM", "RESULT", "TOOK"}
		if err := t.write(a.out); err != nil {
			return err
		}
		if failed > 0 {
			return fmt.Errorf("%d of %d stores failed the check", failed, len(results))
		}
		if dbErr != nil {
			return fmt.Errorf("the team database failed the check: %w", dbErr)
		}
		return nil
	}
}

// checkStores checks every store (or the one named) at once, each within
// checkTimeout, and returns the results in config order.
func checkStores(ctx context.Context, a *app, only string) ([]checkResult, error) {
	type target struct {
		name, platform string
		open           func() (store, error)
	}
	var targets []target
	if a.useDemo() {
		all, err := a.startDemo(ctx, only)
		if err != nil {
			return nil, err
		}
		for _, s := range all {
			targets = append(targets, target{s.Name(), s.Platform(), func() (store, error) { return s, nil }})
		}
	} else {
		for _, sc := range a.file.Stores {
			targets = append(targets, target{sc.Name, sc.Platform, func() (store, error) {
				if p := platforms[sc.Platform]; p.check != nil {
					if err := p.check(sc.Config); err != nil {
						return store{}, a.file.StoreError(sc, err)
					}
				}
				return a.openConfigured(sc)
			}})
		}
	}
	if only != "" {
		names := make([]string, len(targets))
		for i, t := range targets {
			names[i] = t.name
		}
		i, err := findStore(only, names)
		if err != nil {
			return nil, err
		}
		targets = targets[i : i+1]
	}
	results := make([]checkResult, len(targets))
	var wg sync.WaitGroup
	for i, t := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			r := checkResult{name: t.name, platform: t.platform}
			s, err := t.open()
			if err == nil {
				r.detail, err = checkStore(ctx, s)
			}
			r.err, r.took = err, time.Since(start)
			results[i] = r
		}()
	}
	wg.Wait()
	return results, nil
}

// checkStore proves the store answers and accepts the key: its statuses
// and one order.
func checkStore(ctx context.Context, s store) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	sts, err := s.Statuses(ctx)
	if err != nil {
		return "", err
	}
	p, err := s.List(ctx, backend.Query{PageSize: 1})
	if err != nil {
		return "", err
	}
	detail := fmt.Sprintf("%d statuses, orders readable", len(sts))
	if p.Total >= 0 {
		detail = fmt.Sprintf("%d statuses, %d orders", len(sts), p.Total)
	}
	if s.readOnly {
		detail += " (read-only)"
	}
	return detail, nil
}

// withoutStore prints err without the store name the line already shows.
func withoutStore(err error) string {
	var be *backend.Error
	if errors.As(err, &be) && be.Store != "" {
		c := *be
		c.Store = ""
		return c.Error()
	}
	return backend.CleanLine(err.Error())
}
