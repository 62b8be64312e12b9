package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// hostile is store text that would steer a terminal if printed raw: a
// clipboard write (OSC 52), colours, a cursor move, an 8-bit CSI and a
// right-to-left override.
const hostile = "\x1b]52;c;aGk=\x07Ann\x1b[31m Lee\x1b[2J\u009b1m\u202e"

func hostileOrder() backend.Order {
	at := time.Date(2026, 11, 20, 10, 4, 5, 0, time.UTC)
	st := backend.Status{Code: "P", Name: "Processed" + hostile, Kind: backend.KindProcessing}
	return backend.Order{
		Store: "EU" + hostile, ID: "98", Number: "98" + hostile, Status: st, Created: at, Updated: at,
		Customer: backend.Customer{Name: hostile, Email: "ann@example.com" + hostile, Phone: "+1 555"},
		Total:    "677.95", Currency: "EUR",
		Items:   []backend.Item{{SKU: "A-1" + hostile, Name: "Mug" + hostile, Quantity: 2, Price: "9.50"}},
		ShipTo:  backend.Address{Name: hostile, Lines: []string{"10 Main St" + hostile}, City: "Salt Lake City", Country: "US"},
		Notes:   "line one\nline two" + hostile,
		History: []backend.Event{{At: at, Status: st, Note: "note" + hostile, Source: backend.SourcePlatform}},
	}
}

func TestTextOutputIsCleaned(t *testing.T) {
	var b strings.Builder
	if err := writeOrder(&b, hostileOrder(), backend.Timing{Urgent: true}, time.Now()); err != nil {
		t.Fatal(err)
	}
	tb := &table{header: []string{"A", "B"}}
	tb.add(hostile, hostile)
	if err := tb.write(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.ContainsAny(out, "\x1b\x07\u009b\u202e") {
		t.Errorf("text output carries control characters: %q", out)
	}
	for _, want := range []string{"Order 98", "Ann Lee", "10 Main St", "line one line two", "(P) · processing", "noteAnn Lee"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
}

func TestJSONOutputIsEscaped(t *testing.T) {
	var b strings.Builder
	o := hostileOrder()
	if err := writeJSON(&b, o); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.ContainsAny(out, "\x1b\x07\u009b\u202e") {
		t.Errorf("JSON output carries raw control characters: %q", out)
	}
	// Escaping changes the bytes, not the value.
	var back backend.Order
	if err := json.Unmarshal([]byte(out), &back); err != nil {
		t.Fatal(err)
	}
	if back.Customer.Name != o.Customer.Name || back.Notes != o.Notes {
		t.Errorf("JSON round trip changed the data: %q", back.Customer.Name)
	}
}

// The JSON field names are DESIGN.md's example, key for key.
func TestOrderJSONFieldNames(t *testing.T) {
	at := time.Date(2026, 11, 20, 10, 4, 5, 0, time.UTC)
	st := backend.Status{Code: "P", Name: "Processed", Kind: backend.KindProcessing}
	o := backend.Order{Store: "Marketplace EU", ID: "98", Number: "98", Status: st, Created: at, Updated: at,
		Customer: backend.Customer{Name: "Ann Lee", Email: "ann@example.com", Phone: "+1 555 0100"},
		Total:    "677.95", Currency: "EUR",
		Items:   []backend.Item{{SKU: "A-1", Name: "Mug", Quantity: 2, Price: "9.50"}},
		ShipTo:  backend.Address{Name: "Ann Lee", Lines: []string{"10 Main St"}, City: "Salt Lake City", Region: "UT", Postcode: "84101", Country: "US"},
		History: []backend.Event{{At: at, Status: st, Source: backend.SourcePlatform}},
	}
	var b strings.Builder
	// Two days and two hours after its last update, the order is late by
	// the default 48 hours of processing.
	if err := writeJSON(&b, withTiming(o, backend.DefaultSLA(), at.Add(50*time.Hour))); err != nil {
		t.Fatal(err)
	}
	const design = `{"store":"Marketplace EU","id":"98","number":"98",
 "status":{"code":"P","name":"Processed","kind":"processing"},
 "created":"2026-11-20T10:04:05Z","updated":"2026-11-20T10:04:05Z",
 "customer":{"name":"Ann Lee","email":"ann@example.com","phone":"+1 555 0100"},
 "total":"677.95","currency":"EUR",
 "items":[{"sku":"A-1","name":"Mug","quantity":2,"price":"9.50"}],
 "ship_to":{"name":"Ann Lee","lines":["10 Main St"],"city":"Salt Lake City","region":"UT","postcode":"84101","country":"US"},
 "history":[{"at":"2026-11-20T10:04:05Z","status":{"code":"P","name":"Processed","kind":"processing"},
             "note":"","notified":false,"source":"platform"}],
 "age":180000,"due":"2026-11-22T10:04:05Z","late":true,"urgent":false}`
	var got, want any
	if err := json.Unmarshal([]byte(b.String()), &got); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(design), &want); err != nil {
		t.Fatal(err)
	}
	gb, _ := json.Marshal(got)
	wb, _ := json.Marshal(want)
	if string(gb) != string(wb) {
		t.Errorf("JSON differs from DESIGN.md's example:\n got %s\nwant %s", gb, wb)
	}
}
