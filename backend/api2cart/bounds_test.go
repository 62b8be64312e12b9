package api2cart

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/wire"
)

// flood is a list answer of about size bytes: head, then {"<key>":N}
// objects, then tail.
func flood(head, key, tail string, size int) []byte {
	var b bytes.Buffer
	b.Grow(size)
	b.WriteString(head)
	for i := 1; b.Len() < size-len(tail)-32; i++ {
		if i > 1 {
			b.WriteByte(',')
		}
		b.WriteString(`{"` + key + `":` + strconv.Itoa(i) + `}`)
	}
	b.WriteString(tail)
	return b.Bytes()
}

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
			body := flood(tc.head, "id", tc.tail, 16<<20-64)
			c := loopbackStore(t, body)
			var err error
			n := backendtest.Allocated(func() { _, err = c.List(context.Background(), backend.Query{}) })
			var tm *wire.TooManyError
			if !errors.As(err, &tm) || !errors.Is(err, backend.ErrMalformed) {
				t.Fatalf("List = %v, want a malformed answer with too many orders", err)
			}
			if msg := err.Error(); !strings.Contains(msg, "orders for a page of 50; orderdash reads at most 60") || strings.Contains(msg, "\n") || len(msg) > 300 {
				t.Errorf("error %q: want one line saying how many orders came and how many are read", msg)
			}
			if sent := bytes.Count(body, []byte(`{"id"`)); tm.Sent != sent {
				t.Errorf("Sent = %d, want the page's %d", tm.Sent, sent)
			}
			if limit := backendtest.AllocBound(len(body)); n > limit {
				t.Errorf("reading a %d-byte page allocated %d bytes, more than %d", len(body), n, limit)
			}
			t.Logf("a %d-byte page: %d bytes allocated (%.1f×)", len(body), n, float64(n)/float64(len(body)))
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
			body := flood(tc.head, "id", tc.tail, 8<<20)
			c := loopbackStore(t, body)
			var err error
			n := backendtest.Allocated(func() { _, err = c.Get(context.Background(), "7") })
			if tc.words == "" && err != nil {
				t.Fatalf("Get = %v", err)
			}
			if tc.words != "" && (!errors.Is(err, backend.ErrMalformed) || !strings.Contains(err.Error(), tc.words)) {
				t.Fatalf("Get = %v, want %q", err, tc.words)
			}
			if limit := backendtest.AllocBound(len(body)); n > limit {
				t.Errorf("reading a %d-byte order allocated %d bytes, more than %d", len(body), n, limit)
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
	line, text := backend.MaxFieldLine+len("…"), backend.MaxFieldText+len("…")
	for _, f := range []struct {
		name  string
		value string
		max   int
	}{
		{"currency", o.Currency, backend.MaxFieldCode + len("…")}, {"status code", o.Status.Code, line},
		{"status name", o.Status.Name, line}, {"customer", o.Customer.Name, line}, {"comment", o.Notes, text},
		{"item name", o.Items[0].Name, line}, {"item sku", o.Items[0].SKU, line},
	} {
		if len(f.value) == 0 || len(f.value) > f.max {
			t.Errorf("%s: %d bytes, want 1 to %d", f.name, len(f.value), f.max)
		}
	}
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
