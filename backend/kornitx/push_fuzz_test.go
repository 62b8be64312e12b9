package kornitx

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// pushSeeds are the documented push and the odd shapes the table tests
// name: numbers as strings, nulls, zero dates, hostile text.
func pushSeeds(f *testing.F) [][]byte {
	doc, err := os.ReadFile("testdata/push_doc_shape.json")
	if err != nil {
		f.Fatal(err)
	}
	return [][]byte{
		doc,
		[]byte(`{"id":77,"status":"516","status_name":"x","customer_name":"\u001b[31mEve\u001b[0m","sale_datetime":"garbage",
			"creation_datetime":"2026-01-02 03:04:05","currency_code":"usd","has_error":true,"items":[{"id":1,"quantity":1,"unit_sale_price":""}]}`),
		[]byte(`{"id":"12","items":[{"id":"1","quantity":"3","price":"9.99"},{"quantity":2,"unit_sale_price":1e2}],"shipping_price":"4.50"}`),
		[]byte(`{"id":1,"items":{"a":{"quantity":1}},"required_dispatch_date":"0000-00-00 00:00:00","is_urgent":"1"}`),
		[]byte(`{"id":1,"items":[{"id":2}]} {}`),
		[]byte(`{"id":-5,"items":[]}`),
	}
}

// FuzzParsePush checks what a parsed push promises and that the order
// made of it keeps the domain's promises.
func FuzzParsePush(f *testing.F) {
	for _, b := range pushSeeds(f) {
		f.Add(b)
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		london = time.FixedZone("GMT+1", 3600)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := ParsePush(body)
		if err != nil {
			if msg := backend.CleanLine(err.Error()); msg == "" {
				t.Fatalf("an empty refusal for %q", body)
			}
			return
		}
		switch {
		case p.ID <= 0:
			t.Fatalf("accepted id %d", p.ID)
		case len(p.Items) == 0 || len(p.Items) > maxItems:
			t.Fatalf("accepted %d items", len(p.Items))
		}
		for i, it := range p.Items {
			if it.Quantity < 1 || it.Quantity > maxQuantity {
				t.Fatalf("item %d: accepted quantity %d", i+1, it.Quantity)
			}
		}
		o := p.Order(testStore, "GBP", london, defaultKinds)
		if err := backendtest.CheckOrder(o); err != nil {
			t.Fatal(err)
		}
		if o.ID != p.OrderID() || o.Number == "" || len(o.Items) != len(p.Items) || !o.Detailed {
			t.Fatalf("order %q (number %q, %d items) from push %d with %d items", o.ID, o.Number, len(o.Items), p.ID, len(p.Items))
		}
		if err := checkID(o.ID); err != nil {
			t.Fatalf("the order's id cannot be set a status: %v", err)
		}
	})
}

// FuzzSignature checks the HMAC check both ways: what Sign writes is
// accepted in either encoding, and a signature that verifies for a body
// fails for any other body.
func FuzzSignature(f *testing.F) {
	for _, b := range pushSeeds(f)[:2] {
		f.Add(b, "hmac-key-0123", "", false)
		f.Add(b, "hmac-key-0123", "sha256=00", true)
	}
	f.Add([]byte(`{}`), "", "  ", false)
	f.Add([]byte(`{"id":1}`), "k", "YWJj", true)
	f.Fuzz(func(t *testing.T, body []byte, key, got string, base64 bool) {
		enc := "hex"
		if base64 {
			enc = "base64"
		}
		sig := Sign(body, key, enc)
		if !verifySignature(body, sig, key, enc) {
			t.Fatalf("Sign's own %s signature %q refused", enc, sig)
		}
		if !verifySignature(body, " "+strings.ToUpper(sig)+"\n", key, "hex") && enc == "hex" {
			t.Fatalf("upper-case hex with spaces refused: %q", sig)
		}
		other := append(append([]byte(nil), body...), 'x')
		if verifySignature(other, sig, key, enc) {
			t.Fatalf("the signature of %q also verified %q", body, other)
		}
		if verifySignature(body, got, key, enc) && verifySignature(other, got, key, enc) {
			t.Fatalf("signature %q verifies two bodies", got)
		}
	})
}
