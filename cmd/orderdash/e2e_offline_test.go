package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// privatePG is a PostgreSQL cluster of the test's own, in a temporary
// folder, on a free port: the machine's server is never stopped. As root
// it runs as the postgres user (PostgreSQL refuses root).
type privatePG struct {
	t    *testing.T
	bin  string
	dir  string
	port int
	as   []string // the command prefix that runs as the cluster's owner
}

const pgBin = "/usr/lib/postgresql/15/bin"

func startPrivatePG(t *testing.T) *privatePG {
	t.Helper()
	bin := pgBin
	if _, err := os.Stat(filepath.Join(bin, "initdb")); err != nil {
		p, err := exec.LookPath("initdb")
		if err != nil {
			t.Skipf("*** initdb is not installed (neither %s/initdb nor on PATH): the offline test against a stopped server is SKIPPED ***", bin)
		}
		bin = filepath.Dir(p)
	}
	dir, err := os.MkdirTemp("", "orderdash-pg-")
	if err != nil {
		t.Fatal(err)
	}
	pg := &privatePG{t: t, bin: bin, dir: dir}
	t.Cleanup(func() {
		_ = pg.ctl("stop", "-m", "immediate")
		os.RemoveAll(dir)
	})
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("running as root, and there is no postgres user to run a cluster: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		pg.as = []string{"runuser", "-u", "postgres", "--"}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	pg.port = ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	if out, err := pg.cmd("initdb", "-D", pg.data(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions").CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	pg.start()
	return pg
}

func (pg *privatePG) data() string { return filepath.Join(pg.dir, "data") }

func (pg *privatePG) cmd(tool string, args ...string) *exec.Cmd {
	argv := append(append([]string{}, pg.as...), append([]string{filepath.Join(pg.bin, tool)}, args...)...)
	return exec.Command(argv[0], argv[1:]...)
}

func (pg *privatePG) ctl(args ...string) error {
	args = append(args, "-D", pg.data(), "-w", "-t", "30")
	out, err := pg.cmd("pg_ctl", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("pg_ctl %s: %v\n%s", args[0], err, out)
	}
	return nil
}

// start starts the cluster (again) on its port, its socket in its folder.
func (pg *privatePG) start() {
	pg.t.Helper()
	// fsync off: an immediate stop is not an OS crash, the WAL in the OS
	// cache survives it. synchronous_commit stays on: with it off, a
	// commit acknowledged just before the stop would be lost, which a
	// real server does not do.
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off", pg.port, pg.dir)
	if err := pg.ctl("start", "-o", opts, "-l", filepath.Join(pg.dir, "log")); err != nil {
		log, _ := os.ReadFile(filepath.Join(pg.dir, "log"))
		pg.t.Fatalf("%v\n%s", err, log)
	}
}

// stop stops it as a crash or a pulled cable would: at once.
func (pg *privatePG) stop() {
	pg.t.Helper()
	if err := pg.ctl("stop", "-m", "immediate"); err != nil {
		pg.t.Fatal(err)
	}
}

func (pg *privatePG) url() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable&connect_timeout=2", pg.port)
}

// The team's database stops under an open dashboard with a change in
// flight: the status bar says database offline, the orders on screen stay,
// a change is refused in one line, the change in flight is not lost; the
// server back, the dashboard reconnects by itself.
func TestE2EDatabaseOffline(t *testing.T) {
	pg := startPrivatePG(t)
	tm := newTeamOn(t, pg.url(), 2)
	o, o2 := tm.orders[0], tm.orders[1]
	x := newTmux(t)
	ann := tm.node("ann")
	a := x.dashboard(ann, "ann")
	a.see(30*time.Second, o.Ref, o2.Ref)

	// A dispatch whose PUT is slow: the server stops while it is out.
	tm.srv.Faults().SetLatency(2500 * time.Millisecond) // under the store's 3 s timeout
	a.gotoOrder(o.ID)
	a.see(10*time.Second, "Order #"+o.Ref)
	a.dispatch("1Z999AA10123456784")
	a.see(5*time.Second, "⟳ Dispatc")
	pg.stop()
	a.see(10*time.Second, "✗ database offline")
	tm.srv.Faults().SetLatency(0)
	// The change in flight reaches Kornit X, which applies it; with the
	// journal out of reach its outcome is unknown here, said as such,
	// and left in the journal for reconciliation.
	a.see(10*time.Second, "? Received", "could not set Dispatched: outcome unknown")

	// The orders on screen stay, and : goes to one of them (the mirror,
	// in the stopped database, cannot be asked).
	a.gotoOrder(o2.ID)
	a.see(10*time.Second, "Order #"+o2.Ref)
	// A change is refused, in one line.
	a.keys("s")
	s := a.see(5*time.Second, "database offline: changes are refused until it answers again")
	if strings.Count(s, "changes are refused") != 1 {
		t.Errorf("the refusal is not one line:\n%s", s)
	}

	pg.start()
	a.waitFor("the dashboard back online", 20*time.Second, func(s string) bool {
		return !strings.Contains(s, "database offline")
	})
	a.keys("s")
	a.see(10*time.Second, "Dispatched", "↑↓ move")

	if n := tm.srv.Writes(o.ID); n != 1 {
		t.Errorf("the order changed %d times on Kornit X, want once", n)
	}
	// The change is in the journal: recorded before it was sent, it
	// outlived the server's stop.
	r := ann.run("journal", "--json")
	mustCode(t, r, 0)
	es := decodeJSON[[]map[string]any](t, r.stdout)
	if len(es) != 1 || es[0]["order_id"] != fmt.Sprint(o.ID) {
		t.Fatalf("the journal holds %v; want the dispatch", es)
	}
	if st := es[0]["state"]; st != "sent" && st != "unknown" && st != "confirmed" {
		t.Errorf("the dispatch is %v in the journal; want it open (sent, unknown) or confirmed", st)
	}
}
