package cscart

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

func TestGetDecodesSeedOrder(t *testing.T) {
	f := newFakeStore(t)
	c := newTestClient(t, f.srv.URL+"/api")
	o, err := c.Get(context.Background(), "98")
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"store", o.Store, "Market EU"},
		{"id", o.ID, "98"},
		{"number", o.Number, "98"},
		{"status", o.Status, backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}},
		{"created", o.Created, time.Unix(1456917981, 0).UTC()},
		{"updated", o.Updated, time.Unix(1456918000, 0).UTC()},
		{"customer", o.Customer, backend.Customer{Name: "George Nills", Email: "george@example.com", Phone: "+1 646-386-3600"}},
		{"total", o.Total, "677.95"},
		{"currency", o.Currency, "EUR"},
		{"subtotal", o.Subtotal, "659.95"},
		{"shipping", o.Shipping, "18.00"},
		{"tax", o.Tax, "0"},
		{"discount", o.Discount, ""},
		{"items", len(o.Items), 2},
		{"first item keeps the sent order", o.Items[0], backend.Item{SKU: "B00GKD2EZM", Name: "Espresso machine", Quantity: 2, Price: "329.99", Total: "659.98"}},
		{"second item numbers as numbers", o.Items[1], backend.Item{Name: "Free sample", Quantity: 1, Price: "0", Total: "0"}},
		{"item count", o.ItemCount, 3},
		{"ship to name", o.ShipTo.Name, "George Nills"},
		{"ship to lines", strings.Join(o.ShipTo.Lines, "|"), "44 Main street|Apt 3"},
		{"ship to region", o.ShipTo.Region, "MA"},
		{"ship to country upper-cased", o.ShipTo.Country, "US"},
		{"ship to postcode keeps zero", o.ShipTo.Postcode, "02125"},
		{"bill to company", o.BillTo.Company, "Nills & Sons"},
		{"bill to lines skip empty", len(o.BillTo.Lines), 1},
		{"notes: CR LF becomes LF", o.Notes, "Please ring twice.\nThe door bell is broken."},
		{"admin notes from details", o.AdminNotes, "Customer called on Monday"},
		{"payment", o.Payment, "Credit card"},
		{"ship method", o.ShipMethod, "Custom shipping method"},
		{"vendor_ref", o.VendorRef, "ABC1234"},
		{"history loaded and empty", o.History != nil && len(o.History) == 0, true},
		{"detailed", o.Detailed, true},
	}
	for _, tc := range checks {
		if tc.got != tc.want {
			t.Errorf("%s: got %#v, want %#v", tc.name, tc.got, tc.want)
		}
	}
}

func TestGetCleansHostileOrder(t *testing.T) {
	f := newFakeStore(t)
	f.on("GET /orders/99", serveFile(t, "order_hostile.json"))
	c := newTestClient(t, f.srv.URL+"/api")
	o, err := c.Get(context.Background(), "99")
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]string{
		"customer": o.Customer.Name, "email": o.Customer.Email, "city": o.ShipTo.City,
		"notes": o.Notes, "admin notes": o.AdminNotes,
	} {
		if strings.ContainsAny(s, "\x1b\x07\x00\u009b\u202e") {
			t.Errorf("%s not cleaned: %q", name, s)
		}
	}
	if o.Customer.Name != "Evil RedNAME" {
		t.Errorf("customer name = %q", o.Customer.Name)
	}
	if strings.Contains(o.ShipTo.City, "secret") {
		t.Errorf("DCS string survived: %q", o.ShipTo.City)
	}
	if o.Customer.Email != "a@b.c  Bcc: x@y.z" {
		t.Errorf("email = %q (a header injection must end up on one line)", o.Customer.Email)
	}
	if o.Notes != "line oneline two" {
		t.Errorf("notes = %q", o.Notes)
	}
	if !o.Created.IsZero() || o.Total != "5" || o.Subtotal != "" || o.Shipping != "" {
		t.Errorf("empty values: created %v total %q subtotal %q shipping %q", o.Created, o.Total, o.Subtotal, o.Shipping)
	}
	if o.ShipTo.Name != "Émilie" {
		t.Errorf("non-ASCII name lost: %q", o.ShipTo.Name)
	}
	if o.Items == nil || len(o.Items) != 0 || o.Payment != "" || o.ShipMethod != "" {
		t.Errorf("PHP empty values: items %#v payment %q ship %q", o.Items, o.Payment, o.ShipMethod)
	}
}

func TestGetKeepsLongNotes(t *testing.T) {
	f := newFakeStore(t)
	f.on("GET /orders/101", serveFile(t, "order_longnotes.json"))
	c := newTestClient(t, f.srv.URL+"/api")
	o, err := c.Get(context.Background(), "101")
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Notes) != 10000 || len(o.AdminNotes) != 10000 {
		t.Errorf("notes %d bytes, admin notes %d bytes", len(o.Notes), len(o.AdminNotes))
	}
}

func TestGetMalformed(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"wrong type names the order", string(backendtest.Fixture(t, "order_wrongtype_total.json")), "order 100"},
		{"truncated", `{"order_id":"98","status":"P","tot`, "cut short"},
		{"html page", "<html><body>Maintenance</body></html>", "HTML"},
		{"not json", "Fatal error: Allowed memory size exhausted", "could not be read"},
		{"other order", `{"order_id":"12","status":"P"}`, "order 12"},
		{"no id", `{"status":"P","total":"1"}`, "without order_id"},
		{"array of products with a string", `{"order_id":"98","products":["x"]}`, "could not be read"},
		{"status is an object", `{"order_id":"98","status":{"a":1}}`, "could not be read"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeStore(t)
			f.on("GET /orders/98", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(tc.body)) })
			c := newTestClient(t, f.srv.URL+"/api")
			_, err := c.Get(context.Background(), "98")
			e := checkErr(t, err, backend.ErrMalformed)
			if !strings.Contains(e.Message, tc.want) {
				t.Errorf("message %q lacks %q", e.Message, tc.want)
			}
		})
	}
}

func TestGetEmptyAnswersAreNotFound(t *testing.T) {
	for _, body := range []string{"[]", "{}", "false", "null"} {
		f := newFakeStore(t)
		f.on("GET /orders/98", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(body)) })
		c := newTestClient(t, f.srv.URL+"/api")
		_, err := c.Get(context.Background(), "98")
		checkErr(t, err, backend.ErrNotFound)
	}
}

func TestGetRefusesIDsOutsideThePath(t *testing.T) {
	f := newFakeStore(t)
	c := newTestClient(t, f.srv.URL+"/api")
	for _, id := range []string{"", "search", "../statuses", "98?x=1", "98/..", "-1", "9a", strings.Repeat("9", 30)} {
		_, err := c.Get(context.Background(), id)
		checkErr(t, err, backend.ErrInvalidRequest)
	}
	if n := len(f.Requests()); n != 0 {
		t.Errorf("%d requests sent for invalid ids", n)
	}
}

func TestGetNotFound(t *testing.T) {
	f := newFakeStore(t)
	c := newTestClient(t, f.srv.URL+"/api")
	_, err := c.Get(context.Background(), "12345")
	e := checkErr(t, err, backend.ErrNotFound)
	if !strings.Contains(e.Message, "12345") || e.HTTPStatus != 404 {
		t.Errorf("error = %v (status %d)", err, e.HTTPStatus)
	}
}
