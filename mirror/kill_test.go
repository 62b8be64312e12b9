package mirror_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/api2cart"
	"github.com/orderdash/orderdash/backend/sim/api2cartsim"
	"github.com/orderdash/orderdash/mirror"
	"github.com/orderdash/orderdash/storage"
)

// killChildEnv makes the test binary the process TestResumesAfterKill
// kills: "URL PATH".
const killChildEnv = "ORDERDASH_MIRROR_KILL_CHILD"

// A sync killed outright (SIGKILL, at whatever point of a page's read or
// write it is) resumes at its last saved page: the mirror holds each
// order once, nothing is lost, and only pages not saved are read again.
func TestResumesAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	clk := newClock()
	srv, c := startAPI2Cart(t, 4_000, clk.Now)
	srv.Faults().SetLatency(20 * time.Millisecond) // 16 pages: time to be killed half way
	_, path := openDB(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), killChildEnv+"="+srv.URL()+" "+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if n, err := strconv.Atoi(strings.TrimPrefix(lines.Text(), "done ")); err == nil && n >= 6*250 {
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	db, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := db.SyncState(context.Background(), "A2C")
	if err != nil || !st.Pass.Active() || st.Pass.Done < 6*250 || st.Pass.Done%250 != 0 {
		t.Fatalf("saved state after the kill: %+v %v", st, err)
	}
	if n := len(mirrored(t, db, "A2C")); n != st.Pass.Done {
		t.Errorf("the mirror holds %d orders, the saved pass says %d were read", n, st.Pass.Done)
	}
	srv.Faults().SetLatency(0)
	srv.ResetRequests()
	r := mustSync(t, db, c, opts(clk.Now))
	if lists, want := requests(srv.Requests(), "order.list.json"), (4_000-st.Pass.Done)/250; lists != want {
		t.Errorf("the resumed pass made %d list requests, want %d", lists, want)
	}
	if r.Added != 4_000-st.Pass.Done || r.Updated != 0 {
		t.Errorf("the resumed pass: %+v after %d saved", r, st.Pass.Done)
	}
	checkAgainstSim(t, db, srv, "A2C")
}

// TestKillChild is the process TestResumesAfterKill kills: it syncs the
// store at URL into the database at PATH, printing how far it got after
// each page saved.
func TestKillChild(t *testing.T) {
	arg := os.Getenv(killChildEnv)
	if arg == "" {
		t.Skip("run by TestResumesAfterKill")
	}
	url, path, _ := strings.Cut(arg, " ")
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := api2cart.New(api2cart.Config{
		StoreConfig: backend.StoreConfig{Name: "A2C", Platform: api2cart.Platform, URL: url, Timeout: 60 * time.Second},
		APIKey:      api2cartsim.DefaultAPIKey, StoreKey: api2cartsim.DefaultStoreKey,
	}, fast)
	if err != nil {
		t.Fatal(err)
	}
	o := opts(newClock().Now)
	o.Progress = func(p backend.SyncProgress) { fmt.Printf("done %d\n", p.Done) }
	mirror.Sync(context.Background(), db, c, o)
	time.Sleep(time.Minute) // killed before this ends
}

// A CS-Cart pass cut between reading a page and saving it (the page's
// answer in hand, its transaction not begun) resumes at that page: what
// was not saved is read again, what was is not.
func TestCSCartResumesAfterCrashBeforeSave(t *testing.T) {
	clk := newClock()
	srv, c := startCSCart(t, 1_500, clk.Now)
	db, _ := openDB(t)
	all, err := c.List(context.Background(), backend.Query{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	ctx, crash := context.WithCancel(context.Background())
	pages := 0
	dying := &hooked{Backend: c, afterList: func() {
		if pages++; pages == 4 {
			crash()
		}
	}}
	if r := mirror.Sync(ctx, db, dying, opts(clk.Now)); r.Err == nil {
		t.Fatalf("the cut pass: %+v", r)
	}
	st, err := db.SyncState(context.Background(), "CS")
	if err != nil || !st.Pass.Active() || st.Pass.Done != 3*250 {
		t.Fatalf("saved state after the crash: %+v %v", st, err)
	}
	srv.ResetRequests()
	r := mustSync(t, db, c, opts(clk.Now))
	if want := (all.Total+249)/250 - 3; r.Requests != want || len(srv.Requests()) != want {
		t.Errorf("the resumed pass made %d requests (%d at the store), want %d", r.Requests, len(srv.Requests()), want)
	}
	if r.Added != all.Total-3*250 || r.Updated != 0 {
		t.Errorf("the resumed pass: %+v", r)
	}
	if n := len(mirrored(t, db, "CS")); n != all.Total {
		t.Errorf("the mirror holds %d orders, the store lists %d", n, all.Total)
	}
}
