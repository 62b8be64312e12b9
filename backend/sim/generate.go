package sim

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"time"
)

// DefaultNow is the "now" a simulator generates its orders against when
// told none: a fixed time, so tests and the demo see the same orders.
var DefaultNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// Base is a generated order with everything that does not depend on the
// platform: who, where, what, how much and when. Each simulator turns it
// into its own wire shape and adds its own status path.
type Base struct {
	// Seq numbers orders 1..n in order of creation.
	Seq     int
	Created time.Time // UTC, whole seconds
	// CustomerID is the same for every order of one customer; 0 for guests.
	CustomerID int
	Guest      bool
	First      string
	Last       string
	Email      string
	Phone      string
	Lang       string // two-letter language code of the customer
	Ship       Address
	Bill       Address
	// SameBilling is true when Bill is a copy of Ship.
	SameBilling bool
	Items       []Item
	// Money in cents, in Currency.
	ShippingCents int64
	TaxCents      int64
	DiscountCents int64
	Currency      string
	PromoCode     string // set when DiscountCents > 0
	Note          string // what the customer wrote; often ""
	ShipMethod    string
	Payment       string
	IP            string
	// Rand seeds the platform's own choices (status path, ids) so they too
	// follow from the seed.
	Rand uint64
}

// Address is a postal address.
type Address struct {
	First, Last string
	Company     string
	Line1       string
	Line2       string
	City        string
	Region      string // code (NY, BY, IDF); "" where none
	RegionName  string
	Postcode    string
	Country     string // ISO 3166-1 alpha-2
	CountryName string
	Phone       string
}

// Item is one order line.
type Item struct {
	ProductID int
	SKU       string
	Name      string
	Qty       int
	UnitCents int64
}

// TotalCents is the line total.
func (it Item) TotalCents() int64 { return int64(it.Qty) * it.UnitCents }

// SubtotalCents is the sum of the line totals.
func (b Base) SubtotalCents() int64 {
	var s int64
	for _, it := range b.Items {
		s += it.TotalCents()
	}
	return s
}

// TotalCents is subtotal + shipping + tax - discount.
func (b Base) TotalCents() int64 {
	return b.SubtotalCents() + b.ShippingCents + b.TaxCents - b.DiscountCents
}

// Money formats cents as a decimal string with two places: 1234 -> "12.34".
func Money(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100)
}

// Window is how far back generated orders reach from "now".
const Window = 90 * 24 * time.Hour

type customer struct {
	id          int
	first, last name
	lang        string
	email       string
	phone       string
	home        Address
}

// Generate makes n orders created over the Window before now. The same
// seed, n and now always give the same orders. A few fixed positions near
// the newest end carry CJK, right-to-left and accented names, an emoji note
// and one very long note, so even the first page of a demo shows them.
func Generate(seed int64, n int, now time.Time) []Base {
	if n <= 0 {
		return nil
	}
	r := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	now = now.UTC().Truncate(time.Second)

	pool := make([]customer, n/3+1)
	for i := range pool {
		pool[i] = newCustomer(r, i+1, pickCulture(r))
	}
	forced := map[int]int{ // position from the newest -> culture
		1: cultureChinese, 3: cultureArabic, 5: cultureFrench, 6: cultureHebrew,
	}

	step := Window / time.Duration(n)
	out := make([]Base, n)
	for i := range out {
		created := now.Add(-Window + time.Duration(i)*step + time.Duration(r.Int64N(int64(step)+1))).Truncate(time.Second)
		if !created.Before(now) {
			created = now.Add(-time.Minute)
		}
		var c customer
		fromNewest := n - i
		if cu, ok := forced[fromNewest]; ok && n >= 8 {
			c = newCustomer(r, len(pool)+fromNewest, cu)
		} else {
			// Skewed: low ids order again and again.
			k := int(float64(len(pool)) * r.Float64() * r.Float64())
			c = pool[k]
		}
		b := newBase(r, c, created)
		b.Seq = i + 1
		switch {
		case n >= 8 && fromNewest == 4:
			b.Note = longNote
		case n >= 8 && fromNewest == 7:
			b.Note = "Can you ship before Friday? It's a birthday present 🎂🎉"
		}
		out[i] = b
	}
	return out
}

// cultureOdds are the indexes of cultures, weighted for Pick.
var cultureOdds = func() []Weighted[int] {
	out := make([]Weighted[int], len(cultures))
	for i, c := range cultures {
		out[i] = Weighted[int]{Weight: c.weight, Value: i}
	}
	return out
}()

func pickCulture(r *rand.Rand) int { return Pick(r, cultureOdds) }

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

func newCustomer(r *rand.Rand, id, cu int) customer {
	cul := cultures[cu]
	first, last := pick(r, cul.first), pick(r, cul.last)
	co := countryByCode(pick(r, cul.countries))
	c := customer{id: id, first: first, last: last, lang: langOf(co.code)}
	local := strings.ToLower(strings.ReplaceAll(first.ascii+"."+last.ascii, " ", ""))
	local = strings.ReplaceAll(local, "'", "")
	switch r.IntN(10) {
	case 0:
		local += strconv.Itoa(r.IntN(90) + 10)
	case 1:
		local += "+shop"
	case 2:
		local = local[:1] + "." + strings.ToLower(strings.ReplaceAll(last.ascii, " ", ""))
	}
	c.email = local + "@" + pick(r, emailDomains)
	if r.IntN(25) == 0 { // people do type their address in capitals
		c.email = strings.ToUpper(c.email[:1]) + c.email[1:]
	}
	if r.IntN(20) != 0 {
		c.phone = fill(r, co.phone)
	}
	c.home = newAddress(r, co, first.native, last.native, c.phone)
	return c
}

func langOf(code string) string {
	switch code {
	case "DE", "AT", "CH":
		return "de"
	case "FR":
		return "fr"
	case "NL":
		return "nl"
	case "ES":
		return "es"
	case "IT":
		return "it"
	case "PL":
		return "pl"
	case "SE":
		return "sv"
	}
	return "en"
}

func newAddress(r *rand.Rand, co *country, first, last, phone string) Address {
	ci := pick(r, co.cities)
	num := strconv.Itoa(r.IntN(180) + 1)
	if r.IntN(8) == 0 {
		num += string(rune('A' + r.IntN(3)))
	}
	st := pick(r, co.streets)
	line1 := st + " " + num
	if co.numberFirst {
		line1 = num + " " + st
	}
	a := Address{
		First: first, Last: last,
		Line1: line1, City: ci.name, Region: ci.region, RegionName: ci.regionName,
		Postcode: fill(r, ci.postcode), Country: co.code, CountryName: co.name, Phone: phone,
	}
	if len(co.line2) > 0 && r.IntN(4) == 0 {
		a.Line2 = pick(r, co.line2)
	}
	if r.IntN(12) == 0 {
		a.Company = pick(r, companies)
	}
	return a
}

// fill replaces '#' in a pattern with digits and '@' with letters.
func fill(r *rand.Rand, pattern string) string {
	var sb strings.Builder
	for _, c := range pattern {
		switch c {
		case '#':
			sb.WriteByte(byte('0' + r.IntN(10)))
		case '@':
			sb.WriteByte(byte('A' + r.IntN(26)))
		default:
			sb.WriteRune(c)
		}
	}
	return sb.String()
}

func newBase(r *rand.Rand, c customer, created time.Time) Base {
	b := Base{
		Created: created, CustomerID: c.id,
		First: c.first.native, Last: c.last.native, Email: c.email, Phone: c.phone, Lang: c.lang,
		Ship: c.home, Bill: c.home, SameBilling: true,
		IP: fmt.Sprintf("203.0.113.%d", r.IntN(254)+1),
	}
	if r.IntN(6) == 0 {
		b.Guest, b.CustomerID = true, 0
	}
	co := countryByCode(c.home.Country)
	b.Currency = co.currency
	if r.IntN(7) == 0 { // a gift: ships to someone else; the customer pays
		cu := cultures[pickCulture(r)]
		dest := countryByCode(pick(r, cu.countries))
		b.Ship = newAddress(r, dest, pick(r, cu.first).native, pick(r, cu.last).native, "")
		b.SameBilling = false
		co = dest
	}

	nItems := 1 + int(r.ExpFloat64()*1.2)
	if nItems > 6 {
		nItems = 6
	}
	picked := r.Perm(len(catalogue))[:nItems]
	sort.Ints(picked)
	for _, k := range picked {
		p := catalogue[k]
		qty := 1
		switch x := r.IntN(20); {
		case x >= 19:
			qty = 5 + r.IntN(6)
		case x >= 15:
			qty = 2 + r.IntN(2)
		}
		b.Items = append(b.Items, Item{ProductID: p.id, SKU: p.sku, Name: p.name, Qty: qty, UnitCents: p.cents})
	}

	sub := b.SubtotalCents()
	if r.IntN(7) == 0 {
		if r.IntN(2) == 0 {
			b.DiscountCents, b.PromoCode = sub/10, "WELCOME10"
		} else {
			b.DiscountCents, b.PromoCode = min(500, sub), "FIVEOFF"
		}
	}
	taxBP := int64(co.taxBP)
	if co.code == "US" {
		taxBP = int64(r.IntN(5) * 200) // states differ, some charge none
	}
	b.TaxCents = ((sub-b.DiscountCents)*taxBP + 5000) / 10000
	switch {
	case sub >= 7500 && r.IntN(3) != 0:
		b.ShippingCents = 0
	default:
		b.ShippingCents = pick(r, []int64{495, 595, 1300, 1990})
	}
	methods, ok := shipMethods[co.code]
	if !ok {
		methods = shipMethods[""]
	}
	b.ShipMethod = pick(r, methods)
	b.Payment = pick(r, payments)
	if r.IntN(6) == 0 {
		b.Note = pick(r, notes)
	}
	b.Rand = r.Uint64()
	return b
}
