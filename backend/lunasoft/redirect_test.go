package lunasoft

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// otherOrigin is a second server that records everything it receives, to
// show that a site's redirect delivers nothing to it.
func newOtherOrigin(t *testing.T) *backendtest.OtherOrigin {
	return backendtest.NewOtherOrigin(t, `{}`)
}

// A site that redirects a read to another host or port gets one clear
// error naming the target; the raw key in Authorization goes nowhere.
func TestRedirectToAnotherOriginKeepsTheKey(t *testing.T) {
	other := newOtherOrigin(t)
	cases := []struct{ name, to, want string }{
		{"another port", other.URL + base + "/orders?page=1",
			"the store redirected to http://" + other.Host + base + "/orders?… (another origin); orderdash does not follow it"},
		{"another host", "http://localhost:" + other.Port + base + "/orders",
			"the store redirected to http://localhost:" + other.Port + base + "/orders (another origin); orderdash does not follow it"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeSite(t)
			f.on("GET /orders", backendtest.Redirect(http.StatusFound, tc.to))
			_, err := newTestClient(t, f.srv.URL+base).List(context.Background(), backend.Query{})
			other.NothingReceived(t, testKey)
			e := checkErr(t, err, backend.ErrInvalidRequest)
			if e.Message != tc.want {
				t.Errorf("message %q\nwant    %q", e.Message, tc.want)
			}
			if n := f.Count("GET"); n != 1 {
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
			f.on("POST /orders/54123", backendtest.Redirect(tc.code, tc.to(f.srv.URL)))
			before := len(f.history())
			_, err := newTestClient(t, f.srv.URL+base).SetStatus(context.Background(), backend.Change{OrderID: "54123", To: backend.Status{Code: "Shipped"}})
			other.NothingReceived(t, testKey)
			e := checkErr(t, err, backend.ErrInvalidRequest)
			if e.Uncertain || !strings.Contains(e.Message, "orderdash does not send a write twice") {
				t.Errorf("uncertain %v, message %q", e.Uncertain, e.Message)
			}
			if n := f.Count("POST"); n != 1 {
				t.Errorf("%d POSTs, want 1", n)
			}
			for _, r := range f.Requests() {
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
	tls := httptest.NewTLSServer(backendtest.Redirect(http.StatusMovedPermanently, other.URL+base+"/orders/54123"))
	defer tls.Close()
	opts := fastOpts
	opts.Transport = tls.Client().Transport
	c, err := New(testConfig(tls.URL+base), opts)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Get(context.Background(), "54123")
	other.NothingReceived(t, testKey)
	e := checkErr(t, err, backend.ErrInvalidRequest)
	want := "the store redirected to http://" + other.Host + base + "/orders/54123 (from https to plain http); orderdash does not follow it"
	if e.Message != want {
		t.Errorf("message %q\nwant    %q", e.Message, want)
	}
}

// A read the site moved within its own origin is followed, key and all.
func TestRedirectWithinTheOriginIsFollowed(t *testing.T) {
	f := newFakeSite(t)
	f.on("GET /orders/54123", backendtest.Redirect(http.StatusMovedPermanently, base+"/v2/orders/54123"))
	f.on("GET /v2/orders/54123", func(w http.ResponseWriter, r *http.Request) { w.Write(backendtest.Fixture(t, "order_54123.json")) })
	o, err := newTestClient(t, f.srv.URL+base).Get(context.Background(), "54123")
	if err != nil {
		t.Fatal(err)
	}
	if o.ID != "54123" {
		t.Errorf("got order %q", o.ID)
	}
	reqs := f.Requests()
	if len(reqs) != 2 || reqs[1].Path != "/v2/orders/54123" || reqs[1].Auth != testKey {
		t.Fatalf("requests %+v", reqs)
	}
}
