package cscart

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

func codes(ss []backend.Status) string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Code)
	}
	return strings.Join(out, ",")
}

func TestStatuses(t *testing.T) {
	seed := "O,P,C,F,D,B,I,H,G,E"
	cases := []struct {
		name    string
		handler http.HandlerFunc
		kinds   map[string]string
		want    string
		check   func(t *testing.T, ss []backend.Status)
	}{
		{name: "object shape, the store's names, N and shipment statuses left out",
			handler: serveFile(t, "statuses_object.json"), want: "P,C,O,G,A",
			check: func(t *testing.T, ss []backend.Status) {
				if ss[0] != (backend.Status{Code: "P", Name: "Bezahlt und bereit zum Versand", Kind: backend.KindProcessing}) {
					t.Errorf("P: %+v", ss[0])
				}
				if ss[3].Kind != backend.KindOnHold || ss[4].Kind != backend.KindOther {
					t.Errorf("G %v, unknown A %v", ss[3].Kind, ss[4].Kind)
				}
			}},
		{name: "overrides apply on top", handler: serveFile(t, "statuses_object.json"),
			kinds: map[string]string{"A": "shipped", "G": "refunded"}, want: "P,C,O,G,A",
			check: func(t *testing.T, ss []backend.Status) {
				if ss[3].Kind != backend.KindRefunded || ss[4].Kind != backend.KindShipped {
					t.Errorf("overrides: G %v, A %v", ss[3].Kind, ss[4].Kind)
				}
			}},
		{name: "bare array", handler: serveFile(t, "statuses_array.json"), want: "P,C,I",
			check: func(t *testing.T, ss []backend.Status) {
				if ss[2].Name != "Canceled" || ss[2].Kind != backend.KindCancelled {
					t.Errorf("I: %+v", ss[2])
				}
			}},
		{name: "keyed object", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`{"statuses":{"1":{"status":"P","description":"Paid"},"2":{"status":"C"}}}`))
		}, want: "P,C"},
		{name: "absent endpoint falls back to the seed", handler: func(w http.ResponseWriter, r *http.Request) {
			backendtest.WriteJSON(w, 404, map[string]any{"message": "Not Found", "status": 404})
		}, want: seed},
		{name: "refused to a vendor falls back", handler: func(w http.ResponseWriter, r *http.Request) {
			backendtest.WriteJSON(w, 403, map[string]any{"message": "Forbidden", "status": 403})
		}, want: seed},
		{name: "an empty list falls back", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`{"statuses":[],"params":{"total_items":0}}`))
		}, want: seed,
			check: func(t *testing.T, ss []backend.Status) {
				if ss[0] != (backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}) {
					t.Errorf("seed O: %+v", ss[0])
				}
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeStore(t)
			f.on("GET /statuses", tc.handler)
			c := newTestClient(t, f.srv.URL+"/api", func(c *Config) { c.StatusKinds = tc.kinds })
			ss, err := c.Statuses(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if got := codes(ss); got != tc.want {
				t.Errorf("codes %s, want %s", got, tc.want)
			}
			if tc.check != nil {
				tc.check(t, ss)
			}
		})
	}
}

func TestStatusesPages(t *testing.T) {
	f := newFakeStore(t)
	f.on("GET /statuses", func(w http.ResponseWriter, r *http.Request) {
		var rows []string
		start := 0
		if r.URL.Query().Get("page") == "2" {
			start = 100
		}
		for i := start; i < min(start+100, 130); i++ {
			rows = append(rows, `{"status":"X`+strings.Repeat("x", i)+`","type":"O"}`)
		}
		w.Write([]byte(`{"statuses":[` + strings.Join(rows, ",") + `],"params":{"total_items":"130"}}`))
	})
	c := newTestClient(t, f.srv.URL+"/api")
	ss, err := c.Statuses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 130 || f.Count("GET") != 2 {
		t.Errorf("%d statuses in %d requests", len(ss), f.Count("GET"))
	}
}

func TestStatusesErrors(t *testing.T) {
	cases := []struct {
		name    string
		handler http.HandlerFunc
		want    *backend.Error
	}{
		{"bad key is not a reason to fall back", func(w http.ResponseWriter, r *http.Request) {
			backendtest.WriteJSON(w, 401, map[string]any{"message": "Unauthorized", "status": 401})
		}, backend.ErrUnauthorized},
		{"server error", func(w http.ResponseWriter, r *http.Request) {
			backendtest.WriteJSON(w, 500, map[string]any{"message": "Internal Server Error", "status": 500})
		}, backend.ErrUnavailable},
		{"garbage", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"statuses":"P,C"}`)) }, backend.ErrMalformed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeStore(t)
			f.on("GET /statuses", tc.handler)
			c := newTestClient(t, f.srv.URL+"/api")
			_, err := c.Statuses(context.Background())
			checkErr(t, err, tc.want)
		})
	}
}

func TestCanSet(t *testing.T) {
	f := newFakeStore(t)
	f.on("GET /statuses", serveFile(t, "statuses_object.json"))
	c := newTestClient(t, f.srv.URL+"/api")
	ro := newTestClient(t, f.srv.URL+"/api", func(c *Config) { c.ReadOnly = true })
	open := backend.Order{Status: c.status("O")}
	cases := []struct {
		name   string
		c      *Client
		fetch  bool
		to     string
		reason string
	}{
		{"a move", c, false, "P", ""},
		{"unknown letters pass before the list is known", c, false, "Z", ""},
		{"N is the store's", c, false, "N", "cannot be set by hand"},
		{"the current status is no move", c, false, "O", "already Open"},
		{"no status", c, false, "", "no status"},
		{"read-only store", ro, false, "P", "read-only"},
		{"unknown letter once the list is known", c, true, "Z", "no status Z"},
		{"known letter once the list is known", c, true, "G", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.fetch {
				if _, err := tc.c.Statuses(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			got := tc.c.CanSet(open, tc.c.status(tc.to))
			if (tc.reason == "") != (got == "") || !strings.Contains(got, tc.reason) {
				t.Errorf("CanSet(O -> %q) = %q, want %q", tc.to, got, tc.reason)
			}
		})
	}
}
