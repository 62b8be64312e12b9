package httpx

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// redirectTo answers every request with a redirect to where(r); other
// paths under /ok answer 200.
func redirectTo(code int, where func(r *http.Request) string) func(int, http.ResponseWriter, *http.Request) {
	return func(_ int, w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/ok") {
			io.WriteString(w, `{"ok":true}`)
			return
		}
		w.Header().Set("Location", where(r))
		w.WriteHeader(code)
	}
}

func withKeys(cfg *Config) {
	cfg.Auth = func(r *http.Request) {
		r.Header.Set("Authorization", "Bearer "+secret)
		r.Header.Set("X-Api-Key", secret)
	}
}

// A redirect is followed only for a read and only within the configured
// origin; everything else is one clear error naming the target, and the
// other origin receives nothing.
func TestRedirectPolicy(t *testing.T) {
	other := backendtest.NewOtherOrigin(t, `{"ok":true}`)
	cases := []struct {
		name      string
		method    string
		code      int
		where     func(origin string) string
		requests  int32 // at the configured origin
		ok        bool
		uncertain bool
		msg       string // %s is the other origin's host:port, %o the configured one
	}{
		{name: "GET to another port", method: "GET", code: 302,
			where:    func(string) string { return other.URL + "/landing?api_key=" + secret },
			requests: 1, msg: "the store redirected to http://%s/landing?… (another origin); orderdash does not follow it"},
		{name: "GET to another host", method: "GET", code: 301,
			where:    func(string) string { return "http://localhost:" + other.Port + "/x" },
			requests: 1, msg: "(another origin); orderdash does not follow it"},
		{name: "GET to another scheme", method: "GET", code: 302,
			where:    func(o string) string { return "https://" + strings.TrimPrefix(o, "http://") + "/ok" },
			requests: 1, msg: "(another origin)"},
		{name: "GET within the origin is followed", method: "GET", code: 302,
			where:    func(o string) string { return o + "/ok/moved" },
			requests: 2, ok: true},
		{name: "GET relative redirect within the origin is followed", method: "GET", code: 307,
			where:    func(string) string { return "/ok/moved" },
			requests: 2, ok: true},
		{name: "GET redirect loop stops", method: "GET", code: 302,
			where:    func(o string) string { return o + "/again" },
			requests: maxRedirects, msg: "(more than 5 redirects); orderdash does not follow it"},
		{name: "POST 307 within the origin is not sent again", method: "POST", code: 307,
			where:    func(o string) string { return o + "/ok/moved" },
			requests: 1, msg: "the store answered POST with a redirect (307) to http://%o/ok/moved; orderdash does not send a write twice"},
		{name: "PUT 308 to another origin is not sent", method: "PUT", code: 308,
			where:    func(string) string { return other.URL + "/orders/7" },
			requests: 1, msg: "the store answered PUT with a redirect (308) to http://%s/orders/7 (another origin); orderdash does not send a write twice"},
		{name: "POST 303 may have applied", method: "POST", code: 303,
			where:    func(o string) string { return o + "/ok/result" },
			requests: 1, uncertain: true, msg: "redirect (303)"},
		{name: "POST 302 may have applied", method: "POST", code: 302,
			where:    func(string) string { return other.URL + "/x" },
			requests: 1, uncertain: true, msg: "redirect (302)"},
		{name: "a secret in the path is scrubbed", method: "GET", code: 302,
			where:    func(string) string { return other.URL + "/" + secret + "/x" },
			requests: 1, msg: "the store redirected to http://%s/[redacted]/x (another origin)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var s *server
			s = newServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
				redirectTo(tc.code, func(*http.Request) string { return tc.where(s.URL) })(n, w, r)
			})
			before := len(other.Requests())
			c := newClient(t, s.URL, withKeys)
			_, err := c.Do(context.Background(), Request{Op: "op", Method: tc.method, Path: "orders", JSON: map[string]int{"a": 1}})
			if got := s.n.Load(); got != tc.requests {
				t.Errorf("%d requests at the store, want %d", got, tc.requests)
			}
			if got := other.Requests()[before:]; len(got) > 0 {
				t.Fatalf("the other origin received %q", got)
			}
			if tc.ok {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			e := asError(t, err)
			if e.Kind != backend.KindInvalidRequest || e.Uncertain != tc.uncertain || e.HTTPStatus != tc.code {
				t.Errorf("kind %v uncertain %v status %d, want %v %v %d: %v", e.Kind, e.Uncertain, e.HTTPStatus, backend.KindInvalidRequest, tc.uncertain, tc.code, err)
			}
			want := strings.NewReplacer("%s", other.Host, "%o", strings.TrimPrefix(s.URL, "http://")).Replace(tc.msg)
			if !strings.Contains(e.Message, want) {
				t.Errorf("message %q\nwant it to hold %q", e.Message, want)
			}
		})
	}
}

// A store served over https that redirects to plain http is refused, even
// to its own host and port.
func TestRedirectDowngrade(t *testing.T) {
	other := backendtest.NewOtherOrigin(t, `{"ok":true}`)
	var n int
	s := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		w.Header().Set("Location", other.URL+"/orders")
		w.WriteHeader(http.StatusFound)
	}))
	defer s.Close()
	c := newClient(t, s.URL, withKeys, func(cfg *Config) { cfg.Transport = s.Client().Transport })
	_, err := c.Do(context.Background(), Request{Op: "op", Method: "GET", Path: "orders"})
	e := asError(t, err)
	want := "the store redirected to " + other.URL + "/orders (from https to plain http); orderdash does not follow it"
	if e.Message != want {
		t.Errorf("message %q\nwant %q", e.Message, want)
	}
	if got := other.Requests(); len(got) > 0 || n != 1 {
		t.Errorf("%d requests at the store; the plain origin received %q", n, got)
	}
}

// A redirect to a scheme that is neither is simply another origin.
func TestRedirectToOtherScheme(t *testing.T) {
	s := httptest.NewTLSServer(http.RedirectHandler("ftp://127.0.0.1/orders", http.StatusFound))
	defer s.Close()
	c := newClient(t, s.URL, func(cfg *Config) { cfg.Transport = s.Client().Transport })
	_, err := c.Do(context.Background(), Request{Op: "op", Method: "GET", Path: "orders"})
	if e := asError(t, err); e.Message != "the store redirected to ftp://127.0.0.1/orders (another origin); orderdash does not follow it" {
		t.Errorf("message %q", e.Message)
	}
}

func TestRedirectTarget(t *testing.T) {
	cases := map[string]string{
		"http://example.com/a/b?key=1":  "http://example.com:80/a/b?…",
		"https://user:pw@EXAMPLE.com/x": "https://example.com:443/x",
		"http://[::1]:8080/p%20q":       "http://[::1]:8080/p%20q",
		"https://[::1]/":                "https://[::1]:443/",
	}
	for in, want := range cases {
		u, err := http.NewRequest("GET", in, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := redirectTarget(u.URL); got != want {
			t.Errorf("%s: got %q, want %q", in, got, want)
		}
	}
}
