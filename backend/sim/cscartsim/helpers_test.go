package cscartsim

import (
	"net/http"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend/backendtest"
)

var clockNow = time.Date(2026, 11, 20, 13, 0, 0, 0, time.UTC)

func start(t testing.TB, opts Options) *Server {
	t.Helper()
	if opts.Orders == 0 {
		opts.Orders = 200
	}
	if opts.Clock == nil {
		opts.Clock = func() time.Time { return clockNow }
	}
	s, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// call sends one request. Basic auth with the default credentials is added
// unless hdr sets Authorization ("" removes it).
func call(t testing.TB, method, url, body string, hdr map[string]string) (int, http.Header, []byte) {
	t.Helper()
	return backendtest.Call(t, method, url, body, func(req *http.Request) {
		req.SetBasicAuth("demo@orderdash.test", "demo-cscart-key")
		for k, v := range hdr {
			if v == "" {
				req.Header.Del(k)
			} else {
				req.Header.Set(k, v)
			}
		}
	})
}

func get(t testing.TB, url string) (int, []byte) {
	t.Helper()
	code, _, b := call(t, "GET", url, "", nil)
	return code, b
}

var jsonCT = map[string]string{"Content-Type": "application/json"}

func put(t testing.TB, s *Server, id, body string) (int, []byte) {
	t.Helper()
	code, _, b := call(t, "PUT", s.URL()+"/orders/"+id, body, jsonCT)
	return code, b
}

// listResp is GET /orders decoded loosely, to check types.
type listResp struct {
	Orders []map[string]any `json:"orders"`
	Params map[string]any   `json:"params"`
}

func list(t testing.TB, s *Server, query string) listResp {
	t.Helper()
	code, b := get(t, s.URL()+"/orders?"+query)
	if code != 200 {
		t.Fatalf("GET /orders?%s: %d %s", query, code, b)
	}
	return backendtest.Decode[listResp](t, b)
}

func ids(l listResp) []string {
	out := make([]string, len(l.Orders))
	for i, o := range l.Orders {
		out[i] = o["order_id"].(string)
	}
	return out
}

// someOrder finds an order id with a status other than N and not in avoid.
func someOrder(t testing.TB, s *Server, avoid ...string) string {
	t.Helper()
	for _, id := range s.IDs() {
		o, _ := s.Order(id)
		ok := o.Status != "N"
		for _, a := range avoid {
			ok = ok && o.Status != a
		}
		if ok {
			return id
		}
	}
	t.Fatal("no suitable order")
	return ""
}
