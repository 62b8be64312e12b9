package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend/sim/kornitxsim"
)

// End-to-end tests run the orderdash binary as real processes: built
// once per test run (TestMain removes it), each process with a HOME of its
// own (its own SQLite mirror), sharing one PostgreSQL schema. Dashboards
// run under tmux, on a tmux server of the test's own.

var e2eBin struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if e2eBin.dir != "" {
		os.RemoveAll(e2eBin.dir)
	}
	os.Exit(code)
}

// odBinary builds the orderdash binary once.
func odBinary(t *testing.T) string {
	t.Helper()
	e2eBin.once.Do(func() {
		dir, err := os.MkdirTemp("", "orderdash-e2e-")
		if err != nil {
			e2eBin.err = err
			return
		}
		e2eBin.dir = dir
		path := filepath.Join(dir, "orderdash")
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, goTool(), "build", "-o", path, ".")
		out, err := cmd.CombinedOutput()
		if err != nil {
			e2eBin.err = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		e2eBin.path = path
	})
	if e2eBin.err != nil {
		t.Fatal(e2eBin.err)
	}
	return e2eBin.path
}

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(os.Getenv("GOROOT"), "bin", "go")
}

// e2eNode is one machine of a team: a HOME with its config.
type e2eNode struct {
	t    *testing.T
	bin  string
	home string
	cfg  string
}

// newNode writes a config for operator: the team database url (with
// storage's further lines, such as a lease) and the Kornit X store KX on
// srv.
func newNode(t *testing.T, operator, url string, srv *kornitxsim.Server, storage ...string) *e2eNode {
	t.Helper()
	home := t.TempDir()
	cfg := filepath.Join(home, "config.toml")
	text := fmt.Sprintf(`operator = %q

[storage]
url = %q
`+strings.Join(storage, "\n")+`

[ui]
refresh = "0"

[[stores]]
name = "KX"
platform = "kornitx"
url = %q
ref_id = "850135"
api_key = %q
hmac_key = %q
listen = "127.0.0.1:0"
timeout = "3s"
`, operator, url, srv.URL(), kxKey, kxHMAC)
	if err := os.WriteFile(cfg, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return &e2eNode{t: t, bin: odBinary(t), home: home, cfg: cfg}
}

// env is the process environment: the test's, with HOME the node's and
// nothing that would point orderdash at another config or data folder.
func (n *e2eNode) env() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k == "HOME" || k == "TERM" || strings.HasPrefix(k, "XDG_") || strings.HasPrefix(k, "ORDERDASH_") || strings.HasPrefix(k, "TMUX") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "HOME="+n.home, "TERM=xterm-256color")
}

// run runs one orderdash command to its end.
func (n *e2eNode) run(args ...string) result {
	n.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, n.bin, append([]string{"--config", n.cfg}, args...)...)
	cmd.Env = n.env()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		n.t.Fatalf("run %v: %v", args, err)
	}
	return result{out.String(), errOut.String(), code}
}

// receiver starts `orderdash receive --store KX` and returns its push URL;
// it is stopped (SIGTERM) when the test ends.
func (n *e2eNode) receiver() string {
	n.t.Helper()
	cmd := exec.Command(n.bin, "--config", n.cfg, "receive", "--store", "KX")
	cmd.Env = n.env()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		n.t.Fatal(err)
	}
	var errOut syncBuffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		n.t.Fatal(err)
	}
	n.t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	addr := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`on http://(127\.0\.0\.1:\d+)`)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case addr <- m[1]:
				default:
				}
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case a := <-addr:
		return "http://" + a + "/"
	case <-time.After(30 * time.Second):
		n.t.Fatalf("the receiver never listened: %s", errOut.String())
	}
	return ""
}

// listKX is the Kornit X inbox as `list --json` shows it.
func (n *e2eNode) listKX() []map[string]any {
	n.t.Helper()
	r := n.run("list", "--store", "KX", "--json")
	mustCode(n.t, r, 0)
	return decodeJSON[[]map[string]any](n.t, r.stdout)
}

// tmuxServer is a tmux server of the test's own (its own socket), killed
// when the test ends: nothing else's sessions are touched.
type tmuxServer struct {
	t    *testing.T
	sock string
}

func newTmux(t *testing.T) *tmuxServer {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("*** tmux is not installed: the two-dashboard end-to-end test is SKIPPED ***")
	}
	x := &tmuxServer{t: t, sock: "odtest-" + strings.ToLower(rand.Text()[:10])}
	t.Cleanup(func() {
		_ = exec.Command("tmux", "-L", x.sock, "kill-server").Run()
	})
	return x
}

func (x *tmuxServer) tmux(args ...string) (string, error) {
	cmd := exec.Command("tmux", append([]string{"-L", x.sock, "-f", "/dev/null"}, args...)...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// dashboard is one orderdash dashboard in a tmux session.
type dashboard struct {
	x    *tmuxServer
	name string
}

// dashboard starts the node's dashboard in a 160×45 tmux session; the
// pane stays once orderdash exits, so its last screen can be read.
func (x *tmuxServer) dashboard(n *e2eNode, name string) *dashboard {
	x.t.Helper()
	var sh strings.Builder
	sh.WriteString("exec env -i")
	for _, kv := range n.env() {
		sh.WriteString(" " + shellQuote(kv))
	}
	sh.WriteString(" " + shellQuote(n.bin) + " --config " + shellQuote(n.cfg))
	if out, err := x.tmux("start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
		"new-session", "-d", "-s", name, "-x", "160", "-y", "45", sh.String()); err != nil {
		x.t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	return &dashboard{x: x, name: name}
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// keys sends tmux key names ("s", "Enter", "Tab", "Space") one by one.
func (d *dashboard) keys(keys ...string) {
	d.x.t.Helper()
	for _, k := range keys {
		if out, err := d.x.tmux("send-keys", "-t", d.name, k); err != nil {
			d.x.t.Fatalf("tmux send-keys %q: %v\n%s", k, err, out)
		}
		if k == "Escape" {
			// A key right behind ESC reads as alt+key: a terminal tells
			// them apart by the pause alone.
			time.Sleep(150 * time.Millisecond)
		}
	}
}

// text types s literally.
func (d *dashboard) text(s string) {
	d.x.t.Helper()
	if out, err := d.x.tmux("send-keys", "-t", d.name, "-l", s); err != nil {
		d.x.t.Fatalf("tmux send-keys -l: %v\n%s", err, out)
	}
}

func (d *dashboard) screen() string {
	out, _ := d.x.tmux("capture-pane", "-p", "-t", d.name)
	return out
}

// poll reads the screen until ok says yes or within has passed, and
// returns the last screen and whether ok said yes.
func (d *dashboard) poll(within time.Duration, ok func(screen string) bool) (string, bool) {
	deadline := time.Now().Add(within)
	for {
		s := d.screen()
		if ok(s) {
			return s, true
		}
		if time.Now().After(deadline) {
			return s, false
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitFor polls the screen until ok says yes, up to within; it fails the
// test with the last screen otherwise.
func (d *dashboard) waitFor(what string, within time.Duration, ok func(screen string) bool) string {
	d.x.t.Helper()
	s, seen := d.poll(within, ok)
	if !seen {
		d.x.t.Fatalf("%s: %s not seen within %s; the screen:\n%s", d.name, what, within, s)
	}
	return s
}

// see waits for every part on one screen.
func (d *dashboard) see(within time.Duration, parts ...string) string {
	d.x.t.Helper()
	return d.waitFor(fmt.Sprintf("%q", parts), within, showsAll(parts))
}

// seeSoon reports whether every part shows on one screen within the
// time, without failing the test.
func (d *dashboard) seeSoon(within time.Duration, parts ...string) bool {
	_, seen := d.poll(within, showsAll(parts))
	return seen
}

// showsAll says whether a screen holds every part.
func showsAll(parts []string) func(screen string) bool {
	return func(s string) bool {
		for _, p := range parts {
			if !strings.Contains(s, p) {
				return false
			}
		}
		return true
	}
}

// dispatch changes the open order to Dispatched with a tracking number,
// as an operator does: the picker, the status typed, the confirm step's
// tracking field, then y.
func (d *dashboard) dispatch(tracking string) {
	d.x.t.Helper()
	d.keys("s")
	d.see(10*time.Second, "Dispatched")
	d.text("Dispatched")
	d.keys("Enter")
	d.see(10*time.Second, "Change status?", "Tracking")
	d.text(tracking)
	d.keys("Tab", "y")
}

// pid is the dashboard process's (the pane runs it directly: exec).
func (d *dashboard) pid() int {
	d.x.t.Helper()
	out, err := d.x.tmux("display-message", "-p", "-t", d.name, "#{pane_pid}")
	if err != nil {
		d.x.t.Fatalf("tmux pane_pid: %v\n%s", err, out)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(out))
	if err != nil {
		d.x.t.Fatalf("pane pid %q: %v", out, err)
	}
	return pid
}
