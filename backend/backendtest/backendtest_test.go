package backendtest

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

func TestCheckOrder(t *testing.T) {
	clean := func() backend.Order {
		return backend.Order{
			ID: "1", Customer: backend.Customer{Name: "Ann Lee"}, Notes: "line one\nline two",
			Items:   []backend.Item{{Name: "Mug", Quantity: 2}},
			Created: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
			History: []backend.Event{{Note: "packed\nand sent"}},
			BillTo:  &backend.Address{Lines: []string{"1 Main St"}},
		}
	}
	tests := []struct {
		name string
		edit func(*backend.Order)
		want string // "" for no problem
	}{
		{"clean", func(*backend.Order) {}, ""},
		{"escape in a name", func(o *backend.Order) { o.Customer.Name = "Ann\x1b[31m" }, "Customer.Name"},
		{"newline in a line field", func(o *backend.Order) { o.ShipTo.City = "Bath\nUK" }, "ShipTo.City"},
		{"bidi override in an item", func(o *backend.Order) { o.Items[0].SKU = "A\u202eB" }, "Items[0].SKU"},
		{"invalid UTF-8 behind a pointer", func(o *backend.Order) { o.BillTo.Lines[0] = "\xff" }, "BillTo.Lines[0]"},
		{"C1 control in a history note", func(o *backend.Order) { o.History[0].Note = "a\u0085b" }, "History[0].Note"},
		{"too long", func(o *backend.Order) { o.Notes = strings.Repeat("x", backend.MaxFieldText+10) }, "bytes"},
		{"negative quantity", func(o *backend.Order) { o.Items[0].Quantity = -1 }, "quantity -1"},
		{"negative count", func(o *backend.Order) { o.ItemCount = -3 }, "item count -3"},
		{"local time", func(o *backend.Order) { o.Created = o.Created.In(time.FixedZone("X", 3600)) }, "not UTC"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := clean()
			tc.edit(&o)
			err := CheckOrder(o)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("clean order flagged: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("got %v, want a problem mentioning %q", err, tc.want)
			}
		})
	}
}

func TestCheckError(t *testing.T) {
	good := &backend.Error{Kind: backend.KindMalformed, Store: "S", Op: "list orders", Message: "bad"}
	tests := []struct {
		name  string
		err   error
		kinds []backend.ErrorKind
		ok    bool
	}{
		{"good", good, []backend.ErrorKind{backend.KindMalformed}, true},
		{"any kind", good, nil, true},
		{"wrapped", fmt.Errorf("page 2: %w", good), nil, true},
		{"wrong kind", good, []backend.ErrorKind{backend.KindNotFound}, false},
		{"not a backend error", errors.New("plain"), nil, false},
		{"other store", &backend.Error{Kind: backend.KindMalformed, Store: "T"}, nil, false},
		{"secret", &backend.Error{Store: "S", Message: "key hunter2"}, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckError(tc.err, "S", tc.kinds, "hunter2")
			if (err == nil) != tc.ok {
				t.Fatalf("CheckError = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

func TestTransport(t *testing.T) {
	c := &http.Client{Transport: Transport(func(r *http.Request) (int, []byte) {
		return http.StatusTeapot, []byte(r.URL.Path)
	})}
	resp, err := c.Get("http://store.invalid/orders/7")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusTeapot || string(b) != "/orders/7" {
		t.Fatalf("got %d %q", resp.StatusCode, b)
	}
}
