package httpx

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/orderdash/orderdash/backend"
)

const secret = "sk_live_0123456789abcdef"

// server counts requests and answers each with h.
type server struct {
	*httptest.Server
	n atomic.Int32
}

func newServer(t *testing.T, h func(n int, w http.ResponseWriter, r *http.Request)) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h(int(s.n.Add(1)), w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func newClient(t *testing.T, url string, mod ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		Store: "EU", BaseURL: url, Secrets: []string{secret, ""},
		Timeout: 100 * time.Millisecond, Retries: 2, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond, MaxWait: 2 * time.Second,
	}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// hang answers nothing until the client goes. The body is read first: the
// server notices a closed connection only once it has.
func hang(_ int, w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	select {
	case <-r.Context().Done():
	case <-time.After(5 * time.Second):
	}
}

// applyThenAnswerLate takes the request in (as a store that applies it),
// then answers only after the client gave up waiting.
func applyThenAnswerLate(_ int, w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	<-r.Context().Done()
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, "{}")
}

func status(code int, body string) func(int, http.ResponseWriter, *http.Request) {
	return func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

func asError(t *testing.T, err error) *backend.Error {
	t.Helper()
	var e *backend.Error
	if !errors.As(err, &e) {
		t.Fatalf("want *backend.Error, got %T %v", err, err)
	}
	if strings.Contains(err.Error(), secret) {
		t.Fatalf("secret in %q", err.Error())
	}
	if e.Err != nil && strings.Contains(e.Err.Error(), secret) {
		t.Fatalf("secret in the wrapped cause %q", e.Err.Error())
	}
	return e
}

// Which failures are retried: reads always; writes when the request never
// left, was throttled, or was refused with a 503 (and is idempotent) —
// never after an attempt that may have reached the store without a clear
// answer, idempotent or not: that outcome is the caller's to check.
func TestRetries(t *testing.T) {
	cases := []struct {
		name       string
		method     string
		idempotent bool
		handler    func(int, http.ResponseWriter, *http.Request)
		requests   int32
		kind       backend.ErrorKind
		uncertain  bool
	}{
		{"GET 500 is retried", "GET", false, status(500, "boom"), 3, backend.KindUnavailable, false},
		{"GET 502 is retried", "GET", false, status(502, ""), 3, backend.KindUnavailable, false},
		{"GET hang is retried", "GET", false, hang, 3, backend.KindUnavailable, false},
		{"GET 408 is retried", "GET", false, status(408, ""), 3, backend.KindUnavailable, false},
		{"POST 500 is not retried and uncertain", "POST", false, status(500, "boom"), 1, backend.KindUnavailable, true},
		{"POST 502 is uncertain", "POST", false, status(502, ""), 1, backend.KindUnavailable, true},
		{"POST 503 is not retried, not uncertain", "POST", false, status(503, "maintenance"), 1, backend.KindUnavailable, false},
		{"POST hang after the request was written is uncertain", "POST", false, hang, 1, backend.KindUnavailable, true},
		{"idempotent PUT 500 is not retried", "PUT", true, status(500, ""), 1, backend.KindUnavailable, true},
		{"idempotent PUT hang is not retried", "PUT", true, hang, 1, backend.KindUnavailable, true},
		{"idempotent PUT applied, answered late, is not retried", "PUT", true, applyThenAnswerLate, 1, backend.KindUnavailable, true},
		{"idempotent PUT 503 is retried", "PUT", true, status(503, ""), 3, backend.KindUnavailable, false},
		{"400 is not retried", "GET", false, status(400, "bad"), 1, backend.KindInvalidRequest, false},
		{"401 is not retried", "GET", false, status(401, "no"), 1, backend.KindUnauthorized, false},
		{"403", "POST", false, status(403, "no"), 1, backend.KindUnauthorized, false},
		{"404", "GET", false, status(404, ""), 1, backend.KindNotFound, false},
		{"409", "PUT", true, status(409, ""), 1, backend.KindConflict, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, tc.handler)
			c := newClient(t, s.URL)
			_, err := c.Do(context.Background(), Request{Op: "op", Method: tc.method, Path: "x", JSON: map[string]int{"a": 1}, Idempotent: tc.idempotent})
			e := asError(t, err)
			if e.Kind != tc.kind || e.Uncertain != tc.uncertain {
				t.Errorf("kind %v uncertain %v, want %v %v: %v", e.Kind, e.Uncertain, tc.kind, tc.uncertain, err)
			}
			if got := s.n.Load(); got != tc.requests {
				t.Errorf("%d requests, want %d", got, tc.requests)
			}
		})
	}
}

func TestRetriedThenOK(t *testing.T) {
	s := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n < 3 {
			w.WriteHeader(500)
			return
		}
		io.WriteString(w, `{"ok":true}`)
	})
	c := newClient(t, s.URL)
	var out struct{ OK bool }
	if _, err := c.DoJSON(context.Background(), Request{Op: "op", Method: "GET", Path: "x"}, &out); err != nil || !out.OK {
		t.Fatalf("%v %v", out, err)
	}
	if s.n.Load() != 3 {
		t.Errorf("%d requests", s.n.Load())
	}
}

func TestNegativeRetriesMeansNone(t *testing.T) {
	s := newServer(t, status(500, ""))
	c := newClient(t, s.URL, func(c *Config) { c.Retries = -1 })
	c.Do(context.Background(), Request{Op: "op", Method: "GET"})
	if s.n.Load() != 1 {
		t.Errorf("%d requests", s.n.Load())
	}
}

// A write that never reached the server can be sent again safely.
func TestWriteNeverSentIsRetriedAndCertain(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens: connection refused
	var dials atomic.Int32
	tr := &http.Transport{DialContext: func(ctx context.Context, network, a string) (net.Conn, error) {
		dials.Add(1)
		return (&net.Dialer{}).DialContext(ctx, network, a)
	}}
	c := newClient(t, "http://"+addr+"/api?key="+secret, func(c *Config) { c.Transport = tr })
	_, err = c.Do(context.Background(), Request{Op: "set status", Method: "POST", Path: "orders/1", JSON: map[string]string{"k": secret}})
	e := asError(t, err)
	if e.Kind != backend.KindUnavailable || e.Uncertain || !strings.Contains(e.Message, "cannot reach") {
		t.Errorf("%v (uncertain %v)", err, e.Uncertain)
	}
	if dials.Load() != 3 {
		t.Errorf("%d attempts, want 3", dials.Load())
	}
}

func TestRateLimit(t *testing.T) {
	t.Run("Retry-After is honoured, for writes too", func(t *testing.T) {
		s := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
			if n == 1 {
				w.Header().Set("Retry-After", "1")
				w.WriteHeader(429)
				return
			}
			io.WriteString(w, "{}")
		})
		c := newClient(t, s.URL)
		start := time.Now()
		if _, err := c.Do(context.Background(), Request{Op: "op", Method: "POST", JSON: 1}); err != nil {
			t.Fatal(err)
		}
		if s.n.Load() != 2 || time.Since(start) < time.Second {
			t.Errorf("%d requests after %v", s.n.Load(), time.Since(start))
		}
	})
	t.Run("a longer wait than MaxWait is returned, and the store backs off", func(t *testing.T) {
		s := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(429)
			io.WriteString(w, "slow down")
		})
		c := newClient(t, s.URL)
		_, err := c.Do(context.Background(), Request{Op: "list", Method: "GET"})
		e := asError(t, err)
		if e.Kind != backend.KindRateLimited || e.RetryAfter != 120*time.Second || e.HTTPStatus != 429 || e.Message != "slow down" {
			t.Errorf("%+v", e)
		}
		until := c.BackoffUntil()
		if until.IsZero() || time.Until(until) < 100*time.Second {
			t.Errorf("back-off until %v", until)
		}
		_, err = c.Do(context.Background(), Request{Op: "get", Method: "GET"})
		e = asError(t, err)
		if e.Kind != backend.KindRateLimited || e.RetryAfter < 100*time.Second || s.n.Load() != 1 {
			t.Errorf("during back-off: %v after %d requests", err, s.n.Load())
		}
	})
	t.Run("without Retry-After the waits grow", func(t *testing.T) {
		s := newServer(t, status(509, "bandwidth"))
		c := newClient(t, s.URL)
		_, err := c.Do(context.Background(), Request{Op: "list", Method: "GET"})
		if e := asError(t, err); e.Kind != backend.KindRateLimited || s.n.Load() != 3 {
			t.Errorf("%v after %d", err, s.n.Load())
		}
		if c.strikes != 3 {
			t.Errorf("strikes %d", c.strikes)
		}
	})
	t.Run("a success resets the strikes", func(t *testing.T) {
		s := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
			if n == 1 {
				w.WriteHeader(429)
				return
			}
		})
		c := newClient(t, s.URL)
		if _, err := c.Do(context.Background(), Request{Op: "list", Method: "GET"}); err != nil {
			t.Fatal(err)
		}
		if c.strikes != 0 {
			t.Errorf("strikes %d", c.strikes)
		}
	})
	t.Run("a cancelled caller stops waiting", func(t *testing.T) {
		s := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(429)
		})
		c := newClient(t, s.URL)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		_, err := c.Do(ctx, Request{Op: "list", Method: "GET"})
		if e := asError(t, err); e.Kind != backend.KindRateLimited {
			t.Errorf("%v", err)
		}
	})
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Duration
	}{
		{"120", 2 * time.Minute},
		{" 5 ", 5 * time.Second},
		{"0", 0},
		{"-3", 0},
		{"", 0},
		{"soon", 0},
		{"1.5", 0},
		{"Fri, 20 Nov 2026 12:00:30 GMT", 30 * time.Second},
		{"Friday, 20-Nov-26 12:01:00 GMT", time.Minute},
		{"Fri, 20 Nov 2026 11:59:00 GMT", 0}, // in the past
	}
	for _, tc := range cases {
		if got := ParseRetryAfter(tc.in, now); got != tc.want {
			t.Errorf("ParseRetryAfter(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestBackoffDelays(t *testing.T) {
	c := newClient(t, "http://127.0.0.1:1", func(c *Config) { c.BaseDelay = 100 * time.Millisecond; c.MaxDelay = time.Second })
	for attempt, full := range []time.Duration{100, 200, 400, 800, 1000, 1000} {
		full *= time.Millisecond
		if attempt == 5 {
			attempt = 60 // a shift that would overflow stays capped
		}
		for range 50 {
			d := c.delay(attempt)
			if d < full/2 || d > full {
				t.Fatalf("attempt %d: delay %v outside [%v, %v]", attempt, d, full/2, full)
			}
		}
	}
}

func TestBodyLimit(t *testing.T) {
	s := newServer(t, status(200, strings.Repeat("x", 2048)))
	c := newClient(t, s.URL, func(c *Config) { c.MaxBody = 1024 })
	for _, m := range []string{"GET", "POST"} {
		_, err := c.Do(context.Background(), Request{Op: "op", Method: m})
		e := asError(t, err)
		if e.Kind != backend.KindMalformed || !strings.Contains(e.Message, "larger than 1024 bytes") || e.Uncertain != (m == "POST") {
			t.Errorf("%s: %v (uncertain %v)", m, err, e.Uncertain)
		}
	}
	s2 := newServer(t, status(200, strings.Repeat("x", 1024)))
	if _, err := newClient(t, s2.URL, func(c *Config) { c.MaxBody = 1024 }).Do(context.Background(), Request{Op: "op", Method: "GET"}); err != nil {
		t.Errorf("a body of exactly MaxBody: %v", err)
	}
}

func TestScrubbing(t *testing.T) {
	t.Run("echoed in an error body", func(t *testing.T) {
		s := newServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(400)
			io.WriteString(w, "invalid key "+r.Header.Get("X-Key")+" in "+r.URL.String())
		})
		c := newClient(t, s.URL, func(c *Config) {
			c.Auth = func(r *http.Request) { r.Header.Set("X-Key", secret) }
		})
		_, err := c.Do(context.Background(), Request{Op: "op", Method: "GET", Query: map[string][]string{"api_key": {secret}}})
		e := asError(t, err)
		if !strings.Contains(e.Message, "invalid key [redacted] in") {
			t.Errorf("message %q", e.Message)
		}
	})
	t.Run("in the URL of a transport error", func(t *testing.T) {
		c := newClient(t, "http://127.0.0.1:1/?key="+secret, func(c *Config) { c.Retries = -1 })
		_, err := c.Do(context.Background(), Request{Op: "op", Method: "GET", RawQuery: "api_key=" + secret})
		asError(t, err)
	})
	t.Run("in a classifier's message", func(t *testing.T) {
		s := newServer(t, status(200, "{}"))
		c := newClient(t, s.URL, func(c *Config) {
			c.Classify = func(r *Response) error { return errors.New("store said: key " + secret + " disabled") }
		})
		_, err := c.Do(context.Background(), Request{Op: "op", Method: "GET"})
		e := asError(t, err)
		if e.Kind != backend.KindUnknownError || e.Store != "EU" || e.Op != "op" || e.HTTPStatus != 200 || !strings.Contains(e.Message, "[redacted]") {
			t.Errorf("%+v", e)
		}
	})
	t.Run("Scrub and Error", func(t *testing.T) {
		c := newClient(t, "http://x")
		if got := c.Scrub("a " + secret + " b " + secret); got != "a [redacted] b [redacted]" {
			t.Errorf("Scrub: %q", got)
		}
		e := c.Error(backend.KindConflict, "op", "key="+secret+"\n\x1b[31mred")
		if e.Message != "key=[redacted] red" || e.Store != "EU" {
			t.Errorf("Error: %q", e.Message)
		}
	})
}

func TestErrorMessages(t *testing.T) {
	cases := []struct {
		name    string
		handler func(int, http.ResponseWriter, *http.Request)
		msgFn   func([]byte) (string, string)
		want    string
		code    string
	}{
		{"HTML error page says only the status", status(502, "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>"), nil, "Bad Gateway", ""},
		{"first line of a text body", status(400, "first line\nsecond line"), nil, "first line", ""},
		{"empty body", status(404, ""), nil, "Not Found", ""},
		{"the platform's own message and code", status(400, `{"e":"x"}`), func([]byte) (string, string) { return "Invalid status", "E12" }, "Invalid status", "E12"},
		{"a platform message hook that finds nothing", status(418, "teapot"), func([]byte) (string, string) { return "", "" }, "teapot", ""},
		{"a long message is cut on a character boundary", status(400, strings.Repeat("é", 400)), nil, strings.Repeat("é", 150) + "…", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, tc.handler)
			c := newClient(t, s.URL, func(c *Config) { c.ErrorMessage = tc.msgFn })
			_, err := c.Do(context.Background(), Request{Op: "op", Method: "GET"})
			e := asError(t, err)
			if e.Message != tc.want || e.Code != tc.code || !utf8.ValidString(e.Message) {
				t.Errorf("message %q code %q, want %q %q", e.Message, e.Code, tc.want, tc.code)
			}
		})
	}
}

func TestDoJSON(t *testing.T) {
	cases := []struct {
		name, body, want string
		method           string
		uncertain        bool
	}{
		{"HTML with 200", "<!DOCTYPE html><p>Maintenance", "got HTML, not JSON", "GET", false},
		{"truncated", `{"a":[1,2`, "cut short", "GET", false},
		{"empty", "  ", "empty body", "GET", false},
		{"wrong type", `{"n":"x"}`, "cannot unmarshal", "GET", false},
		{"a write whose answer does not read may have applied", `{"n":`, "cut short", "POST", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, status(200, tc.body))
			c := newClient(t, s.URL)
			var out struct{ N int }
			_, err := c.DoJSON(context.Background(), Request{Op: "op", Method: tc.method}, &out)
			e := asError(t, err)
			if e.Kind != backend.KindMalformed || !strings.Contains(e.Message, tc.want) || e.Uncertain != tc.uncertain || e.HTTPStatus != 200 {
				t.Errorf("%v (uncertain %v)", err, e.Uncertain)
			}
		})
	}
	s := newServer(t, status(200, "not even json"))
	if _, err := newClient(t, s.URL).DoJSON(context.Background(), Request{Op: "op", Method: "GET"}, nil); err != nil {
		t.Errorf("nil out decodes nothing: %v", err)
	}
}

func TestTruncatedBody(t *testing.T) {
	s := newServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		io.WriteString(w, `{"orders":[`)
	})
	c := newClient(t, s.URL)
	_, err := c.Do(context.Background(), Request{Op: "op", Method: "POST", JSON: 1})
	e := asError(t, err)
	if e.Kind != backend.KindUnavailable || !strings.Contains(e.Message, "the answer broke off") || !e.Uncertain || e.HTTPStatus != 200 {
		t.Errorf("%v (uncertain %v status %d)", err, e.Uncertain, e.HTTPStatus)
	}
	if s.n.Load() != 1 {
		t.Errorf("a write was resent: %d", s.n.Load())
	}
}

func TestTimeoutsAndCancellation(t *testing.T) {
	s := newServer(t, hang)
	c := newClient(t, s.URL, func(c *Config) { c.Retries = -1; c.Timeout = 30 * time.Millisecond })
	_, err := c.Do(context.Background(), Request{Op: "op", Method: "GET"})
	if e := asError(t, err); !strings.Contains(e.Message, "no answer within 30ms") {
		t.Errorf("%v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = c.Do(ctx, Request{Op: "op", Method: "GET"})
	if e := asError(t, err); e.Message != "cancelled" {
		t.Errorf("%v", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	c2 := newClient(t, s.URL, func(c *Config) { c.Timeout = time.Second })
	_, err = c2.Do(ctx, Request{Op: "op", Method: "POST", JSON: 1})
	if e := asError(t, err); e.Message != "timed out" || !e.Uncertain {
		t.Errorf("%v (uncertain %v)", err, e.Uncertain)
	}
}

func TestRequestShape(t *testing.T) {
	var mu sync.Mutex
	var got *http.Request
	var body string
	s := newServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got, body = r, string(b)
		mu.Unlock()
	})
	c := newClient(t, s.URL+"/api/", func(c *Config) {
		c.UserAgent = "orderdash-test"
		c.Auth = func(r *http.Request) { r.SetBasicAuth("u", "p") }
	})
	_, err := c.Do(context.Background(), Request{Op: "op", Method: "PUT", Path: "/orders/9", JSON: map[string]string{"status": "P"},
		Query: map[string][]string{"sort": {"+id"}}, Header: http.Header{"X-Extra": {"1"}}})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	u, p, _ := got.BasicAuth()
	checks := map[string][2]string{
		"path":         {got.URL.Path, "/api/orders/9"},
		"query":        {got.URL.RawQuery, "sort=%2Bid"},
		"content type": {got.Header.Get("Content-Type"), "application/json"},
		"accept":       {got.Header.Get("Accept"), "application/json"},
		"user agent":   {got.Header.Get("User-Agent"), "orderdash-test"},
		"extra header": {got.Header.Get("X-Extra"), "1"},
		"auth":         {u + ":" + p, "u:p"},
		"body":         {body, `{"status":"P"}`},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s: %q, want %q", name, c[0], c[1])
		}
	}
	mu.Unlock()
	// RawQuery goes out verbatim (opaque cursors), and GET has no body type.
	if _, err := c.Do(context.Background(), Request{Op: "op", Method: "GET", RawQuery: "page_cursor=a%2Fb%3D&x=+"}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got.URL.RawQuery != "page_cursor=a%2Fb%3D&x=+" || got.Header.Get("Content-Type") != "" {
		t.Errorf("raw query %q content type %q", got.URL.RawQuery, got.Header.Get("Content-Type"))
	}
}

func TestNew(t *testing.T) {
	for _, u := range []string{"", "shop.example.com", "/api", "http://", "://x"} {
		if _, err := New(Config{Store: "EU", BaseURL: u}); err == nil || !strings.Contains(err.Error(), "store EU") {
			t.Errorf("%q: %v", u, err)
		}
	}
	c, err := New(Config{Store: "EU", BaseURL: "https://x/api"})
	if err != nil {
		t.Fatal(err)
	}
	if c.cfg.Timeout != 20*time.Second || c.cfg.MaxBody != 16<<20 || c.cfg.Retries != 3 || c.cfg.MaxWait != 30*time.Second || c.cfg.UserAgent != "orderdash" {
		t.Errorf("defaults: %+v", c.cfg)
	}
	if _, err := c.Do(context.Background(), Request{Op: "op", Method: "POST", JSON: func() {}}); err == nil || !strings.Contains(err.Error(), "encode request") {
		t.Errorf("unencodable body: %v", err)
	}
}

func TestOptionsFill(t *testing.T) {
	tr := &http.Transport{}
	o := Options{Transport: tr, Retries: -1, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, MaxWait: 3 * time.Millisecond}
	var cfg Config
	o.Fill(&cfg)
	if cfg.Transport != tr || cfg.Retries != -1 || cfg.BaseDelay != time.Millisecond || cfg.MaxDelay != 2*time.Millisecond || cfg.MaxWait != 3*time.Millisecond {
		t.Errorf("%+v", cfg)
	}
	kept := Config{Retries: 5, BaseDelay: time.Second}
	o.Fill(&kept)
	if kept.Retries != 5 || kept.BaseDelay != time.Second {
		t.Errorf("Fill overwrote what was set: %+v", kept)
	}
}

func TestOptionsLog(t *testing.T) {
	if (Options{}).Log() == nil {
		t.Error("no logger without Options.Logger")
	}
	l := slog.New(slog.DiscardHandler)
	if got := (Options{Logger: l}).Log(); got != l {
		t.Error("Options.Logger is not used")
	}
}

func TestDecode(t *testing.T) {
	var v map[string]int
	cases := map[string]string{"": "empty body", "<p>": "HTML", `{"a":`: "cut short", `{"a":"x"}`: "cannot unmarshal"}
	for in, want := range cases {
		if err := Decode([]byte(in), &v); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Decode(%q) = %v, want %q", in, err, want)
		}
	}
	if err := Decode([]byte(" {\"a\":1}\n"), &v); err != nil || v["a"] != 1 {
		t.Errorf("%v %v", v, err)
	}
}
