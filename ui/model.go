package ui

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/theme"
)

// Model is the dashboard's one Bubble Tea model.
type Model struct {
	ctx    context.Context
	cancel context.CancelFunc
	opts   Options
	cfg    Config
	log    *slog.Logger
	env    env
	keys   *keymap
	db     Database // nil without a database (no journal view)
	mirror Mirror   // what the tables read: db, or Options.Mirror

	stores    []*store
	pcounts   platformCounts // the stores' own counts for the strip (platformcounts.go)
	shipments shipmentsState // the detail's order's shipments (shipments.go)
	storeIdx  map[string]int // store name -> index in stores
	// counts is each store's orders in the mirror (tab titles), nil
	// until first counted.
	counts      []int
	storeCounts reader
	// orders are the orders held (see orders.go): bounded by the windows
	// and what is in flight, never by the mirror.
	orders map[orderKey]*order
	tabs   []*tab
	active int
	seq    int64 // request and task ids

	width, height int
	clock         time.Time // now, to the minute, as of the last Update

	themeName string
	dark      bool
	noColor   bool
	st        *theme.Styles
	styleGen  uint64
	layout    layoutCache

	previewAt string // the operator's choice with P, overriding auto
	detail    detailPane

	// dialogs are the dialogs open over the table, the top one last: it
	// gets the keys.
	dialogs dialogStack
	ctx0    dialogCtx   // what dialogs may read, as of the last Update
	footer  footerCache // the table's footer hints

	tasks    map[int64]*task
	lastBulk *task
	errs     []string // sticky errors, until dismissed
	toast    toast
	// refreshing is R's wait for every store's pass (refresh.go).
	refreshing refreshWait
	// storePrefix is the start every store's name shares ("demo-"), left
	// out where names must be short (sharedPrefix).
	storePrefix string

	changes   *sync.WaitGroup // shared with the change commands, not the model
	inflight  int             // changes (and reconciliations) sent and not yet answered
	quitArmed bool

	// decisions are the journal's changes waiting for the operator to
	// resend or drop them; reconciling counts stores being reconciled.
	decisions   map[int64]bool
	reconciling int
	dbFailed    bool // the database failed once: said, and not again

	team      teamState // team mode: live notices, claims, the shared database's health
	newsReads reader    // counts of the tabs' new orders (newrows.go)
	bells     int       // bells rung, for tests
}

// toast is a transient ✓/✗ message in the status bar.
type toast struct {
	text  string
	ok    bool
	until time.Time
	seq   int64
}

func newModel(opts Options, e env) (*Model, error) {
	if len(opts.Stores) == 0 {
		return nil, fmt.Errorf("no stores to show: add a [[stores]] table to the config, or run the demo")
	}
	if err := opts.Config.Validate(); err != nil {
		return nil, err
	}
	cfg := opts.Config.withDefaults()
	km, err := newKeymap(opts.Keys)
	if err != nil {
		return nil, err
	}
	if err := theme.ValidateAll(opts.Themes); err != nil {
		return nil, err
	}
	if _, err := theme.Resolve(cfg.Theme, true, opts.Themes); err != nil {
		return nil, fmt.Errorf("ui.theme: %w", err)
	}
	if opts.Journal == nil {
		opts.Journal = backend.NopJournal{}
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	names := map[string]bool{}
	for i, b := range opts.Stores {
		if b == nil {
			return nil, fmt.Errorf("store %d is nil", i+1)
		}
		if names[b.Name()] {
			return nil, fmt.Errorf("two stores are called %q: store names must be unique", b.Name())
		}
		names[b.Name()] = true
	}
	mr := opts.Mirror
	if opts.DB != nil {
		mr = opts.DB
	}
	if mr == nil {
		return nil, fmt.Errorf("no local mirror to read the orders from")
	}
	e = e.withDefaults()
	ctx, cancel := context.WithCancel(context.Background())
	m := &Model{
		ctx: ctx, cancel: cancel, opts: opts, cfg: cfg, log: log, env: e, keys: km, db: opts.DB, mirror: mr,
		orders: map[orderKey]*order{}, storeIdx: map[string]int{}, tasks: map[int64]*task{}, changes: &sync.WaitGroup{}, decisions: map[int64]bool{},
		themeName: cfg.Theme, dark: true, noColor: e.getenv("NO_COLOR") != "",
		width: 80, height: 24,
	}
	for i, b := range opts.Stores {
		s := newStore(i, b, opts.ReadOnly || opts.StoreReadOnly[b.Name()])
		m.stores = append(m.stores, s)
		m.storeIdx[b.Name()] = i
		// Store names never change: the All stores tab's column is sized
		// for them once, not on every frame.
		m.layout.noteStore(s.name)
	}
	m.storePrefix = sharedPrefix(m.stores)
	m.layout.noteStoresShort(storeNames(m.stores), m.storePrefix)
	if len(m.stores) > 1 {
		m.tabs = append(m.tabs, newTab(true, -1))
	}
	for i := range m.stores {
		m.tabs = append(m.tabs, newTab(false, i))
	}
	if err := m.viewTabs(opts.Views); err != nil {
		return nil, err
	}
	m.restore(opts.State)
	m.applyTheme()
	if opts.DBProblem != nil {
		text := "local database: " + errorLine(opts.DBProblem)
		if more := m.noDatabaseText(); more != "" {
			text += " — " + more
		}
		m.addError(text)
	}
	m.sync() // the first frame is drawn before any message arrives
	return m, nil
}

// noDatabaseText says what the dashboard does without its database file.
func (m *Model) noDatabaseText() string {
	switch {
	case m.db == nil && m.opts.ReadOnly:
		return "no journal, the mirror in memory until orderdash stops; read-only"
	case m.db == nil:
		return "no journal, the mirror in memory until orderdash stops"
	case m.db.Path() == "":
		return "mirror and journal in memory until orderdash stops"
	}
	return ""
}

func (m *Model) nextID() int64 {
	m.seq++
	return m.seq
}

func (m *Model) applyTheme() {
	p, err := theme.Resolve(m.themeName, m.dark, m.opts.Themes)
	if err != nil { // checked in New; keep the dark theme rather than fail later
		p, _ = theme.Builtin(theme.Dark)
	}
	m.st = theme.NewStyles(p, m.noColor)
	m.styleGen++
}

func (m *Model) tab() *tab { return m.tabs[m.active] }

// tabStore returns the store of the active tab, or nil on All stores.
func (m *Model) tabStore() *store {
	if t := m.tab(); !t.all {
		return m.stores[t.store]
	}
	return nil
}

// sync rebuilds the active tab's rows and fits the table, the detail
// pane and the dialogs to the screen. Update calls it after every message,
// so that View only draws.
func (m *Model) sync() {
	m.syncTab()
	m.fitDetail()
	m.fitFooter()
	m.dialogCtx()
	m.fitDialogs()
}

// syncTab keeps the active tab's cursor on its window and on screen.
func (m *Model) syncTab() {
	t := m.tab()
	t.fit(len(t.rows), m.tableRows())
}

// Init asks for the terminal's background (for the auto theme), every
// store's statuses, and the first tab's window of the mirror.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.tick()}
	if theme.Follows(m.themeName, m.opts.Themes) {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	for _, s := range m.stores {
		cmds = append(cmds, m.loadStatuses(s))
	}
	t := m.tab()
	cmds = append(cmds, m.readWindow(t, atTop), m.readCount(t), m.readStoreCounts(), m.readTally(t))
	if m.cfg.Refresh > 0 {
		cmds = append(cmds, m.env.after(m.cfg.Refresh, refreshTickMsg{}))
	}
	for _, s := range m.stores {
		if s.refresh > 0 {
			cmds = append(cmds, m.env.after(s.refresh, storeTickMsg{store: s.idx}))
		}
	}
	every := make([]int, len(m.tabs))
	for i := range every {
		every[i] = i
	}
	cmds = append(cmds, m.startReconcile(true), m.waitSync(), m.startTeam(), m.markTabs(every...))
	return tea.Batch(cmds...)
}

type tickMsg struct{}
type refreshTickMsg struct{}

// storeTickMsg is a store's own refresh beat (see store.refresh).
type storeTickMsg struct{ store int }
type toastExpiredMsg struct{ seq int64 }
type detailDebounceMsg struct {
	key orderKey
	seq int64
}

// tick drives the status bar's clock (sync ages, back-off countdowns).
func (m *Model) tick() tea.Cmd { return m.env.after(time.Second, tickMsg{}) }

// Update is the one place state changes. It does no I/O.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	// Ages and late labels move a minute at a time (the rows' cache key).
	m.clock = m.env.now().Truncate(time.Minute)
	cmd := m.update(msg)
	if c := m.afterTeam(); c != nil {
		cmd = tea.Batch(cmd, c)
	}
	m.sync()
	if _, key := msg.(tea.KeyPressMsg); key {
		if seen := m.seenNews(); seen != nil {
			cmd = tea.Batch(cmd, seen)
		}
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return nil
	case tea.BackgroundColorMsg:
		if dark := msg.IsDark(); dark != m.dark {
			m.dark = dark
			m.applyTheme()
		}
		return nil
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.PasteMsg:
		if len(m.dialogs) > 0 {
			return m.dialogMsg(msg)
		}
		return nil
	case tickMsg:
		return m.tick()
	case refreshTickMsg:
		var cmds []tea.Cmd
		if m.cfg.Refresh > 0 {
			cmds = append(cmds, m.refreshVisible(false), m.env.after(m.cfg.Refresh, refreshTickMsg{}))
		}
		return tea.Batch(cmds...)
	case toastExpiredMsg:
		if msg.seq == m.toast.seq {
			m.toast = toast{}
		}
		return nil
	case windowMsg:
		return m.onWindow(msg)
	case countMsg:
		return m.onCount(msg)
	case tallyMsg:
		return m.onTally(msg)
	case storeCountsMsg:
		return m.onStoreCounts(msg)
	case mirroredMsg:
		return m.onMirrored(msg)
	case dbErrMsg:
		m.onDBErr(msg)
		return nil
	case detailMsg:
		return m.onDetail(msg)
	case detailDebounceMsg:
		return m.onDetailDebounce(msg)
	case statusesMsg:
		return tea.Batch(m.onStatuses(msg), m.platformCountsAfterStatuses(msg.store))
	case platformCountsMsg:
		return m.onPlatformCounts(msg)
	case shipmentsMsg:
		return m.onShipments(msg)
	case changeMsg:
		return m.onChange(msg)
	case storeTickMsg:
		return m.onStoreTick(msg)
	case journalMsg:
		return m.onJournal(msg)
	case stepsMsg:
		return m.onSteps(msg)
	case reconcileMsg:
		return m.onReconcile(msg)
	case dropMsg:
		return m.onDrop(msg)
	case decisionsMsg:
		m.onDecisions(msg)
		return nil
	case syncMsg:
		return m.onSync(msg)
	case gotoMsg:
		return m.onGoto(msg)
	case markMsg:
		m.onMark(msg)
		return nil
	case newsMsg:
		return m.onNews(msg)
	case adminOpenedMsg:
		return m.onAdminOpened(msg)
	}
	return m.updateTeam(msg)
}

// onStoreTick asks for a pass of a store that asked to be read often,
// when its rows are on screen; other stores are not touched.
func (m *Model) onStoreTick(msg storeTickMsg) tea.Cmd {
	if msg.store < 0 || msg.store >= len(m.stores) {
		return nil
	}
	s := m.stores[msg.store]
	next := m.env.after(s.refresh, msg)
	if !m.tab().shows(s.idx) || s.offline || m.journal() != nil {
		return next
	}
	return tea.Batch(m.refreshStore(s), next)
}

// onMirrored reads the window again after the dashboard wrote orders to
// the mirror.
func (m *Model) onMirrored(msg mirroredMsg) tea.Cmd {
	if msg.err != nil {
		m.onDBErr(dbErrMsg{err: fmt.Errorf("write to the mirror: %w", msg.err)})
		return nil
	}
	for _, s := range msg.stores {
		if m.tab().shows(s) {
			return m.reread()
		}
	}
	return nil
}

// dbErrMsg reports that the database could not be read or written.
type dbErrMsg struct{ err error }

// onDBErr says once that the database is failing (disk full, locked);
// the dashboard goes on.
func (m *Model) onDBErr(msg dbErrMsg) {
	m.log.Warn("database", "err", msg.err)
	if m.dbFailed {
		return
	}
	m.dbFailed = true
	m.addError("the local database failed: " + errorLine(msg.err) + " — the dashboard goes on with the stores")
}

func (m *Model) flash(text string, ok bool) tea.Cmd {
	m.toast = toast{text: text, ok: ok, until: m.env.now().Add(4 * time.Second), seq: m.nextID()}
	return m.env.after(4*time.Second, toastExpiredMsg{seq: m.toast.seq})
}

func (m *Model) addError(text string) {
	m.errs = append(m.errs, text)
	m.log.Warn("error shown", "text", text)
}

func itoa(n int) string { return strconv.Itoa(n) }
