package lunasoft

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
// objects (members "N":{"<key>":N} when object is set), then tail.
func flood(head, key, tail string, size int, object ...bool) []byte {
	var b bytes.Buffer
	b.Grow(size)
	b.WriteString(head)
	for i := 1; b.Len() < size-len(tail)-32; i++ {
		if i > 1 {
			b.WriteByte(',')
		}
		if len(object) > 0 && object[0] {
			b.WriteString(`"` + strconv.Itoa(i) + `":`)
		}
		b.WriteString(`{"` + key + `":` + strconv.Itoa(i) + `}`)
	}
	b.WriteString(tail)
	return b.Bytes()
}

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
			body := flood(tc.head, "id", tc.tail, 16<<20-64, tc.object)
			f := newFakeSite(t)
			f.on("GET /orders", func(w http.ResponseWriter, r *http.Request) { w.Write(body) })
			c := newTestClient(t, f.srv.URL+base, func(c *Config) { c.Timeout = time.Minute })
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

// An order's history is a list like any other: a million entries are
// refused, not decoded.
func TestGetRefusesFloodedHistory(t *testing.T) {
	f := newFakeSite(t)
	body := flood(`{"id":"54123","statuses":[`, "id", `]}`, 4<<20)
	f.on("GET /orders/54123", func(w http.ResponseWriter, r *http.Request) { w.Write(body) })
	c := newTestClient(t, f.srv.URL+base, func(c *Config) { c.Timeout = time.Minute })
	var err error
	n := backendtest.Allocated(func() { _, err = c.Get(context.Background(), "54123") })
	if !errors.Is(err, backend.ErrMalformed) || !strings.Contains(err.Error(), "entries; orderdash reads at most 1,000") {
		t.Fatalf("Get = %v, want the history refused", err)
	}
	if limit := backendtest.AllocBound(len(body)); n > limit {
		t.Errorf("reading a %d-byte order allocated %d bytes, more than %d", len(body), n, limit)
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
	line, text := backend.MaxFieldLine+len("…"), backend.MaxFieldText+len("…")
	for _, f := range []struct {
		name  string
		value string
		max   int
	}{
		{"number", o.Number, backend.MaxFieldID + len("…")}, {"customer", o.Customer.Name, line},
		{"address", o.ShipTo.Lines[0], line}, {"note", o.Notes, text}, {"status", o.Status.Code, line},
		{"item name", o.Items[0].Name, line}, {"item sku", o.Items[0].SKU, line},
	} {
		if len(f.value) == 0 || len(f.value) > f.max {
			t.Errorf("%s: %d bytes, want 1 to %d", f.name, len(f.value), f.max)
		}
	}
	_, err = list(`{"id":"7","total":"` + strings.Repeat("9", 200000) + `"}`)
	if !errors.Is(err, backend.ErrMalformed) || !strings.Contains(err.Error(), "at most 32 characters") || len(err.Error()) > 300 {
		t.Errorf("a 200,000-digit total: %v", err)
	}
}
