// Package demo runs orderdash against simulated stores: the platform
// simulators of backend/sim on loopback ports, reached through the real
// platform clients, so the demo exercises exactly the code a real store
// does. Each simulator keeps its state under <data dir>/demo, so a status
// changed in the dashboard or with `orderdash --demo set-status` is still
// there the next time.
package demo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// DefaultLatency is added to every simulated answer so the demo feels like
// a real store (spinners show, requests overlap) without being slow.
const DefaultLatency = 40 * time.Millisecond

// Options configure Start.
type Options struct {
	// DataDir is orderdash's data folder; the demo keeps its state in
	// DataDir/demo. Empty keeps no state between runs.
	DataDir string
	// Reset forgets every change the demo has recorded before starting
	// (see Reset).
	Reset bool
	// Only, when set, starts just the store of that name (as Catalog
	// spells it): a command about one store need not wait for the others,
	// Kornit X's receiver taking its whole backlog of pushes among them.
	Only string
	// Logger is passed to the clients (httpx debug lines); nil discards.
	Logger *slog.Logger
	// Latency delays every answer; 0 means DefaultLatency, negative none.
	Latency time.Duration
	// Clock, when set, is the time orders are generated against and
	// changes are stamped with, so tests are deterministic. Nil uses the
	// real clock, with the generation time pinned (see epoch).
	Clock func() time.Time
}

// Demo is a set of running simulated stores.
type Demo struct {
	stores  []backend.Backend
	admin   map[string]string
	closers []func() error
}

// simOptions is what each simulated platform is started with.
type simOptions struct {
	name      string
	stateFile string // "" keeps no state
	now       time.Time
	clock     func() time.Time
	latency   time.Duration
	logger    *slog.Logger
}

// sim is one simulated platform; each registers itself from its own file.
type sim struct {
	name     string // the store's name: "demo-" + platform
	platform string
	rank     int // tab order
	start    func(o simOptions) (running, error)
}

// running is a started simulated store: its client, how to stop it, and
// its admin_url (the simulator's admin page of an order, sim.AdminPath).
type running struct {
	backend.Backend
	close    func() error
	adminURL string
}

var sims []sim

func register(s sim) {
	sims = append(sims, s)
	sort.SliceStable(sims, func(i, j int) bool { return sims[i].rank < sims[j].rank })
}

// Store describes one demo store without starting it.
type Store struct{ Name, Platform string }

// Catalog lists the demo's stores in tab order.
func Catalog() []Store {
	out := make([]Store, len(sims))
	for i, s := range sims {
		out[i] = Store{Name: s.name, Platform: s.platform}
	}
	return out
}

// StateDir is where the demo keeps its state under dataDir: the
// simulators' files and the demo's own database (its change journal), so
// demo changes never mix with the real journal.
func StateDir(dataDir string) string { return filepath.Join(dataDir, "demo") }

// Reset forgets everything the demo has recorded under dataDir: the
// simulated stores' state and the demo's database, together, so the
// journal never describes changes the stores no longer show. Close the
// demo's database first.
func Reset(dataDir string) error {
	if dataDir == "" {
		return nil
	}
	if err := os.RemoveAll(StateDir(dataDir)); err != nil {
		return fmt.Errorf("demo: forget the recorded changes: %w", err)
	}
	return nil
}

// Start starts every simulated store and its client. Close the Demo when
// done.
func Start(ctx context.Context, opts Options) (*Demo, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	switch {
	case opts.Latency == 0:
		opts.Latency = DefaultLatency
	case opts.Latency < 0:
		opts.Latency = 0
	}
	dir := ""
	if opts.DataDir != "" {
		dir = StateDir(opts.DataDir)
		if opts.Reset {
			if err := Reset(opts.DataDir); err != nil {
				return nil, err
			}
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("demo: create %s: %w", dir, err)
		}
	}
	clock := opts.Clock
	now := time.Time{}
	if clock != nil {
		now = clock()
	} else {
		clock = time.Now
		now = epoch(dir, opts.Logger)
	}

	d := &Demo{admin: map[string]string{}}
	for _, s := range sims {
		if opts.Only != "" && s.name != opts.Only {
			continue
		}
		if err := ctx.Err(); err != nil {
			d.Close()
			return nil, err
		}
		o := simOptions{name: s.name, now: now, clock: clock, latency: opts.Latency, logger: opts.Logger}
		if dir != "" {
			o.stateFile = filepath.Join(dir, s.name+".json")
		}
		r, err := s.start(o)
		if err != nil {
			d.Close()
			return nil, fmt.Errorf("demo: start %s: %w", s.name, err)
		}
		d.stores = append(d.stores, r.Backend)
		d.closers = append(d.closers, r.close)
		d.admin[s.name] = r.adminURL
	}
	if len(d.stores) == 0 {
		return nil, fmt.Errorf("demo: no store is named %q", opts.Only)
	}
	return d, nil
}

// Stores returns the demo's stores in tab order.
func (d *Demo) Stores() []backend.Backend { return d.stores }

// AdminURLs maps each demo store's name to its admin_url: the
// simulator's own admin page of an order, for `w` and `show --url`.
func (d *Demo) AdminURLs() map[string]string { return maps.Clone(d.admin) }

// Close stops every simulated store.
func (d *Demo) Close() error {
	var errs []error
	for i := len(d.closers) - 1; i >= 0; i-- {
		if err := d.closers[i](); err != nil {
			errs = append(errs, err)
		}
	}
	d.closers = nil
	return errors.Join(errs...)
}

// epochFile pins the time the demo's orders were generated against.
const epochFile = "epoch"

// epoch returns the time to generate orders against. Orders are generated
// relative to it ("placed two hours ago"), so it must not move while
// recorded changes refer to those orders: otherwise generated history
// would shift past the changes made on it. While the demo has recorded
// nothing, it is now, so a fresh demo always looks recent; once something
// is recorded it stays pinned until --demo-reset.
func epoch(dir string, log *slog.Logger) time.Time {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	now := time.Now().UTC().Truncate(time.Second)
	if dir == "" {
		return now
	}
	path := filepath.Join(dir, epochFile)
	if hasState(dir) {
		if data, err := os.ReadFile(path); err == nil {
			if t, err := time.Parse(time.RFC3339, strings.TrimSpace(string(data))); err == nil {
				return t
			}
		}
	}
	if err := os.WriteFile(path, []byte(now.Format(time.RFC3339)+"\n"), 0o600); err != nil {
		log.Debug("demo: cannot pin the epoch", "err", err)
	}
	return now
}

// hasState reports whether any simulated store has recorded a change.
func hasState(dir string) bool {
	for _, s := range sims {
		if _, err := os.Stat(filepath.Join(dir, s.name+".json")); err == nil {
			return true
		}
	}
	return false
}
