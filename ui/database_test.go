package ui_test

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/mirror"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/ui"
)

// These tests run the dashboard on the real local database (storage's
// *DB is the ui.Database), wired the way cmd wires it: the journal, the
// local history merged into the stores' orders, the order cache.

func openDB(t testing.TB) (*storage.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), storage.FileName)
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db, path
}

// wired is the dashboard's options for stores on db, as cmd builds them.
func wired(db *storage.DB, stores ...backend.Backend) ui.Options {
	o := ui.Options{Config: ui.DefaultConfig(), Operator: "sam", DB: db, Journal: db.Journal("sam")}
	o.Config.Theme = "dark"
	for _, s := range stores {
		o.Stores = append(o.Stores, storage.WithLocalHistory(s, db))
	}
	return o
}

// syncAt runs one pass of the background sync of s into db, as if at
// `at`: the mirror holds every order of s as it lists them now, synced then.
func syncAt(t testing.TB, db *storage.DB, s backend.Backend, at time.Time) {
	t.Helper()
	if r := mirror.Sync(context.Background(), db, s, mirror.Options{Now: func() time.Time { return at }}); r.Err != nil {
		t.Fatal(r.Err)
	}
}

// firstOrders are the n newest orders of s.
func firstOrders(t testing.TB, s *backendtest.Store, n int) []backend.Order {
	t.Helper()
	p, err := s.List(context.Background(), backend.Query{PageSize: n})
	if err != nil {
		t.Fatal(err)
	}
	return p.Orders
}

var unavailable = &backend.Error{Kind: backend.KindUnavailable, Message: "connection refused"}

func TestFirstFrameFromTheMirrorBeforeTheStoreAnswers(t *testing.T) {
	db, _ := openDB(t)
	s := ui.CSCartLike("Cart", 120, 1)
	syncAt(t, db, s, ui.TestNow.Add(-3*time.Hour))
	orders := firstOrders(t, s, 40)
	lists := s.Calls(backendtest.OpList)
	release := s.Gate(backendtest.OpStatuses)
	defer release()

	h := ui.NewHarnessOnMirror(t, wired(db, s), 160, 45)
	// The store has been asked and has not answered: every row on screen
	// came from the mirror, never from a list of the store.
	if s.Waiting() != 1 {
		t.Fatalf("%d calls held at the gate, want 1", s.Waiting())
	}
	h.MustSee(orders[0].Number, orders[30].Number, "row 1 of 120", "1 Cart 120")
	if got := h.SelectedID(); got != orders[0].ID {
		t.Errorf("cursor on %q, want the newest order %q", got, orders[0].ID)
	}
	if got := s.Calls(backendtest.OpList); got != lists {
		t.Errorf("the dashboard listed the store %d times: tables read the mirror", got-lists)
	}
	h.Report(backend.SyncProgress{Store: "Cart", Phase: backend.SyncUpdating, Total: -1, Synced: ui.TestNow.Add(-3 * time.Hour)})
	h.MustSee("syncing · mirror 3h")

	release()
	h.Settle()
	h.MustSee("● Cart now", "row 1 of 120")
}

func TestOfflineStoreStaysBrowsableReadOnly(t *testing.T) {
	db, _ := openDB(t)
	s := ui.CSCartLike("Cart", 160, 1)
	syncAt(t, db, s, ui.TestNow.Add(-2*time.Hour))
	orders := firstOrders(t, s, 60)
	good := ui.LunasoftLike("Luna", 30, 2)
	for _, op := range []backendtest.Op{backendtest.OpList, backendtest.OpGet, backendtest.OpStatuses} {
		s.SetError(op, unavailable)
	}
	h := ui.NewHarness(t, wired(db, s, good), 160, 45)
	h.Report(backend.SyncProgress{Store: "Cart", Phase: backend.SyncFailed, Total: -1, Synced: ui.TestNow.Add(-2 * time.Hour),
		Err: "connection refused", RetryAt: ui.TestNow.Add(time.Minute)})
	h.Press("2")
	// The tab and the status bar say so, with the mirror's age; its rows
	// are on screen.
	h.MustSee("2 Cart", "offline", "⊘ Cart offline", "mirror 2h", orders[0].Number)
	calls := s.Calls(backendtest.OpList) + s.Calls(backendtest.OpGet)

	// No writes: no picker, no marks.
	h.Press("s")
	if h.Overlay() == "picker" {
		t.Fatal("the status picker opened for an offline store")
	}
	h.MustSee("Cart is offline")
	h.Press("space")
	h.MustNotSee("1 marked")
	h.MustNotSee("s status") // the footer offers no change

	// Browsing goes on from the mirror, without asking the store.
	h.Press("n")
	h.MustSee(orders[50].Number, "row 51 of 160")
	h.Press("G")
	h.MustSee("row 160 of 160")
	h.Press("g")

	// The detail comes from the mirror too.
	h.Press("enter")
	h.MustSee("Cart is offline")
	if got := s.Calls(backendtest.OpList) + s.Calls(backendtest.OpGet); got != calls {
		t.Errorf("browsing offline asked the store %d more times", got-calls)
	}

	// The store comes back: the operator's retry finds it.
	for _, op := range []backendtest.Op{backendtest.OpList, backendtest.OpGet, backendtest.OpStatuses} {
		s.SetError(op, nil)
	}
	h.Press("esc", "esc", "r")
	h.MustNotSee("⊘ Cart offline")
	h.MustSee("Cart answers again")
	h.Press("s")
	if h.Overlay() != "picker" {
		t.Errorf("no status picker once the store answers again:\n%s", h.Screen())
	}
}

// record puts a change in the journal and leaves it in state.
func record(t testing.TB, db *storage.DB, store, order string, from, to backend.Status, state backend.ChangeState) int64 {
	t.Helper()
	ctx := context.Background()
	j := db.Journal("kim")
	ch := backend.Change{Store: store, OrderID: order, From: from, To: to}
	if err := j.Record(ctx, &ch); err != nil {
		t.Fatal(err)
	}
	if err := j.Sent(ctx, ch.ID); err != nil {
		t.Fatal(err)
	}
	var err error
	switch state {
	case backend.StateConfirmed:
		err = j.Confirmed(ctx, ch.ID, 1, backend.Order{Store: store, ID: order, Status: to})
	case backend.StateFailed:
		err = j.Failed(ctx, ch.ID, 1, &backend.Error{Kind: backend.KindInvalidStatus, Message: "the store refused it"})
	case backend.StateUnknown:
		err = j.Unknown(ctx, ch.ID, 1, &backend.Error{Kind: backend.KindUnavailable, Message: "connection reset", Uncertain: true})
	case backend.StateDropped:
		if err = j.Failed(ctx, ch.ID, 1, errors.New("refused")); err == nil {
			err = db.Drop(ctx, ch.ID, "kim")
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return ch.ID
}

func state(t testing.TB, db *storage.DB, id int64) backend.ChangeState {
	t.Helper()
	e, err := db.Change(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return e.State
}

// orderIn finds an order of s in status code.
func orderIn(t testing.TB, s *backendtest.Store, code string) backend.Order {
	t.Helper()
	p, err := s.List(context.Background(), backend.Query{PageSize: 250})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range p.Orders {
		if o.Status.Code == code {
			return o
		}
	}
	t.Fatalf("no order in status %s", code)
	return backend.Order{}
}

var (
	stOpen      = backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}
	stProcessed = backend.Status{Code: "P", Name: "Processed", Kind: backend.KindProcessing}
	stComplete  = backend.Status{Code: "C", Name: "Complete", Kind: backend.KindShipped}
)

func TestJournalViewListsOpenChangesOnTop(t *testing.T) {
	db, _ := openDB(t)
	s := ui.CSCartLike("Cart", 60, 1)
	o1, o2, o3 := orderIn(t, s, "O"), orderIn(t, s, "P"), orderIn(t, s, "A")
	record(t, db, "Cart", o1.ID, stOpen, stProcessed, backend.StateConfirmed)
	failed := record(t, db, "Cart", o2.ID, stProcessed, stComplete, backend.StateFailed)
	record(t, db, "Cart", o3.ID, stOpen, stComplete, backend.StateDropped)
	h := ui.NewHarness(t, wired(db, s), 160, 45)
	h.Press("L")
	if h.Overlay() != "journal" {
		t.Fatalf("L did not open the journal:\n%s", h.Screen())
	}
	h.MustSee("Journal", "1 open", "✗ failed", "✓ confirmed", "– dropped", "Processed → Complete", "the store refused it")
	screen := h.Screen()
	at := func(s string) int { return strings.Index(screen, s) }
	if !(at("✗ failed") < at("– dropped") && at("– dropped") < at("✓ confirmed")) {
		t.Errorf("want the failed change on top, then the settled ones newest first:\n%s", screen)
	}
	// The selected entry's steps, on demand.
	h.Press("enter")
	h.MustSee("recorded: Processed → Complete", "failed: ")
	_ = failed
	h.Press("esc")
	if h.Overlay() != "" {
		t.Error("esc did not close the journal")
	}
}

func TestResendAndDropGoThroughTheConfirmStep(t *testing.T) {
	db, _ := openDB(t)
	s := ui.CSCartLike("Cart", 60, 1)
	o1, o2 := orderIn(t, s, "O"), orderIn(t, s, "A")
	drop := record(t, db, "Cart", o1.ID, stOpen, stProcessed, backend.StateFailed)
	resend := record(t, db, "Cart", o2.ID, backend.Status{Code: "A", Name: "On hold", Kind: backend.KindOnHold}, stProcessed, backend.StateFailed)
	h := ui.NewHarness(t, wired(db, s), 160, 45)
	h.Press("L")
	// Newest first: the second change is on top.
	h.MustSee("change " + itoa(resend))

	// The default answer is No: enter sends nothing.
	h.Press("r")
	h.MustSee("Resend this change?", "[ No ]")
	h.Press("enter")
	h.MustSee("nothing done")
	if got := state(t, db, resend); got != backend.StateFailed || len(s.Changes()) != 0 {
		t.Fatalf("after No: state %s, %d changes sent", got, len(s.Changes()))
	}
	// y resends: the store applies it, the journal confirms it.
	h.Press("r", "y")
	if got := state(t, db, resend); got != backend.StateConfirmed {
		t.Errorf("after resend: state %s, want confirmed", got)
	}
	if ch := s.Changes(); len(ch) != 1 || ch[0].OrderID != o2.ID || ch[0].To.Code != "P" {
		t.Errorf("the store received %+v", ch)
	}
	h.MustSee("✓ confirmed")

	// Drop: tab to Yes, enter. The resent change has settled below the
	// open one.
	h.Press("g")
	h.MustSee("change " + itoa(drop))
	h.Press("d")
	h.MustSee("Drop this change?", "sends nothing")
	h.Press("tab", "enter")
	if got := state(t, db, drop); got != backend.StateDropped {
		t.Errorf("after drop: state %s", got)
	}
	h.MustSee("– dropped", "dropped: nothing was sent")
	if len(s.Changes()) != 1 {
		t.Error("drop sent something")
	}
}

func TestJournalRefusesDecisionsWhenReadOnly(t *testing.T) {
	db, _ := openDB(t)
	s := ui.CSCartLike("Cart", 60, 1)
	id := record(t, db, "Cart", orderIn(t, s, "O").ID, stOpen, stProcessed, backend.StateFailed)
	o := wired(db, s)
	o.ReadOnly = true
	h := ui.NewHarness(t, o, 160, 45)
	h.Press("L", "r")
	h.MustSee("read-only")
	h.Press("d")
	if h.Screen(); state(t, db, id) != backend.StateFailed {
		t.Error("a read-only dashboard changed the journal")
	}
	h.MustNotSee("Resend this change?", "Drop this change?", "r resend")
}

func TestUnknownOutcomeAtStartAsksTheOperator(t *testing.T) {
	db, _ := openDB(t)
	s := ui.CSCartLike("Cart", 60, 1) // CS-Cart cannot take a resend safely
	o := orderIn(t, s, "O")
	id := record(t, db, "Cart", o.ID, stOpen, stProcessed, backend.StateUnknown)
	h := ui.NewHarness(t, wired(db, s), 160, 45)
	// Reconciled at start: the store does not show it, so the operator is
	// asked, in the journal view, before anything is sent.
	if h.Overlay() != "journal" {
		t.Fatalf("the operator was not asked:\n%s", h.Screen())
	}
	h.MustSee("may not have reached the store", "? decide", "#"+o.ID, "1 need your decision")
	if len(s.Changes()) != 0 {
		t.Fatal("a change of unknown outcome was resent unasked to a store that cannot take it safely")
	}
	h.Press("d", "y")
	if got := state(t, db, id); got != backend.StateDropped {
		t.Errorf("state %s, want dropped", got)
	}
	h.Press("esc")
	h.MustNotSee("your decision")
}

func TestUnknownOutcomeAtStartIsSettledWhereSafe(t *testing.T) {
	db, _ := openDB(t)
	applied := ui.CSCartLike("Cart", 60, 1)
	safe := ui.CursorStore("Safe", 60, 3) // takes idempotency keys
	o1 := orderIn(t, applied, "O")
	if _, err := applied.SetStatus(context.Background(), backend.Change{OrderID: o1.ID, To: stProcessed}); err != nil {
		t.Fatal(err)
	}
	confirmed := record(t, db, "Cart", o1.ID, stOpen, stProcessed, backend.StateUnknown)
	o2 := orderIn(t, safe, "O")
	resent := record(t, db, "Safe", o2.ID, stOpen, stProcessed, backend.StateUnknown)
	h := ui.NewHarness(t, wired(db, applied, safe), 160, 45)
	if h.Overlay() != "" {
		t.Errorf("the operator was asked about changes reconciliation settled:\n%s", h.Screen())
	}
	if got := state(t, db, confirmed); got != backend.StateConfirmed {
		t.Errorf("applied change: %s, want confirmed", got)
	}
	if got := state(t, db, resent); got != backend.StateConfirmed {
		t.Errorf("safe store's change: %s, want confirmed after a resend", got)
	}
	if n := len(safe.Changes()); n != 1 {
		t.Errorf("the safe store received %d changes, want 1", n)
	}
}

// applyThenFail applies a change and then loses the answer.
type applyThenFail struct{ *backendtest.Store }

func (a applyThenFail) SetStatus(ctx context.Context, ch backend.Change) (backend.Order, error) {
	if _, err := a.Store.SetStatus(ctx, ch); err != nil {
		return backend.Order{}, err
	}
	return backend.Order{}, &backend.Error{Kind: backend.KindUnavailable, Store: a.Name(), Message: "connection reset", Uncertain: true}
}

func TestChangeThroughTheRealJournal(t *testing.T) {
	db, path := openDB(t)
	s := ui.CSCartLike("Cart", 60, 1)
	h := ui.NewHarness(t, wired(db, s), 160, 45)
	for h.SelectedStatus() != "O" {
		h.Press("j")
	}
	id := h.SelectedID()
	h.Press("enter", "s")
	h.Type("Processed")
	h.Press("enter", "y")
	h.MustSee("is now Processed", "local · not notified · sam")
	if n := strings.Count(h.Screen(), "local · "); n != 1 {
		t.Errorf("the change shows %d times in the timeline, want once", n)
	}
	es, err := db.Changes(context.Background(), backend.ChangeFilter{})
	if err != nil || len(es) != 1 {
		t.Fatalf("journal: %v, %d entries", err, len(es))
	}
	if e := es[0]; e.State != backend.StateConfirmed || e.Operator != "sam" || e.OrderID != id || e.To.Code != "P" {
		t.Errorf("journal entry %+v", e)
	}
	h.Press("enter", "L")
	h.MustSee("✓ confirmed", "#"+id, "Open → Processed", "sam")

	// Quit and start again on the same file: the mirror's rows paint at
	// once, with the new status, before the store answers; the timeline
	// still shows the change, with the operator.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db2, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	release := s.Gate(backendtest.OpStatuses)
	h2 := ui.NewHarnessOnMirror(t, wired(db2, s), 160, 45)
	for h2.SelectedID() != id {
		h2.Press("j")
	}
	line := h2.Line(id + " ")
	if !strings.Contains(line, "Processed") {
		t.Errorf("the mirror's row of %s does not show the change: %q", id, line)
	}
	release()
	h2.Settle()
	h2.Press("enter")
	h2.MustSee("local · not notified · sam")
}

func TestUncertainChangeIsReconciled(t *testing.T) {
	db, _ := openDB(t)
	s := ui.CSCartLike("Cart", 60, 1)
	h := ui.NewHarness(t, wired(db, applyThenFail{s}), 160, 45)
	for h.SelectedStatus() != "O" {
		h.Press("j")
	}
	h.Press("s")
	h.Type("Processed")
	h.Press("enter", "y")
	// The answer was lost, but the store shows the change: confirmed, sent
	// once, nobody asked.
	h.MustSee("is now Processed")
	if n := len(s.Changes()); n != 1 {
		t.Errorf("the store received %d changes, want 1", n)
	}
	es, _ := db.Changes(context.Background(), backend.ChangeFilter{})
	if len(es) != 1 || es[0].State != backend.StateConfirmed {
		t.Errorf("journal: %+v", es)
	}
}

func TestUncertainChangeNotAppliedAsksTheOperator(t *testing.T) {
	db, _ := openDB(t)
	s := ui.CSCartLike("Cart", 60, 1)
	h := ui.NewHarness(t, wired(db, s), 160, 45)
	for h.SelectedStatus() != "O" {
		h.Press("j")
	}
	s.FailNext(backendtest.OpSetStatus, &backend.Error{Kind: backend.KindUnavailable, Message: "connection reset", Uncertain: true})
	h.Press("s")
	h.Type("Processed")
	h.Press("enter", "y")
	if h.Overlay() != "journal" {
		t.Fatalf("the operator was not asked to resend or drop:\n%s", h.Screen())
	}
	h.MustSee("? decide", "may not have reached the store")
	h.Press("r", "y")
	h.MustSee("✓ confirmed")
	if n := len(s.Changes()); n != 1 {
		t.Errorf("the store applied %d changes, want 1", n)
	}
}

// failingMirror is a database whose mirror cannot be written (disk full).
type failingMirror struct{ ui.Database }

func (failingMirror) MirrorPut(context.Context, []backend.Order) (backend.MirrorCounts, error) {
	return backend.MirrorCounts{}, errors.New("write mirror: the disk is full")
}

func TestMirrorWriteFailureIsSaidOnceAndTheStoresStillWork(t *testing.T) {
	db, _ := openDB(t)
	s := ui.CSCartLike("Cart", 200, 1)
	syncAt(t, db, s, ui.TestNow)
	o := wired(db, s)
	o.DB = failingMirror{o.DB}
	h := ui.NewHarnessOnMirror(t, o, 160, 45)
	h.Press("enter") // the detail read from the store goes to the mirror
	h.MustSee("the local database failed", "disk is full", "row 1 of 200")
	h.Press("enter", "esc", "n", "enter", "n")
	h.MustSee("row 101 of 200")
	h.MustNotSee("the local database failed")
}

func TestWithoutDatabaseTheProblemIsOnScreen(t *testing.T) {
	s := ui.CSCartLike("Cart", 60, 1)
	o := ui.Options{Stores: []backend.Backend{s}, Config: ui.DefaultConfig(), Operator: "sam", ReadOnly: true,
		DBProblem: errors.New("open /data/orderdash.db: the database file is damaged: move it aside")}
	o.Config.Theme = "dark"
	h := ui.NewHarness(t, o, 160, 45)
	// The tables read a mirror in memory (cmd gives one): here the
	// harness's, filled from the store.
	h.MustSee("local database: open /data/orderdash.db: the database file is damaged", "READ-ONLY", "row 1 of 60")
	h.Press("L")
	h.MustSee("no journal: the local database could not be opened")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

var clock = regexp.MustCompile(`\d{4}-\d{2}-\d{2} \d{2}:\d{2}|[A-Z][a-z]{2} \d{2} \d{2}:\d{2}`)

// TestGoldenDatabaseViews draws the journal view and an offline store at
// two sizes. The journal's own times come from the real clock: they are
// masked.
func TestGoldenDatabaseViews(t *testing.T) {
	kornitNames := []string{"demo-cscart", "demo-kornitx"}
	cases := []struct {
		name string
		w, h int
		keys []string
		// setup fills the database and breaks stores.
		setup func(t *testing.T, db *storage.DB, cart, luna *backendtest.Store)
		// names are the stores' names; default Marketplace EU, Lunasoft site.
		names []string
	}{
		{name: "journal_160x45", w: 160, h: 45, keys: []string{"L", "enter"}, setup: journalSetup},
		{name: "journal_80x24", w: 80, h: 24, keys: []string{"L"}, setup: journalSetup},
		{name: "journal_250x70", w: 250, h: 70, keys: []string{"L", "enter"}, setup: journalSetup},
		{name: "journal_resend_80x24", w: 80, h: 24, keys: []string{"L", "r"}, setup: journalSetup},
		// Names sharing "demo-": at 80 columns the Store column drops it,
		// so the change shows whole.
		{name: "journal_demo_80x24", w: 80, h: 24, keys: []string{"L"}, setup: journalSetup, names: []string{"demo-cscart", "demo-lunasoft"}},
		// Kornit X numbers and long statuses at the three sizes.
		{name: "journal_kornitx_80x24", w: 80, h: 24, keys: []string{"L"}, setup: journalKornitSetup, names: kornitNames},
		{name: "journal_kornitx_160x45", w: 160, h: 45, keys: []string{"L"}, setup: journalKornitSetup, names: kornitNames},
		{name: "journal_kornitx_250x70", w: 250, h: 70, keys: []string{"L"}, setup: journalKornitSetup, names: kornitNames},
		{name: "offline_160x45", w: 160, h: 45, keys: []string{"2", "j"}, setup: offlineSetup},
		{name: "offline_80x24", w: 80, h: 24, keys: []string{"2", "enter"}, setup: offlineSetup},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, _ := openDB(t)
			names := c.names
			if names == nil {
				names = []string{"Marketplace EU", "Lunasoft site"}
			}
			cart, luna := ui.CSCartLike(names[0], 160, 1), ui.LunasoftLike(names[1], 60, 2)
			c.setup(t, db, cart, luna)
			h := ui.NewHarness(t, wired(db, cart, luna), c.w, c.h)
			h.Press(c.keys...)
			mask := func(s string) []byte {
				return []byte(clock.ReplaceAllStringFunc(s, func(t string) string {
					if len(t) == len("Jan 02 15:04") {
						return "Mmm DD hh:mm"
					}
					return "YYYY-MM-DD hh:mm"
				}))
			}
			t.Run("ansi", func(t *testing.T) { golden.RequireEqual(t, mask(h.Styled())) })
			t.Run("text", func(t *testing.T) { golden.RequireEqual(t, mask(h.Screen())) })
		})
	}
}

func journalSetup(t *testing.T, db *storage.DB, cart, _ *backendtest.Store) {
	record(t, db, cart.Name(), orderIn(t, cart, "O").ID, stOpen, stProcessed, backend.StateConfirmed)
	record(t, db, cart.Name(), orderIn(t, cart, "A").ID, backend.Status{Code: "A", Name: "On hold", Kind: backend.KindOnHold}, stComplete, backend.StateDropped)
	record(t, db, cart.Name(), orderIn(t, cart, "P").ID, stProcessed, stComplete, backend.StateFailed)
}

// journalKornitSetup gives the second store Kornit X numbers and long
// statuses (issue 14: the Change column beside long numbers).
func journalKornitSetup(t *testing.T, db *storage.DB, cart, kx *backendtest.Store) {
	p, err := kx.List(context.Background(), backend.Query{PageSize: 2})
	if err != nil || len(p.Orders) < 2 {
		t.Fatalf("%d orders, %v", len(p.Orders), err)
	}
	st := func(code, name string, k backend.StatusKind) backend.Status {
		return backend.Status{Code: code, Name: name, Kind: k}
	}
	received := st("1", "Received", backend.KindPending)
	for i, to := range []backend.Status{st("64", "Dispatched (Retailer Notified)", backend.KindShipped), st("513", "Received by Supplier", backend.KindProcessing)} {
		o := p.Orders[i]
		o.Number = "CG3100" + []string{"0520", "0507"}[i]
		kx.Put(o)
		record(t, db, kx.Name(), o.ID, received, to, backend.StateConfirmed)
	}
	record(t, db, cart.Name(), orderIn(t, cart, "O").ID, stOpen, st("9", "Canceled Reversal", backend.KindCancelled), backend.StateFailed)
}

func offlineSetup(t *testing.T, db *storage.DB, cart, _ *backendtest.Store) {
	syncAt(t, db, cart, ui.TestNow.Add(-2*time.Hour))
	for _, op := range []backendtest.Op{backendtest.OpList, backendtest.OpGet, backendtest.OpStatuses} {
		cart.SetError(op, unavailable)
	}
}

func TestDecisionLeftByAnEarlierRunIsCounted(t *testing.T) {
	db, _ := openDB(t)
	s := ui.CSCartLike("Cart", 60, 1)
	record(t, db, "Cart", orderIn(t, s, "O").ID, stOpen, stProcessed, backend.StateUnknown)
	first := ui.NewHarness(t, wired(db, s), 160, 45)
	first.MustSee("? decide")
	// Next run: the store does not answer, so nothing can be checked; the
	// decision still waits, and the status bar says so.
	for _, op := range []backendtest.Op{backendtest.OpList, backendtest.OpVerify, backendtest.OpStatuses} {
		s.SetError(op, unavailable)
	}
	h := ui.NewHarness(t, wired(db, s), 160, 45)
	if h.Overlay() != "" {
		t.Errorf("the journal opened although nothing new was learned:\n%s", h.Screen())
	}
	h.MustSee("? 1 change needs your decision · L")
}

func TestJournalPagesThroughOlderEntriesAndChecksOnDemand(t *testing.T) {
	db, err := storage.OpenInMemory(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := ui.CSCartLike("Cart", 60, 1)
	o := orderIn(t, s, "O")
	first := record(t, db, "Cart", o.ID, stOpen, stProcessed, backend.StateConfirmed)
	for range 230 {
		record(t, db, "Cart", o.ID, stOpen, stProcessed, backend.StateConfirmed)
	}
	h := ui.NewHarness(t, wired(db, s), 160, 45)
	h.Press("L")
	h.MustNotSee("change " + itoa(first) + " ")
	// The last entry read asks for the older ones.
	h.Press("G", "G")
	h.MustSee("change " + itoa(first) + " ")
	h.Press("g")
	h.MustSee("change " + itoa(first+230) + " ")

	// Nothing is open: checking now finds nothing to do.
	h.Press("c")
	h.MustSee("nothing to reconcile")
	// Settled changes take no decision.
	h.Press("r")
	h.MustSee("a confirmed change cannot be resent")
	h.Press("d")
	h.MustSee("a confirmed change cannot be dropped")
	h.Press("L")
	if h.Overlay() != "" {
		t.Error("the journal key did not close the journal")
	}
}

// A bulk change's retry sends the failed changes again through the journal
// entries they already have: nothing is recorded twice.
func TestBulkRetryResendsTheJournalEntries(t *testing.T) {
	db, _ := openDB(t)
	s := ui.CSCartLike("Cart", 60, 1)
	h := ui.NewHarness(t, wired(db, s), 160, 45)
	for marked := 0; marked < 3; {
		if h.SelectedStatus() == "O" {
			h.Press("space")
			marked++
		} else {
			h.Press("j")
		}
	}
	s.FailNext(backendtest.OpSetStatus, &backend.Error{Kind: backend.KindInvalidStatus, Message: "out of stock"})
	h.Press("s")
	h.Type("Processed")
	h.Press("enter", "y")
	h.MustSee("3 of 3 done", "✗ 1", "out of stock")
	h.Press("r", "y")
	h.MustSee("1 of 1 done", "✓ 1")
	es, err := db.Changes(context.Background(), backend.ChangeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 3 {
		t.Fatalf("the journal holds %d changes, want 3 (the retry resends, it does not record again)", len(es))
	}
	for _, e := range es {
		if e.State != backend.StateConfirmed {
			t.Errorf("change %d is %s", e.ID, e.State)
		}
	}
	if len(s.Changes()) != 3 {
		t.Errorf("the store applied %d changes, want 3", len(s.Changes()))
	}
}

// detailedRows lists orders in full, as CS-Cart does (get_orders_data=1):
// rows marked Detailed, with an empty history since the platform keeps
// none.
type detailedRows struct{ *backendtest.Store }

func (d detailedRows) List(ctx context.Context, q backend.Query) (backend.Page, error) {
	p, err := d.Store.List(ctx, q)
	for i := range p.Orders {
		p.Orders[i].Detailed, p.Orders[i].History = true, []backend.Event{}
	}
	return p, err
}

// A change made in an earlier run shows in the timeline even where the
// list already gives whole orders: opening the order reads it, with the
// journal's local history merged in.
func TestTimelineOfFullListRowsShowsTheJournal(t *testing.T) {
	db, _ := openDB(t)
	s := ui.CSCartLike("Cart", 60, 1)
	o := orderIn(t, s, "O")
	if _, err := s.SetStatus(context.Background(), backend.Change{OrderID: o.ID, To: stProcessed}); err != nil {
		t.Fatal(err)
	}
	record(t, db, "Cart", o.ID, stOpen, stProcessed, backend.StateConfirmed)
	h := ui.NewHarness(t, wired(db, detailedRows{s}), 160, 45)
	for h.SelectedID() != o.ID {
		h.Press("j")
	}
	h.Press("enter")
	h.MustSee("◐ Processed  local · not notified · kim")
	// A refresh of the list keeps the timeline read from the store.
	h.Press("r")
	h.MustSee("local · not notified · kim")
}

// recordingDB notes the reconciliations the dashboard asks of the
// database, then asks it.
type recordingDB struct {
	ui.Database
	mu    sync.Mutex
	calls []reconcileCall
}

type reconcileCall struct {
	b   backend.Backend
	opt backend.ReconcileOptions
}

func (r *recordingDB) Reconcile(ctx context.Context, b backend.Backend, opt backend.ReconcileOptions) ([]backend.ReconcileOutcome, error) {
	r.mu.Lock()
	r.calls = append(r.calls, reconcileCall{b, opt})
	r.mu.Unlock()
	return r.Database.Reconcile(ctx, b, opt)
}

func (r *recordingDB) take() []reconcileCall {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := r.calls
	r.calls = nil
	return c
}

// TestReconcileCallsLikeTheCommandLine: the dashboard reconciles through
// the one call the command line makes (cmd's
// TestReconcileSameWayAsTheDashboard checks that side), at start and after
// an uncertain answer alike: once per store, with the store's own backend,
// recording the operator, never resending with --read-only or to a
// read_only store.
func TestReconcileCallsLikeTheCommandLine(t *testing.T) {
	for _, readOnly := range []bool{false, true} {
		db, _ := openDB(t)
		cart := ui.CSCartLike("Cart", 60, 1)
		luna := ui.LunasoftLike("Luna", 60, 2)
		o := wired(db, cart, luna)
		o.ReadOnly, o.StoreReadOnly = readOnly, map[string]bool{"Luna": true}
		rec := &recordingDB{Database: o.DB}
		o.DB = rec
		want := func(b backend.Backend) backend.ReconcileOptions {
			return backend.ReconcileOptions{Operator: "sam", NoResend: readOnly || b.Name() == "Luna"}
		}
		h := ui.NewHarness(t, o, 160, 45)
		calls := rec.take()
		if len(calls) != len(o.Stores) {
			t.Fatalf("read-only=%v: %d reconciliations at start, want one per store: %+v", readOnly, len(calls), calls)
		}
		for _, b := range o.Stores {
			n := 0
			for _, c := range calls {
				if c.b == b && c.opt == want(b) {
					n++
				}
			}
			if n != 1 {
				t.Errorf("read-only=%v, %s: reconciled at start with %+v, want once with its backend and %+v", readOnly, b.Name(), calls, want(b))
			}
		}
		if readOnly {
			continue // nothing can be changed
		}
		for h.SelectedStatus() != "O" {
			h.Press("j")
		}
		cart.FailNext(backendtest.OpSetStatus, &backend.Error{Kind: backend.KindUnavailable, Message: "connection reset", Uncertain: true})
		h.Press("s")
		h.Type("Processed")
		h.Press("enter", "y")
		calls = rec.take()
		if len(calls) != 1 || calls[0].b != o.Stores[0] || calls[0].opt != want(o.Stores[0]) {
			t.Errorf("after an uncertain answer: %+v, want one call for Cart with %+v", calls, want(o.Stores[0]))
		}
	}
}
