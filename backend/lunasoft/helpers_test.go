package lunasoft

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/httpx"
)

const testKey = "luna-s3cr3t-key-9876543210"

var fastOpts = httpx.Options{Retries: 2, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond, MaxWait: 3 * time.Second}

func testConfig(url string) Config {
	return Config{
		StoreConfig: backend.StoreConfig{Name: "Luna Site", Platform: Platform, URL: url, Timeout: 300 * time.Millisecond},
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

// fakeSite is an httptest Lunasoft site holding order 54123 of the seed.
// A POST prepends a history entry and answers the full order; onPost can
// misbehave around the apply step.
type fakeSite struct {
	t   testing.TB
	srv *httptest.Server
	backendtest.Recorder

	mu       sync.Mutex
	order    map[string]any
	nextID   int
	now      time.Time
	handlers map[string]http.HandlerFunc
	// onPost, when set, answers a POST; apply adds the entry and returns
	// the order's JSON (or an error body and false when refused).
	onPost func(w http.ResponseWriter, r *http.Request, apply func() ([]byte, bool))
}

func newFakeSite(t testing.TB) *fakeSite {
	t.Helper()
	f := &fakeSite{t: t, nextID: 188, now: time.Now(), handlers: map[string]http.HandlerFunc{}}
	if err := json.Unmarshal(backendtest.Fixture(t, "order_54123.json"), &f.order); err != nil {
		t.Fatal(err)
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeSite) on(route string, h http.HandlerFunc) {
	f.mu.Lock()
	f.handlers[route] = h
	f.mu.Unlock()
}

// history is the stored history rows, newest first.
func (f *fakeSite) history() []map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []map[string]any
	for _, e := range f.order["statuses"].([]any) {
		out = append(out, e.(map[string]any))
	}
	return out
}

func (f *fakeSite) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	path := strings.TrimPrefix(r.URL.Path, "/site_api/shopping_cart")
	f.Record(r, path, body)
	f.mu.Lock()
	h := f.handlers[r.Method+" "+path]
	onPost := f.onPost
	f.mu.Unlock()
	if h != nil {
		h(w, r)
		return
	}
	if r.Header.Get("Authorization") != testKey {
		backendtest.WriteJSON(w, 401, errBody("Unauthorized", "401"))
		return
	}
	switch {
	case r.Method == "GET" && path == "/orders/54123":
		f.mu.Lock()
		b, _ := json.Marshal(f.order)
		f.mu.Unlock()
		w.Write(b)
	case r.Method == "POST" && path == "/orders/54123":
		apply := func() ([]byte, bool) { return f.apply(body) }
		if onPost != nil {
			onPost(w, r, apply)
			return
		}
		b, ok := apply()
		if !ok {
			w.WriteHeader(400)
		}
		w.Write(b)
	default:
		backendtest.WriteJSON(w, 404, errBody("Not Found", "404"))
	}
}

func (f *fakeSite) apply(body []byte) ([]byte, bool) {
	var in struct {
		Status *struct {
			Status         string `json:"status"`
			Notes          string `json:"notes"`
			NotifyCustomer bool   `json:"notify_customer"`
		} `json:"status"`
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	valid := map[string]bool{"Pending": true, "Processing": true, "Shipped": true, "Complete": true, "Cancelled": true}
	if json.Unmarshal(body, &in) != nil || in.Status == nil || !valid[in.Status.Status] {
		out := map[string]any{}
		for k, v := range f.order {
			out[k] = v
		}
		out["errors"] = []any{map[string]any{"internal_message": "Invalid status", "user_message": "An error occurred", "code": "400"}}
		b, _ := json.Marshal(out)
		return b, false
	}
	entry := map[string]any{
		"id": strconv.Itoa(f.nextID), "status": in.Status.Status, "notes": in.Status.Notes,
		"notify_customer": in.Status.NotifyCustomer, "created": f.now.Format("2006-01-02T15:04:05-0700"),
		"created_ip": "127.0.0.1", "created_user_id": "5", "modified": "", "modified_user_id": nil,
	}
	f.nextID++
	f.order["statuses"] = append([]any{entry}, f.order["statuses"].([]any)...)
	f.order["current_status"] = in.Status.Status
	b, _ := json.Marshal(f.order)
	return b, true
}

func errBody(msg, code string) map[string]any {
	return map[string]any{"errors": []any{map[string]any{"internal_message": msg, "user_message": "An error occurred", "code": code, "more_info": "http://www.lunasoft.com/api.php"}}}
}

func serveFile(t testing.TB, name string) http.HandlerFunc {
	b := backendtest.Fixture(t, name)
	return func(w http.ResponseWriter, r *http.Request) { w.Write(b) }
}

func checkErr(t *testing.T, err error, want *backend.Error) *backend.Error {
	t.Helper()
	return backendtest.CheckErr(t, err, want, "Luna Site", mustHide...)
}

// mustHide is what no error may show: the keys.
var mustHide = []string{testKey, "demo-lunasoft-key"}

func noSecret(t *testing.T, s string) {
	t.Helper()
	backendtest.NoSecret(t, s, mustHide...)
}

// checkUncertainText checks that an error says one true thing about its
// outcome: the note every platform ends an open outcome with, and nothing
// that contradicts it.
func checkUncertainText(t *testing.T, err error) {
	t.Helper()
	text := err.Error()
	if backend.IsUncertain(err) != strings.HasSuffix(text, "("+backend.UncertainNote+")") {
		t.Errorf("uncertain %v, but the text is %q", backend.IsUncertain(err), text)
	}
	for _, bad := range []string{"did not apply", "may or may not"} {
		if strings.Contains(text, bad) {
			t.Errorf("%q contradicts itself (%q)", text, bad)
		}
	}
}
