package backendtest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// OtherOrigin is a second server on the loopback that records every
// request it receives (method, path and query, headers, body), to show
// that a store's redirect delivers nothing to it: a platform's keys ride
// in headers or the query, which Go's own redirect policy passes on to
// any host.
type OtherOrigin struct {
	*httptest.Server
	Host string // 127.0.0.1:port
	Port string
	mu   sync.Mutex
	seen []string
}

// NewOtherOrigin starts an OtherOrigin, closed when t ends, that answers
// 200 with answer: a JSON body the platform's client would accept, so a
// client that wrongly follows the redirect goes on as far as it can.
func NewOtherOrigin(t testing.TB, answer string) *OtherOrigin {
	t.Helper()
	o := &OtherOrigin{}
	o.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var h strings.Builder
		for k, vs := range r.Header {
			h.WriteString(k + ": " + strings.Join(vs, ",") + "; ")
		}
		o.mu.Lock()
		o.seen = append(o.seen, r.Method+" "+r.URL.RequestURI()+" "+h.String()+" "+string(body))
		o.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, answer)
	}))
	t.Cleanup(o.Close)
	o.Host = strings.TrimPrefix(o.URL, "http://")
	o.Port = o.Host[strings.LastIndexByte(o.Host, ':')+1:]
	return o
}

// Requests is every request received so far, one line each.
func (o *OtherOrigin) Requests() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.seen...)
}

// NothingReceived fails t for every request the origin received, and says
// whether it carried any of secrets (keys, or their encoded forms).
func (o *OtherOrigin) NothingReceived(t testing.TB, secrets ...string) {
	t.Helper()
	for _, r := range o.Requests() {
		leaked := false
		for _, s := range secrets {
			leaked = leaked || (s != "" && strings.Contains(r, s))
		}
		t.Errorf("the other origin received a request (credentials in it: %v): %q", leaked, r)
	}
}

// Redirect answers every request with code and a Location of to.
func Redirect(code int, to string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Location", to)
		w.WriteHeader(code)
	}
}
