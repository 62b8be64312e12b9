package mirror_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/mirror"
	"github.com/orderdash/orderdash/storage"
)

// Run syncs every store in its own goroutine and reports progress; it
// ends with its context.
func TestRunReportsEachStore(t *testing.T) {
	clk := newClock()
	_, a := startAPI2Cart(t, 600, clk.Now)
	_, c := startCSCart(t, 300, clk.Now)
	db, _ := openDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	reports := make(chan backend.SyncProgress, 1000)
	o := opts(clk.Now)
	o.Progress = func(p backend.SyncProgress) {
		select {
		case reports <- p:
		default:
		}
	}
	done := make(chan struct{})
	go func() { mirror.Run(ctx, db, []backend.Backend{a, c}, o); close(done) }()
	idle := map[string]bool{}
	filling := map[string]bool{}
	for len(idle) < 2 {
		p := <-reports
		switch p.Phase {
		case backend.SyncFilling:
			filling[p.Store] = true
		case backend.SyncIdle:
			if !p.Synced.IsZero() {
				idle[p.Store] = true
			}
		case backend.SyncFailed, backend.SyncStopped:
			t.Fatalf("%s: %s", p.Store, p.Err)
		}
	}
	cancel()
	<-done
	if !filling["A2C"] || !filling["CS"] {
		t.Errorf("no filling reports: %v", filling)
	}
}

// A throttled store fails the pass with the platform's words, keeps the
// pass it was in, and the next pass after the back-off goes on from there.
func TestRateLimitedPassResumes(t *testing.T) {
	clk := newClock()
	srv, c := startAPI2Cart(t, 1_000, clk.Now)
	db, _ := openDB(t)
	throttling := atPage(c, 3, func() { srv.Throttle(7, 0) }) // until cleared
	r := mirror.Sync(context.Background(), db, throttling, opts(clk.Now))
	if !errors.Is(r.Err, backend.ErrRateLimited) {
		t.Fatalf("throttled pass: %v", r.Err)
	}
	st, err := db.SyncState(context.Background(), "A2C")
	if err != nil || !strings.Contains(st.LastError, "limit") || !st.Pass.Active() || st.Pass.Done != 500 {
		t.Fatalf("state after the throttle: %+v %v", st, err)
	}
	srv.Throttle(0, 0)
	r = mustSync(t, db, c, opts(clk.Now))
	if r.Added != 500 {
		t.Errorf("resumed pass: %+v", r)
	}
	if st, _ := db.SyncState(context.Background(), "A2C"); st.LastError != "" || st.Pass.Active() {
		t.Errorf("state after success: %+v", st)
	}
}

// The database file deleted while orderdash runs: the sync says so in one
// line and stops (SQLite would write on into the unlinked file and lose it
// all); the next start builds a new mirror.
func TestDatabaseDeletedWhileRunning(t *testing.T) {
	clk := newClock()
	_, c := startCSCart(t, 100, clk.Now)
	db, path := openDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	reports := make(chan backend.SyncProgress, 100)
	o := opts(clk.Now)
	o.Progress = func(p backend.SyncProgress) { reports <- p }
	o.Interval = time.Millisecond
	done := make(chan struct{})
	go func() { mirror.Run(ctx, db, []backend.Backend{c}, o); close(done) }()
	for p := range reports {
		if p.Phase == backend.SyncIdle && !p.Synced.IsZero() {
			break
		}
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
	var stop backend.SyncProgress
	for p := range reports {
		if p.Phase == backend.SyncStopped {
			stop = p
			break
		}
	}
	<-done // Run ends by itself
	if !strings.Contains(stop.Err, "deleted") || strings.Contains(stop.Err, "\n") {
		t.Errorf("stop report: %q", stop.Err)
	}
	r := mirror.Sync(context.Background(), db, c, o)
	if !errors.Is(r.Err, mirror.ErrDatabaseGone) {
		t.Errorf("a pass on the deleted file: %v", r.Err)
	}
	db.Close()
	rebuilt(t, path, c)
}

// The database file overwritten while orderdash runs: SQLite, working
// from its cache and log, would not notice; the sync sees the header,
// stops with one line that says what to do, and after that (the file
// moved aside) the next start builds a new mirror.
func TestDatabaseOverwrittenWhileRunning(t *testing.T) {
	clk := newClock()
	_, c := startCSCart(t, 100, clk.Now)
	db, path := openDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	reports := make(chan backend.SyncProgress, 1000)
	o := opts(clk.Now)
	o.Progress = func(p backend.SyncProgress) { reports <- p }
	o.Interval = time.Millisecond
	done := make(chan struct{})
	go func() { mirror.Run(ctx, db, []backend.Backend{c}, o); close(done) }()
	for p := range reports {
		if p.Phase == backend.SyncIdle && !p.Synced.IsZero() {
			break
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	junk := []byte(strings.Repeat("not a database, not at all ", 300))
	if _, err := f.WriteAt(junk, 0); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var stop backend.SyncProgress
	for p := range reports {
		if p.Phase == backend.SyncStopped {
			stop = p
			break
		}
		if p.Phase == backend.SyncFailed {
			t.Fatalf("failed rather than stopped: %s", p.Err)
		}
	}
	<-done
	if !strings.Contains(stop.Err, "damaged") || !strings.Contains(stop.Err, "move it aside") || strings.Contains(stop.Err, "\n") {
		t.Errorf("stop report: %q", stop.Err)
	}
	db.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Rename(p, p+".damaged") // as the advice says
	}
	rebuilt(t, path, c)
}

// rebuilt opens a new database at path, as the next start does, and
// checks one pass fills its mirror with every order b lists.
func rebuilt(t *testing.T, path string, b backend.Backend) {
	t.Helper()
	all, err := b.List(context.Background(), backend.Query{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	n := all.Total
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("the next start: %v", err)
	}
	defer db.Close()
	clk := newClock()
	if r := mustSync(t, db, b, opts(clk.Now)); !r.Full || r.Added != n {
		t.Errorf("the new mirror's first pass: %+v", r)
	}
	if got := len(mirrored(t, db, b.Name())); got != n {
		t.Errorf("the new mirror holds %d orders, want %d", got, n)
	}
}
