package lunasoftsim

import (
	"encoding/json"
	"net/http"
	"strings"
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

// call sends one request with the default Authorization value unless auth
// is given ("-" sends none).
func call(t testing.TB, method, url, body string, auth ...string) (int, http.Header, []byte) {
	t.Helper()
	return backendtest.Call(t, method, url, body, func(req *http.Request) {
		a := "demo-lunasoft-key"
		if len(auth) > 0 {
			a = auth[0]
		}
		if a != "-" {
			req.Header.Set("Authorization", a)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
	})
}

type listResp struct {
	Orders   []map[string]any `json:"orders"`
	NextPage any              `json:"next_page"`
}

// list fetches with a raw query string (not re-encoded).
func list(t testing.TB, s *Server, rawQuery string) listResp {
	t.Helper()
	code, _, b := call(t, "GET", s.URL()+"/orders?"+rawQuery, "")
	if code != 200 {
		t.Fatalf("GET /orders?%s: %d %s", rawQuery, code, b)
	}
	return backendtest.Decode[listResp](t, b)
}

func allPages(t testing.TB, s *Server, rawQuery string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for page := 1; ; page++ {
		l := list(t, s, rawQuery+"&page="+itoa(page))
		out = append(out, l.Orders...)
		if l.NextPage == false {
			return out
		}
		if l.NextPage != float64(page+1) {
			t.Fatalf("page %d: next_page %#v", page, l.NextPage)
		}
	}
}

func itoa(n int) string { return jsonInt(n) }

func jsonInt(n int) string { b, _ := json.Marshal(n); return string(b) }

func parseCreated(t testing.TB, v any) time.Time {
	t.Helper()
	ts, err := time.Parse(stamp, v.(string))
	if err != nil {
		t.Fatalf("created %v: %v", v, err)
	}
	return ts
}

type errorsResp struct {
	Errors []apiError `json:"errors"`
}

func wantEnvelope(t testing.TB, body []byte, code string) errorsResp {
	t.Helper()
	e := backendtest.Decode[errorsResp](t, body)
	if len(e.Errors) == 0 {
		t.Fatalf("no errors in %s", body)
	}
	for _, x := range e.Errors {
		if x.Code != code || x.UserMessage != "An error occurred" || x.MoreInfo != moreInfo || x.InternalMessage == "" {
			t.Fatalf("error %+v, want code %q in Lunasoft's envelope", x, code)
		}
	}
	// code must be a JSON string, not a number.
	if !strings.Contains(string(body), `"code":"`+code+`"`) {
		t.Fatalf("code is not a string in %s", body)
	}
	return e
}
