package cscart

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

func TestListSendsQuery(t *testing.T) {
	since := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		q    backend.Query
		want url.Values
	}{
		{"defaults", backend.Query{},
			url.Values{"page": {"1"}, "items_per_page": {"50"}, "sort_by": {"date"}, "sort_order": {"desc"}, "get_orders_data": {"1"}}},
		{"page, size and ascending id", backend.Query{Cursor: "3", PageSize: 20, Sort: backend.SortID, Asc: true},
			url.Values{"page": {"3"}, "items_per_page": {"20"}, "sort_by": {"order_id"}, "sort_order": {"asc"}, "get_orders_data": {"1"}}},
		{"size capped", backend.Query{PageSize: 5000, Sort: backend.SortTotal},
			url.Values{"page": {"1"}, "items_per_page": {"250"}, "sort_by": {"total"}, "sort_order": {"desc"}, "get_orders_data": {"1"}}},
		{"one status", backend.Query{Statuses: []string{"P"}, Sort: backend.SortStatus},
			url.Values{"page": {"1"}, "items_per_page": {"50"}, "sort_by": {"status"}, "sort_order": {"desc"}, "get_orders_data": {"1"}, "status": {"P"}}},
		{"several statuses", backend.Query{Statuses: []string{"P", " ", "C"}},
			url.Values{"page": {"1"}, "items_per_page": {"50"}, "sort_by": {"date"}, "sort_order": {"desc"}, "get_orders_data": {"1"}, "status[]": {"P", "C"}}},
		{"email and updated since", backend.Query{Email: " ann@example.com ", UpdatedSince: since},
			url.Values{"page": {"1"}, "items_per_page": {"50"}, "sort_by": {"date"}, "sort_order": {"desc"}, "get_orders_data": {"1"}, "email": {"ann@example.com"}, "updated_at_from": {"1793491200"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeStore(t)
			f.on("GET /orders", serveFile(t, "list_short.json"))
			c := newTestClient(t, f.srv.URL+"/api")
			if _, err := c.List(context.Background(), tc.q); err != nil {
				t.Fatal(err)
			}
			got, _ := url.ParseQuery(f.Requests()[0].RawQuery)
			if got.Encode() != tc.want.Encode() {
				t.Errorf("query\n got %s\nwant %s", got.Encode(), tc.want.Encode())
			}
		})
	}
}

func TestListShortRows(t *testing.T) {
	f := newFakeStore(t)
	f.on("GET /orders", serveFile(t, "list_short.json"))
	c := newTestClient(t, f.srv.URL+"/api")
	p, err := c.List(context.Background(), backend.Query{PageSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	if p.Total != 64 || p.Number != 1 || p.Next != "2" || len(p.Orders) != 2 {
		t.Fatalf("page: total %d number %d next %q rows %d", p.Total, p.Number, p.Next, len(p.Orders))
	}
	o := p.Orders[0]
	if o.ID != "97" || o.Customer.Name != "George Nills" || o.Status.Kind != backend.KindPending || o.Total != "677.95" ||
		o.Created != time.Unix(1456917981, 0).UTC() {
		t.Errorf("row 0: %+v", o)
	}
	if o.Detailed || o.Items != nil || o.History != nil {
		t.Errorf("a short row must not claim to be detailed: %+v", o)
	}
	if p.Orders[1].Total != "12.5" || p.Orders[1].Created.IsZero() {
		t.Errorf("numbers as numbers: %+v", p.Orders[1])
	}
}

func TestListFullRowsAreDetailed(t *testing.T) {
	f := newFakeStore(t)
	order := backendtest.Fixture(t, "order_98.json")
	f.on("GET /orders", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"orders":[` + string(order) + `],"params":{"page":1,"items_per_page":"50","total_items":"1"}}`))
	})
	c := newTestClient(t, f.srv.URL+"/api")
	p, err := c.List(context.Background(), backend.Query{})
	if err != nil {
		t.Fatal(err)
	}
	o := p.Orders[0]
	if !o.Detailed || o.ItemCount != 3 || len(o.Items) != 2 || o.History == nil || o.ShipTo.City != "Boston" {
		t.Errorf("full row: %+v", o)
	}
	if p.Next != "" || p.Total != 1 {
		t.Errorf("last page: next %q total %d", p.Next, p.Total)
	}
}

func TestListPaging(t *testing.T) {
	cases := []struct {
		name, body string
		page       string
		next       string
		total      int
	}{
		{"middle page", `{"orders":[{"order_id":"1"}],"params":{"page":2,"items_per_page":"1","total_items":"3"}}`, "2", "3", 3},
		{"last page", `{"orders":[{"order_id":"1"}],"params":{"page":3,"items_per_page":"1","total_items":"3"}}`, "3", "", 3},
		{"empty beyond the end", `{"orders":[],"params":{"page":9,"items_per_page":"1","total_items":"3"}}`, "9", "", 3},
		{"null orders", `{"orders":null,"params":{"total_items":0}}`, "1", "", 0},
		{"no count, full page", `{"orders":[{"order_id":"1"}],"params":{"items_per_page":1}}`, "1", "2", -1},
		{"no count, short page", `{"orders":[{"order_id":"1"}],"params":{"items_per_page":5}}`, "1", "", -1},
		{"no params at all, full page", `{"orders":[{"order_id":"1"}]}`, "1", "2", -1},
		// page × items_per_page would wrap to a negative number below the total.
		{"huge items_per_page", `{"orders":[{"order_id":"1"}],"params":{"page":2,"items_per_page":"9223372036854775807","total_items":"100"}}`, "2", "", 100},
		{"the last page orderdash asks for", `{"orders":[{"order_id":"1"}],"params":{"items_per_page":1,"total_items":"5000000"}}`, "1000000", "", 5000000},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeStore(t)
			f.on("GET /orders", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(tc.body)) })
			c := newTestClient(t, f.srv.URL+"/api")
			p, err := c.List(context.Background(), backend.Query{Cursor: tc.page, PageSize: 1})
			if err != nil {
				t.Fatal(err)
			}
			if p.Next != tc.next || p.Total != tc.total {
				t.Errorf("next %q total %d, want %q %d", p.Next, p.Total, tc.next, tc.total)
			}
		})
	}
}

func TestListRefuses(t *testing.T) {
	cases := []struct {
		name string
		q    backend.Query
		want *backend.Error
	}{
		{"created after", backend.Query{CreatedAfter: time.Now()}, backend.ErrUnsupported},
		{"id from", backend.Query{IDFrom: "5"}, backend.ErrUnsupported},
		{"sort by updated", backend.Query{Sort: backend.SortUpdated}, backend.ErrUnsupported},
		{"bad cursor", backend.Query{Cursor: "abc"}, backend.ErrInvalidRequest},
		{"zero cursor", backend.Query{Cursor: "0"}, backend.ErrInvalidRequest},
		{"cursor past MaxPage", backend.Query{Cursor: "9223372036854775807"}, backend.ErrInvalidRequest},
	}
	f := newFakeStore(t)
	c := newTestClient(t, f.srv.URL+"/api")
	for _, tc := range cases {
		_, err := c.List(context.Background(), tc.q)
		checkErr(t, err, tc.want)
	}
	if n := len(f.Requests()); n != 0 {
		t.Errorf("%d requests sent for refused queries", n)
	}
}

func TestListBadRowFailsThePage(t *testing.T) {
	f := newFakeStore(t)
	f.on("GET /orders", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"orders":[{"order_id":"1","total":"1.00"},{"order_id":"2","total":[1]}],"params":{"total_items":"2"}}`))
	})
	c := newTestClient(t, f.srv.URL+"/api")
	_, err := c.List(context.Background(), backend.Query{})
	e := checkErr(t, err, backend.ErrMalformed)
	if !strings.Contains(e.Message, "order 2") {
		t.Errorf("message %q does not name order 2", e.Message)
	}
}

func TestCapabilities(t *testing.T) {
	c := newTestClient(t, "https://shop.example.com/api")
	caps := c.Capabilities()
	if caps.History || !caps.Notify || caps.Notes || !caps.TakesTracking(backend.KindCompleted) || caps.TakesTracking(backend.KindProcessing) || !caps.SafeResend || !caps.Search || !caps.Count ||
		!caps.MultiStatusFilter || caps.FixedPageSize || caps.Cursor || caps.CanSort(backend.SortUpdated) || !caps.CanSort(backend.SortTotal) {
		t.Errorf("capabilities: %+v", caps)
	}
	if c.Name() != "Market EU" || c.Platform() != "cscart" {
		t.Errorf("name %q platform %q", c.Name(), c.Platform())
	}
}
