package kornitx

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// pushWithItem is a minimal push whose one item carries the given JSON
// fields (after "id").
func pushWithItem(itemFields string) string {
	return `{"id":1,"items":[{"id":2` + itemFields + `}]}`
}

func TestParsePushBoundsNumbers(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"quantity missing", pushWithItem(``), "item 1: quantity is missing or 0"},
		{"quantity zero", pushWithItem(`,"quantity":0`), "item 1: quantity is missing or 0"},
		{"quantity zero as text", pushWithItem(`,"quantity":"0"`), "item 1: quantity is missing or 0"},
		{"quantity negative", pushWithItem(`,"quantity":-1`), "item 1: negative quantity -1"},
		{"quantity absurd", pushWithItem(`,"quantity":1000001`), "item 1: quantity 1000001 is more than 1000000"},
		{"quantity overflowing", pushWithItem(`,"quantity":9223372036854775807`), "more than 1000000"},
		{"price huge exponent", pushWithItem(`,"quantity":1,"unit_sale_price":"1e999999"`), `item 1: unit_sale_price "1e999999": exponent beyond ±`},
		{"price huge exponent as number", pushWithItem(`,"quantity":1,"unit_sale_price":1e999999`), `unit_sale_price "1e999999": exponent`},
		{"price tiny exponent", pushWithItem(`,"quantity":1,"price":"1e-999999"`), `item 1: price "1e-999999": exponent`},
		{"price exponent overflowing int", pushWithItem(`,"quantity":1,"price":"1e99999999999999999999"`), `price "1e99999999999999999999": exponent`},
		{"price too many digits", pushWithItem(`,"quantity":1,"price":"` + strings.Repeat("9", 40) + `"`), "a decimal number of at most 32 characters"},
		{"shipping huge exponent", `{"id":1,"shipping_price":"5E+999999","items":[{"id":2,"quantity":1}]}`, `shipping_price "5E+999999": exponent`},
		{"second item checked", `{"id":1,"items":[{"id":2,"quantity":1},{"id":3,"quantity":1,"unit_sale_price":"1e400"}]}`, "item 2: unit_sale_price"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePush([]byte(tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one with %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") || len(err.Error()) > 200 {
				t.Fatalf("not one short line: %q", err)
			}
		})
	}
}

// Prices a shop may really send still read, exponents included (PHP's
// json_encode writes 0.00001 as 1.0e-5).
func TestParsePushAcceptsOrdinaryNumbers(t *testing.T) {
	for _, price := range []string{`"12.99"`, `12.5`, `"-3.00"`, `"1.0e-5"`, `"2E2"`, `"0"`, `""`, `null`, `"` + strings.Repeat("9", 32) + `"`} {
		body := pushWithItem(`,"quantity":1000000,"unit_sale_price":` + price)
		if _, err := ParsePush([]byte(body)); err != nil {
			t.Errorf("price %s: %v", price, err)
		}
	}
	p, err := ParsePush([]byte(pushWithItem(`,"quantity":2,"unit_sale_price":"2E2"`)))
	if err != nil {
		t.Fatal(err)
	}
	if o := p.Order("KX", "GBP", time.UTC, defaultKinds); o.Subtotal != "400.00" {
		t.Fatalf("subtotal %q", o.Subtotal)
	}
}

// Every text a push carries reaches the Order cut to the bounds of
// backend's Field helpers, however long it was sent.
func TestPushOrderBoundsText(t *testing.T) {
	long := strings.Repeat("é", backend.MaxFieldLine) // twice the bound
	var fields []string
	for _, k := range []string{"ref", "external_ref", "status_name", "shipping_company", "shipping_address_1",
		"shipping_address_2", "shipping_address_3", "shipping_address_4", "shipping_address_5", "shipping_postcode",
		"shipping_country_code", "shipping_country", "customer_name", "customer_email", "customer_telephone",
		"billing_customer_name", "billing_customer_email", "billing_customer_telephone", "shipping_method",
		"shipping_carrier", "shipping_tracking", "payment_type", "error_message", "currency_code"} {
		fields = append(fields, fmt.Sprintf("%q:%q", k, long))
	}
	fields = append(fields, fmt.Sprintf("%q:%q", "additional_info", strings.Repeat("é", backend.MaxFieldText)))
	body := `{"id":1,"status":999,"has_error":true,` + strings.Join(fields, ",") +
		`,"items":[{"id":2,"quantity":1,"sku":"` + long + `","description":"` + long + `"}]}`
	p, err := ParsePush([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	o := p.Order("KX", "GBP", time.UTC, defaultKinds)
	const ellipsis = len("…")
	check := func(path string, s string) {
		limit := backend.MaxFieldLine + ellipsis
		if strings.HasSuffix(path, "Notes") { // Notes, AdminNotes
			limit = backend.MaxFieldText + ellipsis
		}
		if len(s) > limit {
			t.Errorf("%s is %d bytes, want at most %d", path, len(s), limit)
		}
	}
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			check(path, v.String())
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i))
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
			}
		}
	}
	walk("Order", reflect.ValueOf(o))
	if o.Status.Name == "" || o.ShipMethod == "" || o.Notes == "" {
		t.Fatalf("texts lost instead of cut: %+v", o.Status)
	}
}

// BenchmarkPushHugeExponent is the receiver's decoding of a push whose
// price is 1e999999: it must be refused in microseconds, not computed.
func BenchmarkPushHugeExponent(b *testing.B) {
	body := []byte(pushWithItem(`,"quantity":1,"unit_sale_price":"1e999999"`))
	for b.Loop() {
		p, err := ParsePush(body)
		if err == nil {
			_ = p.Order("KX", "GBP", time.UTC, defaultKinds)
		}
	}
}
