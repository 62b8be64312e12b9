package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/cscart"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/lunasoft"
	"github.com/orderdash/orderdash/backend/sim/cscartsim"
	"github.com/orderdash/orderdash/backend/sim/lunasoftsim"
	"github.com/orderdash/orderdash/mirror"
	"github.com/orderdash/orderdash/storage"
)

// These flows run the real Bubble Tea program (through teatest) against
// the simulated stores behind the real clients: open, page, detail,
// change a status, see the timeline grow.

// probe wraps the model so a test can look at it from inside the
// program's own goroutine, where reading it is safe.
type probe struct {
	*Model
	toasts *[]string // every toast shown, in order
}

type probeMsg struct {
	fn   func(*Model)
	done chan struct{}
}

func (p probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if pm, ok := msg.(probeMsg); ok {
		pm.fn(p.Model)
		close(pm.done)
		return p, nil
	}
	prev := p.Model.toast.seq
	_, cmd := p.Model.Update(msg)
	if t := p.Model.toast; t.seq != prev && t.text != "" {
		*p.toasts = append(*p.toasts, t.text)
	}
	return p, cmd
}

type flow struct {
	t     *testing.T
	tm    *teatest.TestModel
	total int // orders in the mirror when the dashboard opened
	// toasts are the toasts shown, read on the program's goroutine: a
	// toast is on screen for 4 s of wall-clock time, which a loaded
	// machine may spend between two looks at the screen.
	toasts *[]string
}

// startFlow opens the dashboard on a mirror filled with one pass of every
// store, with the background sync running on behind it as cmd runs it.
// Filling first keeps the table still while the test reads row numbers: a
// first fill running under the test adds orders above the cursor, and
// "row 1 of 1" is a prefix of "row 1 of 160".
func startFlow(t *testing.T, stores ...backend.Backend) *flow {
	t.Helper()
	// Wired as cmd wires it: the journal and the local history.
	db := memoryDB(t)
	for i, s := range stores {
		stores[i] = storage.WithLocalHistory(s, db)
	}
	mo := mirror.Options{SyncDays: 3650}
	for _, s := range stores {
		if res := mirror.Sync(context.Background(), db, s, mo); res.Err != nil {
			t.Fatalf("first fill of %s: %v", s.Name(), res.Err)
		}
	}
	stats, err := db.MirrorStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, st := range stats {
		total += st.Orders
	}
	o := Options{Stores: stores, Config: DefaultConfig(), Operator: "flow", Journal: db.Journal("flow"), DB: db}
	o.Config.Theme = "dark"
	// The background sync keeps the mirror up to date, and reports.
	reports := mirror.NewReports()
	mo.Progress = reports.Report
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		mirror.Run(ctx, db, stores, mo)
	}()
	t.Cleanup(func() { cancel(); <-done })
	o.Sync = reports
	m, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	toasts := new([]string)
	tm := teatest.NewTestModel(t, probe{Model: m, toasts: toasts}, teatest.WithInitialTermSize(160, 45),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	t.Cleanup(func() { _ = tm.Quit() })
	return &flow{t: t, tm: tm, total: total, toasts: toasts}
}

// flowWait bounds a wait for the program only so that a broken test
// fails rather than hangs: nothing here is timed, and a race-built test
// on a loaded 2-core machine can be very slow.
const flowWait = 2 * time.Minute

// inspect runs fn on the model on the program's goroutine.
func (f *flow) inspect(fn func(*Model)) {
	f.t.Helper()
	done := make(chan struct{})
	f.tm.Send(probeMsg{fn: fn, done: done})
	select {
	case <-done:
	case <-time.After(flowWait):
		f.t.Fatal("the program did not answer")
	}
}

// screen is the model's current screen as text, read on its goroutine.
func (f *flow) screen() string {
	f.t.Helper()
	var out string
	f.inspect(func(m *Model) { out = ansi.Strip(m.View().Content) })
	return out
}

// waitFor waits until the screen shows every part and, when given, ready
// holds of the model at the same moment; it returns that screen.
func (f *flow) waitUntil(ready func(*Model) bool, parts ...string) string {
	f.t.Helper()
	deadline := time.Now().Add(flowWait)
	for {
		var s string
		ok := true
		f.inspect(func(m *Model) {
			s = ansi.Strip(m.View().Content)
			ok = ready == nil || ready(m)
		})
		for _, p := range parts {
			if !strings.Contains(s, p) {
				ok = false
			}
		}
		if ok {
			return s
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("screen never showed %q (or the model was not ready):\n%s", parts, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitFor waits until the screen shows every part.
func (f *flow) waitFor(parts ...string) string {
	f.t.Helper()
	return f.waitUntil(nil, parts...)
}

// row is the status bar's position text for row n of the whole mirror.
func (f *flow) row(n int) string { return fmt.Sprintf("row %d of %d", n, f.total) }

// toasted says a toast holding text has been shown; for waitUntil.
func (f *flow) toasted(text string) func(*Model) bool {
	return func(*Model) bool {
		return slices.ContainsFunc(*f.toasts, func(t string) bool { return strings.Contains(t, text) })
	}
}

// both holds when a and b do.
func both(a, b func(*Model) bool) func(*Model) bool {
	return func(m *Model) bool { return a(m) && b(m) }
}

// detailLoaded says the open detail is the store's answer, read in full
// and not being read again.
func detailLoaded(m *Model) bool {
	r := m.orders[m.detail.key]
	return m.detail.open && !m.detail.loading && r != nil && r.detailLive
}

func (f *flow) press(keys ...string) {
	for _, k := range keys {
		f.tm.Send(keyPress(k))
	}
}

func (f *flow) typeText(s string) {
	for _, r := range s {
		f.tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func TestFlowCSCart(t *testing.T) {
	srv, err := cscartsim.Start(cscartsim.Options{Seed: 1, Orders: 300, Email: "ops@example.com", APIKey: "k1"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c, err := cscart.New(cscart.Config{StoreConfig: backend.StoreConfig{Name: "Marketplace", Platform: cscart.Platform, URL: srv.URL()},
		Email: "ops@example.com", APIKey: "k1"}, httpx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := startFlow(t, c)
	f.waitFor("1 Marketplace", f.row(1))
	f.press("n")
	f.waitFor(f.row(51))
	f.press("enter")
	f.waitFor("Timeline (newest first)", "keeps no status history")

	f.press("p")
	f.waitFor(f.row(1))
	sel := selectedLine(f.screen())
	id := strings.Fields(strings.TrimPrefix(sel, "▌"))[0]
	f.press("s")
	f.waitFor("Set status", "current")
	f.press("enter") // the picker starts on the first status the order can take
	s := f.waitFor("Change status?", "notify the customer")
	to := targetOf(s)
	if to == "" {
		t.Fatalf("no target status in the confirm step:\n%s", s)
	}
	f.press("y")
	// The change's toast, and the order read again after it with the
	// change in its timeline from the journal (the toast may be gone by
	// then: it is timed).
	f.waitUntil(both(f.toasted("is now "+to), detailLoaded), "local · not notified · flow")
	o, ok := srv.Order(id)
	if !ok || o.Status == "" {
		t.Fatalf("the simulated store has no order %s", id)
	}
	if st := f.screen(); !strings.Contains(selectedLine(st), to) {
		t.Errorf("row does not show %s: %q", to, selectedLine(st))
	}
	if len(srv.Changes()) != 1 {
		t.Errorf("the simulated store recorded %d changes, want 1", len(srv.Changes()))
	}
}

// targetOf reads the status a confirm dialog is about to set.
func targetOf(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if i := strings.Index(l, "  →  "); i >= 0 {
			rest := strings.SplitN(l[i+len("  →  "):], "│", 2)[0]
			rest = strings.TrimSpace(rest)
			if _, after, ok := strings.Cut(rest, " "); ok {
				return strings.TrimSpace(after)
			}
		}
	}
	return ""
}

func TestFlowLunasoft(t *testing.T) {
	srv, err := lunasoftsim.Start(lunasoftsim.Options{Seed: 2, Orders: 160, AuthHeader: "k2"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c, err := lunasoft.New(lunasoft.Config{StoreConfig: backend.StoreConfig{Name: "Luna", Platform: lunasoft.Platform, URL: srv.URL()},
		APIKey: "k2", Statuses: srv.Statuses()}, httpx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := startFlow(t, c)
	f.waitFor("1 Luna", f.row(1))
	f.press("n")
	f.waitFor(f.row(51))
	f.press("p")
	f.waitFor(f.row(1))
	f.press("enter")
	// The store's answer, not the mirror's copy shown meanwhile.
	before := f.waitUntil(detailLoaded, "Timeline (newest first)")
	entries := strings.Count(before, "platform ·")

	f.press("s")
	f.waitFor("Set status", "current")
	// Choose the first status the order can move to.
	f.press("enter")
	to := targetOf(f.waitFor("Change status?", "Note"))
	if to == "" {
		t.Fatal("no target status in the confirm step")
	}
	f.press("tab") // to the note (after notify)
	f.typeText("Packed at bench 3")
	f.press("tab", "tab", "enter") // No, Yes, choose
	// The toast, and the order read again after the change (until then
	// the pane may show the mirror's older copy; the toast may be gone by
	// then: it is timed).
	after := f.waitUntil(both(f.toasted("is now "+to), detailLoaded), "Packed at bench 3")
	if got := strings.Count(after, "platform ·"); got != entries+1 {
		t.Errorf("timeline entries %d → %d, want one more", entries, got)
	}
	posts := srv.Posts()
	if len(posts) != 1 || posts[0].Notes != "Packed at bench 3" {
		t.Errorf("the simulated store received %+v", posts)
	}
}

// selectedLine is the table line the cursor bar is on.
func selectedLine(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasPrefix(l, "▌") {
			return l
		}
	}
	return ""
}
