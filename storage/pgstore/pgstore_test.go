package pgstore

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

func sentChange(t *testing.T, s *Store, order string) int64 {
	t.Helper()
	ch := backend.Change{Store: "Shop", OrderID: order, To: fake.Shipped}
	fake.RecordSent(t, s.Journal("sam"), &ch)
	return ch.ID
}

// A sender that dies outright (no Close: SIGKILL) keeps its lease until
// it lapses; then one other process, and only one, takes it.
func TestLeaseTakenByOneSettler(t *testing.T) {
	ctx := context.Background()
	url, schema := newSchema(t)
	dead := openIn(t, url, schema, Options{LeaseTTL: 2 * time.Second})
	var ids []int64
	for _, o := range []string{"1", "2", "3", "4", "5", "6", "7", "8"} {
		ids = append(ids, sentChange(t, dead, o))
	}
	// SIGKILL: the heartbeat stops, nothing is released.
	close(dead.stop)
	<-dead.done
	// A lease generous enough that opening two stores on a loaded
	// machine does not outlast it.
	a := openIn(t, url, schema, Options{})
	b := openIn(t, url, schema, Options{})
	if _, ok, err := a.takeLease(ctx, ids[0]); ok || err != nil {
		t.Fatalf("took the lease of a live sender: %v %v", ok, err)
	}
	time.Sleep(2500 * time.Millisecond)
	for _, id := range ids {
		var wins atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		for _, s := range []*Store{a, b} {
			wg.Go(func() {
				<-start
				if _, ok, err := s.takeLease(ctx, id); err != nil {
					t.Error(err)
				} else if ok {
					wins.Add(1)
				}
			})
		}
		close(start)
		wg.Wait()
		if wins.Load() != 1 {
			t.Errorf("change %d: the lease was taken %d times", id, wins.Load())
		}
	}
}

// The heartbeat keeps a slow send's lease alive past LeaseTTL.
func TestHeartbeatRenewsLease(t *testing.T) {
	ctx := context.Background()
	url, schema := newSchema(t)
	sender := openIn(t, url, schema, Options{LeaseTTL: 300 * time.Millisecond})
	id := sentChange(t, sender, "1")
	other := openIn(t, url, schema, Options{})
	time.Sleep(900 * time.Millisecond)
	if _, ok, err := other.takeLease(ctx, id); ok || err != nil {
		t.Fatalf("a change in flight lost its lease: %v %v", ok, err)
	}
}

// Processes starting together on an empty schema migrate it once.
func TestConcurrentFirstOpen(t *testing.T) {
	url, schema := newSchema(t)
	var wg sync.WaitGroup
	stores := make([]*Store, 4)
	errs := make([]error, 4)
	for i := range stores {
		wg.Go(func() { stores[i], errs[i] = Open(context.Background(), url, Options{Schema: schema}) })
	}
	wg.Wait()
	for i, s := range stores {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		defer s.Close()
	}
	applied, err := stores[0].Migrate(context.Background())
	if err != nil || len(applied) != 0 {
		t.Fatalf("migrating again applied %v: %v", applied, err)
	}
	var n int
	stores[0].pool.QueryRow(context.Background(), `SELECT count(*) FROM orderdash_schema`).Scan(&n)
	if v, err := stores[0].Version(context.Background()); n != SchemaVersion() || v != SchemaVersion() || err != nil {
		t.Errorf("%d versions recorded, version %d (%v), want %d", n, v, err, SchemaVersion())
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	url, schema := newSchema(t)
	s := openIn(t, url, schema, Options{})
	if _, err := s.pool.Exec(context.Background(), `INSERT INTO orderdash_schema (version) VALUES (999)`); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), url, Options{Schema: schema})
	if !errors.Is(err, storage.ErrNewerSchema) || !strings.Contains(err.Error(), "schema 999") {
		t.Errorf("a newer schema: %v", err)
	}
}

// Connection failures are one line naming the database, never its
// password.
func TestOpenFailuresSayWhy(t *testing.T) {
	url := needServer(t)
	const pw = "Very-Secret-pw9"
	withPw := strings.Replace(url, "postgres@", "nosuchuser:"+pw+"@", 1)
	tests := []struct {
		name    string
		url     string
		problem error
		why     string
	}{
		{"nobody listens", "postgres://ann:" + pw + "@127.0.0.1:1/orders?sslmode=disable&connect_timeout=2", storage.ErrOffline, "PostgreSQL 127.0.0.1:1/orders (user ann)"},
		{"no such database", strings.Replace(url, "/test", "/no_such_db_od", 1), storage.ErrCannotOpen, "there is no such database"},
		{"unreadable", "postgres://ann:" + pw + "@[::1/x", storage.ErrCannotOpen, "PostgreSQL (an unreadable URL)"},
	}
	if strings.Contains(url, "postgres@") {
		tests = append(tests, struct {
			name    string
			url     string
			problem error
			why     string
		}{"no such user", withPw, storage.ErrCannotOpen, "user nosuchuser"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			s, err := Open(ctx, tt.url, Options{})
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			msg := err.Error()
			t.Log(msg)
			if strings.Contains(msg, pw) || strings.Contains(msg, "\n") {
				t.Fatalf("the message shows the password or spans lines: %q", msg)
			}
			if !errors.Is(err, tt.problem) || !strings.Contains(msg, tt.why) {
				t.Errorf("error %q, want %v and %q", msg, tt.problem, tt.why)
			}
		})
	}
}

func TestRedactAndDescribe(t *testing.T) {
	tests := []struct{ url, redacted, described string }{
		{"postgres://ann:pw-123@db.example:5433/orders?sslmode=require", "postgres://ann:xxxxx@db.example:5433/orders?sslmode=require", "PostgreSQL db.example:5433/orders (user ann)"},
		{"postgres://db.example/orders?password=pw-123&sslmode=disable", "postgres://db.example/orders?password=xxxxx&sslmode=disable", "PostgreSQL db.example:5432/orders"},
		{"postgresql://ann@db/orders", "postgresql://ann@db/orders", "PostgreSQL db:5432/orders (user ann)"},
		{"postgres://ann:pw-123@[::1/x", "(an unreadable URL)", "PostgreSQL (an unreadable URL)"},
	}
	for _, tt := range tests {
		if got := Redact(tt.url); got != tt.redacted || strings.Contains(got, "pw-123") {
			t.Errorf("Redact(%q) = %q, want %q", tt.url, got, tt.redacted)
		}
		if got := Describe(tt.url); got != tt.described {
			t.Errorf("Describe(%q) = %q, want %q", tt.url, got, tt.described)
		}
	}
}

// wait reads notices until want matches one, or fails after timeout.
func wait(t *testing.T, ch <-chan backend.Notice, timeout time.Duration, want func(backend.Notice) bool) backend.Notice {
	t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case n, ok := <-ch:
			if !ok {
				t.Fatal("the notices ended")
			}
			if want(n) {
				return n
			}
		case <-deadline:
			t.Fatalf("no such notice within %s", timeout)
		}
	}
}

// listening opens two processes' stores on one schema, b subscribed to
// what a (or anyone) does; the subscription ends with the test.
func listening(t *testing.T) (context.Context, *Store, *Store, <-chan backend.Notice) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	url, schema := newSchema(t)
	a := openIn(t, url, schema, Options{})
	b := openIn(t, url, schema, Options{})
	ch, err := b.Subscribe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return ctx, a, b, ch
}

// What one process does reaches another's subscription; after the
// connection is cut, it comes back by itself and says to resync.
func TestSubscribe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, schema := newSchema(t)
	a := openIn(t, url, schema, Options{})
	b := openIn(t, url, schema, Options{})
	ch, err := b.Subscribe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id := sentChange(t, a, "7")
	n := wait(t, ch, 5*time.Second, func(n backend.Notice) bool { return n.Kind == backend.NoticeChange && n.State == backend.StateSent })
	if n.ChangeID != id || n.Store != "Shop" || n.OrderID != "7" {
		t.Errorf("notice %+v", n)
	}
	if _, err := a.KornitXInbox().SavePush(ctx, "KX", backend.Order{ID: "42"}, nil, time.Now()); err != nil {
		t.Fatal(err)
	}
	wait(t, ch, 5*time.Second, func(n backend.Notice) bool { return n.Kind == backend.NoticePush && n.OrderID == "42" })
	if _, err := a.Claim(ctx, []backend.OrderRef{{Store: "Shop", ID: "7"}}, storage.ClaimOptions{Operator: "ann"}); err != nil {
		t.Fatal(err)
	}
	wait(t, ch, 5*time.Second, func(n backend.Notice) bool { return n.Kind == backend.NoticeClaim })

	// The server drops the listener's connection (a restart, say).
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE pid <> pg_backend_pid() AND query LIKE 'LISTEN%' AND query LIKE '%`+schema+`%'`); err != nil {
		t.Fatal(err)
	}
	wait(t, ch, 10*time.Second, func(n backend.Notice) bool { return n.Kind == backend.NoticeResync })
	sentChange(t, a, "8")
	wait(t, ch, 5*time.Second, func(n backend.Notice) bool { return n.Kind == backend.NoticeChange && n.OrderID == "8" })
	cancel()
	for range ch { // closes once ctx ends
	}
}

// Writes fail with one line, ErrOffline, while the server is away; the
// pool reconnects by itself once it is back.
func TestOfflineAndBack(t *testing.T) {
	ctx := context.Background()
	url, schema := newSchema(t)
	s := openIn(t, url, schema, Options{AppName: "orderdash " + schema})
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	// Every connection of the pool is cut.
	if _, err := c.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE application_name = $1`, "orderdash "+schema); err != nil {
		t.Fatal(err)
	}
	// The first use may see the broken connection; a retry reconnects.
	var got error
	for range 3 {
		if _, got = s.Change(ctx, 1); errors.Is(got, storage.ErrNoChange) {
			break
		}
		if got != nil && !errors.Is(got, storage.ErrOffline) {
			t.Fatalf("a cut connection: %v", got)
		}
	}
	if !errors.Is(got, storage.ErrNoChange) {
		t.Fatalf("did not reconnect: %v", got)
	}
}
