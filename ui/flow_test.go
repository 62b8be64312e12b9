package ui

import (
	"context"
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
type probe struct{ *Model }

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
	_, cmd := p.Model.Update(msg)
	return p, cmd
}

type flow struct {
	t  *testing.T
	tm *teatest.TestModel
}

func startFlow(t *testing.T, stores ...backend.Backend) *flow {
	t.Helper()
	// Wired as cmd wires it: the journal and the local history.
	db := memoryDB(t)
	for i, s := range stores {
		stores[i] = storage.WithLocalHistory(s, db)
	}
	o := Options{Stores: stores, Config: DefaultConfig(), Operator: "flow", Journal: db.Journal("flow"), DB: db}
	o.Config.Theme = "dark"
	// The background sync fills the mirror the tables read, and reports.
	reports := mirror.NewReports()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		mirror.Run(ctx, db, stores, mirror.Options{Progress: reports.Report, SyncDays: 3650})
	}()
	t.Cleanup(func() { cancel(); <-done })
	o.Sync = reports
	m, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, probe{m}, teatest.WithInitialTermSize(160, 45),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	t.Cleanup(func() { _ = tm.Quit() })
	return &flow{t: t, tm: tm}
}

// screen is the model's current screen as text, read on its goroutine.
func (f *flow) screen() string {
	var out string
	done := make(chan struct{})
	f.tm.Send(probeMsg{fn: func(m *Model) { out = ansi.Strip(m.View().Content) }, done: done})
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		f.t.Fatal("the program did not answer")
	}
	return out
}

// waitFor waits until the screen shows every part.
func (f *flow) waitFor(parts ...string) string {
	f.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s := f.screen()
		ok := true
		for _, p := range parts {
			if !strings.Contains(s, p) {
				ok = false
			}
		}
		if ok {
			return s
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("screen never showed %q:\n%s", parts, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
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
	f.waitFor("1 Marketplace", "row 1 of 2")
	f.press("n")
	f.waitFor("row 51 of 2")
	f.press("enter")
	f.waitFor("Timeline (newest first)", "keeps no status history")

	f.press("p")
	f.waitFor("row 1 of")
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
	f.waitFor("is now "+to, "local · not notified · flow")
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
	f.waitFor("1 Luna", "row 1 of 1")
	f.press("n")
	f.waitFor("row 51 of 1")
	f.press("p")
	f.waitFor("row 1 of 1")
	f.press("enter")
	before := f.waitFor("Timeline (newest first)")
	for strings.Contains(before, "loading…") {
		time.Sleep(20 * time.Millisecond)
		before = f.screen()
	}
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
	after := f.waitFor("is now "+to, "Packed at bench 3")
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
