package cscart

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

func change(to string, notify bool) backend.Change {
	return backend.Change{Store: "Market EU", OrderID: "98", From: backend.Status{Code: "O"}, To: backend.Status{Code: to}, Notify: notify, Requested: time.Now()}
}

func TestSetStatusSendsOnlyStatusAndNotify(t *testing.T) {
	for _, tc := range []struct {
		notify bool
		body   string
	}{{true, `{"status":"P","notify_user":"1"}`}, {false, `{"status":"P","notify_user":"0"}`}} {
		f := newFakeStore(t)
		c := newTestClient(t, f.srv.URL+"/api")
		o, err := c.SetStatus(context.Background(), change("P", tc.notify))
		if err != nil {
			t.Fatal(err)
		}
		if o.Status.Code != "P" || f.status() != "P" {
			t.Errorf("order %s, store %s", o.Status.Code, f.status())
		}
		var puts []backendtest.Recorded
		for _, r := range f.Requests() {
			if r.Method == "PUT" {
				puts = append(puts, r)
			}
		}
		if len(puts) != 1 {
			t.Fatalf("%d PUTs", len(puts))
		}
		if got := strings.TrimSpace(string(puts[0].Body)); got != tc.body {
			t.Errorf("body %s, want %s", got, tc.body)
		}
		if puts[0].ContentType != "application/json" || puts[0].Path != "/orders/98" {
			t.Errorf("content type %q path %q", puts[0].ContentType, puts[0].Path)
		}
		// read, write, re-read
		if got := f.Count("GET"); got != 2 {
			t.Errorf("%d GETs, want 2 (before and after)", got)
		}
	}
}

func TestSetStatusAcceptedButNotApplied(t *testing.T) {
	cases := []struct {
		name    string
		ignore  bool
		becomes string
		want    *backend.Error
		msg     string
	}{
		{"200 and nothing changed", true, "", backend.ErrInvalidStatus, "accepted the change but did not apply it: the order is still Open (O)"},
		{"200 and another status", false, "B", backend.ErrConflict, "accepted the change but the order is now Backordered (B), not Processed (P)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeStore(t)
			f.ignore, f.becomes = tc.ignore, tc.becomes
			c := newTestClient(t, f.srv.URL+"/api")
			_, err := c.SetStatus(context.Background(), change("P", false))
			e := checkErr(t, err, tc.want)
			if !strings.Contains(e.Message, tc.msg) || e.Uncertain {
				t.Errorf("error %q (uncertain %v)", err, e.Uncertain)
			}
		})
	}
}

func TestSetStatusChecksBeforeSending(t *testing.T) {
	cases := []struct {
		name string
		ch   backend.Change
		mod  func(*Config)
		want *backend.Error
		msg  string
	}{
		{"N", change("N", false), nil, backend.ErrInvalidStatus, "cannot be set by hand"},
		{"no status", change("", false), nil, backend.ErrInvalidStatus, "no status"},
		{"note", func() backend.Change { c := change("P", false); c.Note = "hi"; return c }(), nil, backend.ErrUnsupported, "no note"},
		{"tracking, not shipping", func() backend.Change { c := change("P", false); c.Tracking = "1Z"; return c }(), nil, backend.ErrUnsupported, "tracking number goes with a shipped status only"},
		{"tracking with a control character", func() backend.Change { c := change("C", false); c.Tracking = "1Z\x1b[2J"; return c }(), nil, backend.ErrInvalidRequest, "control characters"},
		{"read-only", change("P", false), func(c *Config) { c.ReadOnly = true }, backend.ErrUnsupported, "read-only"},
		{"someone else moved it", func() backend.Change { c := change("P", false); c.From = backend.Status{Code: "C"}; return c }(), nil, backend.ErrConflict, "now Open (O), not Complete (C)"},
		{"bad id", func() backend.Change { c := change("P", false); c.OrderID = "98/../1"; return c }(), nil, backend.ErrInvalidRequest, "not a CS-Cart order number"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeStore(t)
			var mods []func(*Config)
			if tc.mod != nil {
				mods = append(mods, tc.mod)
			}
			c := newTestClient(t, f.srv.URL+"/api", mods...)
			_, err := c.SetStatus(context.Background(), tc.ch)
			e := checkErr(t, err, tc.want)
			if !strings.Contains(e.Message, tc.msg) {
				t.Errorf("message %q lacks %q", e.Message, tc.msg)
			}
			if n := f.Count("PUT"); n != 0 {
				t.Errorf("%d PUTs sent", n)
			}
		})
	}
}

func TestSetStatusAlreadyThereSendsNothing(t *testing.T) {
	f := newFakeStore(t)
	c := newTestClient(t, f.srv.URL+"/api")
	o, err := c.SetStatus(context.Background(), change("O", true))
	if err != nil || o.Status.Code != "O" || f.Count("PUT") != 0 {
		t.Errorf("err %v status %s puts %d", err, o.Status.Code, f.Count("PUT"))
	}
}

func TestSetStatusPlatformErrors(t *testing.T) {
	cases := []struct {
		name    string
		handler http.HandlerFunc
		want    *backend.Error
		msg     string
	}{
		{"400 is a refused status", func(w http.ResponseWriter, r *http.Request) {
			backendtest.WriteJSON(w, 400, map[string]any{"message": "Bad Request", "messages": []string{"Status Z does not exist"}, "status": 400})
		}, backend.ErrInvalidStatus, "Bad Request: Status Z does not exist"},
		{"404", func(w http.ResponseWriter, r *http.Request) {
			backendtest.WriteJSON(w, 404, map[string]any{"message": "Not Found", "status": 404})
		}, backend.ErrNotFound, "no order 98"},
		{"415", func(w http.ResponseWriter, r *http.Request) {
			backendtest.WriteJSON(w, 415, map[string]any{"message": "Unsupported Media Type", "status": 415})
		}, backend.ErrInvalidRequest, "Unsupported Media Type"},
		{"403 without edit_order", func(w http.ResponseWriter, r *http.Request) {
			backendtest.WriteJSON(w, 403, map[string]any{"message": "Forbidden", "status": 403})
		}, backend.ErrUnauthorized, "Forbidden"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeStore(t)
			f.on("PUT /orders/98", tc.handler)
			c := newTestClient(t, f.srv.URL+"/api")
			_, err := c.SetStatus(context.Background(), change("P", true))
			e := checkErr(t, err, tc.want)
			if !strings.Contains(e.Message, tc.msg) || e.Uncertain {
				t.Errorf("error %q (uncertain %v)", err, e.Uncertain)
			}
		})
	}
}

// The store applies the PUT and answers after the client gave up: the PUT
// is not sent again (idempotent or not, the store may still be working on
// it); the re-read shows the change, and that confirms it.
func TestSetStatusAppliedAnswerLostIsReReadNotResent(t *testing.T) {
	f := newFakeStore(t)
	f.on("PUT /orders/98", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.order["status"] = "P" // applied, then the answer comes too late
		f.mu.Unlock()
		<-r.Context().Done()
		backendtest.WriteJSON(w, 200, map[string]any{"order_id": "98"})
	})
	c := newTestClient(t, f.srv.URL+"/api", func(c *Config) { c.Timeout = 200 * time.Millisecond })
	j := &backendtest.Journal{}
	o, err := backend.Apply(context.Background(), c, j, change("P", false))
	if err != nil || o.Status.Code != "P" {
		t.Fatalf("err %v status %s", err, o.Status.Code)
	}
	if n := f.Count("PUT"); n != 1 || j.Sends != 1 {
		t.Errorf("%d PUTs, %d attempts journaled; want 1", n, j.Sends)
	}
	if strings.Join(j.Log, ",") != "record,sent,confirmed" {
		t.Errorf("journal %v", j.Log)
	}
}

func TestSetStatusUncertainWhenEverythingHangs(t *testing.T) {
	f := newFakeStore(t)
	f.on("PUT /orders/98", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	c := newTestClient(t, f.srv.URL+"/api", func(c *Config) { c.Timeout = 30 * time.Millisecond })
	_, err := c.SetStatus(context.Background(), change("P", false))
	e := checkErr(t, err, backend.ErrUnavailable)
	if !e.Uncertain || !backend.IsUncertain(err) {
		t.Errorf("a PUT without an answer must be uncertain: %v", err)
	}
}

func TestSetStatusReReadFails(t *testing.T) {
	f := newFakeStore(t)
	gets := 0
	f.on("GET /orders/98", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		gets++
		n := gets
		f.mu.Unlock()
		if n == 1 {
			w.Write(backendtest.Fixture(t, "order_98.json"))
			return
		}
		backendtest.WriteJSON(w, 500, map[string]any{"message": "Internal Server Error", "status": 500})
	})
	c := newTestClient(t, f.srv.URL+"/api")
	_, err := c.SetStatus(context.Background(), change("P", false))
	e := checkErr(t, err, backend.ErrUnavailable)
	if !e.Uncertain || !strings.Contains(e.Message, "accepted the change but the order could not be re-read") {
		t.Errorf("error %v (uncertain %v)", err, e.Uncertain)
	}
}

func TestVerify(t *testing.T) {
	f := newFakeStore(t)
	c := newTestClient(t, f.srv.URL+"/api")
	ok, o, err := c.Verify(context.Background(), change("P", false))
	if err != nil || ok || o.Status.Code != "O" {
		t.Errorf("before: ok %v status %s err %v", ok, o.Status.Code, err)
	}
	if _, err := c.SetStatus(context.Background(), change("P", false)); err != nil {
		t.Fatal(err)
	}
	ok, o, err = c.Verify(context.Background(), change("P", false))
	if err != nil || !ok || o.Status.Code != "P" {
		t.Errorf("after: ok %v status %s err %v", ok, o.Status.Code, err)
	}
	_, _, err = c.Verify(context.Background(), backend.Change{OrderID: "404", To: backend.Status{Code: "P"}})
	checkErr(t, err, backend.ErrNotFound)
}

func TestApplyRecordsOutcome(t *testing.T) {
	f := newFakeStore(t)
	f.ignore = true
	c := newTestClient(t, f.srv.URL+"/api")
	j := &backendtest.Journal{}
	_, err := backend.Apply(context.Background(), c, j, change("P", false))
	checkErr(t, err, backend.ErrInvalidStatus)
	if got := strings.Join(j.Log, ","); got != "record,sent,failed" {
		t.Errorf("journal %s", got)
	}
}
