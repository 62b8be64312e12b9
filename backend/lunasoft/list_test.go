package lunasoft

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

func TestListSendsQuery(t *testing.T) {
	after := time.Date(2015, 7, 14, 8, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		tz   string
		q    backend.Query
		want string // the raw query as sent
	}{
		{"defaults", "", backend.Query{}, "page=1&sort=-id"},
		{"page size is fixed, so ignored", "", backend.Query{PageSize: 10, Cursor: "3"}, "page=3&sort=-id"},
		{"ascending sends + as %2B", "", backend.Query{Sort: backend.SortCreated, Asc: true}, "page=1&sort=%2Bcreated"},
		{"id from", "", backend.Query{IDFrom: "54000", Sort: backend.SortID, Asc: true}, "id=54000&page=1&sort=%2Bid"},
		{"created after in UTC", "", backend.Query{CreatedAfter: after}, "created_on_after=2015-07-14T08%3A00%3A00%2B0000&page=1&sort=-id"},
		{"created after in the site's zone", "America/Denver", backend.Query{CreatedAfter: after}, "created_on_after=2015-07-14T02%3A00%3A00-0600&page=1&sort=-id"},
		{"search is not a Lunasoft filter", "", backend.Query{Search: "x"}, "page=1&sort=-id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeSite(t)
			f.on("GET /orders", serveFile(t, "list_seed.json"))
			c := newTestClient(t, f.srv.URL+base, func(c *Config) { c.TimeZone = tc.tz })
			if _, err := c.List(context.Background(), tc.q); err != nil {
				t.Fatal(err)
			}
			if got := f.Requests()[0].RawQuery; got != tc.want {
				t.Errorf("query %s, want %s", got, tc.want)
			}
		})
	}
}

func TestListSeedPage(t *testing.T) {
	f := newFakeSite(t)
	f.on("GET /orders", serveFile(t, "list_seed.json"))
	c := newTestClient(t, f.srv.URL+base)
	p, err := c.List(context.Background(), backend.Query{Cursor: "2"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Next != "3" || p.Total != -1 || p.Number != 2 || len(p.Orders) != 1 {
		t.Fatalf("page: next %q total %d number %d rows %d", p.Next, p.Total, p.Number, len(p.Orders))
	}
	o := p.Orders[0]
	if o.ID != "54123" || o.Status.Kind != backend.KindCompleted || o.ItemCount != 1 || o.Customer.Name != "Test Customer" {
		t.Errorf("row: %+v", o)
	}
	if o.Detailed || o.History != nil {
		t.Errorf("a list row has no history loaded: detailed %v history %v", o.Detailed, o.History)
	}
}

func TestListNextPage(t *testing.T) {
	cases := []struct {
		body, page, next string
	}{
		{`{"orders":[],"next_page":false}`, "1", ""},
		{`{"orders":[],"next_page":null}`, "1", ""},
		{`{"orders":[]}`, "1", ""},
		{`{"orders":[],"next_page":"4"}`, "3", "4"},
		{`{"orders":[],"next_page":2}`, "1", "2"},
		{`{"orders":[],"next_page":1}`, "1", ""}, // not after this page: it would loop
		{`{"orders":[],"next_page":1000000}`, "999999", "1000000"},
		{`{"orders":[],"next_page":1000001}`, "1000000", ""}, // past backend.MaxPage: no page orderdash asks for
		{`{"orders":[],"next_page":9223372036854775807}`, "1", ""},
		{`{"orders":false,"next_page":false}`, "1", ""},
	}
	for _, tc := range cases {
		f := newFakeSite(t)
		f.on("GET /orders", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(tc.body)) })
		c := newTestClient(t, f.srv.URL+base)
		p, err := c.List(context.Background(), backend.Query{Cursor: tc.page})
		if err != nil {
			t.Fatalf("%s: %v", tc.body, err)
		}
		if p.Next != tc.next || p.Orders == nil {
			t.Errorf("%s: next %q, want %q", tc.body, p.Next, tc.next)
		}
	}
	for _, body := range []string{`{"orders":[],"next_page":true}`, `{"orders":[],"next_page":-2}`, `{"orders":{"a":1},"next_page":false}`} {
		f := newFakeSite(t)
		f.on("GET /orders", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(body)) })
		c := newTestClient(t, f.srv.URL+base)
		_, err := c.List(context.Background(), backend.Query{})
		checkErr(t, err, backend.ErrMalformed)
	}
}

func TestListRefuses(t *testing.T) {
	f := newFakeSite(t)
	c := newTestClient(t, f.srv.URL+base)
	cases := []struct {
		q    backend.Query
		want *backend.Error
	}{
		{backend.Query{Statuses: []string{"Shipped"}}, backend.ErrUnsupported},
		{backend.Query{Email: "a@b"}, backend.ErrUnsupported},
		{backend.Query{UpdatedSince: time.Now()}, backend.ErrUnsupported},
		{backend.Query{Sort: backend.SortTotal}, backend.ErrUnsupported},
		{backend.Query{Cursor: "-1"}, backend.ErrInvalidRequest},
		{backend.Query{IDFrom: "12a"}, backend.ErrInvalidRequest},
	}
	for _, tc := range cases {
		_, err := c.List(context.Background(), tc.q)
		checkErr(t, err, tc.want)
	}
	if n := len(f.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestStatusesAndCanSet(t *testing.T) {
	c := newTestClient(t, "https://www.example.com/site_api/shopping_cart", func(c *Config) {
		c.Statuses = []string{"New", "In Production", "Shipped", "Delivered", "Refunded", "Awaiting Parts"}
		c.StatusKinds = map[string]string{"Awaiting Parts": "on_hold", "New": "processing"}
	})
	ss, err := c.Statuses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []backend.StatusKind{backend.KindProcessing, backend.KindProcessing, backend.KindShipped, backend.KindCompleted, backend.KindRefunded, backend.KindOnHold}
	for i, s := range ss {
		if s.Kind != want[i] || s.Code != s.Name {
			t.Errorf("%s: %v, want %v", s.Code, s.Kind, want[i])
		}
	}
	ss[0].Code = "mutated"
	if again, _ := c.Statuses(context.Background()); again[0].Code != "New" {
		t.Error("Statuses hands out its own slice")
	}
	shipped := backend.Order{Status: c.status("Shipped")}
	ro := newTestClient(t, "https://www.example.com/x", func(c *Config) { c.ReadOnly = true })
	cases := []struct {
		c      *Client
		to     string
		reason string
	}{
		{c, "Delivered", ""},
		{c, "Shipped", "already Shipped"},
		{c, "delivered", "not one of this store's statuses"},
		{c, "", "no status"},
		{ro, "Complete", "read-only"},
	}
	for _, tc := range cases {
		got := tc.c.CanSet(shipped, backend.Status{Code: tc.to, Name: tc.to})
		if (got == "") != (tc.reason == "") || !strings.Contains(got, tc.reason) {
			t.Errorf("CanSet(%q) = %q, want %q", tc.to, got, tc.reason)
		}
	}
}

func TestDefaultStatuses(t *testing.T) {
	c := newTestClient(t, "https://www.example.com/x")
	ss, _ := c.Statuses(context.Background())
	want := map[string]backend.StatusKind{"Pending": backend.KindPending, "Processing": backend.KindProcessing,
		"Shipped": backend.KindShipped, "Complete": backend.KindCompleted, "Cancelled": backend.KindCancelled}
	if len(ss) != len(want) {
		t.Fatalf("%d statuses", len(ss))
	}
	for _, s := range ss {
		if want[s.Code] != s.Kind {
			t.Errorf("%s: %v", s.Code, s.Kind)
		}
	}
	caps := c.Capabilities()
	if !caps.History || !caps.Notes || !caps.Tracking || caps.SafeResend || !caps.FixedPageSize || caps.MaxPageSize != 50 ||
		caps.Count || caps.StatusFilter || !caps.IDFrom || !caps.CreatedAfter || !caps.CanSort(backend.SortCreated) {
		t.Errorf("capabilities %+v", caps)
	}
}
