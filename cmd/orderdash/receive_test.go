package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend/sim/kornitxsim"
)

// syncBuffer is written by the receiver while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

const (
	kxKey  = "kx-api-key-0123"
	kxHMAC = "kx-hmac-key-4567"
)

// kxConfig writes a config file of head and then one Kornit X store, KX,
// on srv, that listens on the loopback for pushes signed with hmacKey.
func kxConfig(sb *sandbox, srv *kornitxsim.Server, head, hmacKey string) string {
	return sb.writeConfig(fmt.Sprintf(`%s
[[stores]]
name = "KX"
platform = "kornitx"
url = %q
ref_id = "850135"
api_key = %q
hmac_key = %q
listen = "127.0.0.1:0"
`, head, srv.URL(), kxKey, hmacKey), 0o600)
}

// The whole path of a Kornit X order: the simulator pushes it to
// `orderdash receive`, `list` shows it, `set-status` dispatches it with a
// tracking number through the journal, Kornit X gets exactly one PUT with
// that number, and the timeline reads received, then dispatched by the
// operator.
func TestKornitXEndToEnd(t *testing.T) {
	sb := newSandbox(t)
	srv, err := kornitxsim.Start(kornitxsim.Options{RefID: "850135", APIKey: kxKey})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfg := kxConfig(sb, srv, `operator = "sam"
`, kxHMAC)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"--config", cfg, "receive", "--store", "kx"}, &out, &errOut) }()
	addr := waitFor(t, &out, regexp.MustCompile(`on http://(127\.0\.0\.1:\d+)`), done)

	pusher := &kornitxsim.Pusher{URL: "http://" + addr + "/", HMACKey: kxHMAC}
	o, err := srv.NewOrder()
	if err != nil {
		t.Fatal(err)
	}
	if err := pusher.Push(ctx, o); err != nil {
		t.Fatal(err)
	}
	if err := pusher.Push(ctx, o); err != nil { // Kornit X retries: no duplicate
		t.Fatal(err)
	}
	forged := &kornitxsim.Pusher{URL: pusher.URL, HMACKey: "guessed"}
	var pe *kornitxsim.PushError
	if err := forged.Push(ctx, o); !errors.As(err, &pe) || pe.Status != 401 {
		t.Fatalf("a forged push: %v", err)
	}
	cancel() // SIGTERM: graceful shutdown
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("receive exited %d\n%s", code, errOut.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("receive did not stop")
	}
	logs := errOut.String()
	if strings.Count(logs, "msg=push") != 3 || !strings.Contains(logs, "result=created") || !strings.Contains(logs, "result=\"bad signature\"") {
		t.Errorf("want one log line per push:\n%s", logs)
	}
	if strings.Contains(logs, kxHMAC) || strings.Contains(logs, kxKey) {
		t.Fatalf("a secret reached the log:\n%s", logs)
	}

	id := fmt.Sprint(o.ID)
	r := sb.run("--config", cfg, "list", "--store", "KX", "--json")
	mustCode(t, r, 0)
	rows := decodeJSON[[]map[string]any](t, r.stdout)
	if len(rows) != 1 || rows[0]["id"] != id {
		t.Fatalf("list: %s", r.stdout)
	}
	checkOrderJSON(t, rows[0], false)

	mustCode(t, sb.run("--config", cfg, "set-status", "--store", "KX", id, "dispatched", "--tracking", "1Z999AA10123456784"), 0)
	puts := srv.Puts()
	if len(puts) != 1 || puts[0].OrderID != id || puts[0].Status != 8 || puts[0].Tracking != "1Z999AA10123456784" {
		t.Fatalf("Kornit X got %+v", puts)
	}
	r = sb.run("--config", cfg, "show", "--store", "KX", id, "--json")
	mustCode(t, r, 0)
	shown := decodeJSON[map[string]any](t, r.stdout)
	checkOrderJSON(t, shown, true)
	hist := shown["history"].([]any)
	if len(hist) != 2 {
		t.Fatalf("timeline: %v", hist)
	}
	newest, oldest := hist[0].(map[string]any), hist[1].(map[string]any)
	if newest["actor"] != "sam" || newest["tracking"] != "1Z999AA10123456784" || newest["status"].(map[string]any)["code"] != "8" ||
		oldest["status"].(map[string]any)["code"] != "1" || oldest["source"] != "platform" {
		t.Fatalf("timeline: %v", hist)
	}
	// Dispatched is final: cancelling is refused here, and nothing is sent.
	r = sb.run("--config", cfg, "set-status", "--store", "KX", id, "128")
	mustCode(t, r, 1)
	oneLine(t, r, "already dispatched")
	if len(srv.Puts()) != 1 {
		t.Fatal("a refused change was sent")
	}
}

func TestReceiveRefusals(t *testing.T) {
	sb := newSandbox(t)
	cfg := sb.writeConfig(`[[stores]]
name = "Shop"
platform = "cscart"
url = "https://shop.example.com/api"
email = "ops@example.com"
api_key = "k"

[[stores]]
name = "KX"
platform = "kornitx"
ref_id = "1"
api_key = "k"
`, 0o600)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"receive"}, 2, "--store is required"},
		{[]string{"receive", "--store", "KX", "extra"}, 2, "unexpected argument"},
		{[]string{"receive", "--store", "Shop"}, 1, "only kornitx stores receive"},
		{[]string{"receive", "--store", "Nope"}, 1, "unknown store"},
		{[]string{"receive", "--store", "KX"}, 1, "hmac_key is not set"},
		{[]string{"receive", "--store", "KX", "--listen", "nonsense"}, 2, "want HOST:PORT"},
		{[]string{"--demo", "receive", "--store", "demo-kornitx"}, 1, "receives its pushes by itself"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := sb.run(append([]string{"--config", cfg}, tc.args...)...)
			mustCode(t, r, tc.code)
			if !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("stderr lacks %q:\n%s", tc.want, r.stderr)
			}
		})
	}
}

// An HMAC key too short to resist guessing is refused as the file is
// read, before anything listens, with the file, the key's line and the
// minimum; check says so.
func TestReceiveRefusesShortHMACKey(t *testing.T) {
	sb := newSandbox(t)
	srv, err := kornitxsim.Start(kornitxsim.Options{RefID: "850135", APIKey: kxKey})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	config := func(hmacKey string) string { return kxConfig(sb, srv, "", hmacKey) }
	short := "0123456789abcde" // 15 bytes
	cfg := config(short)
	r := sb.run("--config", cfg, "receive", "--store", "KX")
	mustCode(t, r, 1)
	oneLine(t, r, cfg+`:8: hmac_key in store "KX" is shorter than 16 bytes`)
	if r.stdout != "" {
		t.Errorf("receive started: %s", r.stdout)
	}
	r = sb.run("--config", cfg, "check")
	mustCode(t, r, 1)
	oneLine(t, r, cfg+`:8: hmac_key in store "KX" is shorter than 16 bytes`)
	for _, out := range []string{r.stdout, r.stderr} {
		if strings.Contains(out, short) {
			t.Fatalf("the key reached the output:\n%s", r)
		}
	}
	r = sb.run("--config", config(short+"f"), "check")
	mustCode(t, r, 0)
}

func waitFor(t *testing.T, out *syncBuffer, re *regexp.Regexp, done <-chan int) string {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		select {
		case code := <-done:
			t.Fatalf("exited %d before listening: %s", code, out.String())
		case <-deadline:
			t.Fatalf("never listened: %s", out.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
}
