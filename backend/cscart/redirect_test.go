package cscart

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// otherOrigin is a second server that records everything it receives, to
// show that a store's redirect delivers nothing to it.
func newOtherOrigin(t *testing.T) *backendtest.OtherOrigin {
	return backendtest.NewOtherOrigin(t, `{"order_id":"98"}`)
}

// secrets are the key and the Basic credentials it travels in.
var secrets = []string{testKey, base64.StdEncoding.EncodeToString([]byte(testEmail + ":" + testKey))}

// A store that redirects a read to another host or port gets one clear
// error naming the target; the credentials go nowhere.
func TestRedirectToAnotherOriginKeepsTheKey(t *testing.T) {
	other := newOtherOrigin(t)
	cases := []struct{ name, to, want string }{
		{"another port", other.URL + "/api/orders?items_per_page=50",
			"the store redirected to http://" + other.Host + "/api/orders?… (another origin); orderdash does not follow it"},
		{"another host", "http://localhost:" + other.Port + "/api/orders",
			"the store redirected to http://localhost:" + other.Port + "/api/orders (another origin); orderdash does not follow it"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeStore(t)
			f.on("GET /orders", backendtest.Redirect(http.StatusFound, tc.to))
			_, err := newTestClient(t, f.srv.URL+"/api").List(context.Background(), backend.Query{})
			other.NothingReceived(t, secrets...)
			e := checkErr(t, err, backend.ErrInvalidRequest)
			if e.Message != tc.want {
				t.Errorf("message %q\nwant    %q", e.Message, tc.want)
			}
			if n := f.Count("GET"); n != 1 {
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
			f.on("PUT /orders/98", backendtest.Redirect(tc.code, tc.to(f.srv.URL)))
			_, err := newTestClient(t, f.srv.URL+"/api").SetStatus(context.Background(), backend.Change{OrderID: "98", To: backend.Status{Code: "P"}})
			other.NothingReceived(t, secrets...)
			e := checkErr(t, err, backend.ErrInvalidRequest)
			if e.Uncertain || !strings.Contains(e.Message, "orderdash does not send a write twice") {
				t.Errorf("uncertain %v, message %q", e.Uncertain, e.Message)
			}
			if n := f.Count("PUT"); n != 1 {
				t.Errorf("%d PUTs, want 1", n)
			}
			for _, r := range f.Requests() {
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
	tls := httptest.NewTLSServer(backendtest.Redirect(http.StatusMovedPermanently, other.URL+"/api/orders/98"))
	defer tls.Close()
	opts := fastOpts
	opts.Transport = tls.Client().Transport
	c, err := New(testConfig(tls.URL+"/api"), opts)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Get(context.Background(), "98")
	other.NothingReceived(t, secrets...)
	e := checkErr(t, err, backend.ErrInvalidRequest)
	want := "the store redirected to http://" + other.Host + "/api/orders/98 (from https to plain http); orderdash does not follow it"
	if e.Message != want {
		t.Errorf("message %q\nwant    %q", e.Message, want)
	}
}

// A read the store moved within its own origin is followed, credentials
// and all.
func TestRedirectWithinTheOriginIsFollowed(t *testing.T) {
	f := newFakeStore(t)
	f.on("GET /orders/98", backendtest.Redirect(http.StatusMovedPermanently, "/api/v2/orders/98"))
	f.on("GET /v2/orders/98", serveFile(t, "order_98.json"))
	o, err := newTestClient(t, f.srv.URL+"/api").Get(context.Background(), "98")
	if err != nil {
		t.Fatal(err)
	}
	if o.ID != "98" {
		t.Errorf("got order %q", o.ID)
	}
	reqs := f.Requests()
	if len(reqs) != 2 || reqs[1].Path != "/v2/orders/98" {
		t.Fatalf("requests %+v", reqs)
	}
	if u, p, ok := (&http.Request{Header: http.Header{"Authorization": {reqs[1].Auth}}}).BasicAuth(); !ok || u != testEmail || p != testKey {
		t.Errorf("the followed request lost its credentials: %q", reqs[1].Auth)
	}
}
