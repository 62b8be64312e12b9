package lunasoft

import (
	"reflect"
	"testing"

	"github.com/orderdash/orderdash/backend/backendtest"
)

// The one-pass reader is a shortcut, not a second reading of the API:
// whatever it takes must decode to exactly what encoding/json gives.

func FuzzReadList(f *testing.F) {
	order := string(backendtest.Fixture(f, "order_54123.json"))
	f.Add(backendtest.Fixture(f, "list_seed.json"))
	for _, s := range []string{
		`{"orders":[` + order + `,` + order + `],"next_page":2}`,
		`{"orders":[` + string(backendtest.Fixture(f, "order_hostile.json")) + `],"next_page":false}`,
		`{"orders":[` + string(backendtest.Fixture(f, "order_longnotes.json")) + `]}`,
		`{"orders":[` + string(backendtest.Fixture(f, "order_wrongtypes.json")) + `]}`,
		`{"orders":[` + string(backendtest.Fixture(f, "order_baddate.json")) + `]}`,
		`{"orders":{"7":{"id":"7","line_items":{"1":{"quantity":"2"}},"statuses":[null],"errors":false}},"next_page":"3"}`,
		`{"orders":[{"id":7,"line_items":[],"statuses":null,"errors":[]}],"next_page":null,"next_page":4}`,
		`{"orders":null}`, `{"orders":false}`, `{"orders":[null]}`, `{"Orders":[]}`, `[]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		c := newTestClient(t, "https://site.example.test"+base)
		orders, next, ok := c.readList(body)
		if !ok {
			return
		}
		want, wantNext, err := c.decodeListJSON(body)
		if err != nil {
			t.Fatalf("the reader took %q, encoding/json says %v", body, err)
		}
		if !reflect.DeepEqual(orders, want) || next != wantNext {
			t.Fatalf("%q:\nreader        %+v %v\nencoding/json %+v %v", body, orders, next, want, wantNext)
		}
	})
}

func FuzzReadOrder(f *testing.F) {
	for _, name := range []string{"order_54123.json", "order_hostile.json", "order_longnotes.json", "order_wrongtypes.json", "order_baddate.json"} {
		f.Add(backendtest.Fixture(f, name))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		c := newTestClient(t, "https://site.example.test"+base)
		o, hist, ok := c.readOneOrder(raw)
		if !ok {
			return
		}
		want, wantHist, err := c.decodeOrderJSON(raw)
		if err != nil {
			t.Fatalf("the reader took %q, encoding/json says %v", raw, err)
		}
		if !reflect.DeepEqual(o, want) || !reflect.DeepEqual(hist, wantHist) {
			t.Fatalf("%q:\nreader        %+v\nencoding/json %+v", raw, o, want)
		}
	})
}

// The seed's list and order are read in one pass: the shortcut is taken
// for the shapes the site sends.
func TestReadTakesSeeds(t *testing.T) {
	c := newTestClient(t, "https://site.example.test"+base)
	if _, _, ok := c.readList(backendtest.Fixture(t, "list_seed.json")); !ok {
		t.Error("the one-pass reader stopped at the seed's list")
	}
	if _, _, ok := c.readOneOrder(backendtest.Fixture(t, "order_54123.json")); !ok {
		t.Error("the one-pass reader stopped at the seed's order")
	}
}
