package kornitx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

const (
	testHMAC  = "hmac-key-Secret-123"
	testStore = "Kornit X"
)

func receiverConfig() Config {
	return Config{StoreConfig: backend.StoreConfig{Name: testStore, Platform: Platform}, HMACKey: testHMAC}
}

func newReceiver(t testing.TB, cfg Config, store OrderStore) (*Receiver, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	var mu sync.Mutex
	h := slog.NewJSONHandler(&lockedWriter{w: &logs, mu: &mu}, nil)
	rc, err := NewReceiver(cfg, store, slog.New(h))
	if err != nil {
		t.Fatal(err)
	}
	return rc, &logs
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

func pushBody(id int, extra string) []byte {
	return []byte(fmt.Sprintf(`{"id":%d,"ref":"CG%d","status":1,"status_name":"Received","customer_name":"Ann Lee",
		"customer_email":"ann@example.com","sale_datetime":"2026-11-20 09:15:00"%s,
		"items":[{"id":%d1,"sku":"MUG-11","description":"Mug","quantity":1,"unit_sale_price":"12.99"}]}`, id, id, extra, id))
}

func signed(body []byte, key, enc string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/kornitx", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set(HMACHeader, Sign(body, key, enc))
	return r
}

func serve(rc http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	rc.ServeHTTP(w, r)
	return w
}

func TestReceiverReplies(t *testing.T) {
	body := pushBody(501, "")
	b64sig := Sign(body, testHMAC, "base64")
	tests := []struct {
		name   string
		cfg    func(*Config)
		req    func() *http.Request
		status int
		saved  int // orders in the store afterwards
	}{
		{"hex signature", nil, func() *http.Request { return signed(body, testHMAC, "hex") }, 200, 1},
		{"hex in capitals", nil, func() *http.Request {
			r := signed(body, testHMAC, "hex")
			r.Header.Set(HMACHeader, strings.ToUpper(r.Header.Get(HMACHeader)))
			return r
		}, 200, 1},
		{"base64 signature", func(c *Config) { c.HMACEncoding = "base64" }, func() *http.Request { return signed(body, testHMAC, "base64") }, 200, 1},
		{"unpadded base64", func(c *Config) { c.HMACEncoding = "base64" }, func() *http.Request {
			r := signed(body, testHMAC, "base64")
			r.Header.Set(HMACHeader, strings.TrimRight(b64sig, "="))
			return r
		}, 200, 1},
		{"base64 sent, hex expected", nil, func() *http.Request { return signed(body, testHMAC, "base64") }, 401, 0},
		{"forged: other key", nil, func() *http.Request { return signed(body, "guess", "hex") }, 401, 0},
		{"forged: body changed after signing", nil, func() *http.Request {
			r := signed(body, testHMAC, "hex")
			r.Body = io.NopCloser(bytes.NewReader(bytes.Replace(body, []byte("Ann"), []byte("Eve"), 1)))
			return r
		}, 401, 0},
		{"missing signature", nil, func() *http.Request {
			r := signed(body, testHMAC, "hex")
			r.Header.Del(HMACHeader)
			return r
		}, 401, 0},
		{"signature not hex", nil, func() *http.Request {
			r := signed(body, testHMAC, "hex")
			r.Header.Set(HMACHeader, "zz-not-hex")
			return r
		}, 401, 0},
		{"truncated signature", nil, func() *http.Request {
			r := signed(body, testHMAC, "hex")
			r.Header.Set(HMACHeader, r.Header.Get(HMACHeader)[:32])
			return r
		}, 401, 0},
		{"malformed JSON, signed", nil, func() *http.Request { return signed([]byte(`{"id":5,`), testHMAC, "hex") }, 400, 0},
		{"no items, signed", nil, func() *http.Request { return signed([]byte(`{"id":5}`), testHMAC, "hex") }, 400, 0},
		{"no id, signed", nil, func() *http.Request { return signed([]byte(`{"items":[{"id":1}]}`), testHMAC, "hex") }, 400, 0},
		{"malformed JSON, unsigned", nil, func() *http.Request {
			r := signed([]byte(`{"id":5,`), testHMAC, "hex")
			r.Header.Del(HMACHeader)
			return r
		}, 401, 0},
		{"too large by Content-Length", func(c *Config) { c.MaxBody = 100 }, func() *http.Request { return signed(body, testHMAC, "hex") }, 413, 0},
		{"too large, length unknown", func(c *Config) { c.MaxBody = 100 }, func() *http.Request {
			r := signed(body, testHMAC, "hex")
			r.ContentLength = -1
			return r
		}, 413, 0},
		{"exactly the limit", func(c *Config) { c.MaxBody = int64(len(body)) }, func() *http.Request { return signed(body, testHMAC, "hex") }, 200, 1},
		{"GET", nil, func() *http.Request { return httptest.NewRequest(http.MethodGet, "/", nil) }, 405, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := receiverConfig()
			if tt.cfg != nil {
				tt.cfg(&cfg)
			}
			store := NewMemStore()
			rc, logs := newReceiver(t, cfg, store)
			w := serve(rc, tt.req())
			if w.Code != tt.status {
				t.Fatalf("status %d (%s), want %d", w.Code, w.Body, tt.status)
			}
			if n := store.Len(testStore); n != tt.saved {
				t.Fatalf("%d orders saved, want %d", n, tt.saved)
			}
			if w.Code != 200 && !strings.Contains(w.Body.String(), `"error"`) {
				t.Errorf("error reply %q has no error body", w.Body)
			}
			line := logs.String()
			if strings.Count(line, "\n") != 1 || !strings.Contains(line, fmt.Sprintf(`"status":%d`, tt.status)) {
				t.Errorf("want one log line with the status, got %q", line)
			}
			for _, secret := range []string{testHMAC, Sign(body, testHMAC, "hex"), b64sig} {
				if strings.Contains(line, secret) || strings.Contains(w.Body.String(), secret) {
					t.Fatalf("a secret reached the log or the reply: %s", line)
				}
			}
		})
	}
}

func TestReceiverStoresAndReplays(t *testing.T) {
	store := NewMemStore()
	rc, logs := newReceiver(t, receiverConfig(), store)
	body := pushBody(601, "")
	if w := serve(rc, signed(body, testHMAC, "hex")); w.Code != 200 || !strings.Contains(w.Body.String(), `"created":true`) {
		t.Fatalf("first push: %d %s", w.Code, w.Body)
	}
	ctx := context.Background()
	o, err := store.Get(ctx, testStore, "601")
	if err != nil {
		t.Fatal(err)
	}
	if len(o.History) != 1 || o.History[0].Status.Code != "1" || o.History[0].Source != backend.SourcePlatform {
		t.Fatalf("the timeline after a push: %+v", o.History)
	}
	if !bytes.Equal(store.Raw(testStore, "601"), body) {
		t.Fatal("the raw body was not kept")
	}
	// The operator dispatches it; then Kornit X pushes the order again.
	ev := backend.Event{At: time.Now().UTC(), Status: statusOf(8, "", defaultKinds), Source: backend.SourceLocal, Actor: "sam"}
	if err := store.SetStatus(ctx, testStore, "601", ev.Status, "TRK1", ev); err != nil {
		t.Fatal(err)
	}
	again := pushBody(601, `,"customer_telephone":"+44 1"`)
	for i := 0; i < 3; i++ {
		w := serve(rc, signed(again, testHMAC, "hex"))
		if w.Code != 200 || !strings.Contains(w.Body.String(), `"created":false`) {
			t.Fatalf("replay: %d %s", w.Code, w.Body)
		}
	}
	o, _ = store.Get(ctx, testStore, "601")
	switch {
	case store.Len(testStore) != 1:
		t.Fatalf("a replay duplicated the order: %d orders", store.Len(testStore))
	case o.Status.Code != "8" || o.Tracking != "TRK1":
		t.Fatalf("a replay undid the dispatch: %+v", o.Status)
	case len(o.History) != 2:
		t.Fatalf("replays spammed the timeline: %+v", o.History)
	case o.Customer.Phone != "+44 1":
		t.Fatalf("a replay did not refresh the order's data: %+v", o.Customer)
	}
	if rc.Stats().Created.Load() != 1 || rc.Stats().Updated.Load() != 3 {
		t.Fatalf("stats %d created %d updated", rc.Stats().Created.Load(), rc.Stats().Updated.Load())
	}
	if !strings.Contains(logs.String(), `"result":"updated"`) || !strings.Contains(logs.String(), `"order":"601"`) {
		t.Fatalf("log: %s", logs)
	}
}

func TestReceiverAdoptsKornitXCancellation(t *testing.T) {
	store := NewMemStore()
	rc, _ := newReceiver(t, receiverConfig(), store)
	serve(rc, signed(pushBody(700, ""), testHMAC, "hex"))
	cancelled := bytes.Replace(pushBody(700, ""), []byte(`"status":1,"status_name":"Received"`), []byte(`"status":128,"status_name":"Cancelled"`), 1)
	if w := serve(rc, signed(cancelled, testHMAC, "hex")); w.Code != 200 {
		t.Fatal(w.Code)
	}
	o, _ := store.Get(context.Background(), testStore, "700")
	if o.Status.Code != "128" || len(o.History) != 2 || o.History[0].Source != backend.SourcePlatform {
		t.Fatalf("status %+v history %+v", o.Status, o.History)
	}
	// A later push that says Received again changes nothing.
	serve(rc, signed(pushBody(700, ""), testHMAC, "hex"))
	if o, _ := store.Get(context.Background(), testStore, "700"); o.Status.Code != "128" || len(o.History) != 2 {
		t.Fatalf("status %+v history %d", o.Status, len(o.History))
	}
}

// failingStore fails every write.
type failingStore struct{ *MemStore }

func (failingStore) SavePush(context.Context, string, backend.Order, []byte, time.Time) (bool, error) {
	return false, errors.New("disk full")
}

func TestReceiverStoreFailureIs500(t *testing.T) {
	rc, logs := newReceiver(t, receiverConfig(), failingStore{NewMemStore()})
	w := serve(rc, signed(pushBody(1, ""), testHMAC, "hex"))
	if w.Code != 500 || !strings.Contains(logs.String(), "disk full") {
		t.Fatalf("%d %s", w.Code, logs)
	}
}

// slowStore holds every SavePush until released.
type slowStore struct {
	*MemStore
	entered chan struct{}
	release chan struct{}
}

func (s slowStore) SavePush(ctx context.Context, store string, o backend.Order, raw []byte, at time.Time) (bool, error) {
	s.entered <- struct{}{}
	<-s.release
	return s.MemStore.SavePush(ctx, store, o, raw, at)
}

func TestReceiverBoundsConcurrency(t *testing.T) {
	slow := slowStore{NewMemStore(), make(chan struct{}, 10), make(chan struct{})}
	cfg := receiverConfig()
	cfg.MaxInFlight = 2
	rc, _ := newReceiver(t, cfg, slow)
	var wg sync.WaitGroup
	codes := make(chan int, 2)
	for i := 1; i <= 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes <- serve(rc, signed(pushBody(i, ""), testHMAC, "hex")).Code
		}()
	}
	<-slow.entered
	<-slow.entered
	w := serve(rc, signed(pushBody(3, ""), testHMAC, "hex"))
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Fatalf("a push beyond the limit: %d, Retry-After %q", w.Code, w.Header().Get("Retry-After"))
	}
	close(slow.release)
	wg.Wait()
	close(codes)
	for c := range codes {
		if c != 200 {
			t.Fatalf("a push within the limit got %d", c)
		}
	}
	if w := serve(rc, signed(pushBody(3, ""), testHMAC, "hex")); w.Code != 200 {
		t.Fatalf("after the flood: %d", w.Code)
	}
	if rc.Stats().Busy.Load() != 1 {
		t.Fatalf("busy = %d", rc.Stats().Busy.Load())
	}
}

func TestReceiverFlood(t *testing.T) {
	store := NewMemStore()
	cfg := receiverConfig()
	cfg.MaxInFlight = 4
	rc, _ := newReceiver(t, cfg, store)
	srv := httptest.NewServer(rc)
	defer srv.Close()
	const n = 200
	var wg sync.WaitGroup
	var mu sync.Mutex
	got := map[int]int{}
	sem := make(chan struct{}, 32)
	for i := 0; i < n; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			body := pushBody(1000+i%50, "") // 50 orders, each pushed 4 times
			req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(body))
			req.Header.Set(HMACHeader, Sign(body, testHMAC, "hex"))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			mu.Lock()
			got[resp.StatusCode]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if got[200]+got[503] != n {
		t.Fatalf("answers %v", got)
	}
	if l := store.Len(testStore); l > 50 || l == 0 {
		t.Fatalf("%d orders stored from 50 distinct ids", l)
	}
}

func TestNewReceiverChecksConfig(t *testing.T) {
	tests := []struct {
		name string
		mod  func(*Config)
		want string
	}{
		{"no key", func(c *Config) { c.HMACKey = "" }, "hmac_key is not set"},
		{"no key from env", func(c *Config) { c.HMACKey, c.HMACKeyEnv = "", "KX_HMAC" }, "KX_HMAC is empty"},
		{"short key", func(c *Config) { c.HMACKey = "0123456789abcde" }, `store "Kornit X" (kornitx): hmac_key is shorter than 16 bytes`},
		{"short key from env", func(c *Config) { c.HMACKey, c.HMACKeyEnv = "short", "KX_HMAC" }, "hmac_key (from KX_HMAC) is shorter than 16 bytes"},
		{"bad encoding", func(c *Config) { c.HMACEncoding = "sha1" }, "want hex or base64"},
		{"cert without key", func(c *Config) { c.TLSCert = "a.pem" }, "tls_cert and tls_key"},
		{"negative body", func(c *Config) { c.MaxBody = -1 }, "max_body"},
		{"huge body", func(c *Config) { c.MaxBody = 1 << 40 }, "max_body = 1099511627776: want a size in bytes from 1 to 67108864"},
		{"negative in flight", func(c *Config) { c.MaxInFlight = -1 }, "max_in_flight"},
		{"huge in flight", func(c *Config) { c.MaxInFlight = 1 << 20 }, "max_in_flight = 1048576: want a number from 1 to 256"},
		{"bad zone", func(c *Config) { c.TimeZone = "Mars/Olympus" }, "time_zone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := receiverConfig()
			tt.mod(&cfg)
			_, err := NewReceiver(cfg, NewMemStore(), nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if strings.Contains(fmt.Sprint(err), testHMAC) {
				t.Fatal("the key is in the error")
			}
		})
	}
	if _, err := NewReceiver(receiverConfig(), nil, nil); err == nil {
		t.Fatal("a receiver without a store was built")
	}
}

// A flood of busy answers is the receiver working as meant: never an
// ERROR line, and one line a period, with the count of those not logged.
func TestReceiverBusyLogIsQuiet(t *testing.T) {
	slow := slowStore{NewMemStore(), make(chan struct{}, 1), make(chan struct{})}
	cfg := receiverConfig()
	cfg.MaxInFlight = 1
	rc, logs := newReceiver(t, cfg, slow)
	var mu sync.Mutex
	clock := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	rc.now = func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	done := make(chan int)
	go func() { done <- serve(rc, signed(pushBody(1, ""), testHMAC, "hex")).Code }()
	<-slow.entered // the one place is taken
	for i := range 5 {
		if w := serve(rc, signed(pushBody(2+i, ""), testHMAC, "hex")); w.Code != http.StatusServiceUnavailable {
			t.Fatalf("push %d: %d", i, w.Code)
		}
	}
	mu.Lock()
	clock = clock.Add(quietPeriod)
	mu.Unlock()
	serve(rc, signed(pushBody(9, ""), testHMAC, "hex"))
	close(slow.release)
	if c := <-done; c != 200 {
		t.Fatalf("the push holding the place got %d", c)
	}
	var busy []string
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		if strings.Contains(l, `"result":"busy"`) {
			busy = append(busy, l)
		}
	}
	if len(busy) != 2 || !strings.Contains(busy[1], `"not_logged":4`) {
		t.Fatalf("want 2 busy lines, the second with not_logged 4:\n%s", logs)
	}
	for _, l := range busy {
		if !strings.Contains(l, `"level":"INFO"`) {
			t.Fatalf("busy logged above INFO: %s", l)
		}
	}
	if rc.Stats().Busy.Load() != 6 {
		t.Fatalf("busy = %d, want all 6 counted", rc.Stats().Busy.Load())
	}
}

// The bodies being read share a byte budget: a body that finds it spent
// is answered busy, and every byte taken is given back.
func TestReceiverBodyBudget(t *testing.T) {
	rc, _ := newReceiver(t, receiverConfig(), NewMemStore())
	body := pushBody(1, `,"additional_info":"`+strings.Repeat("x", 3*firstRead)+`"`)
	const room = 2 * firstRead // less than the body needs
	rc.bodies = newBudget(room)
	if w := serve(rc, signed(body, testHMAC, "hex")); w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Fatalf("a body beyond the budget: %d", w.Code)
	}
	if left := rc.bodies.left.Load(); left != room {
		t.Fatalf("budget left %d, want all %d back", left, room)
	}
	rc.bodies = newBudget(8 * firstRead)
	if w := serve(rc, signed(body, testHMAC, "hex")); w.Code != 200 {
		t.Fatalf("a body within the budget: %d %s", w.Code, w.Body)
	}
	if left := rc.bodies.left.Load(); left != 8*firstRead {
		t.Fatalf("budget left %d after a save", left)
	}
}

func TestReadBodyRoom(t *testing.T) {
	tests := []struct {
		size, max int64
		wantRoom  int64
		wantErr   bool
	}{
		{0, 1 << 20, firstRead, false},
		{100, 1 << 20, firstRead, false},
		{firstRead, 1 << 20, 2 * firstRead, false}, // a full buffer grows once to see EOF
		{5 * firstRead, 1 << 20, 8 * firstRead, false},
		{50, 50, 51, false},
		{100, 50, 51, true}, // never more room than max+1
	}
	for _, tt := range tests {
		b := newBudget(1 << 30)
		got, room, err := readBody(strings.NewReader(strings.Repeat("a", int(tt.size))), tt.max, b)
		if (err != nil) != tt.wantErr || int64(len(got)) != min(tt.size, tt.max+1) || room != tt.wantRoom || b.left.Load() != 1<<30-room {
			t.Errorf("size %d max %d: %d bytes, room %d (want %d), err %v", tt.size, tt.max, len(got), room, tt.wantRoom, err)
		}
	}
}
