package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

// A process sends a change, cannot write its outcome (the database went
// read-only under it) and ends normally. The change must be settled by
// the next reconciliation at once, not after StaleAfter: its process is
// gone. A change whose process is alive (here, the test's own other
// handle) is still left alone.
func TestReconcileAfterSenderEnded(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), FileName)
	db := openAt(t, path)

	// A live holder: another session of this very process.
	live := openAt(t, path)
	held := fake.Change("Shop", "2")
	fake.RecordSent(t, live.Journal("ann"), &held)

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperOutcomeLost$")
	cmd.Env = append(os.Environ(), "ORDERDASH_LOST_DB="+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	var id int64
	if _, err := fmt.Sscanf(string(out), "sent %d", &id); err != nil {
		t.Fatalf("child said %q", out)
	}

	f := fake.NewStore("Shop", true)
	outs := fake.Reconcile(t, db, backend.ReconcileOptions{}, f) // DefaultStaleAfter: two minutes
	if o := outs[id]; o.Action == backend.ReconcileDeferred || errors.Is(o.Err, ErrInFlight) {
		t.Errorf("the change of an ended process waits: %s %v", o.Action, o.Err)
	} else if o.Action != backend.ReconcileResent || o.Entry.State != backend.StateConfirmed {
		t.Errorf("the change of an ended process: %s %s %v", o.Action, o.Entry.State, o.Err)
	}
	if o := outs[held.ID]; o.Action != backend.ReconcileDeferred || !errors.Is(o.Err, ErrInFlight) {
		t.Errorf("the change of a live process was touched: %s %v", o.Action, o.Err)
	}
	if f.SetCount() != 1 {
		t.Errorf("%d sends, want 1 (the ended process's change, resent safely)", f.SetCount())
	}
	// Once settled, the ended session's lock file is swept.
	locks, _ := filepath.Glob(path + "-sessions/*.lock")
	if len(locks) != 2 { // db and live
		t.Errorf("lock files left: %v", locks)
	}
}

// TestHelperOutcomeLost is the child of TestReconcileAfterSenderEnded: it
// records and sends a change, fails to write its outcome, and exits
// normally, closing the database.
func TestHelperOutcomeLost(t *testing.T) {
	path := os.Getenv("ORDERDASH_LOST_DB")
	if path == "" {
		t.Skip("a child process of TestReconcileAfterSenderEnded")
	}
	ctx := context.Background()
	db := openAt(t, path)
	j := db.Journal("sam")
	ch := fake.Change("Shop", "1")
	fake.RecordSent(t, j, &ch)
	// The request left; the store's answer was lost; then the database
	// refuses the write of the outcome.
	if _, err := db.w.Exec("PRAGMA query_only = 1"); err != nil {
		t.Fatal(err)
	}
	if err := j.Unknown(ctx, ch.ID, 1, fake.ErrLost); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("outcome write: %v, want it refused", err)
	}
	fmt.Printf("sent %d\n", ch.ID)
}
