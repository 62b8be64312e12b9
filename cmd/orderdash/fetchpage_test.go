package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/api2cart"
	"github.com/orderdash/orderdash/backend/httpx"
)

// cursorStore is an API2Cart store whose page cursors are given by next:
// next(cursor) is the cursor of the page after the one cursor fetched.
func cursorStore(t *testing.T, count int, next func(cursor string) string) (store, *atomic.Int32) {
	t.Helper()
	var lists atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/order.count.json"):
			fmt.Fprintf(w, `{"return_code":0,"return_message":"","result":{"orders_count":%d}}`, count)
		case strings.HasSuffix(r.URL.Path, "/order.list.json"):
			n := lists.Add(1)
			cur := r.URL.Query().Get("page_cursor")
			fmt.Fprintf(w, `{"return_code":0,"return_message":"","pagination":{"previous":null,"next":%q},`+
				`"result":{"orders_count":2,"order":[{"id":"%d1","order_id":"%d1"},{"id":"%d2","order_id":"%d2"}]}}`,
				next(cur), n, n, n, n)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	c, err := api2cart.New(api2cart.Config{
		StoreConfig: backend.StoreConfig{Name: "A2C", URL: srv.URL + "/v1.1", Timeout: 2 * time.Second},
		APIKey:      "k", StoreKey: "s",
	}, httpx.Options{Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return store{Backend: c}, &lists
}

// A walk to page N on a cursor store ends with one clear error where the
// store's cursors go round in circles or past its count, instead of
// reading page after page.
func TestFetchPageStopsRunawayCursors(t *testing.T) {
	cases := []struct {
		name  string
		count int
		next  func(string) string
		page  int
		want  string
		lists int32
	}{
		{"A→B→A", -1, func(cur string) string {
			return map[string]string{"": "A", "A": "B", "B": "A"}[cur]
		}, 100, "the store's next-page cursor leads back to page 2 (a cursor loop); the list ends at page 3", 3},
		{"more pages than the count", 4, func(cur string) string { return cur + "x" },
			100, "the store offers a page 5, past the 4 orders it counts; the list ends at page 4", 4},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, lists := cursorStore(t, tc.count, tc.next)
			_, err := fetchPage(context.Background(), s, backend.Query{PageSize: 2}, tc.page)
			if err == nil || err.Error() != "A2C: list orders: malformed answer: "+tc.want || !errors.Is(err, backend.ErrMalformed) {
				t.Fatalf("got %v\nwant %s", err, tc.want)
			}
			if n := lists.Load(); n != tc.lists {
				t.Errorf("%d pages read, want %d", n, tc.lists)
			}
		})
	}
}
