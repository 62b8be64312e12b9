package cscart

import (
	"reflect"
	"testing"

	"github.com/orderdash/orderdash/backend/backendtest"
)

// The one-pass reader is a shortcut, not a second reading of the API:
// whatever it takes must decode to exactly what encoding/json gives.

func FuzzReadList(f *testing.F) {
	order := string(backendtest.Fixture(f, "order_98.json"))
	for _, s := range []string{
		`{"orders":[` + order + `,` + order + `],"params":{"page":1,"items_per_page":"2","total_items":"9"}}`,
		`{"orders":[` + string(backendtest.Fixture(f, "order_hostile.json")) + `],"params":{"total_items":null}}`,
		`{"orders":[` + string(backendtest.Fixture(f, "order_longnotes.json")) + `]}`,
		`{"orders":[` + string(backendtest.Fixture(f, "order_wrongtype_total.json")) + `]}`,
		string(backendtest.Fixture(f, "list_short.json")),
		`{"orders":[{"order_id":"1","products":[{"amount":"2"},null],"payment_method":[{"payment":"Cash"}],"shipping":{"7":{"shipping":"Post"}}}],"params":{"total_items":"1"},"params":{"page":2}}`,
		`{"orders":[{"order_id":"1","products":false,"payment_method":{"x":{"payment":5}}},{"order_id":"2","products":null,"shipping":"Post"}]}`,
		`{"orders":null,"params":null}`, `{"orders":{"1":{"order_id":"1"}}}`, `{"Orders":[]}`, ` {"orders":[]} `, `{"orders":[]} x`,
	} {
		f.Add([]byte(s), 2)
	}
	f.Fuzz(func(t *testing.T, body []byte, size int) {
		c := newTestClient(t, "https://shop.example.test/api")
		orders, params, ok := c.readList(body, size)
		if !ok {
			return
		}
		want, wantParams, err := c.decodeListJSON(body, size)
		if err != nil {
			t.Fatalf("the reader took %q, encoding/json says %v", body, err)
		}
		if !reflect.DeepEqual(orders, want) || !reflect.DeepEqual(params, wantParams) {
			t.Fatalf("%q:\nreader        %+v %+v\nencoding/json %+v %+v", body, orders, params, want, wantParams)
		}
	})
}

func FuzzReadOrder(f *testing.F) {
	for _, name := range []string{"order_98.json", "order_hostile.json", "order_longnotes.json", "order_wrongtype_total.json"} {
		f.Add(backendtest.Fixture(f, name))
	}
	f.Add([]byte(`{"order_id":98,"products":{},"payment_method":[],"shipping":[{"shipping":"Post"}]}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		c := newTestClient(t, "https://shop.example.test/api")
		o, ok := c.readOrder(raw)
		if !ok {
			return
		}
		want, err := c.decodeOrderJSON(raw)
		if err != nil {
			t.Fatalf("the reader took %q, encoding/json says %v", raw, err)
		}
		if !reflect.DeepEqual(o, want) {
			t.Fatalf("%q:\nreader        %+v\nencoding/json %+v", raw, o, want)
		}
	})
}

// The seed's order and a page of it are read in one pass: the shortcut is
// taken for the shapes the marketplace sends.
func TestReadTakesSeeds(t *testing.T) {
	c := newTestClient(t, "https://shop.example.test/api")
	order := backendtest.Fixture(t, "order_98.json")
	if _, ok := c.readOrder(order); !ok {
		t.Error("the one-pass reader stopped at the seed's order")
	}
	page := []byte(`{"orders":[` + string(order) + `],"params":{"page":1,"items_per_page":"50","total_items":"1"}}`)
	if _, _, ok := c.readList(page, 50); !ok {
		t.Error("the one-pass reader stopped at a page of the seed's order")
	}
}
