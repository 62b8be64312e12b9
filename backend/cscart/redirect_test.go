package cscart

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

// otherOrigin is a second server that records everything it receives, to
// show that a store's redirect delivers nothing to it.
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
		writeJSON(w, 200, map[string]any{"order_id": "98"})
	}))
	t.Cleanup(o.Close)
	o.host = strings.TrimPrefix(o.URL, "http://")
	o.port = o.host[strings.LastIndexByte(o.host, ':')+1:]
	return o
}

// nothingReceived fails when the other origin received a request, and
// says whether it carried key material.
func (o *otherOrigin) nothingReceived(t *testing.T) {
	t.Helper()
	o.mu.Lock()
	defer o.mu.Unlock()
	basic := base64.StdEncoding.EncodeToString([]byte(testEmail + ":" + testKey))
	for _, r := range o.seen {
		leaked := strings.Contains(r, testKey) || strings.Contains(r, basic)
		t.Errorf("the other origin received a request (credentials in it: %v): %q", leaked, r)
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

// A store that redirects a read to another host or port gets one clear
// error naming the target; the credentials go nowhere.
func TestRedirectToAnotherOriginKeepsTheKey(t *testing.T) {
	other := newOtherOrigin(t)
	cases := []struct{ name, to, want string }{
		{"another port", other.URL + "/api/orders?items_per_page=50",
			"the store redirected to http://" + other.host + "/api/orders?… (another origin); orderdash does not follow it"},
		{"another host", "http://localhost:" + other.port + "/api/orders",
			"the store redirected to http://localhost:" + other.port + "/api/orders (another origin); orderdash does not follow it"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeStore(t)
			f.on("GET /orders", redirect(http.StatusFound, tc.to))
			_, err := newTestClient(t, f.srv.URL+"/api").List(context.Background(), backend.Query{})
			other.nothingReceived(t)
			e := checkErr(t, err, backend.ErrInvalidRequest)
			if e.Message != tc.want {
				t.Errorf("message %q\nwant    %q", e.Message, tc.want)
			}
			if n := f.count("GET"); n != 1 {
				t.Errorf("%d GETs at the store, want 1 (a refused redirect is not retried)", n)
			}
		})
	}
}

// A 307 or 308 answer to the status PUT is not followed: the write is
// sent once, to the configured origin only, and the order is unchanged.
func TestRedirectedWriteIsNotSentAgain(t *testing.T) {
	other := newOtherOrigin(t)
	cases := []struct {
		name string
		code int
		to   func(store string) string
	}{
		{"307 within the origin", http.StatusTemporaryRedirect, func(s string) string { return s + "/api/orders/98/again" }},
		{"308 to another port", http.StatusPermanentRedirect, func(string) string { return other.URL + "/api/orders/98" }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeStore(t)
			f.on("PUT /orders/98", redirect(tc.code, tc.to(f.srv.URL)))
			_, err := newTestClient(t, f.srv.URL+"/api").SetStatus(context.Background(), backend.Change{OrderID: "98", To: backend.Status{Code: "P"}})
			other.nothingReceived(t)
			e := checkErr(t, err, backend.ErrInvalidRequest)
			if e.Uncertain || !strings.Contains(e.Message, "orderdash does not send a write twice") {
				t.Errorf("uncertain %v, message %q", e.Uncertain, e.Message)
			}
			if n := f.count("PUT"); n != 1 {
				t.Errorf("%d PUTs, want 1", n)
			}
			for _, r := range f.requests() {
				if strings.HasSuffix(r.Path, "/again") {
					t.Errorf("the redirect was followed: %s %s", r.Method, r.Path)
				}
			}
			if got := f.status(); got != "O" {
				t.Errorf("status %q, want it unchanged", got)
			}
		})
	}
}

// A store on https that redirects to plain http is refused.
func TestRedirectDowngradeRefused(t *testing.T) {
	other := newOtherOrigin(t)
	tls := httptest.NewTLSServer(redirect(http.StatusMovedPermanently, other.URL+"/api/orders/98"))
	defer tls.Close()
	opts := fastOpts
	opts.Transport = tls.Client().Transport
	c, err := New(testConfig(tls.URL+"/api"), opts)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Get(context.Background(), "98")
	other.nothingReceived(t)
	e := checkErr(t, err, backend.ErrInvalidRequest)
	want := "the store redirected to http://" + other.host + "/api/orders/98 (from https to plain http); orderdash does not follow it"
	if e.Message != want {
		t.Errorf("message %q\nwant    %q", e.Message, want)
	}
}

// A read the store moved within its own origin is followed, credentials
// and all.
func TestRedirectWithinTheOriginIsFollowed(t *testing.T) {
	f := newFakeStore(t)
	f.on("GET /orders/98", redirect(http.StatusMovedPermanently, "/api/v2/orders/98"))
	f.on("GET /v2/orders/98", serveFile(t, "order_98.json"))
	o, err := newTestClient(t, f.srv.URL+"/api").Get(context.Background(), "98")
	if err != nil {
		t.Fatal(err)
	}
	if o.ID != "98" {
		t.Errorf("got order %q", o.ID)
	}
	reqs := f.requests()
	if len(reqs) != 2 || reqs[1].Path != "/v2/orders/98" {
		t.Fatalf("requests %+v", reqs)
	}
	if u, p, ok := (&http.Request{Header: http.Header{"Authorization": {reqs[1].Auth}}}).BasicAuth(); !ok || u != testEmail || p != testKey {
		t.Errorf("the followed request lost its credentials: %q", reqs[1].Auth)
	}
}
