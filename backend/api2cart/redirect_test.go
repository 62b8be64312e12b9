package api2cart_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/api2cart"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/sim/api2cartsim"
)

// otherOrigin is a second server that records everything it receives:
// API2Cart sends its keys in x-api-key and x-store-key, which Go's own
// redirect policy passes on to any host.
func newOtherOrigin(t *testing.T) *backendtest.OtherOrigin {
	return backendtest.NewOtherOrigin(t, `{"return_code":0,"return_message":"","result":{}}`)
}

// front stands before the simulator: it answers with rule where rule
// returns true and passes everything else on; a path starting /moved is
// passed on without that prefix.
type front struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []string // method and path of every request
}

func newFront(t *testing.T, srv *api2cartsim.Server, tls bool, rule func(w http.ResponseWriter, r *http.Request) bool) *front {
	t.Helper()
	target, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	proxy := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.Out.URL.Scheme, pr.Out.URL.Host = target.Scheme, target.Host
		pr.Out.URL.Path = strings.TrimPrefix(pr.In.URL.Path, "/moved")
		pr.Out.URL.RawPath = ""
	}}
	f := &front{}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.reqs = append(f.reqs, r.Method+" "+r.URL.Path)
		f.mu.Unlock()
		if rule(w, r) {
			return
		}
		proxy.ServeHTTP(w, r)
	})
	if tls {
		f.Server = httptest.NewTLSServer(h)
	} else {
		f.Server = httptest.NewServer(h)
	}
	t.Cleanup(f.Close)
	return f
}

func (f *front) count(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, r := range f.reqs {
		if strings.HasPrefix(r, method+" ") {
			n++
		}
	}
	return n
}

// client talks to the simulator through f.
func (f *front) client(t *testing.T, srv *api2cartsim.Server) *api2cart.Client {
	t.Helper()
	u, _ := url.Parse(srv.URL())
	opts := fastRetries
	if f.TLS != nil {
		opts.Transport = f.Client().Transport
	}
	c, err := api2cart.New(api2cart.Config{
		StoreConfig: backend.StoreConfig{Name: "A2C test", Platform: api2cart.Platform, URL: f.URL + u.Path, Timeout: 2 * time.Second},
		APIKey:      testAPIKey, StoreKey: testStoreKey,
	}, opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func redirect(w http.ResponseWriter, code int, to string) bool {
	w.Header().Set("Location", to)
	w.WriteHeader(code)
	return true
}

// A store that redirects order.list to another host or port gets one
// clear error naming the target; neither key nor the query goes there.
func TestRedirectToAnotherOriginKeepsTheKeys(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{Orders: 5})
	other := newOtherOrigin(t)
	cases := []struct{ name, to, want string }{
		{"another port", other.URL + "/v1.1/order.list.json?api_key=" + testAPIKey + "&store_key=" + testStoreKey,
			"the store redirected to http://" + other.Host + "/v1.1/order.list.json?… (another origin); orderdash does not follow it"},
		{"another host", "http://localhost:" + other.Port + "/v1.1/order.list.json",
			"the store redirected to http://localhost:" + other.Port + "/v1.1/order.list.json (another origin); orderdash does not follow it"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFront(t, srv, false, func(w http.ResponseWriter, r *http.Request) bool {
				return r.Method == http.MethodGet && redirect(w, http.StatusFound, tc.to)
			})
			_, err := f.client(t, srv).List(context.Background(), backend.Query{})
			other.NothingReceived(t, testAPIKey, testStoreKey)
			if err == nil {
				t.Fatal("no error")
			}
			assertClean(t, err)
			var e *backend.Error
			if !errors.As(err, &e) || e.Kind != backend.KindInvalidRequest || e.Message != tc.want {
				t.Errorf("got %v\nwant message %q", err, tc.want)
			}
		})
	}
}

// A 307 or 308 answer to order.update is not followed: the update is sent
// once and the order keeps its status.
func TestRedirectedUpdateIsNotSentAgain(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{Orders: 5})
	other := newOtherOrigin(t)
	cases := []struct {
		name string
		code int
		to   func(front string) string
	}{
		{"307 within the origin", http.StatusTemporaryRedirect, func(f string) string { return f + "/moved/v1.1/order.update.json" }},
		{"308 to another port", http.StatusPermanentRedirect, func(string) string { return other.URL + "/v1.1/order.update.json" }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var f *front
			f = newFront(t, srv, false, func(w http.ResponseWriter, r *http.Request) bool {
				return strings.HasSuffix(r.URL.Path, "/v1.1/order.update.json") && redirect(w, tc.code, tc.to(f.URL))
			})
			before := pickOrder(t, srv, "3")
			_, err := f.client(t, srv).SetStatus(context.Background(), backend.Change{OrderID: before.ID, To: shipped, IdempotencyKey: "k-" + tc.name})
			other.NothingReceived(t, testAPIKey, testStoreKey)
			if err == nil {
				t.Fatal("no error")
			}
			assertClean(t, err)
			var e *backend.Error
			if !errors.As(err, &e) || e.Uncertain || !strings.Contains(e.Message, "orderdash does not send a write twice") {
				t.Errorf("got %v", err)
			}
			if n := f.count(http.MethodPut); n != 1 {
				t.Errorf("%d PUTs, want 1", n)
			}
			if n := len(requestsTo(srv, "order.update")); n != 0 {
				t.Errorf("the update reached the store %d times through the redirect", n)
			}
			if after, _ := srv.Order(before.ID); after.Status != before.Status {
				t.Errorf("status %q, want %q unchanged", after.Status, before.Status)
			}
		})
	}
}

// A store on https that redirects to plain http is refused.
func TestRedirectDowngradeRefused(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{Orders: 5})
	other := newOtherOrigin(t)
	f := newFront(t, srv, true, func(w http.ResponseWriter, r *http.Request) bool {
		return redirect(w, http.StatusMovedPermanently, other.URL+"/v1.1/order.info.json")
	})
	_, err := f.client(t, srv).Get(context.Background(), srv.IDs()[0])
	other.NothingReceived(t, testAPIKey, testStoreKey)
	want := "the store redirected to http://" + other.Host + "/v1.1/order.info.json (from https to plain http); orderdash does not follow it"
	var e *backend.Error
	if !errors.As(err, &e) || e.Message != want {
		t.Errorf("got %v\nwant message %q", err, want)
	}
}

// A read the store moved within its own origin is followed, keys and all
// (the simulator checks them).
func TestRedirectWithinTheOriginIsFollowed(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{Orders: 5})
	f := newFront(t, srv, false, func(w http.ResponseWriter, r *http.Request) bool {
		return strings.HasSuffix(r.URL.Path, "/order.info.json") && !strings.HasPrefix(r.URL.Path, "/moved") &&
			redirect(w, http.StatusFound, "/moved"+r.URL.RequestURI())
	})
	id := srv.IDs()[0]
	o, err := f.client(t, srv).Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if o.ID != id {
		t.Errorf("got order %q, want %q", o.ID, id)
	}
	if n := f.count(http.MethodGet); n != 2 {
		t.Errorf("%d GETs at the front, want 2", n)
	}
}
