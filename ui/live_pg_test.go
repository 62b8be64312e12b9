package ui

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/orderdash/orderdash/storage/pgtest"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/mirror"
	"github.com/orderdash/orderdash/storage/pgstore"
)

// Team mode end to end in one process: two handles on one PostgreSQL
// schema (two operators' orderdash), B's dashboard on the shared mirror.

// pgSchema is a fresh schema on the test server (pgtest's).
func pgSchema(t testing.TB) (url, schema string) { return pgtest.Schema(t) }

func openPG(t testing.TB, url, schema string) *pgstore.Store {
	t.Helper()
	s, err := pgstore.Open(context.Background(), url, pgstore.Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// liveDriver runs the model as Bubble Tea does, on real time: commands
// on goroutines (the subscription's wait among them), their messages
// into Update on the test's goroutine.
type liveDriver struct {
	t    testing.TB
	m    *Model
	msgs chan tea.Msg
}

func newLiveDriver(t testing.TB, m *Model) *liveDriver {
	d := &liveDriver{t: t, m: m, msgs: make(chan tea.Msg, 4096)}
	t.Cleanup(m.cancel)
	d.m.Update(tea.WindowSizeMsg{Width: 160, Height: 40})
	d.run(m.Init())
	return d
}

func (d *liveDriver) run(cmd tea.Cmd) {
	if cmd != nil {
		go func() { d.msgs <- cmd() }()
	}
}

// until delivers messages until cond holds; false when timeout passed.
func (d *liveDriver) until(cond func() bool, timeout time.Duration) bool {
	deadline := time.After(timeout)
	for !cond() {
		select {
		case msg := <-d.msgs:
			switch msg := msg.(type) {
			case nil:
			case tea.BatchMsg:
				for _, c := range msg {
					d.run(c)
				}
			default:
				if os.Getenv("LIVEDEBUG") != "" {
					d.t.Logf("%T %+v", msg, msg)
				}
				_, cmd := d.m.Update(msg)
				d.run(cmd)
			}
		case <-deadline:
			return false
		}
	}
	return true
}

// liveSetup is A's handle, and B's dashboard driven live.
func liveSetup(t testing.TB) (a *pgstore.Store, d *liveDriver, s backend.Backend) {
	url, schema := pgSchema(t)
	a = openPG(t, url, schema)
	b := openPG(t, url, schema)
	s = cscartLike("Shop", 40, 3)
	// The shared mirror, filled by whichever process syncs the store.
	if r := mirror.Sync(context.Background(), a, s, mirror.Options{Now: func() time.Time { return testNow }}); r.Err != nil {
		t.Fatalf("sync: %v", r.Err)
	}
	o := opts(s)
	// B's database as cmd gives it in team mode: the store itself,
	// mirror, journal and all.
	o.DB, o.Journal, o.Live, o.Claims = b, b.Journal("bob"), b, b
	m, err := newModel(o, env{})
	if err != nil {
		t.Fatal(err)
	}
	d = newLiveDriver(t, m)
	if !d.until(func() bool { return len(m.tab().rows) > 0 && m.team.live.on }, 10*time.Second) {
		t.Fatal("B's table never filled")
	}
	return a, d, s
}

// changeByA records, sends and confirms a change as operator ann's
// orderdash does (the store's side is not the point here).
func changeByA(t testing.TB, a *pgstore.Store, id string, from, to backend.Status) {
	ctx := context.Background()
	j := a.Journal("ann")
	ch := backend.Change{Store: "Shop", OrderID: id, From: from, To: to}
	if err := j.Record(ctx, &ch); err != nil {
		t.Fatal(err)
	}
	if err := j.Sent(ctx, ch.ID); err != nil {
		t.Fatal(err)
	}
	if err := j.Confirmed(ctx, ch.ID, 1, backend.Order{ID: id, Store: "Shop", Status: to}); err != nil {
		t.Fatal(err)
	}
}

func otherStatus(t testing.TB, s backend.Backend, cur backend.Status) backend.Status {
	sts, err := s.Statuses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(sts, func(x backend.Status) bool { return x.Code != cur.Code })
	return sts[i]
}

// A change ann confirms shows in bob's table, without bob doing anything.
func TestLiveChangeByAnotherOperatorShows(t *testing.T) {
	a, d, s := liveSetup(t)
	m := d.m
	r := m.tab().rows[0]
	key, from := r.key, r.o.Status
	to := otherStatus(t, s, from)
	changeByA(t, a, key.id, from, to)
	if !d.until(func() bool { return m.orders[key].o.Status.Code == to.Code }, 10*time.Second) {
		t.Fatalf("bob's row still shows %q, ann set %q", m.orders[key].o.Status.Code, to.Code)
	}
}

// BenchmarkLiveChangeLatency measures a change confirmed by operator A
// until its row shows the new status in B's dashboard (PostgreSQL
// NOTIFY, the journal entry, B's mirror, B's window read).
func BenchmarkLiveChangeLatency(b *testing.B) {
	a, d, s := liveSetup(b)
	m := d.m
	var lat []time.Duration
	rows := m.tab().rows
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := rows[i%len(rows)].key
		from := m.orders[k].o.Status
		to := otherStatus(b, s, from)
		changeByA(b, a, k.id, from, to)
		start := time.Now()
		if !d.until(func() bool { r := m.orders[k]; return r != nil && r.o.Status.Code == to.Code }, 10*time.Second) {
			b.Fatalf("change %d never showed in B", i)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

// Orders ann's orderdash syncs into the shared mirror show in bob's open
// table at once (a notice per page written), without a pass of bob's
// own and with bob's cursor on the order it was on.
func TestLiveSyncByAnotherProcessShows(t *testing.T) {
	a, d, s := liveSetup(t)
	m := d.m
	for range 3 {
		_, cmd := m.Update(keyPress("j"))
		d.run(cmd)
	}
	if !d.until(func() bool { return m.tab().cursor == 3 }, 5*time.Second) {
		t.Fatalf("bob's cursor is on row %d, want 3", m.tab().cursor)
	}
	sel := m.tab().selected()
	store := s.(interface {
		Order(string) (backend.Order, bool)
		Put(...backend.Order)
	})
	o, _ := store.Order(sel.key.id)
	o.ID, o.Number = "9001", "9001"
	o.Created, o.Updated = testNow.Add(time.Minute), testNow.Add(time.Minute)
	store.Put(o)
	start := time.Now()
	if r := mirror.Sync(context.Background(), a, s, mirror.Options{Now: func() time.Time { return testNow.Add(time.Minute) }}); r.Err != nil {
		t.Fatalf("ann's sync: %v", r.Err)
	}
	key := orderKey{store: sel.key.store, id: o.ID}
	if !d.until(func() bool { return indexOf(m.tab().rows, key) >= 0 }, 10*time.Second) {
		t.Fatal("the order ann's sync wrote never showed in bob's table")
	}
	t.Logf("in bob's table %s after ann's sync", time.Since(start))
	if got := m.tab().selected(); got == nil || got.key != sel.key {
		t.Errorf("bob's cursor moved to %v, want it on %v", got, sel.key)
	}
}
