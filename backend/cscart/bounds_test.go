package cscart

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
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

// A page of a million orders, where 50 were asked for, is refused in one
// line, and reading it allocates a small multiple of its size, not the
// gigabytes its orders would take.
func TestListRefusesFloodedPage(t *testing.T) {
	body := flood(`{"orders":[`, "order_id", `],"params":{"page":1,"items_per_page":50}}`, 16<<20-64)
	f := newFakeStore(t)
	f.on("GET /orders", func(w http.ResponseWriter, r *http.Request) { w.Write(body) })
	c := newTestClient(t, f.srv.URL+"/api", func(c *Config) { c.Timeout = time.Minute })
	var err error
	n := backendtest.Allocated(func() { _, err = c.List(context.Background(), backend.Query{PageSize: 50}) })
	var tm *wire.TooManyError
	if !errors.As(err, &tm) || !errors.Is(err, backend.ErrMalformed) {
		t.Fatalf("List = %v, want a malformed answer with too many orders", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "orders for a page of 50; orderdash reads at most 60") || strings.Contains(msg, "\n") || len(msg) > 300 {
		t.Errorf("error %q: want one line saying how many orders came and how many are read", msg)
	}
	if sent := bytes.Count(body, []byte(`{"order_id"`)); tm.Sent != sent {
		t.Errorf("Sent = %d, want the page's %d", tm.Sent, sent)
	}
	if limit := backendtest.AllocBound(len(body)); n > limit {
		t.Errorf("reading a %d-byte page allocated %d bytes, more than %d", len(body), n, limit)
	}
	t.Logf("a %d-byte page: %d bytes allocated (%.1f×)", len(body), n, float64(n)/float64(len(body)))
}

// pageOf is a GET /orders answer holding one order.
func pageOf(order string) []byte {
	return []byte(`{"orders":[` + order + `],"params":{"page":1,"items_per_page":50,"total_items":1}}`)
}

func listOne(t *testing.T, order string) (backend.Order, error) {
	t.Helper()
	f := newFakeStore(t)
	body := pageOf(order)
	f.on("GET /orders", func(w http.ResponseWriter, r *http.Request) { w.Write(body) })
	c := newTestClient(t, f.srv.URL+"/api", func(c *Config) { c.Timeout = time.Minute })
	p, err := c.List(context.Background(), backend.Query{})
	if err != nil {
		return backend.Order{}, err
	}
	if len(p.Orders) != 1 {
		t.Fatalf("%d orders", len(p.Orders))
	}
	return p.Orders[0], nil
}

// Every text field of an order is cut to its bound, however much the store
// sent: a name, an address, a note, an item's name and SKU.
func TestListBoundsTextFields(t *testing.T) {
	huge := strings.Repeat("x", 1<<20)
	o, err := listOne(t, `{"order_id":"98","total":"12.50","firstname":"`+huge+`","email":"`+huge+`",`+
		`"s_address":"`+huge+`","s_city":"`+huge+`","notes":"`+huge+`","details":"`+huge+`","vendor_ref":"`+huge+`",`+
		`"status":"`+huge+`","products":{"1":{"product":"`+huge+`","product_code":"`+huge+`","amount":1,"price":"1"}}}`)
	if err != nil {
		t.Fatal(err)
	}
	line := backend.MaxFieldLine + len("…")
	text := backend.MaxFieldText + len("…")
	for _, f := range []struct {
		name  string
		value string
		max   int
	}{
		{"customer name", o.Customer.Name, line}, {"email", o.Customer.Email, line},
		{"address line", o.ShipTo.Lines[0], line}, {"city", o.ShipTo.City, line},
		{"notes", o.Notes, text}, {"admin notes", o.AdminNotes, text}, {"vendor_ref", o.VendorRef, line},
		{"status", o.Status.Code, line}, {"item name", o.Items[0].Name, line}, {"item sku", o.Items[0].SKU, line},
	} {
		if len(f.value) == 0 || len(f.value) > f.max {
			t.Errorf("%s: %d bytes, want 1 to %d", f.name, len(f.value), f.max)
		}
	}
}

// An order the client cannot honestly show is refused in one line: a
// 200,000-digit total, an id too long to be one, an order of a million
// lines.
func TestListRefusesOversizedFields(t *testing.T) {
	lines := strings.TrimSuffix(strings.Repeat(`{"product":"Mug","amount":1},`, wire.MaxList+1), ",")
	for _, tc := range []struct {
		name, order, words string
	}{
		{"total", `{"order_id":"98","total":"` + strings.Repeat("9", 200000) + `"}`, "want a decimal number of at most 32 characters, got one of 200,000"},
		{"total as a number", `{"order_id":"98","total":` + strings.Repeat("9", 200000) + `}`, "at most 32 characters"},
		{"item price", `{"order_id":"98","products":[{"price":"` + strings.Repeat("1", 33) + `"}]}`, "at most 32 characters"},
		{"order id", `{"order_id":"` + strings.Repeat("9", 200000) + `"}`, "orderdash takes ids of at most 128"},
		{"lines", `{"order_id":"98","products":[` + lines + `]}`, "a list of 1,001 entries; orderdash reads at most 1,000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := listOne(t, tc.order)
			if !errors.Is(err, backend.ErrMalformed) {
				t.Fatalf("List = %v, want a malformed answer", err)
			}
			if msg := err.Error(); !strings.Contains(msg, tc.words) || strings.Contains(msg, "\n") || len(msg) > 300 {
				t.Errorf("error %q: want one short line saying %q", msg, tc.words)
			}
		})
	}
}
