package cscart

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
)

const (
	testEmail = "ops@example.com"
	testKey   = "s3cr3t-cscart-key-0123456789abcd"
)

// fastOpts keep every fault to milliseconds.
var fastOpts = httpx.Options{Retries: 2, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond, MaxWait: 3 * time.Second}

func testConfig(url string) Config {
	return Config{
		StoreConfig: backend.StoreConfig{Name: "Market EU", Platform: Platform, URL: url, Timeout: 300 * time.Millisecond},
		Email:       testEmail,
		APIKey:      backend.Secret(testKey),
	}
}

func newTestClient(t testing.TB, url string, mods ...func(*Config)) *Client {
	t.Helper()
	cfg := testConfig(url)
	for _, m := range mods {
		m(&cfg)
	}
	c, err := New(cfg, fastOpts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// recorded is one request a fake store received.
type recorded struct {
	Method, Path, RawQuery, ContentType, Auth string
	Body                                      []byte
}

// fakeStore is an httptest CS-Cart: one order (order_98.json) whose status
// a PUT changes, with switches for the platform's misbehaviour.
type fakeStore struct {
	t   testing.TB
	srv *httptest.Server

	mu       sync.Mutex
	reqs     []recorded
	raw      []byte
	order    map[string]any
	ignore   bool   // answer PUT 200 without applying it
	becomes  string // apply this status instead of the one asked for
	handlers map[string]http.HandlerFunc
}

func newFakeStore(t testing.TB) *fakeStore {
	t.Helper()
	f := &fakeStore{t: t, handlers: map[string]http.HandlerFunc{}}
	f.raw = fixture(t, "order_98.json")
	if err := json.Unmarshal(f.raw, &f.order); err != nil {
		t.Fatal(err)
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// on replaces the answer to "METHOD /path" (path without the /api prefix).
func (f *fakeStore) on(route string, h http.HandlerFunc) {
	f.mu.Lock()
	f.handlers[route] = h
	f.mu.Unlock()
}

func (f *fakeStore) requests() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.reqs...)
}

func (f *fakeStore) count(method string) int {
	n := 0
	for _, r := range f.requests() {
		if r.Method == method {
			n++
		}
	}
	return n
}

func (f *fakeStore) status() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.order["status"].(string)
}

func (f *fakeStore) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	path := strings.TrimPrefix(r.URL.Path, "/api")
	f.mu.Lock()
	f.reqs = append(f.reqs, recorded{Method: r.Method, Path: path, RawQuery: r.URL.RawQuery, ContentType: r.Header.Get("Content-Type"), Auth: r.Header.Get("Authorization"), Body: body})
	h := f.handlers[r.Method+" "+path]
	f.mu.Unlock()
	if h != nil {
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		h(w, r)
		return
	}
	if u, p, ok := r.BasicAuth(); !ok || u != testEmail || p != testKey {
		w.Header().Set("WWW-Authenticate", `Basic realm="User email/API key"`)
		writeJSON(w, 401, map[string]any{"message": "Unauthorized", "status": 401})
		return
	}
	switch {
	case r.Method == "GET" && path == "/orders/98":
		// The fixture as written (products keep their order), with the
		// current status and vendor_ref.
		f.mu.Lock()
		b := strings.Replace(string(f.raw), `"status": "O"`, `"status": "`+f.order["status"].(string)+`"`, 1)
		b = strings.Replace(b, `"vendor_ref": "ABC1234"`, `"vendor_ref": "`+f.order["vendor_ref"].(string)+`"`, 1)
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(b))
	case r.Method == "PUT" && path == "/orders/98":
		var in map[string]any
		if json.Unmarshal(body, &in) != nil {
			writeJSON(w, 400, map[string]any{"message": "Bad Request", "status": 400})
			return
		}
		f.mu.Lock()
		if s, ok := in["status"].(string); ok && !f.ignore {
			if f.becomes != "" {
				s = f.becomes
			}
			f.order["status"] = s
		}
		if v, ok := in["vendor_ref"].(string); ok {
			f.order["vendor_ref"] = v
		}
		f.mu.Unlock()
		writeJSON(w, 200, map[string]any{"order_id": "98"})
	case strings.HasPrefix(path, "/orders/"):
		writeJSON(w, 404, map[string]any{"message": "Not Found", "status": 404})
	default:
		writeJSON(w, 404, map[string]any{"message": "Not Found", "status": 404})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func serveFile(t testing.TB, name string) http.HandlerFunc {
	b := fixture(t, name)
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(b)
	}
}

// checkErr asserts err is a *backend.Error of kind want whose text is one
// line, names the store, and holds no secret.
func checkErr(t *testing.T, err error, want *backend.Error) *backend.Error {
	t.Helper()
	if err == nil {
		t.Fatalf("want %v error, got nil", want.Kind)
	}
	if !errors.Is(err, want) {
		t.Fatalf("want kind %q, got %q: %v", want.Kind, backend.KindOf(err), err)
	}
	noSecret(t, err.Error())
	if strings.ContainsAny(err.Error(), "\n\r\x1b") {
		t.Errorf("error is not one clean line: %q", err.Error())
	}
	var e *backend.Error
	errors.As(err, &e)
	if e.Store != "Market EU" {
		t.Errorf("error does not name the store: %q", err.Error())
	}
	return e
}

func noSecret(t *testing.T, s string) {
	t.Helper()
	basic := base64.StdEncoding.EncodeToString([]byte(testEmail + ":" + testKey))
	for _, sec := range []string{testKey, "demo-cscart-key", basic} {
		if strings.Contains(s, sec) {
			t.Fatalf("secret leaked: %q", s)
		}
	}
}
