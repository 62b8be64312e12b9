package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// `orderdash sync` fills the mirror, then updates it; `info` shows each
// store's part of it.
func TestSyncCommand(t *testing.T) {
	sb, cfg := simSandbox(t, rightKey, 0o600)

	r := sb.run("sync", "--config", cfg)
	mustCode(t, r, 0)
	noSecrets(t, r)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "STORE") {
		t.Fatalf("sync output:\n%s", r)
	}
	for _, l := range lines[1:] {
		if !strings.Contains(l, "first fill") {
			t.Errorf("not a first fill: %q", l)
		}
	}

	r = sb.run("sync", "--config", cfg, "--store", "lunasoft site")
	mustCode(t, r, 0)
	lines = strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], "Lunasoft site") || !strings.Contains(lines[1], "update") {
		t.Errorf("second sync of one store:\n%s", r)
	}

	r = sb.run("info", "--config", cfg)
	mustCode(t, r, 0)
	for _, want := range []string{"MIRROR", "Marketplace EU", "up to date"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("info lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestSyncCommandFailures(t *testing.T) {
	sb, cfg := simSandbox(t, wrongKey, 0o600)

	r := sb.run("sync", "--config", cfg)
	mustCode(t, r, 1)
	noSecrets(t, r)
	if !strings.Contains(r.stderr, "sync Marketplace EU") || !strings.Contains(r.stderr, "1 of 2 stores could not be synced") {
		t.Errorf("a store with a wrong key:\n%s", r)
	}
	if !strings.Contains(r.stdout, "Lunasoft site") {
		t.Errorf("the other store's result is missing:\n%s", r)
	}

	r = sb.run("sync", "--config", cfg, "--store", "Nope")
	mustCode(t, r, 1)
	if !strings.Contains(r.stderr, `unknown store "Nope"`) {
		t.Errorf("unknown store:\n%s", r)
	}
}

// The dashboard's background sync reports to the dashboard: each store
// says it is filling, then that it is up to date.
//
// The first fill of the demo's stores goes through the simulators' 40 ms
// per answer: ~4 s on an idle machine, ten times that race-built on a
// loaded one. The deadline only stops a broken test from hanging, so it
// is the test binary's own (less a minute to report), not a guess.
func TestDashboardSyncReports(t *testing.T) {
	newSandbox(t)
	deadline := time.Now().Add(10 * time.Minute)
	if d, ok := t.Deadline(); ok {
		deadline = d.Add(-time.Minute)
	}
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	a := newApp(&globals{}, io.Discard, io.Discard) // no config file: the demo
	t.Cleanup(a.close)
	if err := a.load(); err != nil {
		t.Fatal(err)
	}
	opts, err := a.dashboardOptions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reports, _, stop := a.startSync(ctx, opts.Demo, opts.Stores)
	defer stop()
	if reports == nil {
		t.Fatal("no sync reports for the dashboard")
	}
	idle := map[string]bool{}
	for len(idle) < len(opts.Stores) {
		ps, err := reports.Wait(ctx)
		if err != nil {
			t.Fatalf("stores up to date: %v of %d (%v)", idle, len(opts.Stores), err)
		}
		for _, p := range ps {
			if p.Phase == backend.SyncIdle && !p.Synced.IsZero() {
				idle[p.Store] = true
			}
			if p.Err != "" {
				t.Errorf("%s: %s", p.Store, p.Err)
			}
		}
	}
}
