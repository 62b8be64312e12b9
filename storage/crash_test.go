package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/api2cart"
	"github.com/orderdash/orderdash/backend/cscart"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/lunasoft"
	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/api2cartsim"
	"github.com/orderdash/orderdash/backend/sim/cscartsim"
	"github.com/orderdash/orderdash/backend/sim/lunasoftsim"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

// The crash test: a child process sends a status change to a simulated
// store and is killed with SIGKILL while the request is out; a restart
// reconciles the journal against the store. Whatever happened on the
// wire, the store ends with the change applied exactly once (or, where a
// resend is unsafe and it never arrived, not at all until the operator
// resends it) and the journal says so.

// simStore is a simulated store running in the parent test process.
type simStore struct {
	url      string
	faults   *sim.Faults
	requests func() []sim.Request
	applied  func() int // changes the store applied
	close    func() error
}

var crashPlatforms = []struct {
	platform string
	write    string // the HTTP method of a status change
	safe     bool   // Capabilities.SafeResend
	start    func() (simStore, error)
}{
	{"cscart", "PUT", true, func() (simStore, error) {
		s, err := cscartsim.Start(cscartsim.Options{Orders: 20})
		if err != nil {
			return simStore{}, err
		}
		return simStore{s.URL(), s.Faults(), s.Requests, func() int { return len(s.Changes()) }, s.Close}, nil
	}},
	{"lunasoft", "POST", false, func() (simStore, error) {
		s, err := lunasoftsim.Start(lunasoftsim.Options{Orders: 20})
		if err != nil {
			return simStore{}, err
		}
		return simStore{s.URL(), s.Faults(), s.Requests, func() int {
			n := 0
			for _, p := range s.Posts() {
				if p.OK {
					n++
				}
			}
			return n
		}, s.Close}, nil
	}},
	{"api2cart", "PUT", true, func() (simStore, error) {
		s, err := api2cartsim.Start(api2cartsim.Options{Orders: 20})
		if err != nil {
			return simStore{}, err
		}
		return simStore{s.URL(), s.Faults(), s.Requests, func() int { return len(s.Updates()) }, s.Close}, nil
	}},
}

// newClient is the real client for a simulated store, with the sims'
// default demo credentials.
func newClient(platform, url string) (backend.Backend, error) {
	sc := backend.StoreConfig{Name: "crash-" + platform, Platform: platform, URL: url, Timeout: 30 * time.Second}
	switch platform {
	case "cscart":
		return cscart.New(cscart.Config{StoreConfig: sc, Email: "demo@orderdash.test", APIKey: "demo-cscart-key"}, httpx.Options{})
	case "lunasoft":
		return lunasoft.New(lunasoft.Config{StoreConfig: sc, APIKey: "demo-lunasoft-key"}, httpx.Options{})
	case "api2cart":
		return api2cart.New(api2cart.Config{StoreConfig: sc, APIKey: api2cartsim.DefaultAPIKey, StoreKey: api2cartsim.DefaultStoreKey}, httpx.Options{})
	}
	return nil, fmt.Errorf("no platform %q", platform)
}

// pickChange finds an order and a status it can move to.
func pickChange(ctx context.Context, b backend.Backend) (backend.Change, error) {
	p, err := b.List(ctx, backend.Query{})
	if err != nil {
		return backend.Change{}, err
	}
	statuses, err := b.Statuses(ctx)
	if err != nil {
		return backend.Change{}, err
	}
	for _, o := range p.Orders {
		for _, s := range statuses {
			if s.Code != o.Status.Code && s.Code != "N" && s.Kind != backend.KindCancelled && b.CanSet(o, s) == "" {
				return backend.Change{Store: b.Name(), OrderID: o.ID, From: o.Status, To: s, Note: note(b)}, nil
			}
		}
	}
	return backend.Change{}, errors.New("no order can change status")
}

// note is the change's note where the platform keeps one.
func note(b backend.Backend) string {
	if b.Capabilities().Notes {
		return "crash test"
	}
	return ""
}

func TestCrashReconcile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	if testing.Short() {
		t.Skip("starts child processes")
	}
	for _, pl := range crashPlatforms {
		for _, fault := range []sim.Fault{sim.FaultHangAfterApply, sim.FaultHang} {
			t.Run(pl.platform+"/"+string(fault), func(t *testing.T) {
				crashOnce(t, pl.platform, pl.write, pl.safe, fault, pl.start)
			})
		}
	}
}

func crashOnce(t *testing.T, platform, write string, safe bool, fault sim.Fault, start func() (simStore, error)) {
	ctx := context.Background()
	srv, err := start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.close()
	b, err := newClient(platform, srv.url)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := pickChange(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), FileName)
	srv.faults.SetFor(write, fault, 1)

	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v")
	cmd.Env = append(os.Environ(),
		"ORDERDASH_CRASH_DB="+path, "ORDERDASH_CRASH_PLATFORM="+platform, "ORDERDASH_CRASH_URL="+srv.url,
		"ORDERDASH_CRASH_ORDER="+ch.OrderID, "ORDERDASH_CRASH_FROM="+ch.From.Code, "ORDERDASH_CRASH_TO="+ch.To.Code)
	out := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the write is at the store (and, for a hang after apply,
	// applied), then kill the child in the middle of its request.
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	deadline := time.After(60 * time.Second)
	for !hung(srv, fault) {
		select {
		case <-exited:
			t.Fatalf("the child ended before sending the change; its output:\n%s", out)
		case <-deadline:
			cmd.Process.Kill()
			<-exited
			t.Fatalf("the child never sent the change; its output:\n%s", out)
		case <-time.After(10 * time.Millisecond):
		}
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	<-exited
	want := 0
	if fault == sim.FaultHangAfterApply {
		want = 1
	}
	if got := srv.applied(); got != want {
		t.Fatalf("before the restart the store applied %d changes, want %d", got, want)
	}

	// The restart.
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	es, err := db.Changes(ctx, backend.ChangeFilter{})
	if err != nil || len(es) != 1 || es[0].State != backend.StateSent {
		t.Fatalf("journal after the crash: %+v, %v\nchild:\n%s", es, err, out)
	}
	id := es[0].ID
	fresh, err := newClient(platform, srv.url)
	if err != nil {
		t.Fatal(err)
	}
	outs, err := db.Reconcile(ctx, fresh, backend.ReconcileOptions{Operator: "restart"})
	if err != nil || len(outs) != 1 {
		t.Fatalf("Reconcile: %+v, %v", outs, err)
	}
	o := outs[0]
	switch {
	case fault == sim.FaultHangAfterApply:
		if o.Action != backend.ReconcileConfirmed {
			t.Errorf("applied before the crash: %s (%v), want confirmed", o.Action, o.Err)
		}
	case safe:
		if o.Action != backend.ReconcileResent {
			t.Errorf("never applied, safe to resend: %s (%v), want resent", o.Action, o.Err)
		}
	default:
		if o.Action != backend.ReconcileNeedsDecision || !o.Entry.NeedsDecision {
			t.Fatalf("never applied, unsafe to resend: %s (%v), want needs_decision", o.Action, o.Err)
		}
		if srv.applied() != 0 {
			t.Fatal("a change that needs the operator's decision was sent")
		}
		// The operator resends it.
		if _, err := db.Resend(ctx, fresh, id, "ann"); err != nil {
			t.Fatal(err)
		}
	}
	if got := srv.applied(); got != 1 {
		t.Errorf("the store applied the change %d times, want exactly 1", got)
	}
	e := fake.MustChange(t, db, id)
	if e.State != backend.StateConfirmed || e.Operator != "crash-child" {
		t.Errorf("journal: %s by %q (%s)", e.State, e.Operator, e.Error)
	}
	// A second reconciliation finds nothing to do.
	if again, err := db.Reconcile(ctx, fresh, backend.ReconcileOptions{}); err != nil || len(again) != 0 || srv.applied() != 1 {
		t.Errorf("second reconcile: %+v, %v, applied %d", again, err, srv.applied())
	}
	// The change is on the order's timeline once, with who made it.
	full, err := fresh.Get(ctx, e.OrderID)
	if err != nil {
		t.Fatal(err)
	}
	local, err := db.LocalHistory(ctx, e.Store, e.OrderID)
	if err != nil || len(local) != 1 {
		t.Fatalf("local history %+v, %v", local, err)
	}
	merged := MergeHistory(full.History, local)
	n := 0
	for _, ev := range merged {
		if ev.Actor == "crash-child" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("timeline shows the operator's change %d times:\n%+v", n, merged)
	}
}

// hung reports whether the store holds the status write, unanswered (and,
// for a hang after apply, applied).
func hung(s simStore, fault sim.Fault) bool {
	for _, r := range s.requests() {
		if r.Fault == fault {
			return fault != sim.FaultHangAfterApply || s.applied() == 1
		}
	}
	return false
}

// TestCrashChild is the child process of TestCrashReconcile: it sends one
// change through the journal and hangs in the request until killed.
func TestCrashChild(t *testing.T) {
	path := os.Getenv("ORDERDASH_CRASH_DB")
	if path == "" {
		t.Skip("the child process of TestCrashReconcile")
	}
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := newClient(os.Getenv("ORDERDASH_CRASH_PLATFORM"), os.Getenv("ORDERDASH_CRASH_URL"))
	if err != nil {
		t.Fatal(err)
	}
	statuses, err := b.Statuses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	from, _ := backend.FindStatus(statuses, os.Getenv("ORDERDASH_CRASH_FROM"))
	to, err := backend.FindStatus(statuses, os.Getenv("ORDERDASH_CRASH_TO"))
	if err != nil {
		t.Fatal(err)
	}
	ch := backend.Change{Store: b.Name(), OrderID: os.Getenv("ORDERDASH_CRASH_ORDER"), From: from, To: to, Note: note(b)}
	_, err = backend.Apply(ctx, b, db.Journal("crash-child"), ch)
	t.Fatalf("Apply returned (%v); it should have hung until the process was killed", err)
}

// lockedBuffer collects a child's output while it runs.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
