package cscart

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
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

// fakeStore is an httptest CS-Cart: one order (order_98.json) whose status
// a PUT changes, with switches for the platform's misbehaviour.
type fakeStore struct {
	t   testing.TB
	srv *httptest.Server
	backendtest.Recorder

	mu       sync.Mutex
	raw      []byte
	order    map[string]any
	ignore   bool   // answer PUT 200 without applying it
	becomes  string // apply this status instead of the one asked for
	handlers map[string]http.HandlerFunc
}

func newFakeStore(t testing.TB) *fakeStore {
	t.Helper()
	f := &fakeStore{t: t, handlers: map[string]http.HandlerFunc{}}
	f.raw = backendtest.Fixture(t, "order_98.json")
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

func (f *fakeStore) status() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.order["status"].(string)
}

func (f *fakeStore) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	path := strings.TrimPrefix(r.URL.Path, "/api")
	f.Record(r, path, body)
	f.mu.Lock()
	h := f.handlers[r.Method+" "+path]
	f.mu.Unlock()
	if h != nil {
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		h(w, r)
		return
	}
	if u, p, ok := r.BasicAuth(); !ok || u != testEmail || p != testKey {
		w.Header().Set("WWW-Authenticate", `Basic realm="User email/API key"`)
		backendtest.WriteJSON(w, 401, map[string]any{"message": "Unauthorized", "status": 401})
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
			backendtest.WriteJSON(w, 400, map[string]any{"message": "Bad Request", "status": 400})
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
		backendtest.WriteJSON(w, 200, map[string]any{"order_id": "98"})
	case strings.HasPrefix(path, "/orders/"):
		backendtest.WriteJSON(w, 404, map[string]any{"message": "Not Found", "status": 404})
	default:
		backendtest.WriteJSON(w, 404, map[string]any{"message": "Not Found", "status": 404})
	}
}

func serveFile(t testing.TB, name string) http.HandlerFunc {
	b := backendtest.Fixture(t, name)
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(b)
	}
}

// checkErr asserts err is a *backend.Error of kind want whose text is one
// line, names the store, and holds no secret.
func checkErr(t *testing.T, err error, want *backend.Error) *backend.Error {
	t.Helper()
	return backendtest.CheckErr(t, err, want, "Market EU", mustHide...)
}

// mustHide is what no error may show: the keys, and the Basic
// credentials the test key travels in.
var mustHide = []string{testKey, "demo-cscart-key", base64.StdEncoding.EncodeToString([]byte(testEmail + ":" + testKey))}

func noSecret(t *testing.T, s string) {
	t.Helper()
	backendtest.NoSecret(t, s, mustHide...)
}
