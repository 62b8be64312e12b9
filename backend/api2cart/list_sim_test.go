package api2cart_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/api2cart"
	"github.com/orderdash/orderdash/backend/sim/api2cartsim"
)

// Paging by cursor reaches every order exactly once, in order; the pages
// after the first carry page_cursor alone, exactly as issued.
func TestCursorPagingEndToEnd(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{Orders: 613})
	c := newClient(t, srv)
	ctx := context.Background()

	var got []string
	q := backend.Query{PageSize: 250, Sort: backend.SortID, Asc: true}
	var cursors []string
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("paging does not end")
		}
		page, err := c.List(ctx, q)
		if err != nil {
			t.Fatalf("page %d: %v", pages+1, err)
		}
		if page.Total != 613 {
			t.Errorf("page %d: Total = %d, want 613", pages+1, page.Total)
		}
		for _, o := range page.Orders {
			got = append(got, o.ID)
		}
		if page.Next == "" {
			break
		}
		cursors = append(cursors, page.Next)
		q.Cursor = page.Next
	}
	if want := srv.IDs(); !slices.Equal(got, want) {
		t.Fatalf("paged %d orders, want the simulator's %d in order", len(got), len(want))
	}

	lists := requestsTo(srv, "order.list")
	if len(lists) != 3 {
		t.Fatalf("%d order.list requests, want 3", len(lists))
	}
	first := query(t, lists[0])
	for k, want := range map[string]string{"count": "250", "sort_by": "order_id", "sort_direction": "asc"} {
		if first.Get(k) != want {
			t.Errorf("first page %s = %q, want %q", k, first.Get(k), want)
		}
	}
	if rf := first.Get("response_fields"); !strings.Contains(rf, "create_at") || !strings.Contains(rf, "modified_at") {
		t.Errorf("response_fields %q does not ask for the dates", rf)
	}
	for i, r := range lists[1:] {
		if r.RawQuery != "page_cursor="+cursors[i] {
			t.Errorf("follow-up %d sent %q, want page_cursor alone and as issued", i+1, r.RawQuery)
		}
		if !strings.Contains(cursors[i], "%") {
			t.Errorf("cursor %q is not percent-encoded as API2Cart issues them", cursors[i])
		}
	}
	if n := len(requestsTo(srv, "order.count")); n != 1 {
		t.Errorf("%d order.count requests, want 1 (cached for the query)", n)
	}
	for _, r := range srv.Requests() {
		if r.Header.Get("x-api-key") != testAPIKey || r.Header.Get("x-store-key") != testStoreKey {
			t.Errorf("%s sent without both key headers", r.Path)
		}
		if strings.Contains(r.RawQuery, "api_key") || strings.Contains(r.RawQuery, "store_key") {
			t.Errorf("%s carries a key in the query string", r.Path)
		}
	}
}

// Rows carry what the table shows, dates included, as the simulator
// holds them; newest first by default.
func TestListRows(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv)
	page, err := c.List(context.Background(), backend.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Orders) != api2cart.DefaultPageSize {
		t.Fatalf("%d rows, want the default %d", len(page.Orders), api2cart.DefaultPageSize)
	}
	ids := srv.IDs()
	if page.Orders[0].ID != ids[len(ids)-1] {
		t.Errorf("first row %s, want the newest order %s", page.Orders[0].ID, ids[len(ids)-1])
	}
	for _, o := range page.Orders {
		s, ok := srv.Order(o.ID)
		if !ok {
			t.Fatalf("row %s is not in the simulator", o.ID)
		}
		if !o.Created.Equal(s.Created) || !o.Updated.Equal(s.Modified) || o.Created.Location() != time.UTC {
			t.Errorf("%s: dates %v/%v, want %v/%v in UTC", o.ID, o.Created, o.Updated, s.Created, s.Modified)
		}
		if o.Status.Code != s.Status || o.Status.Name != s.StatusName || o.Status.Kind == backend.KindOther {
			t.Errorf("%s: status %+v, want %s %s", o.ID, o.Status, s.Status, s.StatusName)
		}
		if o.Total != s.Total || o.Currency != s.Currency || o.Customer.Email != s.Email {
			t.Errorf("%s: %s %s %s, want %s %s %s", o.ID, o.Total, o.Currency, o.Customer.Email, s.Total, s.Currency, s.Email)
		}
		if o.ItemCount == 0 || len(o.Items) == 0 || o.ShipTo.Country == "" {
			t.Errorf("%s: row lacks items or ship-to: %+v", o.ID, o)
		}
		if o.History != nil || o.Detailed {
			t.Errorf("%s: a list row claims a loaded history", o.ID)
		}
	}
}

// Filters reach the simulator and select what a brute-force reading of
// its orders selects; Page.Total follows the filters.
func TestListFilters(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv)
	all := snapshots(srv)
	pick := func(keep func(api2cartsim.Order) bool) []string {
		var ids []string
		for _, o := range all {
			if keep(o) {
				ids = append(ids, o.ID)
			}
		}
		return ids
	}
	since := all[len(all)/2].Created
	email := all[7].Email
	tests := []struct {
		name string
		q    backend.Query
		want []string
	}{
		{"one status", backend.Query{Statuses: []string{"3"}},
			pick(func(o api2cartsim.Order) bool { return o.Status == "3" })},
		{"several statuses", backend.Query{Statuses: []string{"1", "2", "15"}},
			pick(func(o api2cartsim.Order) bool { return o.Status == "1" || o.Status == "2" || o.Status == "15" })},
		{"created after", backend.Query{CreatedAfter: since},
			pick(func(o api2cartsim.Order) bool { return !o.Created.Before(since) })},
		{"updated since", backend.Query{UpdatedSince: since},
			pick(func(o api2cartsim.Order) bool { return !o.Modified.Before(since) })},
		{"email", backend.Query{Email: strings.ToUpper(email)},
			pick(func(o api2cartsim.Order) bool { return strings.EqualFold(o.Email, email) })},
		{"search by ids", backend.Query{Search: "12, 40 41"},
			[]string{"12", "40", "41"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.PageSize, tt.q.Sort, tt.q.Asc = 250, backend.SortID, true
			var got []string
			total := -2
			for {
				page, err := c.List(context.Background(), tt.q)
				if err != nil {
					t.Fatal(err)
				}
				total = page.Total
				for _, o := range page.Orders {
					got = append(got, o.ID)
				}
				if page.Next == "" {
					break
				}
				tt.q.Cursor = page.Next
			}
			if len(tt.want) == 0 {
				t.Fatal("the test data selects nothing; pick another value")
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %d orders %v..., want %d", len(got), head(got), len(tt.want))
			}
			if total != len(tt.want) {
				t.Errorf("Total = %d, want %d", total, len(tt.want))
			}
		})
	}
}

func head(s []string) []string { return s[:min(5, len(s))] }

// Sorting by created date, newest first, is what the sim's dates say.
func TestListSortCreatedDesc(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv)
	page, err := c.List(context.Background(), backend.Query{Sort: backend.SortCreated, PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(page.Orders); i++ {
		if page.Orders[i].Created.After(page.Orders[i-1].Created) {
			t.Fatalf("row %d is newer than row %d", i, i-1)
		}
	}
	if q := query(t, requestsTo(srv, "order.list")[0]); q.Get("sort_by") != "create_at" || q.Get("sort_direction") != "desc" {
		t.Errorf("sort sent as %q %q", q.Get("sort_by"), q.Get("sort_direction"))
	}
}

// An expired cursor is a clear invalid-request error that says to start
// again; a tampered one is refused too.
func TestCursorExpires(t *testing.T) {
	srv, clk := startSim(t, api2cartsim.Options{CursorTTL: time.Minute})
	c := newClient(t, srv)
	ctx := context.Background()
	page, err := c.List(ctx, backend.Query{PageSize: 20})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.List(ctx, backend.Query{PageSize: 20, Cursor: page.Next}); err != nil {
		t.Fatalf("a fresh cursor: %v", err)
	}
	clk.Add(2 * time.Minute)
	_, err = c.List(ctx, backend.Query{PageSize: 20, Cursor: page.Next})
	if !errors.Is(err, backend.ErrInvalidRequest) || !strings.Contains(err.Error(), "first page") {
		t.Fatalf("expired cursor: %v", err)
	}
	assertClean(t, err)

	tampered := strings.Replace(page.Next, "A", "B", 1)
	if tampered == page.Next {
		tampered = page.Next[:len(page.Next)-4]
	}
	if _, err := c.List(ctx, backend.Query{Cursor: tampered}); !errors.Is(err, backend.ErrInvalidRequest) {
		t.Fatalf("tampered cursor: %v", err)
	}
}

// A cursor travels alone whatever else the query holds.
func TestCursorTravelsAlone(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv)
	page, err := c.List(context.Background(), backend.Query{PageSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	page2, err := c.List(context.Background(), backend.Query{Cursor: page.Next, Statuses: []string{"3"}, PageSize: 99})
	if err != nil || len(page2.Orders) != 10 {
		t.Fatalf("cursor with a query: %d rows, %v", len(page2.Orders), err)
	}
}
