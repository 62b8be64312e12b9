package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/config"
	"github.com/orderdash/orderdash/demo"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/theme"
	"github.com/orderdash/orderdash/ui"
)

// app is what every command shares: the flags, the resolved paths, the
// loaded config file, the debug log, and the stores once opened.
type app struct {
	g        *globals
	out, err io.Writer

	paths config.Paths
	file  *config.File // nil when there is no config file
	// noFile: the default config file is missing, so every command runs
	// against the demo stores (said once on stderr by load).
	noFile bool
	// The tables other packages own, with their defaults.
	ui     ui.Config
	keys   ui.KeyBindings
	themes map[string]theme.Overrides

	log     *slog.Logger
	closers []func() error
	// demoAdmin is the admin_url of each demo store started (the
	// simulators serve their own admin pages), by store name.
	demoAdmin map[string]string
	dbs       dbState   // the local database, opened on first use
	team      teamState // team mode's PostgreSQL, opened on first use
	// memMirror is the mirror in memory of a run whose database file
	// cannot be used (the dashboard still reads a mirror).
	memMirror *storage.DB
}

func newApp(g *globals, out, errOut io.Writer) *app {
	return &app{g: g, out: out, err: errOut, ui: ui.DefaultConfig(), log: slog.New(slog.DiscardHandler)}
}

func (a *app) close() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		_ = a.closers[i]()
	}
	a.closers = nil
}

// load resolves the paths, opens the debug log and reads the config file
// if there is one. A file named by --config or $ORDERDASH_CONFIG must
// exist; the default one may be missing. On a file with problems, a.file
// still holds what could be read (for `info`) and the error lists them.
func (a *app) load() error {
	p, err := config.ResolvePaths(a.g.config, a.g.dataDir, nil)
	a.paths = p
	if err != nil {
		return err
	}
	if a.g.debug {
		if err := a.openDebugLog(); err != nil {
			return err
		}
	}
	if !p.ConfigExists {
		if p.ConfigSource != config.FromDefault {
			return fmt.Errorf("config file %s (from %s) does not exist", p.Config, p.ConfigSource)
		}
		// One rule for every command: no file is the demo, said once.
		if !a.noFile && !a.g.useDemo() && a.err != nil {
			fmt.Fprintf(a.err, "orderdash: %s\n", noConfigNote(p.Config))
		}
		a.noFile = true
		return nil
	}
	l := config.Loader{
		Platforms:   platformConfigs(),
		Tables:      map[string]any{"ui": &a.ui, "keys": &a.keys, "themes": &a.themes},
		SkipStores:  a.useDemo(),
		StatusCodes: statusCodes,
	}
	a.file, err = l.Load(p.Config)
	a.log.Debug("config loaded", "path", p.Config, "ok", err == nil)
	return err
}

// openDebugLog sends the slog debug log to the state folder, never to the
// screen: the dashboard owns the terminal.
func (a *app) openDebugLog() error {
	path := a.paths.DebugLog
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("debug log: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("debug log: %w", err)
	}
	a.closers = append(a.closers, f.Close)
	a.log = slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a.log.Debug("orderdash started", "args", strings.Join(os.Args[1:], " "))
	return nil
}

// store is an opened store and whether it may be changed.
type store struct {
	backend.Backend
	readOnly bool // read_only = true in its [[stores]] entry
}

// useDemo reports whether the commands should use the demo stores:
// --demo (or --demo-reset) says so, or there is no config file.
func (a *app) useDemo() bool { return a.g.useDemo() || a.noFile }

// openStores opens every store: the demo's, or the config file's.
func (a *app) openStores(ctx context.Context, useDemo bool) ([]store, error) {
	return a.stores(ctx, useDemo, "")
}

// openStore opens the one store a command names (without regard to case).
func (a *app) openStore(ctx context.Context, name string) (store, error) {
	all, err := a.stores(ctx, a.useDemo(), name)
	if err != nil {
		return store{}, err
	}
	return all[0], nil
}

// stores opens the stores the commands and the dashboard work with: every
// one, or only the one named. It is the one place their backends are
// built, so every order a command prints or the dashboard shows carries
// the local history of the changes made from orderdash (the journal's
// confirmed changes, with the operator), merged into the platform's own.
// Without a usable database the stores work as they are; the reason was
// said once on stderr.
func (a *app) stores(ctx context.Context, useDemo bool, only string) ([]store, error) {
	var opened []store
	switch {
	case useDemo:
		var err error
		if opened, err = a.startDemo(ctx, only); err != nil {
			return nil, err
		}
	case a.file == nil:
		return nil, a.noConfig()
	case only != "":
		i, err := findStore(only, a.storeNames(false))
		if err != nil {
			return nil, err
		}
		st, err := a.openConfigured(a.file.Stores[i])
		if err != nil {
			return nil, err
		}
		opened = []store{st}
	case len(a.file.Stores) == 0:
		return nil, fmt.Errorf("%s has no [[stores]]; add one (see config.example.toml) or run with --demo", a.file.Path)
	default:
		for _, s := range a.file.Stores {
			st, err := a.openConfigured(s)
			if err != nil {
				return nil, err
			}
			opened = append(opened, st)
		}
	}
	if db, err := a.journalStore(ctx, useDemo); err == nil {
		for i := range opened {
			opened[i].Backend = storage.WithLocalHistory(opened[i].Backend, db)
		}
	} else {
		a.warnDatabase(err)
	}
	return opened, nil
}

func (a *app) openConfigured(s config.Store) (store, error) {
	p, ok := platforms[s.Platform]
	if !ok { // the loader has already refused it; this is a safety net
		return store{}, fmt.Errorf("store %q: unknown platform %q", s.Name, s.Platform)
	}
	b, err := p.open(a, s.Config, httpx.Options{Logger: a.log})
	if err != nil {
		return store{}, a.file.StoreError(s, err)
	}
	return store{Backend: b, readOnly: s.ReadOnly}, nil
}

// startDemo starts the demo's stores: every one, or only the one named
// (without regard to case), so a command about one store does not wait for
// the others to start.
func (a *app) startDemo(ctx context.Context, only string) ([]store, error) {
	// The demo's database lives in its state folder: forget both together,
	// before either is opened.
	if err := a.resetDemo(); err != nil {
		return nil, err
	}
	name := ""
	if only != "" {
		names := a.storeNames(true)
		i, err := findStore(only, names)
		if err != nil {
			return nil, err
		}
		name = names[i]
	}
	d, err := demo.Start(ctx, demo.Options{DataDir: a.paths.DataDir, Logger: a.log, Only: name})
	if err != nil {
		return nil, err
	}
	a.closers = append(a.closers, d.Close)
	a.demoAdmin = d.AdminURLs()
	bs := d.Stores()
	out := make([]store, len(bs))
	for i, b := range bs {
		out[i] = store{Backend: b}
	}
	return out, nil
}

func (a *app) noConfig() error {
	return fmt.Errorf("no config file at %s; run with --demo for the demo stores, or see config.example.toml", a.paths.Config)
}

// noConfigNote is the one line every command prints when the default
// config file is missing and it runs the demo instead.
func noConfigNote(path string) string {
	return fmt.Sprintf("no config file at %s; using the demo stores (for your own, copy config.example.toml there: see README.md)", path)
}

// storeNames are the names of the stores a run can use, in tab order: the
// demo's, or the config file's (none without a file).
func (a *app) storeNames(useDemo bool) []string {
	var names []string
	switch {
	case useDemo:
		for _, s := range demo.Catalog() {
			names = append(names, s.Name)
		}
	case a.file != nil:
		for _, s := range a.file.Stores {
			names = append(names, s.Name)
		}
	}
	return names
}

// findStore is the index in names of the store called name, without
// regard to case; else an error that lists the stores and offers the
// nearest name, or the one name that contains it ("cscart" for
// "demo-cscart").
func findStore(name string, names []string) (int, error) {
	for i, n := range names {
		if strings.EqualFold(n, name) {
			return i, nil
		}
	}
	msg := fmt.Sprintf("unknown store %q", name)
	if len(names) == 0 {
		return -1, errors.New(msg + " (the config file has no stores)")
	}
	s := config.Nearest(name, names)
	if s == "" {
		s = onlyContaining(name, names)
	}
	if s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return -1, errors.New(msg + "; stores: " + strings.Join(names, ", "))
}

// onlyContaining is the one name that contains part (or that part
// contains), without regard to case; "" when none or several do.
func onlyContaining(part string, names []string) string {
	found := ""
	p := strings.ToLower(part)
	for _, n := range names {
		l := strings.ToLower(n)
		if p == "" || !strings.Contains(l, p) && !strings.Contains(p, l) {
			continue
		}
		if found != "" {
			return ""
		}
		found = n
	}
	return found
}

// operator is who the journal records as making a change: the config's
// operator, else the OS user.
func (a *app) operator() string {
	configured := ""
	if a.file != nil {
		configured = a.file.Operator
	}
	return storage.OperatorName(configured)
}

// loadStore loads the config and opens the store a command names.
func (a *app) loadStore(ctx context.Context, name string) (store, error) {
	if err := a.load(); err != nil {
		return store{}, err
	}
	return a.openStore(ctx, name)
}
