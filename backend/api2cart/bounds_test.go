package api2cart

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/httpx"
)

// loopbackStore serves body for order.list and order.info, and a count.
func loopbackStore(t *testing.T, body []byte) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/order.count.json") {
			w.Write([]byte(`{"return_code":0,"return_message":"","result":{"orders_count":5}}`))
			return
		}
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{
		StoreConfig: backend.StoreConfig{Name: "Loopback", URL: srv.URL + "/v1.1", Timeout: time.Minute},
		APIKey:      "loop-api-key-0123456789",
		StoreKey:    "loop-store-key-0123456789",
	}, httpx.Options{Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A page of a million orders, where 50 were asked for, is refused in one
// line, and reading it allocates a small multiple of its size — also when
// the page reaches the order-by-order reading (a result in an array).
func TestListRefusesFloodedPage(t *testing.T) {
	for _, tc := range []struct{ name, head, tail string }{
		{"one pass", `{"return_code":0,"return_message":"","pagination":{},"result":{"order":[`, `]}}`},
		{"order by order", `{"return_code":0,"return_message":"","pagination":{},"result":[{"order":[`, `]}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := backendtest.Flood(tc.head, "id", tc.tail, 16<<20-64)
			c := loopbackStore(t, body)
			backendtest.CheckFloodedPage(t, body, "id", func() error {
				_, err := c.List(context.Background(), backend.Query{})
				return err
			})
		})
	}
}

// order.info with a million history entries, or a field that wraps a
// million objects where one is expected, stays within a small multiple of
// the answer.
func TestGetBoundsNestedLists(t *testing.T) {
	for _, tc := range []struct {
		name, head, tail, words string
	}{
		{"history", `{"return_code":0,"result":{"order_id":"7","status":{"id":"p","history":[`, `]}}}`, "entries; orderdash reads at most 1,000"},
		{"wrapped customer", `{"return_code":0,"result":{"order_id":"7","customer":[`, `]}}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := backendtest.Flood(tc.head, "id", tc.tail, 8<<20)
			c := loopbackStore(t, body)
			var err error
			backendtest.ReadWithinBound(t, "order", body, func() { _, err = c.Get(context.Background(), "7") })
			if tc.words == "" && err != nil {
				t.Fatalf("Get = %v", err)
			}
			if tc.words != "" && (!errors.Is(err, backend.ErrMalformed) || !strings.Contains(err.Error(), tc.words)) {
				t.Fatalf("Get = %v, want %q", err, tc.words)
			}
		})
	}
}

// Ids, currencies and statuses are bounded like every text field; a
// 200,000-digit total is refused.
func TestListBoundsFields(t *testing.T) {
	huge := strings.Repeat("z", 1<<20)
	page := func(order string) []byte {
		return []byte(`{"return_code":0,"return_message":"","result":{"order":[` + order + `]}}`)
	}
	p, err := loopbackStore(t, page(`{"order_id":"7","currency":"`+huge+`","status":{"id":"`+huge+`","name":"`+huge+`"},`+
		`"customer":{"first_name":"`+huge+`"},"comment":"`+huge+`","order_products":[{"name":"`+huge+`","model":"`+huge+`"}]}`)).
		List(context.Background(), backend.Query{})
	if err != nil {
		t.Fatal(err)
	}
	o := p.Orders[0]
	backendtest.CheckBounded(t, backend.MaxFieldCode+len("…"), map[string]string{"currency": o.Currency})
	backendtest.CheckBounded(t, backendtest.LineMax, map[string]string{
		"status code": o.Status.Code, "status name": o.Status.Name, "customer": o.Customer.Name,
		"item name": o.Items[0].Name, "item sku": o.Items[0].SKU,
	})
	backendtest.CheckBounded(t, backendtest.TextMax, map[string]string{"comment": o.Notes})
	for _, tc := range []struct{ order, words string }{
		{`{"order_id":"7","totals":{"total":"` + strings.Repeat("9", 200000) + `"}}`, "at most 32 characters"},
		{`{"order_id":"` + huge + `"}`, "orderdash takes ids of at most 128"},
	} {
		_, err := loopbackStore(t, page(tc.order)).List(context.Background(), backend.Query{})
		if !errors.Is(err, backend.ErrMalformed) || !strings.Contains(err.Error(), tc.words) || len(err.Error()) > 300 {
			t.Errorf("List = %v, want one line saying %q", err, tc.words)
		}
	}
}
