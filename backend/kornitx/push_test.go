package kornitx

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParsePushDocShape(t *testing.T) {
	p, err := ParsePush(readFixture(t, "push_doc_shape.json"))
	if err != nil {
		t.Fatal(err)
	}
	london, _ := time.LoadLocation("Europe/London")
	for _, tc := range []struct {
		loc     *time.Location
		created time.Time
	}{
		{time.UTC, time.Date(2026, 11, 20, 9, 15, 0, 0, time.UTC)},
		{london, time.Date(2026, 11, 20, 9, 15, 0, 0, time.UTC)}, // GMT in November
	} {
		o := p.Order("KX", "GBP", tc.loc, defaultKinds)
		if !o.Created.Equal(tc.created) {
			t.Errorf("created in %s = %v, want %v", tc.loc, o.Created, tc.created)
		}
		_ = o
	}
	o := p.Order("KX", "EUR", time.UTC, defaultKinds)
	want := backend.Order{
		Store: "KX", ID: "4711001", Number: "CG31000013",
		Status:   backend.Status{Code: "1", Name: "Received", Kind: backend.KindPending},
		Created:  time.Date(2026, 11, 20, 9, 15, 0, 0, time.UTC),
		Customer: backend.Customer{Name: "Ann Lee", Email: "ann@example.com", Phone: "+44 7700 900123"},
		Total:    "56.43", Subtotal: "52.48", Shipping: "3.95", Currency: "EUR",
		Items: []backend.Item{
			{SKU: "TS-CLASSIC-BLA-M-CAT", Name: "Classic T-Shirt – Black / M – Retro Cat", Quantity: 2, Price: "19.99"},
			{SKU: "MUG-11-WHI-KOI", Name: "Ceramic Mug 11oz – White – Koi Pond", Quantity: 1, Price: "12.5"},
		},
		ItemCount:  3,
		ShipTo:     backend.Address{Name: "Ann Lee", Lines: []string{"10 High Street", "Flat 3"}, City: "Manchester", Region: "Greater Manchester", Postcode: "M1 1AE", Country: "GB", Phone: "+44 7700 900123"},
		Notes:      "Gift, please no invoice",
		AdminNotes: "URGENT; dispatch by 2026-11-22",
		ShipMethod: "Royal Mail Tracked 48",
		VendorRef:  "#10413",
		// required_dispatch_date 2026-11-22: dispatched any time that day.
		DispatchBy: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC),
		Urgent:     true,
		Detailed:   true,
	}
	if got, w := dump(o), dump(want); got != w {
		t.Fatalf("order\n got %s\nwant %s", got, w)
	}
}

func TestParsePushRefusals(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"empty", "", "empty body"},
		{"spaces", "  \n", "empty body"},
		{"array", `[{"id":1}]`, "not a JSON object"},
		{"html", `<html>`, "not a JSON object"},
		{"cut short", `{"id":1,"items":[{"id":2}`, "could not be read"},
		{"trailing data", `{"id":1,"items":[{"id":2,"quantity":1}]} {}`, "data after"},
		{"no id", `{"items":[{"id":2,"quantity":1}]}`, "id is missing"},
		{"id zero", `{"id":0,"items":[{"id":2,"quantity":1}]}`, "id is missing"},
		{"id negative", `{"id":-5,"items":[{"id":2,"quantity":1}]}`, "id is missing"},
		{"id text", `{"id":"abc","items":[{"id":2,"quantity":1}]}`, "could not be read"},
		{"id fraction", `{"id":1.5,"items":[{"id":2,"quantity":1}]}`, "could not be read"},
		{"no items", `{"id":1}`, "items is missing"},
		{"items null", `{"id":1,"items":null}`, "items is missing"},
		{"items empty", `{"id":1,"items":[]}`, "items is missing"},
		{"items not a list", `{"id":1,"items":"x"}`, "could not be read"},
		{"negative quantity", `{"id":1,"items":[{"id":2,"quantity":-1}]}`, "negative quantity"},
		{"status object", `{"id":1,"status":{},"items":[{"id":2}]}`, "could not be read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePush([]byte(tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one with %q", err, tt.want)
			}
		})
	}
	many := `{"id":1,"items":[` + strings.Repeat(`{"id":1},`, maxItems) + `{"id":1}]}`
	if _, err := ParsePush([]byte(many)); err == nil {
		t.Fatal("an order with too many items was accepted")
	}
}

func TestPushOrderOddValues(t *testing.T) {
	body := `{"id":77,"status":"516","status_name":"x","customer_name":"\u001b[31mEve\u001b[0m","sale_datetime":"garbage",
		"creation_datetime":"2026-01-02 03:04:05","currency_code":"usd","shipping_country_code":"","shipping_country":"France",
		"has_error":true,"items":[{"id":1,"quantity":1,"unit_sale_price":"abc"}]}`
	p, err := ParsePush([]byte(body))
	if err == nil {
		t.Fatalf("a bad decimal was accepted: %+v", p)
	}
	body = strings.Replace(body, `"abc"`, `""`, 1)
	p, err = ParsePush([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	o := p.Order("KX", "GBP", time.UTC, defaultKinds)
	switch {
	case o.Customer.Name != "Eve":
		t.Errorf("name not cleaned: %q", o.Customer.Name)
	case o.Status != backend.Status{Code: "516", Name: "Received by Shipper", Kind: backend.KindShipped}:
		t.Errorf("status %+v", o.Status)
	case !o.Created.Equal(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)):
		t.Errorf("an unreadable sale_datetime should fall back to creation_datetime: %v", o.Created)
	case o.Currency != "USD" || o.ShipTo.Country != "France":
		t.Errorf("currency %q country %q", o.Currency, o.ShipTo.Country)
	case o.Total != "" || o.Subtotal != "":
		t.Errorf("a missing price must leave the totals unknown: %q %q", o.Subtotal, o.Total)
	case !strings.Contains(o.AdminNotes, "error"):
		t.Errorf("has_error not shown: %q", o.AdminNotes)
	case o.Number != "77":
		t.Errorf("no ref: number should be the id, got %q", o.Number)
	}
	unknown := statusOf(999, "Mystery", defaultKinds)
	if unknown.Name != "Mystery" || unknown.Kind != backend.KindOther {
		t.Errorf("unknown status %+v", unknown)
	}
}

// A gift: customer_* is who the parcel goes to, billing_customer_* who paid.
func TestPushGiftSeparatesBuyerAndRecipient(t *testing.T) {
	p, err := ParsePush([]byte(`{"id":5,"customer_name":"Bob Recipient","customer_email":"",
		"billing_customer_name":"Ann Buyer","billing_customer_email":"ann@example.com","items":[{"id":1,"quantity":1}]}`))
	if err != nil {
		t.Fatal(err)
	}
	o := p.Order("KX", "GBP", time.UTC, defaultKinds)
	if o.Customer.Name != "Ann Buyer" || o.Customer.Email != "ann@example.com" || o.ShipTo.Name != "Bob Recipient" {
		t.Fatalf("customer %+v ship to %q", o.Customer, o.ShipTo.Name)
	}
}

// Two lines of 2^63-1 units each, as numbers and as strings: refused
// before they are added up, so the count can never wrap round to -2
// (backend.AddUnits saturates for the platforms that have no such bound).
func TestPushItemCountDoesNotWrap(t *testing.T) {
	for _, q := range []string{`9223372036854775807`, `"9223372036854775807"`} {
		_, err := ParsePush([]byte(`{"id":5,"items":[{"id":1,"quantity":` + q + `},{"id":2,"quantity":` + q + `}]}`))
		if err == nil || !strings.Contains(err.Error(), "more than 1000000") {
			t.Errorf("quantity %s twice: %v, want it refused", q, err)
		}
	}
}
