package mirror_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/mirror"
)

// counted is a store whose List calls are counted (from Run's goroutine)
// and which, while gate is set, holds each List until the gate opens.
type counted struct {
	backend.Backend
	lists   atomic.Int64
	gate    atomic.Pointer[chan struct{}]
	entered chan struct{} // told each time a held List starts
}

func (c *counted) List(ctx context.Context, q backend.Query) (backend.Page, error) {
	c.lists.Add(1)
	if g := c.gate.Load(); g != nil {
		c.entered <- struct{}{}
		select {
		case <-*g:
		case <-ctx.Done():
			return backend.Page{}, ctx.Err()
		}
	}
	return c.Backend.List(ctx, q)
}

// runWoken runs Run over b with a long interval (only wakes start a pass)
// and returns the reports, the waker and a stop function.
func runWoken(t *testing.T, b backend.Backend, now func() time.Time) (<-chan backend.SyncProgress, *mirror.Waker, func()) {
	t.Helper()
	db, _ := openDB(t)
	reports := make(chan backend.SyncProgress, 1000)
	o := opts(now)
	o.Interval = time.Hour
	o.Waker = mirror.NewWaker()
	o.Progress = func(p backend.SyncProgress) { reports <- p }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { mirror.Run(ctx, db, []backend.Backend{b}, o); close(done) }()
	stop := func() { cancel(); <-done }
	t.Cleanup(stop)
	return reports, o.Waker, stop
}

// next is Run's next report after a pass, of one of phases, failing the test on a
// failure report not asked for or after a generous wait.
func next(t *testing.T, reports <-chan backend.SyncProgress, phases ...backend.SyncPhase) backend.SyncProgress {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case p := <-reports:
			for _, ph := range phases {
				// Run's own report, once the pass ended, says when the
				// next comes; the pass's last report does not.
				if p.Phase == ph && !p.RetryAt.IsZero() {
					return p
				}
			}
			if p.Phase == backend.SyncFailed || p.Phase == backend.SyncStopped {
				t.Fatalf("unexpected %s report: %s", p.Phase, p.Err)
			}
		case <-timeout:
			t.Fatalf("no %v report", phases)
		}
	}
}

func TestWakeIsNonBlockingAndNilSafe(t *testing.T) {
	var nilWaker *mirror.Waker
	nilWaker.Wake("any") // no panic, no block
	w := mirror.NewWaker()
	for range 1000 {
		w.Wake("a") // never blocks, with no Run reading
	}
}

// A woken store starts its next pass at once instead of after Interval,
// and many wakes while a pass runs give exactly one more pass.
func TestWakeStartsAPassAndCoalesces(t *testing.T) {
	clk := newClock()
	_, a := startAPI2Cart(t, 30, clk.Now)
	c := &counted{Backend: a, entered: make(chan struct{})}
	reports, w, _ := runWoken(t, c, clk.Now)
	next(t, reports, backend.SyncIdle) // the first fill
	base := c.lists.Load()

	// Woken: a pass at once (the interval is an hour).
	w.Wake("A2C")
	next(t, reports, backend.SyncIdle)
	if got := c.lists.Load() - base; got != 1 {
		t.Fatalf("a woken incremental pass made %d list requests, want 1", got)
	}

	// Woken again, and held in that pass's List while 50 more wakes come.
	g := make(chan struct{})
	c.gate.Store(&g)
	w.Wake("A2C")
	<-c.entered
	for range 50 {
		w.Wake("A2C")
	}
	c.gate.Store(nil)
	close(g)
	next(t, reports, backend.SyncIdle) // the held pass
	next(t, reports, backend.SyncIdle) // the one pass the 50 wakes asked for
	if got := c.lists.Load() - base; got != 3 {
		t.Errorf("%d list requests after the wakes, want 3 (one a pass)", got)
	}
	// No further pass: a wake is answered by the pass after it, so the
	// loop is asleep until the hour is up. (Timed, so it can only miss a
	// bug, never invent one.)
	time.Sleep(200 * time.Millisecond)
	if got := c.lists.Load() - base; got != 3 {
		t.Errorf("%d list requests a while later, want still 3", got)
	}
}

// A wake before Run starts is answered by the first pass, not by a second
// one straight after it.
func TestWakeBeforeRunIsAnsweredByTheFirstPass(t *testing.T) {
	clk := newClock()
	_, a := startAPI2Cart(t, 30, clk.Now)
	c := &counted{Backend: a, entered: make(chan struct{})}
	db, _ := openDB(t)
	o := opts(clk.Now)
	o.Interval = time.Hour
	o.Waker = mirror.NewWaker()
	o.Waker.Wake("A2C")
	idle := make(chan struct{}, 10)
	o.Progress = func(p backend.SyncProgress) {
		if p.Phase == backend.SyncIdle && !p.Synced.IsZero() {
			idle <- struct{}{}
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { mirror.Run(ctx, db, []backend.Backend{c}, o); close(done) }()
	defer func() { cancel(); <-done }()
	<-idle
	n := c.lists.Load()
	time.Sleep(200 * time.Millisecond)
	if got := c.lists.Load(); got != n {
		t.Errorf("%d list requests after the first pass, want %d: the early wake made a second pass", got, n)
	}
}

// A rate-limited store in back-off is not read sooner for a wake, even
// after the wake gap: its failed report is sent again, saying when the
// next pass comes, and the store sees no request.
func TestWakeInBackoffDoesNotHammer(t *testing.T) {
	clk := newClock()
	srv, a := startAPI2Cart(t, 30, clk.Now)
	srv.Throttle(7, 0) // until cleared
	c := &counted{Backend: a, entered: make(chan struct{})}
	reports, w, _ := runWoken(t, c, clk.Now)
	failed := next(t, reports, backend.SyncFailed)
	srv.ResetRequests()
	lists := c.lists.Load()
	clk.Add(time.Minute)
	for range 20 {
		w.Wake("A2C")
	}
	again := next(t, reports, backend.SyncFailed)
	if again.Err != failed.Err || !again.RetryAt.Equal(failed.RetryAt) || again.RetryAt.Before(clk.Now()) {
		t.Errorf("report on a wake in back-off: %+v, the failure was %+v", again, failed)
	}
	time.Sleep(100 * time.Millisecond)
	if got, at := c.lists.Load()-lists, len(srv.Requests()); got != 0 || at != 0 {
		t.Errorf("woken in back-off: %d list calls, %d requests at the store, want none", got, at)
	}
}

// A store whose pass failed because it did not answer (not a rate limit)
// is read again when woken once the wake gap has passed: the network came
// back and the operator pressed r. A wake sooner is not a pass.
func TestWakeAfterOutageReadsAgain(t *testing.T) {
	clk := newClock()
	srv, a := startAPI2Cart(t, 30, clk.Now)
	srv.Faults().Set(sim.Fault5xx, 0) // until cleared
	c := &counted{Backend: a, entered: make(chan struct{})}
	reports, w, _ := runWoken(t, c, clk.Now)
	failed := next(t, reports, backend.SyncFailed)
	if failed.RetryAt.Before(clk.Now().Add(time.Minute)) {
		t.Fatalf("the failed pass retries at %v, want a back-off of a minute or more", failed.RetryAt)
	}
	srv.Faults().Clear()
	lists := c.lists.Load()
	w.Wake("A2C") // at once: within the gap
	next(t, reports, backend.SyncFailed)
	if got := c.lists.Load() - lists; got != 0 {
		t.Fatalf("woken within the gap: %d list calls, want none", got)
	}
	clk.Add(6 * time.Second)
	w.Wake("A2C")
	if p := next(t, reports, backend.SyncIdle); p.Synced.IsZero() {
		t.Errorf("the pass after the wake reported %+v, want a synced mirror", p)
	}
}
