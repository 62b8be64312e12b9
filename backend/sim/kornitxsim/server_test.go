package kornitxsim

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend/sim"
)

const (
	testRef = "850135"
	testKey = "AD0D7-secret"
)

func start(t *testing.T, opts Options) *Server {
	t.Helper()
	if opts.RefID == "" {
		opts.RefID = testRef
	}
	if opts.APIKey == "" {
		opts.APIKey = testKey
	}
	s, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

type answer struct {
	status  int
	message string
}

func do(t *testing.T, s *Server, method, path, auth, ctype, body string) answer {
	t.Helper()
	req, err := http.NewRequest(method, s.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var e struct {
		Error struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	if resp.StatusCode != 200 {
		if err := json.Unmarshal(data, &e); err != nil {
			t.Fatalf("%s %s: error body %q is not Kornit X's envelope: %v", method, path, data, err)
		}
	} else if strings.TrimSpace(string(data)) != "{}" {
		t.Fatalf("success body = %q, want {}", data)
	}
	return answer{resp.StatusCode, e.Error.Message}
}

const rawAuth = "Basic " + testRef + ":" + testKey

func path(id int64) string { return "/order/" + strconv.FormatInt(id, 10) + "/status" }

func TestPutRules(t *testing.T) {
	b64 := "Basic " + base64.StdEncoding.EncodeToString([]byte(testRef+":"+testKey))
	tests := []struct {
		name         string
		acceptBase64 bool
		method, auth string
		ctype, body  string
		path         string // "" is order 1's
		want         answer
	}{
		{name: "dispatch", auth: rawAuth, body: `{"status":8}`, want: answer{200, ""}},
		{name: "dispatch with tracking", auth: rawAuth, body: `{"status":8,"shipping_tracking":"ABC"}`, want: answer{200, ""}},
		{name: "cancel", auth: rawAuth, body: `{"status":128}`, want: answer{200, ""}},
		{name: "scheme in lower case", auth: "basic " + testRef + ":" + testKey, body: `{"status":256}`, want: answer{200, ""}},
		{name: "json with charset", auth: rawAuth, ctype: "application/json; charset=utf-8", body: `{"status":32}`, want: answer{200, ""}},
		{name: "base64 refused by default", auth: b64, body: `{"status":8}`, want: answer{401, "Authentication required"}},
		{name: "base64 when accepted", acceptBase64: true, auth: b64, body: `{"status":8}`, want: answer{200, ""}},
		{name: "raw still accepted with base64 on", acceptBase64: true, auth: rawAuth, body: `{"status":8}`, want: answer{200, ""}},
		{name: "wrong key", auth: "Basic " + testRef + ":nope", body: `{"status":8}`, want: answer{401, "Authentication required"}},
		{name: "no auth", body: `{"status":8}`, want: answer{401, "Authentication required"}},
		{name: "bearer", auth: "Bearer " + testKey, body: `{"status":8}`, want: answer{401, "Authentication required"}},
		{name: "no content type", auth: rawAuth, ctype: "-", body: `{"status":8}`, want: answer{415, "Content-Type must be application/json"}},
		{name: "form body", auth: rawAuth, ctype: "application/x-www-form-urlencoded", body: `status=8`, want: answer{415, "Content-Type must be application/json"}},
		{name: "not json", auth: rawAuth, body: `{"status":8`, want: answer{400, "Invalid request body"}},
		{name: "no status", auth: rawAuth, body: `{}`, want: answer{400, "Invalid order status"}},
		{name: "status as string", auth: rawAuth, body: `{"status":"8"}`, want: answer{400, "Invalid request body"}},
		{name: "received is not settable", auth: rawAuth, body: `{"status":1}`, want: answer{400, "Invalid order status"}},
		{name: "in production is not settable", auth: rawAuth, body: `{"status":4}`, want: answer{400, "Invalid order status"}},
		{name: "unknown code", auth: rawAuth, body: `{"status":9}`, want: answer{400, "Invalid order status"}},
		{name: "tracking too long", auth: rawAuth, body: `{"status":8,"shipping_tracking":"` + strings.Repeat("x", 101) + `"}`, want: answer{400, "Invalid shipping tracking"}},
		{name: "unknown order", auth: rawAuth, path: "/order/999/status", body: `{"status":8}`, want: answer{404, "Order not found"}},
		{name: "id not a number", auth: rawAuth, path: "/order/abc/status", body: `{"status":8}`, want: answer{404, "Order not found"}},
		{name: "other path", auth: rawAuth, path: "/orders", body: `{"status":8}`, want: answer{404, "Not found"}},
		{name: "GET", method: http.MethodGet, auth: rawAuth, want: answer{405, "Method not allowed"}},
		{name: "POST", method: http.MethodPost, auth: rawAuth, body: `{"status":8}`, want: answer{405, "Method not allowed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := start(t, Options{Orders: 3, AcceptBase64: tt.acceptBase64})
			id := s.Backlog()[0].ID
			p := tt.path
			if p == "" {
				p = path(id)
			}
			method := tt.method
			if method == "" {
				method = http.MethodPut
			}
			ctype := tt.ctype
			switch ctype {
			case "":
				ctype = "application/json"
			case "-":
				ctype = ""
			}
			got := do(t, s, method, p, tt.auth, ctype, tt.body)
			if got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			st, _ := s.Order(id)
			if tt.want.status != 200 && st.Status != 1 {
				t.Errorf("a refused PUT changed the order to %d", st.Status)
			}
			if puts := s.Puts(); method == http.MethodPut && len(puts) != 1 {
				t.Errorf("Puts() holds %d requests, want 1", len(puts))
			}
		})
	}
}

func TestFinalStatuses(t *testing.T) {
	for _, first := range []int{8, 64, 128} {
		t.Run(strconv.Itoa(first), func(t *testing.T) {
			s := start(t, Options{Orders: 1})
			id := s.Backlog()[0].ID
			body := func(st int) string { return `{"status":` + strconv.Itoa(st) + `}` }
			if a := do(t, s, "PUT", path(id), rawAuth, "application/json", body(first)); a.status != 200 {
				t.Fatalf("first change: %+v", a)
			}
			for _, next := range []int{8, 32, 64, 128, 256, 516} {
				a := do(t, s, "PUT", path(id), rawAuth, "application/json", body(next))
				want := answer{400, "Invalid order status"}
				if next == first {
					want = answer{200, ""} // the same status again: a safe resend
				}
				if a != want {
					t.Errorf("%d after %d: got %+v, want %+v", next, first, a, want)
				}
			}
			if st, _ := s.Order(id); st.Status != first {
				t.Errorf("status = %d, want %d", st.Status, first)
			}
		})
	}
}

func TestResendKeepsTrackingAndUpdatesIt(t *testing.T) {
	s := start(t, Options{Orders: 1})
	id := s.Backlog()[0].ID
	do(t, s, "PUT", path(id), rawAuth, "application/json", `{"status":8,"shipping_tracking":"T1"}`)
	do(t, s, "PUT", path(id), rawAuth, "application/json", `{"status":8}`)
	if st, _ := s.Order(id); st.Tracking != "T1" {
		t.Fatalf("a resend without tracking dropped it: %+v", st)
	}
	do(t, s, "PUT", path(id), rawAuth, "application/json", `{"status":8,"shipping_tracking":"T2"}`)
	if st, _ := s.Order(id); st.Tracking != "T2" {
		t.Fatalf("tracking = %q, want T2", st.Tracking)
	}
	puts := s.Puts()
	if len(puts) != 3 || puts[0].Status != 8 || puts[0].Tracking != "T1" || puts[0].OrderID != strconv.FormatInt(id, 10) {
		t.Fatalf("Puts() = %+v", puts)
	}
	// Three PUTs, two of which changed the order: the resend did not.
	if n := s.Writes(id); n != 2 {
		t.Fatalf("Writes() = %d, want 2", n)
	}
}

func TestRateLimitIsHTTP400(t *testing.T) {
	s := start(t, Options{Orders: 1})
	id := s.Backlog()[0].ID
	s.RateLimit(2)
	for i := 0; i < 2; i++ {
		a := do(t, s, "PUT", path(id), rawAuth, "application/json", `{"status":8}`)
		if a != (answer{400, RateLimitMessage}) {
			t.Fatalf("try %d: %+v", i, a)
		}
	}
	if st, _ := s.Order(id); st.Status != 1 {
		t.Fatal("a rate-limited PUT changed the order")
	}
	if a := do(t, s, "PUT", path(id), rawAuth, "application/json", `{"status":8}`); a.status != 200 {
		t.Fatalf("after the limit: %+v", a)
	}
	puts := s.Puts()
	if len(puts) != 3 || puts[0].Fault != sim.Fault429 || puts[2].Fault != sim.FaultNone {
		t.Fatalf("Puts() = %+v", puts)
	}
}

func TestFaultBodies(t *testing.T) {
	s := start(t, Options{Orders: 1})
	id := s.Backlog()[0].ID
	s.Faults().Set(sim.Fault5xx, 1)
	if a := do(t, s, "PUT", path(id), rawAuth, "application/json", `{"status":8}`); a.status != 500 {
		t.Fatalf("5xx fault: %+v", a)
	}
	s.Faults().Set(sim.Fault401, 1)
	if a := do(t, s, "PUT", path(id), rawAuth, "application/json", `{"status":8}`); a != (answer{401, "Authentication required"}) {
		t.Fatalf("401 fault: %+v", a)
	}
}

func TestNewOrderAndStateFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "kx.json")
	s := start(t, Options{Orders: 2, StateFile: file})
	o, err := s.NewOrder()
	if err != nil {
		t.Fatal(err)
	}
	if o.ID != s.Backlog()[1].ID+1 {
		t.Fatalf("new id %d does not follow the backlog", o.ID)
	}
	if a := do(t, s, "PUT", path(o.ID), rawAuth, "application/json", `{"status":8,"shipping_tracking":"ZX1"}`); a.status != 200 {
		t.Fatalf("PUT on a new order: %+v", a)
	}
	s.Close()

	s2 := start(t, Options{Orders: 2, StateFile: file})
	st, ok := s2.Order(o.ID)
	if !ok || st.Status != 8 || st.Tracking != "ZX1" {
		t.Fatalf("after restart: %+v %v", st, ok)
	}
	o2, err := s2.NewOrder()
	if err != nil {
		t.Fatal(err)
	}
	if o2.ID != o.ID+1 {
		t.Fatalf("after restart the next id is %d, want %d", o2.ID, o.ID+1)
	}
}

func TestCorruptStateFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "kx.json")
	for _, body := range []string{`{`, `{"version":2,"next":1,"orders":{}}`, `{"version":1,"next":1,"orders":{"x":{"status":8}}}`, `{"version":1,"next":1,"orders":{"5":{"status":7}}}`} {
		if err := writeFile(file, body); err != nil {
			t.Fatal(err)
		}
		if s, err := Start(Options{StateFile: file}); err == nil {
			s.Close()
			t.Errorf("state %s was accepted", body)
		}
	}
}

// A new order is made now, so its dispatch date (when it has one) is one
// to three days after today, never before its sale.
func TestNewOrderDispatchDateFollowsIt(t *testing.T) {
	// Just after midnight and late in the day: a shift by the hours since
	// the generated sale would land on the wrong day.
	for _, at := range []time.Time{time.Date(2026, 12, 4, 0, 5, 0, 0, time.UTC), time.Date(2026, 12, 4, 23, 50, 0, 0, time.UTC)} {
		t.Run(at.Format("15:04"), func(t *testing.T) { newOrderDispatch(t, at) })
	}
}

func newOrderDispatch(t *testing.T, at time.Time) {
	s := start(t, Options{Orders: 2, Clock: func() time.Time { return at }})
	dated := 0
	for range 40 {
		o, err := s.NewOrder()
		if err != nil {
			t.Fatal(err)
		}
		if o.RequiredDispatchDate == "0000-00-00" {
			continue
		}
		dated++
		sale, err := time.ParseInLocation(DateLayout, o.SaleDatetime, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		by, err := time.ParseInLocation("2006-01-02", o.RequiredDispatchDate, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if days := by.Sub(sale.Truncate(24*time.Hour)).Hours() / 24; days < 1 || days > 4 {
			t.Errorf("order %d sold %s must be dispatched by %s: %v days", o.ID, o.SaleDatetime, o.RequiredDispatchDate, days)
		}
	}
	if dated == 0 {
		t.Fatal("no new order had a dispatch date")
	}
}
