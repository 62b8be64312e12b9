package lunasoft

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

// otherOrigin is a second server that records everything it receives, to
// show that a site's redirect delivers nothing to it.
type otherOrigin struct {
	*httptest.Server
	host string // 127.0.0.1:port
	port string
	mu   sync.Mutex
	seen []string
}

func newOtherOrigin(t *testing.T) *otherOrigin {
	t.Helper()
	o := &otherOrigin{}
	o.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		o.mu.Lock()
		o.seen = append(o.seen, r.Method+" "+r.URL.RequestURI()+" "+headers(r.Header)+" "+string(body))
		o.mu.Unlock()
		writeJSON(w, 200, map[string]any{})
	}))
	t.Cleanup(o.Close)
	o.host = strings.TrimPrefix(o.URL, "http://")
	o.port = o.host[strings.LastIndexByte(o.host, ':')+1:]
	return o
}

// nothingReceived fails when the other origin received a request, and
// says whether it carried the key.
func (o *otherOrigin) nothingReceived(t *testing.T) {
	t.Helper()
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, r := range o.seen {
		t.Errorf("the other origin received a request (key in it: %v): %q", strings.Contains(r, testKey), r)
	}
}

func headers(h http.Header) string {
	var b strings.Builder
	for k, vs := range h {
		b.WriteString(k + ": " + strings.Join(vs, ",") + "; ")
	}
	return b.String()
}

func redirect(code int, to string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", to)
		w.WriteHeader(code)
	}
}

// A site that redirects a read to another host or port gets one clear
// error naming the target; the raw key in Authorization goes nowhere.
func TestRedirectToAnotherOriginKeepsTheKey(t *testing.T) {
	other := newOtherOrigin(t)
	cases := []struct{ name, to, want string }{
		{"another port", other.URL + base + "/orders?page=1",
			"the store redirected to http://" + other.host + base + "/orders?… (another origin); orderdash does not follow it"},
		{"another host", "http://localhost:" + other.port + base + "/orders",
			"the store redirected to http://localhost:" + other.port + base + "/orders (another origin); orderdash does not follow it"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeSite(t)
			f.on("GET /orders", redirect(http.StatusFound, tc.to))
			_, err := newTestClient(t, f.srv.URL+base).List(context.Background(), backend.Query{})
			other.nothingReceived(t)
			e := checkErr(t, err, backend.ErrInvalidRequest)
			if e.Message != tc.want {
				t.Errorf("message %q\nwant    %q", e.Message, tc.want)
			}
			if n := f.count("GET"); n != 1 {
				t.Errorf("%d GETs at the site, want 1 (a refused redirect is not retried)", n)
			}
		})
	}
}

// A 307 or 308 answer to the status POST is not followed: the POST is
// sent once, the history gains nothing, and the error says why.
func TestRedirectedWriteIsNotSentAgain(t *testing.T) {
	other := newOtherOrigin(t)
	cases := []struct {
		name string
		code int
		to   func(site string) string
	}{
		{"307 within the origin", http.StatusTemporaryRedirect, func(s string) string { return s + base + "/orders/54123/again" }},
		{"308 to another port", http.StatusPermanentRedirect, func(string) string { return other.URL + base + "/orders/54123" }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeSite(t)
			f.on("POST /orders/54123", redirect(tc.code, tc.to(f.srv.URL)))
			before := len(f.history())
			_, err := newTestClient(t, f.srv.URL+base).SetStatus(context.Background(), backend.Change{OrderID: "54123", To: backend.Status{Code: "Shipped"}})
			other.nothingReceived(t)
			e := checkErr(t, err, backend.ErrInvalidRequest)
			if e.Uncertain || !strings.Contains(e.Message, "orderdash does not send a write twice") {
				t.Errorf("uncertain %v, message %q", e.Uncertain, e.Message)
			}
			if n := f.count("POST"); n != 1 {
				t.Errorf("%d POSTs, want 1", n)
			}
			for _, r := range f.requests() {
				if strings.HasSuffix(r.Path, "/again") {
					t.Errorf("the redirect was followed: %s %s", r.Method, r.Path)
				}
			}
			if n := len(f.history()); n != before {
				t.Errorf("history grew from %d to %d entries", before, n)
			}
		})
	}
}

// A site on https that redirects to plain http is refused.
func TestRedirectDowngradeRefused(t *testing.T) {
	other := newOtherOrigin(t)
	tls := httptest.NewTLSServer(redirect(http.StatusMovedPermanently, other.URL+base+"/orders/54123"))
	defer tls.Close()
	opts := fastOpts
	opts.Transport = tls.Client().Transport
	c, err := New(testConfig(tls.URL+base), opts)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Get(context.Background(), "54123")
	other.nothingReceived(t)
	e := checkErr(t, err, backend.ErrInvalidRequest)
	want := "the store redirected to http://" + other.host + base + "/orders/54123 (from https to plain http); orderdash does not follow it"
	if e.Message != want {
		t.Errorf("message %q\nwant    %q", e.Message, want)
	}
}

// A read the site moved within its own origin is followed, key and all.
func TestRedirectWithinTheOriginIsFollowed(t *testing.T) {
	f := newFakeSite(t)
	f.on("GET /orders/54123", redirect(http.StatusMovedPermanently, base+"/v2/orders/54123"))
	f.on("GET /v2/orders/54123", func(w http.ResponseWriter, r *http.Request) { w.Write(fixture(t, "order_54123.json")) })
	o, err := newTestClient(t, f.srv.URL+base).Get(context.Background(), "54123")
	if err != nil {
		t.Fatal(err)
	}
	if o.ID != "54123" {
		t.Errorf("got order %q", o.ID)
	}
	reqs := f.requests()
	if len(reqs) != 2 || reqs[1].Path != "/v2/orders/54123" || reqs[1].Auth != testKey {
		t.Fatalf("requests %+v", reqs)
	}
}
