package lunasoft

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// A page of a million orders (Lunasoft's pages hold 50) is refused in one
// line, and reading it allocates a small multiple of its size.
func TestListRefusesFloodedPage(t *testing.T) {
	for _, tc := range []struct {
		name, head, tail string
		object           bool
	}{
		{"array", `{"orders":[`, `],"next_page":2}`, false},
		{"PHP associative array", `{"next_page":2,"orders":{`, `}}`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			flood := backendtest.Flood
			if tc.object {
				flood = backendtest.FloodMembers
			}
			body := flood(tc.head, "id", tc.tail, 16<<20-64)
			f := newFakeSite(t)
			f.on("GET /orders", func(w http.ResponseWriter, r *http.Request) { w.Write(body) })
			c := newTestClient(t, f.srv.URL+base, func(c *Config) { c.Timeout = time.Minute })
			backendtest.CheckFloodedPage(t, body, "id", func() error {
				_, err := c.List(context.Background(), backend.Query{})
				return err
			})
		})
	}
}

// An order's history is a list like any other: a million entries are
// refused, not decoded.
func TestGetRefusesFloodedHistory(t *testing.T) {
	f := newFakeSite(t)
	body := backendtest.Flood(`{"id":"54123","statuses":[`, "id", `]}`, 4<<20)
	f.on("GET /orders/54123", func(w http.ResponseWriter, r *http.Request) { w.Write(body) })
	c := newTestClient(t, f.srv.URL+base, func(c *Config) { c.Timeout = time.Minute })
	var err error
	backendtest.ReadWithinBound(t, "order", body, func() { _, err = c.Get(context.Background(), "54123") })
	if !errors.Is(err, backend.ErrMalformed) || !strings.Contains(err.Error(), "entries; orderdash reads at most 1,000") {
		t.Fatalf("Get = %v, want the history refused", err)
	}
}

// Text fields are cut to their bounds; a 200,000-digit total is refused.
func TestListBoundsFields(t *testing.T) {
	huge := strings.Repeat("y", 1<<20)
	list := func(order string) (backend.Order, error) {
		f := newFakeSite(t)
		body := []byte(`{"orders":[` + order + `],"next_page":false}`)
		f.on("GET /orders", func(w http.ResponseWriter, r *http.Request) { w.Write(body) })
		p, err := newTestClient(t, f.srv.URL+base, func(c *Config) { c.Timeout = time.Minute }).List(context.Background(), backend.Query{})
		if err != nil {
			return backend.Order{}, err
		}
		return p.Orders[0], nil
	}
	o, err := list(`{"id":"7","order_num":"` + huge + `","first_name":"` + huge + `","shipping_address":"` + huge +
		`","customer_note":"` + huge + `","current_status":"` + huge + `","line_items":[{"name":"` + huge + `","sku":"` + huge + `","quantity":1}]}`)
	if err != nil {
		t.Fatal(err)
	}
	backendtest.CheckBounded(t, backend.MaxFieldID+len("…"), map[string]string{"number": o.Number})
	backendtest.CheckBounded(t, backendtest.LineMax, map[string]string{
		"customer": o.Customer.Name, "address": o.ShipTo.Lines[0], "status": o.Status.Code,
		"item name": o.Items[0].Name, "item sku": o.Items[0].SKU,
	})
	backendtest.CheckBounded(t, backendtest.TextMax, map[string]string{"note": o.Notes})
	_, err = list(`{"id":"7","total":"` + strings.Repeat("9", 200000) + `"}`)
	if !errors.Is(err, backend.ErrMalformed) || !strings.Contains(err.Error(), "at most 32 characters") || len(err.Error()) > 300 {
		t.Errorf("a 200,000-digit total: %v", err)
	}
}
