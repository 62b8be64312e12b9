package kornitx

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/sim/kornitxsim"
)

// redirector answers every request with a redirect to to(r), counting
// the requests it receives.
func redirector(t *testing.T, tls bool, code int, to func(self string, r *http.Request) string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	var s *httptest.Server
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Location", to(s.URL, r))
		w.WriteHeader(code)
	})
	if tls {
		s = httptest.NewTLSServer(h)
	} else {
		s = httptest.NewServer(h)
	}
	t.Cleanup(s.Close)
	return s, &n
}

// The status PUT answered with a redirect is sent once, to the
// configured origin only; the credentials reach no other host or port,
// and the local order keeps its status.
func TestRedirectedStatusPutIsNotSentAgain(t *testing.T) {
	srv := startSim(t, kornitxsim.Options{})
	other := backendtest.NewOtherOrigin(t, `{}`)
	cases := []struct {
		name string
		tls  bool
		code int
		to   func(self string, r *http.Request) string
		want string // in the message; %o is the other origin's host:port
	}{
		{"307 within the origin", false, http.StatusTemporaryRedirect,
			func(self string, r *http.Request) string { return self + "/again" + r.URL.Path },
			"the store answered PUT with a redirect (307) to http://%s/again/"},
		{"308 to another port", false, http.StatusPermanentRedirect,
			func(_ string, r *http.Request) string { return other.URL + r.URL.Path },
			"the store answered PUT with a redirect (308) to http://%o/"},
		{"307 to another host", false, http.StatusTemporaryRedirect,
			func(_ string, r *http.Request) string { return "http://localhost:" + other.Port + r.URL.Path },
			"to http://localhost:%p/"},
		{"307 from https to plain http", true, http.StatusTemporaryRedirect,
			func(_ string, r *http.Request) string { return other.URL + r.URL.Path },
			"(from https to plain http); orderdash does not send a write twice"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			front, n := redirector(t, tc.tls, tc.code, tc.to)
			opts := fastOpts
			if tc.tls {
				opts.Transport = front.Client().Transport
			}
			store := NewMemStore()
			receive(t, srv, store)
			cfg := simConfig(srv)
			cfg.URL = front.URL
			c, err := New(cfg, store, opts)
			if err != nil {
				t.Fatal(err)
			}
			id := firstID(srv)
			before, _ := c.Get(context.Background(), id)
			_, err = c.SetStatus(context.Background(), change(id, "8", ""))
			other.NothingReceived(t, simKey, base64.StdEncoding.EncodeToString([]byte(simRef+":"+simKey)))
			var e *backend.Error
			if !errors.As(err, &e) || e.Kind != backend.KindInvalidRequest || e.Uncertain {
				t.Fatalf("got %v", err)
			}
			want := strings.NewReplacer("%s", strings.TrimPrefix(front.URL, "http://"), "%o", other.Host, "%p", other.Port).Replace(tc.want)
			if !strings.Contains(e.Message, want) || strings.Contains(err.Error(), simKey) {
				t.Errorf("message %q\nwant it to hold %q", e.Message, want)
			}
			if got := n.Load(); got != 1 {
				t.Errorf("%d requests at the configured origin, want 1", got)
			}
			if after, _ := c.Get(context.Background(), id); after.Status != before.Status {
				t.Errorf("local status %v, want %v unchanged", after.Status, before.Status)
			}
		})
	}
}
