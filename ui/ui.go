// Package ui is the dashboard: one Bubble Tea model (tabs, the order
// table, the detail pane, the status bar) and a stack of dialogs over it
// (status picker, confirm step, bulk report, help, journal, filter prompt)
// that answer keys with effects the model carries out (dialog.go). Update
// does no I/O: every store call runs in a tea.Cmd that captures values and
// a context, and every reply carries the store and a request id so stale
// replies are dropped. Update also fits everything to the screen; View
// only draws, the visible rows from strings rendered once per (row
// version, layout, marked) and styles built once per theme.
package ui

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/theme"
)

// Config is the [ui] table of the config file. Decode it on top of
// DefaultConfig() so an absent key keeps its default (refresh = "0" turns
// the background refresh off; an absent refresh means 2m).
type Config struct {
	Theme    string        `toml:"theme" check:"oneof=auto|dark|light|high-contrast|@themes"` // auto | dark | light | high-contrast | a name under [themes]
	PageSize int           `toml:"page_size" check:"range=1..1000"`                           // rows n/p move by (default 50)
	Refresh  time.Duration `toml:"refresh" check:"range=0s..24h"`                             // a sync pass of the stores in view this often; 0 = off (default 2m)
	Preview  string        `toml:"preview" check:"oneof=right|bottom|auto|off"`               // right | bottom | auto | off (default auto)
	Confirm  *bool         `toml:"confirm"`                                                   // ask before sending a status change (default true)
	// BellOnNew rings the terminal's bell once per sync report that
	// brings new orders to a tab (default false).
	BellOnNew bool `toml:"bell_on_new"`
}

// Defaults of the [ui] table.
const (
	DefaultPageSize = 50
	DefaultRefresh  = 2 * time.Minute
)

// DefaultConfig is the [ui] table when the config file sets nothing.
func DefaultConfig() Config {
	yes := true
	return Config{Theme: theme.Auto, PageSize: DefaultPageSize, Refresh: DefaultRefresh, Preview: "auto", Confirm: &yes}
}

// Validate checks the values of the [ui] table that need no other table
// (the theme name is checked against [themes] by New).
func (c Config) Validate() error {
	if c.PageSize < 0 {
		return fmt.Errorf("ui.page_size = %d: want a positive number of rows", c.PageSize)
	}
	if c.Refresh < 0 {
		return fmt.Errorf("ui.refresh = %s: want a duration such as \"2m\", or \"0\" for off", c.Refresh)
	}
	if c.Refresh > 0 && c.Refresh < 5*time.Second {
		return fmt.Errorf("ui.refresh = %s: refreshing more often than every 5s would hammer the stores", c.Refresh)
	}
	switch c.Preview {
	case "", "auto", "right", "bottom", "off":
	default:
		return fmt.Errorf("ui.preview = %q: want right, bottom, auto or off%s", c.Preview,
			didYouMean(c.Preview, []string{"right", "bottom", "auto", "off"}))
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Theme == "" {
		c.Theme = theme.Auto
	}
	if c.PageSize == 0 {
		c.PageSize = DefaultPageSize
	}
	if c.Preview == "" {
		c.Preview = "auto"
	}
	if c.Confirm == nil {
		yes := true
		c.Confirm = &yes
	}
	return c
}

// Options is everything the command line hands the dashboard.
type Options struct {
	Stores        []backend.Backend
	ReadOnly      bool            // --read-only: hide every action that writes
	StoreReadOnly map[string]bool // per store read_only = true
	Journal       backend.Journal // may be nil (backend.NopJournal)
	// DB is the local database: the mirror every table reads, and the
	// journal's audit trail (the journal view, reconciliation). May be nil
	// when Mirror is set: the dashboard then has no journal view.
	DB Database
	// Mirror is what the tables read when DB is nil (cmd gives an
	// in-memory database when the file cannot be used); DB's otherwise.
	Mirror Mirror
	// DBProblem is why the database file could not be used (damaged,
	// locked, from a newer orderdash, disk full): shown on screen, since
	// whatever cmd printed before the dashboard opened is hidden by it.
	DBProblem error
	Config    Config
	Keys      KeyBindings
	Themes    map[string]theme.Overrides // [themes.NAME] tables: override only what they set
	// Sync follows the mirror's background sync: the status bar shows each
	// store's progress and how old its mirror is. May be nil.
	Sync SyncReports
	// SyncNow asks the background sync for an immediate pass of a store
	// (R, the [ui] refresh, a store's own refresh beat). It must not
	// block. May be nil.
	SyncNow func(store string)
	// SLA is each store's limits ([sla] and a store's sla): the Age
	// column's late labels, the late counts, the due sort. Nil is
	// backend.DefaultSLA for every store.
	SLA *backend.SLAs
	// Live, in team mode (PostgreSQL), tells the dashboard what other
	// operators and receivers do; nil on SQLite.
	Live Live
	// Claims are the operator's holds on the orders a picker or a bulk
	// change is open on; nil: none taken.
	Claims Claims
	// Views are the saved views ([[views]]), shown as tabs after All
	// stores.
	Views []ViewTab
	// State is what the last run left (LoadState), nil for a fresh start
	// (--fresh); StatePath is where Run saves it on quit, "" for nowhere.
	State     *State
	StatePath string
	// AdminURLs maps a store's name to its admin_url ([[stores]]): `w`
	// opens the selected order there. OpenURL hands a link to the
	// browser (run in a command); nil, or an error, shows the link on the
	// error line instead, to be copied.
	AdminURLs map[string]string
	OpenURL   func(ctx context.Context, url string) error
	Demo      bool // say "demo" in the header
	Operator  string
	Logger    *slog.Logger // --debug log file; never the screen
}

// New checks the options and builds the dashboard's model.
func New(opts Options) (*Model, error) {
	return newModel(opts, env{})
}

// Run runs the dashboard until the operator quits or ctx ends. Status
// changes still in flight when the operator quits are waited for (they are
// never dropped half-way), for at most changeTimeout.
func Run(ctx context.Context, opts Options) error {
	m, err := New(opts)
	if err != nil {
		return err
	}
	defer m.cancel()
	p := tea.NewProgram(m, tea.WithContext(ctx))
	_, runErr := p.Run()
	m.cancel()
	m.saveState() // the program has stopped: nothing else touches m
	if n := m.waitChanges(changeTimeout); n > 0 {
		return fmt.Errorf("%d status changes did not report back before orderdash stopped; check them with `orderdash journal`", n)
	}
	if runErr != nil && !errors.Is(runErr, tea.ErrProgramKilled) && !errors.Is(runErr, context.Canceled) {
		return fmt.Errorf("dashboard: %w", runErr)
	}
	return nil
}

// env holds what tests replace: the clock, the environment, timers.
type env struct {
	now      func() time.Time
	loc      *time.Location
	getenv   func(string) string
	after    func(d time.Duration, msg tea.Msg) tea.Cmd
	parallel int // concurrent changes of a bulk task
}

func (e env) withDefaults() env {
	if e.now == nil {
		e.now = time.Now
	}
	if e.loc == nil {
		e.loc = time.Local
	}
	if e.getenv == nil {
		e.getenv = os.Getenv
	}
	if e.after == nil {
		e.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
			return tea.Tick(d, func(time.Time) tea.Msg { return msg })
		}
	}
	if e.parallel <= 0 {
		e.parallel = 3
	}
	return e
}
