package ui

import (
	"bytes"
	"context"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/mirror"
	"github.com/orderdash/orderdash/storage"
)

// testNow is the fixed clock of the tests: ten minutes after the newest
// generated order.
var testNow = time.Date(2026, 11, 20, 16, 40, 0, 0, time.UTC)

// harness drives the model the way Bubble Tea does, but deterministically:
// commands run on goroutines and their messages are fed back into Update
// on the test's goroutine; timers are held until the test fires them.
type harness struct {
	t       testing.TB
	m       *Model
	now     time.Time
	mu      sync.Mutex
	timers  []tea.Msg
	msgs    chan seqMsg
	running int
	seen    []tea.Msg // every message the commands produced
	// gates are the memory stores whose gated calls settle waits out.
	gates []*backendtest.Store
	seq   int
	done  map[int]tea.Msg // replies waiting to be delivered in order
	// db is the mirror the tables read (a real database); stores are the
	// stores as the dashboard has them, to sync into it.
	db     *storage.DB
	stores []backend.Backend
	// syncAsked lists the stores the dashboard asked a pass of (SyncNow).
	syncAsked []string
}

type harnessOpt func(*harnessSetup)

// harnessSetup is what a harnessOpt may change before the model is made.
type harnessSetup struct {
	opts   *Options
	env    *env
	noFill bool
}

// noFill leaves the mirror as the test made it: the stores are not synced
// into it before the dashboard opens.
func noFill(s *harnessSetup) { s.noFill = true }

func withNoColor() harnessOpt {
	return func(s *harnessSetup) {
		s.env.getenv = func(k string) string {
			if k == "NO_COLOR" {
				return "1"
			}
			return ""
		}
	}
}

func newHarness(t testing.TB, opts Options, w, h int, extra ...harnessOpt) *harness {
	t.Helper()
	hs := &harness{t: t, now: testNow, msgs: make(chan seqMsg, 1024)}
	e := env{
		now:    func() time.Time { hs.mu.Lock(); defer hs.mu.Unlock(); return hs.now },
		loc:    time.UTC,
		getenv: func(string) string { return "" },
		after: func(d time.Duration, msg tea.Msg) tea.Cmd {
			return func() tea.Msg { return timerMsg{msg} }
		},
	}
	if opts.Config.Theme == "" {
		opts.Config.Theme = "dark"
	}
	setup := harnessSetup{opts: &opts, env: &e}
	for _, o := range extra {
		o(&setup)
	}
	fill := !setup.noFill
	hs.stores = opts.Stores
	if db, ok := opts.DB.(*storage.DB); ok {
		hs.db = db
	} else if db, ok := opts.Mirror.(*storage.DB); ok {
		hs.db = db
	} else if opts.DB == nil && opts.Mirror == nil {
		hs.db = memoryDB(t)
		opts.Mirror = hs.db
	}
	switch {
	case fill && hs.db != nil:
		for _, b := range opts.Stores {
			fillMirror(t, hs.db, b)
		}
	case fill:
		// A database the test wraps: its stores' orders go in through
		// the mirror's own interface.
		var mr Mirror = opts.Mirror
		if opts.DB != nil {
			mr = opts.DB
		}
		for _, b := range opts.Stores {
			_, _ = mr.MirrorPut(context.Background(), allOrders(t, b))
		}
	}
	if opts.SyncNow == nil {
		opts.SyncNow = func(store string) {
			hs.mu.Lock()
			hs.syncAsked = append(hs.syncAsked, store)
			hs.mu.Unlock()
		}
	}
	for _, o := range opts.Stores {
		// Stores wrapped as cmd wraps them (local history) still gate.
		for {
			u, ok := o.(interface{ Unwrap() backend.Backend })
			if !ok {
				break
			}
			o = u.Unwrap()
		}
		if ms, ok := o.(*backendtest.Store); ok {
			hs.gates = append(hs.gates, ms)
		}
	}
	m, err := newModel(opts, e)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	hs.m = m
	t.Cleanup(m.cancel)
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(m.Init())
	hs.settle()
	return hs
}

// fillMirror runs one pass of the background sync of b into db, on the
// test clock. A store that fails leaves the mirror as it was.
func fillMirror(t testing.TB, db *storage.DB, b backend.Backend) {
	t.Helper()
	mirror.Sync(context.Background(), db, b, mirror.Options{Now: func() time.Time { return testNow }})
}

// syncStores runs a pass of every store (of the given ones, when named)
// into the mirror and reports it, as the background sync does: the
// dashboard reads its window again.
func (h *harness) syncStores(names ...string) {
	h.t.Helper()
	var reports []backend.SyncProgress
	for _, b := range h.stores {
		if len(names) > 0 && !slices.Contains(names, b.Name()) {
			continue
		}
		fillMirror(h.t, h.db, b)
		reports = append(reports, backend.SyncProgress{Store: b.Name(), Phase: backend.SyncIdle, Total: -1, Synced: h.now})
	}
	h.send(syncMsg{reports: reports})
	h.settle()
}

// timerMsg wraps a message a timer would deliver later.
type timerMsg struct{ msg tea.Msg }

func (h *harness) advance(d time.Duration) {
	h.mu.Lock()
	h.now = h.now.Add(d)
	h.mu.Unlock()
}

// run starts a command the way Bubble Tea does: batches fan out, each
// command on its own goroutine. Replies are delivered in the order the
// commands started (see settleBlocked), so tests do not depend on which
// goroutine wins.
func (h *harness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	h.running++
	h.seq++
	seq := h.seq
	go func() { h.msgs <- seqMsg{seq, cmd()} }()
}

type seqMsg struct {
	seq int
	msg tea.Msg
}

// send delivers a message to Update and runs what it returns.
func (h *harness) send(msg tea.Msg) {
	_, cmd := h.m.Update(msg)
	h.run(cmd)
}

func (h *harness) receive(msg tea.Msg) {
	h.running--
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
	case timerMsg:
		h.timers = append(h.timers, msg.msg)
	default:
		h.seen = append(h.seen, msg)
		h.send(msg)
	}
}

// settle runs commands until none is left but those held at a gate of
// one of the test's memory stores.
func (h *harness) settle() { h.settleBlocked(h.gates...) }

// settleBlocked runs commands until the only ones left are those held at
// the gates of the given stores. Once every running command has either
// answered or is held, the answers are delivered oldest command first.
func (h *harness) settleBlocked(gated ...*backendtest.Store) {
	h.t.Helper()
	if h.done == nil {
		h.done = map[int]tea.Msg{}
	}
	// Only a hung command reaches it: a race-built test on a loaded 2-core
	// machine can take many seconds over what takes milliseconds alone.
	deadline := time.After(2 * time.Minute)
	for {
		for drained := false; !drained; {
			select {
			case sm := <-h.msgs:
				h.done[sm.seq] = sm.msg
			default:
				drained = true
			}
		}
		blocked := 0
		for _, s := range gated {
			blocked += s.Waiting()
		}
		if h.running-len(h.done) == blocked {
			if len(h.done) == 0 {
				return
			}
			first := -1
			for seq := range h.done {
				if first < 0 || seq < first {
					first = seq
				}
			}
			msg := h.done[first]
			delete(h.done, first)
			h.receive(msg)
			continue
		}
		select {
		case sm := <-h.msgs:
			h.done[sm.seq] = sm.msg
		case <-time.After(time.Millisecond):
		case <-deadline:
			h.t.Fatalf("commands did not settle: %d still running, %d answered, %d blocked", h.running, len(h.done), blocked)
		}
	}
}

// fire delivers the held timer messages that match keep (all when nil),
// once each, then settles.
func (h *harness) fire(keep func(tea.Msg) bool) {
	timers := h.timers
	h.timers = nil
	for _, msg := range timers {
		if keep != nil && !keep(msg) {
			h.timers = append(h.timers, msg)
			continue
		}
		h.send(msg)
	}
	h.settle()
}

func isDebounce(msg tea.Msg) bool { _, ok := msg.(detailDebounceMsg); return ok }

// press sends key presses written as in the config ("j", "enter",
// "shift+tab", "ctrl+c", "space", "G") and settles after each.
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyPress(k))
		h.settle()
	}
}

// typeText types text into whatever has focus.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
		h.settle()
	}
}

func keyPress(k string) tea.KeyPressMsg {
	named := map[string]rune{"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "space": tea.KeySpace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight, "home": tea.KeyHome,
		"end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "backspace": tea.KeyBackspace, "delete": tea.KeyDelete}
	var mod tea.KeyMod
	parts := strings.Split(k, "+")
	base := parts[len(parts)-1]
	for _, p := range parts[:len(parts)-1] {
		switch p {
		case "ctrl":
			mod |= tea.ModCtrl
		case "alt":
			mod |= tea.ModAlt
		case "shift":
			mod |= tea.ModShift
		}
	}
	if code, ok := named[base]; ok {
		msg := tea.KeyPressMsg{Code: code, Mod: mod}
		if code == tea.KeySpace {
			msg.Text = " "
		}
		return msg
	}
	r, _ := utf8.DecodeRuneInString(base)
	if mod != 0 {
		return tea.KeyPressMsg{Code: r, Mod: mod}
	}
	msg := tea.KeyPressMsg{Code: r, Text: base}
	if r >= 'A' && r <= 'Z' {
		msg.Code = r + ('a' - 'A')
		msg.ShiftedCode = r
		msg.Mod = tea.ModShift
	}
	return msg
}

// view is the screen as plain text.
func (h *harness) view() string { return ansi.Strip(h.m.View().Content) }

// styled is the screen in a fixed colour profile, for golden files.
func (h *harness) styled(p colorprofile.Profile) string {
	var buf bytes.Buffer
	w := &colorprofile.Writer{Forward: &buf, Profile: p}
	if _, err := w.WriteString(h.m.View().Content); err != nil {
		h.t.Fatal(err)
	}
	return buf.String()
}

func (h *harness) mustSee(parts ...string) {
	h.t.Helper()
	v := h.view()
	for _, p := range parts {
		if !strings.Contains(v, p) {
			h.t.Fatalf("screen lacks %q:\n%s", p, v)
		}
	}
}

func (h *harness) mustNotSee(parts ...string) {
	h.t.Helper()
	v := h.view()
	for _, p := range parts {
		if strings.Contains(v, p) {
			h.t.Fatalf("screen shows %q:\n%s", p, v)
		}
	}
}

// line returns the screen line holding s, or "".
func (h *harness) line(s string) string {
	for _, l := range strings.Split(h.view(), "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

func (h *harness) selected() *order { return h.m.tab().selected() }

// top names the top dialog, "" when none is open.
func (h *harness) top() string {
	if d := h.m.dialogs.top(); d != nil {
		return d.kind()
	}
	return ""
}

// picker is the open status picker; the test fails without one.
func (h *harness) picker() *picker {
	h.t.Helper()
	p, ok := findDialog[*picker](h.m.dialogs)
	if !ok {
		h.t.Fatalf("no picker open:\n%s", h.view())
	}
	return p
}

// confirm is the open confirm step; the test fails without one.
func (h *harness) confirm() *confirm {
	h.t.Helper()
	c, ok := findDialog[*confirm](h.m.dialogs)
	if !ok {
		h.t.Fatalf("no confirm step open:\n%s", h.view())
	}
	return c
}

// --- stores for tests ---

func cscartLike(name string, n int, seed uint64) *backendtest.Store {
	return backendtest.New(backendtest.Config{Name: name, Platform: "cscart", Orders: n, Seed: seed,
		Caps: backend.Capabilities{Notify: true, StatusFilter: true, MultiStatusFilter: true, Count: true}})
}

func lunasoftLike(name string, n int, seed uint64) *backendtest.Store {
	return backendtest.New(backendtest.Config{Name: name, Platform: "lunasoft", Orders: n, Seed: seed, Paging: backendtest.NextFlag,
		Statuses: []backend.Status{
			{Code: "Pending", Name: "Pending", Kind: backend.KindPending},
			{Code: "Processing", Name: "Processing", Kind: backend.KindProcessing},
			{Code: "Shipped", Name: "Shipped", Kind: backend.KindShipped},
			{Code: "Complete", Name: "Complete", Kind: backend.KindCompleted},
			{Code: "Cancelled", Name: "Cancelled", Kind: backend.KindCancelled},
		},
		Newest: testNow.Add(-25 * time.Minute), Now: func() time.Time { return testNow },
		Caps: backend.Capabilities{History: true, Notify: true, Notes: true, FixedPageSize: true, DefaultPageSize: 50, MaxPageSize: 50}})
}

func cursorStore(name string, n int, seed uint64) *backendtest.Store {
	return backendtest.New(backendtest.Config{Name: name, Platform: "api2cart", Orders: n, Seed: seed, Paging: backendtest.Cursor,
		Newest: testNow.Add(-40 * time.Minute),
		Caps:   backend.Capabilities{History: true, Notify: true, Notes: true, Tracking: true, SafeResend: true}})
}

func opts(stores ...backend.Backend) Options {
	return Options{Stores: stores, Config: DefaultConfig(), Operator: "sam"}
}

// memoryDB is a real local database that lives as long as the test.
func memoryDB(t testing.TB) *storage.DB {
	t.Helper()
	db, err := storage.OpenInMemory(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// journal records what the UI sends through it.
type journal struct {
	mu     sync.Mutex
	recs   []backend.Change
	states map[int64]backend.ChangeState
	fail   error
}

func (j *journal) Record(_ context.Context, ch *backend.Change) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.fail != nil {
		return j.fail
	}
	ch.ID = int64(len(j.recs) + 1)
	j.recs = append(j.recs, *ch)
	if j.states == nil {
		j.states = map[int64]backend.ChangeState{}
	}
	j.states[ch.ID] = backend.StatePending
	return nil
}
func (j *journal) set(id int64, s backend.ChangeState) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.states[id] = s
	return nil
}
func (j *journal) Sent(_ context.Context, id int64) error { return j.set(id, backend.StateSent) }
func (j *journal) Confirmed(_ context.Context, id int64, _ int, _ backend.Order) error {
	return j.set(id, backend.StateConfirmed)
}
func (j *journal) Failed(_ context.Context, id int64, _ int, _ error) error {
	return j.set(id, backend.StateFailed)
}
func (j *journal) Unknown(_ context.Context, id int64, _ int, _ error) error {
	return j.set(id, backend.StateUnknown)
}

func (j *journal) snapshot() ([]backend.Change, map[int64]backend.ChangeState) {
	j.mu.Lock()
	defer j.mu.Unlock()
	st := map[int64]backend.ChangeState{}
	for k, v := range j.states {
		st[k] = v
	}
	return append([]backend.Change(nil), j.recs...), st
}

var errFake = &backend.Error{Kind: backend.KindUnavailable, Message: "connection refused"}

func minutes(n int) time.Duration { return time.Duration(n) * time.Minute }

// copied reports whether the dashboard put text on the clipboard.
func (h *harness) copied(text string) bool {
	want := tea.SetClipboard(text)()
	return slices.ContainsFunc(h.seen, func(m tea.Msg) bool { return reflect.DeepEqual(m, want) })
}

func windowSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// quitSeen reports whether the last key returned tea.Quit.
func quitSeen(h *harness) bool {
	for _, m := range h.seen {
		if _, ok := m.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}
