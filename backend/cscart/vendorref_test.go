package cscart

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

func TestSetVendorRefIsItsOwnPUT(t *testing.T) {
	f := newFakeStore(t)
	c := newTestClient(t, f.srv.URL+"/api")
	if err := c.SetVendorRef(context.Background(), "98", " XYZ-9 "); err != nil {
		t.Fatal(err)
	}
	reqs := f.Requests()
	if len(reqs) != 1 || reqs[0].Method != "PUT" || strings.TrimSpace(string(reqs[0].Body)) != `{"vendor_ref":"XYZ-9"}` ||
		reqs[0].ContentType != "application/json" {
		t.Fatalf("requests: %+v", reqs)
	}
	o, err := c.Get(context.Background(), "98")
	if err != nil || o.VendorRef != "XYZ-9" || o.Status.Code != "O" {
		t.Errorf("after: ref %q status %s err %v", o.VendorRef, o.Status.Code, err)
	}
}

func TestSetVendorRefRefuses(t *testing.T) {
	cases := []struct {
		name, id, ref string
		mod           func(*Config)
		want          *backend.Error
	}{
		{"empty", "98", "  ", nil, backend.ErrInvalidRequest},
		{"control characters", "98", "AB\x1b[2J", nil, backend.ErrInvalidRequest},
		{"bad id", "search", "AB", nil, backend.ErrInvalidRequest},
		{"read-only", "98", "AB", func(c *Config) { c.ReadOnly = true }, backend.ErrUnsupported},
		{"unknown order", "77", "AB", nil, backend.ErrNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeStore(t)
			var mods []func(*Config)
			if tc.mod != nil {
				mods = append(mods, tc.mod)
			}
			c := newTestClient(t, f.srv.URL+"/api", mods...)
			checkErr(t, c.SetVendorRef(context.Background(), tc.id, tc.ref), tc.want)
		})
	}
}

func TestSearchVendorRef(t *testing.T) {
	order := string(backendtest.Fixture(t, "order_98.json"))
	cases := []struct {
		name    string
		handler http.HandlerFunc
		ids     string
		want    *backend.Error
	}{
		{"bare list", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("[" + order + "]")) }, "98", nil},
		{"orders envelope", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`{"orders":[` + order + `],"params":{}}`))
		}, "98", nil},
		{"keyed object", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"98":` + order + `}`)) }, "98", nil},
		{"one order", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(order)) }, "98", nil},
		{"no results is an empty list", func(w http.ResponseWriter, r *http.Request) {
			backendtest.WriteJSON(w, 404, map[string]any{"message": "Your search did not return any results", "status": 404})
		}, "", nil},
		{"a 404 without the words is a missing endpoint", func(w http.ResponseWriter, r *http.Request) {
			backendtest.WriteJSON(w, 404, map[string]any{"message": "Not Found", "status": 404})
		}, "", backend.ErrNotFound},
		{"400", func(w http.ResponseWriter, r *http.Request) {
			backendtest.WriteJSON(w, 400, map[string]any{"message": "Bad Request", "status": 400})
		}, "", backend.ErrInvalidRequest},
		{"garbage", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`"98"`)) }, "", backend.ErrMalformed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeStore(t)
			f.on("GET /orders/search/", tc.handler)
			c := newTestClient(t, f.srv.URL+"/api")
			orders, err := c.SearchVendorRef(context.Background(), "ABC 1234&x=1")
			if tc.want != nil {
				checkErr(t, err, tc.want)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if orders == nil {
				t.Fatal("nil slice; want an empty one")
			}
			var ids []string
			for _, o := range orders {
				ids = append(ids, o.ID)
				if !o.Detailed {
					t.Errorf("search results are full orders")
				}
			}
			if strings.Join(ids, ",") != tc.ids {
				t.Errorf("ids %v, want %s", ids, tc.ids)
			}
			if q := f.Requests()[0].RawQuery; q != "vendor_ref=ABC+1234%26x%3D1" {
				t.Errorf("query %q", q)
			}
		})
	}
}

func TestListSearchUsesVendorRef(t *testing.T) {
	order := string(backendtest.Fixture(t, "order_98.json"))
	f := newFakeStore(t)
	f.on("GET /orders/search/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("[" + order + "]")) })
	c := newTestClient(t, f.srv.URL+"/api")
	cases := []struct {
		q    backend.Query
		rows int
	}{
		{backend.Query{Search: "ABC1234"}, 1},
		{backend.Query{Search: "ABC1234", Statuses: []string{"O", "P"}}, 1},
		{backend.Query{Search: "ABC1234", Statuses: []string{"C"}}, 0},
		{backend.Query{Search: "ABC1234", Email: "GEORGE@"}, 1},
		{backend.Query{Search: "ABC1234", Email: "ann@"}, 0},
	}
	for _, tc := range cases {
		p, err := c.List(context.Background(), tc.q)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Orders) != tc.rows || p.Total != tc.rows || p.Next != "" {
			t.Errorf("%+v: %d rows, total %d, next %q", tc.q, len(p.Orders), p.Total, p.Next)
		}
	}
	if _, err := c.SearchVendorRef(context.Background(), ""); !errors.Is(err, backend.ErrInvalidRequest) {
		t.Errorf("empty search: %v", err)
	}
}
