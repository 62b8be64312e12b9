package sim

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
)

var testNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func TestMoney(t *testing.T) {
	for cents, want := range map[int64]string{0: "0.00", 5: "0.05", 99: "0.99", 100: "1.00", 1234: "12.34", -150: "-1.50", 1234567: "12345.67"} {
		if got := Money(cents); got != want {
			t.Errorf("Money(%d) = %q, want %q", cents, got, want)
		}
	}
}

func TestGenerateDeterministic(t *testing.T) {
	a := Generate(42, 300, testNow)
	b := Generate(42, 300, testNow)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed and now gave different orders")
	}
	c := Generate(43, 300, testNow)
	if reflect.DeepEqual(a, c) {
		t.Fatal("different seeds gave the same orders")
	}
	if Generate(1, 0, testNow) != nil || Generate(1, -3, testNow) != nil {
		t.Fatal("n <= 0 should give no orders")
	}
}

func TestGenerateInvariants(t *testing.T) {
	orders := Generate(7, 1000, testNow)
	if len(orders) != 1000 {
		t.Fatalf("got %d orders", len(orders))
	}
	emails := map[string]int{}
	countries := map[string]bool{}
	for i, o := range orders {
		if o.Seq != i+1 {
			t.Fatalf("order %d has Seq %d", i, o.Seq)
		}
		if !o.Created.Before(testNow) || o.Created.Before(testNow.Add(-Window)) {
			t.Fatalf("order %d created %v outside the window", o.Seq, o.Created)
		}
		if i > 0 && o.Created.Before(orders[i-1].Created) {
			t.Fatalf("order %d created before order %d", o.Seq, o.Seq-1)
		}
		if o.Created.Nanosecond() != 0 || o.Created.Location() != time.UTC {
			t.Fatalf("order %d: created %v is not whole UTC seconds", o.Seq, o.Created)
		}
		if len(o.Items) < 1 || len(o.Items) > 6 {
			t.Fatalf("order %d has %d items", o.Seq, len(o.Items))
		}
		for _, it := range o.Items {
			if it.Qty < 1 || it.UnitCents <= 0 || it.SKU == "" || it.Name == "" {
				t.Fatalf("order %d: bad item %+v", o.Seq, it)
			}
		}
		if o.TotalCents() != o.SubtotalCents()+o.ShippingCents+o.TaxCents-o.DiscountCents || o.TotalCents() <= 0 {
			t.Fatalf("order %d: totals do not add up", o.Seq)
		}
		if (o.DiscountCents > 0) != (o.PromoCode != "") {
			t.Fatalf("order %d: discount %d with promo %q", o.Seq, o.DiscountCents, o.PromoCode)
		}
		if !strings.Contains(o.Email, "@") || strings.ContainsFunc(o.Email, func(r rune) bool { return r > unicode.MaxASCII }) {
			t.Fatalf("order %d: e-mail %q", o.Seq, o.Email)
		}
		if o.First == "" || o.Last == "" || o.Ship.City == "" || o.Ship.Postcode == "" || o.Ship.Country == "" || o.Currency == "" {
			t.Fatalf("order %d: missing name or address: %+v", o.Seq, o)
		}
		if strings.ContainsAny(o.Ship.Postcode, "#@") {
			t.Fatalf("order %d: unfilled postcode %q", o.Seq, o.Ship.Postcode)
		}
		if o.SameBilling != (o.Bill == o.Ship) {
			t.Fatalf("order %d: SameBilling %v disagrees with the addresses", o.Seq, o.SameBilling)
		}
		emails[o.Email]++
		countries[o.Ship.Country] = true
	}
	repeat := 0
	for _, n := range emails {
		if n > 1 {
			repeat++
		}
	}
	if repeat < 20 {
		t.Errorf("only %d customers ordered more than once", repeat)
	}
	for _, c := range []string{"US", "DE", "GB", "FR", "NL", "AT"} {
		if !countries[c] {
			t.Errorf("no order ships to %s", c)
		}
	}
}

// TestGenerateVariety checks the scripts and notes a dashboard must cope
// with appear, even in a small data set.
func TestGenerateVariety(t *testing.T) {
	has := func(orders []Base, ok func(Base) bool) bool {
		for _, o := range orders {
			if ok(o) {
				return true
			}
		}
		return false
	}
	inScript := func(tab *unicode.RangeTable) func(Base) bool {
		return func(o Base) bool {
			return strings.ContainsFunc(o.First+o.Last, func(r rune) bool { return unicode.Is(tab, r) })
		}
	}
	checks := []struct {
		name string
		ok   func(Base) bool
	}{
		{"CJK name", inScript(unicode.Han)},
		{"Arabic name", inScript(unicode.Arabic)},
		{"Hebrew name", inScript(unicode.Hebrew)},
		{"accented Latin name", func(o Base) bool {
			return strings.ContainsFunc(o.First+o.Last, func(r rune) bool { return unicode.IsLetter(r) && r > 0x7f && unicode.Is(unicode.Latin, r) })
		}},
		{"emoji note", func(o Base) bool { return strings.ContainsFunc(o.Note, func(r rune) bool { return r >= 0x1F300 }) }},
		{"long note", func(o Base) bool { return len([]rune(o.Note)) > 1000 }},
	}
	for _, n := range []int{10, 1000} {
		orders := Generate(1, n, testNow)
		for _, c := range checks {
			if !has(orders, c.ok) {
				t.Errorf("%d orders: no %s", n, c.name)
			}
		}
	}
}
