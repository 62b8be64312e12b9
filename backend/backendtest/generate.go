package backendtest

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Names cover the scripts a warehouse meets: accents, CJK (two cells a
// character), emoji, and right-to-left Arabic and Hebrew.
var firstNames = []string{"Ann", "José", "Zoë", "Liam", "Mia", "Ngọc", "Oskar", "Priya", "Søren", "Chloé",
	"Yusuf", "Fatima", "Kenji", "Olu", "Marta", "Ivan", "Aiko", "Grace", "Ethan", "Leïla"}
var lastNames = []string{"Lee", "Álvarez", "Smith", "Müller", "Trâm", "Nowak", "Patel", "Jørgensen", "Dubois",
	"O'Brien", "Kowalski", "Rossi", "Tanaka", "Adeyemi", "García", "Petrov", "Novák", "Byrne", "Schulz", "Haddad"}
var specialNames = []string{"山田 太郎", "محمد الأحمد", "דוד כהן", "Zoë 🚀 Smith", "李小龍", "Ольга Иванова", "Ａｎｎ　Ｌｅｅ"}

var products = []struct{ sku, name string }{
	{"MUG-01", "Mug, white, 330 ml"}, {"TEE-M", "T-shirt, M"}, {"TEE-L", "T-shirt, L"},
	{"POS-A3", "Poster A3"}, {"CAP-01", "Cap"}, {"BAG-TOTE", "Tote bag"}, {"STK-5", "Sticker pack (5)"},
	{"HOOD-XL", "Hoodie, XL"}, {"NB-A5", "Notebook A5"}, {"PIN-02", "Enamel pin"},
}

var cities = []struct{ city, region, postcode, country string }{
	{"Salt Lake City", "UT", "84101", "US"}, {"Berlin", "", "10115", "DE"}, {"Lyon", "", "69001", "FR"},
	{"Kraków", "", "30-001", "PL"}, {"Osaka", "", "530-0001", "JP"}, {"Leeds", "", "LS1 1UR", "GB"},
	{"Porto", "", "4000-001", "PT"}, {"Toronto", "ON", "M5H 2N2", "CA"},
}

var hostile = []string{
	"Ann\x1b[31m RED\x1b[0m Lee",
	"Bob\x1b]0;pwned title\x07 Jones",
	"Eve\x1b]52;c;ZXZpbA==\x07 Clipboard",
	"Mallory\u202e fdp.exe",
	"Trent\r\nInjected line",
	"Null\x00Byte\x08Backspace",
	"Clear\x1b[2J\x1b[HScreen",
}

// generate builds cfg.Orders orders, newest first, spaced 3 to 40 minutes
// apart, with statuses mostly early in the workflow.
func generate(cfg Config) []backend.Order {
	r := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	out := make([]backend.Order, 0, cfg.Orders)
	at := cfg.Newest.UTC()
	base := 100000
	for i := 0; i < cfg.Orders; i++ {
		id := strconv.Itoa(base + cfg.Orders - i)
		o := backend.Order{
			Store:    cfg.Name,
			ID:       id,
			Number:   id,
			Created:  at,
			Currency: cfg.Currency,
		}
		o.Customer = customer(r, cfg.Hostile && i%11 == 3)
		c := cities[r.IntN(len(cities))]
		o.ShipTo = backend.Address{Name: o.Customer.Name, Lines: []string{fmt.Sprintf("%d %s", 1+r.IntN(200), []string{"Main St", "Hauptstraße 5", "Rue de la Paix", "Long Lane"}[r.IntN(4)])},
			City: c.city, Region: c.region, Postcode: c.postcode, Country: c.country}
		var sub int
		n := 1 + r.IntN(4)
		for j := 0; j < n; j++ {
			p := products[r.IntN(len(products))]
			q := 1 + r.IntN(3)
			price := 300 + r.IntN(4000)
			sub += q * price
			o.Items = append(o.Items, backend.Item{SKU: p.sku, Name: p.name, Quantity: q, Price: cents(price), Total: cents(q * price)})
		}
		ship := []int{0, 490, 690, 1290}[r.IntN(4)]
		tax := sub * 19 / 119
		o.Subtotal, o.Shipping, o.Tax = cents(sub), cents(ship), cents(tax)
		o.Total = cents(sub + ship)
		o.Payment = []string{"Card", "PayPal", "Invoice", "Bank transfer"}[r.IntN(4)]
		o.ShipMethod = []string{"DHL Parcel", "UPS Ground", "Royal Mail", "Pickup"}[r.IntN(4)]
		if r.IntN(6) == 0 {
			o.Notes = []string{"Please leave at the back door.", "Gift — no invoice in the box please.", "Bitte klingeln 🔔", "يرجى الاتصال قبل التسليم"}[r.IntN(4)]
		}
		if cfg.Hostile && i%13 == 5 {
			o.Notes = strings.Repeat("A very long note. ", 600) + "\x1b[2J end"
		}
		o.Status = pickStatus(r, cfg.Statuses)
		o.Updated = at.Add(time.Duration(r.IntN(180)) * time.Minute)
		if o.Updated.After(cfg.Newest) {
			o.Updated = cfg.Newest
		}
		if cfg.Caps.History {
			o.History = history(r, cfg, o)
		}
		out = append(out, o)
		at = at.Add(-time.Duration(3+r.IntN(38)) * time.Minute)
	}
	return out
}

func customer(r *rand.Rand, bad bool) backend.Customer {
	var name string
	switch {
	case bad:
		name = hostile[r.IntN(len(hostile))]
	case r.IntN(12) == 0:
		name = specialNames[r.IntN(len(specialNames))]
	default:
		name = firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))]
	}
	mail := strings.ToLower(firstNames[r.IntN(len(firstNames))]) + "." + strconv.Itoa(r.IntN(1000)) + "@example.com"
	return backend.Customer{Name: name, Email: mail, Phone: fmt.Sprintf("+1 801 555 %04d", r.IntN(10000))}
}

// pickStatus favours the start of the workflow, as a real queue does.
func pickStatus(r *rand.Rand, statuses []backend.Status) backend.Status {
	if len(statuses) == 0 {
		return backend.Status{Code: "?", Name: "Unknown", Kind: backend.KindOther}
	}
	weights := map[backend.StatusKind]int{backend.KindPending: 30, backend.KindProcessing: 25, backend.KindOnHold: 6,
		backend.KindShipped: 15, backend.KindCompleted: 12, backend.KindCancelled: 5, backend.KindRefunded: 2, backend.KindFailed: 2, backend.KindOther: 3}
	total := 0
	for _, s := range statuses {
		total += weights[s.Kind] + 1
	}
	n := r.IntN(total)
	for _, s := range statuses {
		n -= weights[s.Kind] + 1
		if n < 0 {
			return s
		}
	}
	return statuses[0]
}

// history invents a short past leading to the current status, newest
// first.
func history(r *rand.Rand, cfg Config, o backend.Order) []backend.Event {
	evs := []backend.Event{{At: o.Updated, Status: o.Status, Source: backend.SourcePlatform, Notified: r.IntN(2) == 0}}
	if len(cfg.Statuses) > 0 && o.Status.Kind != backend.KindPending {
		first := cfg.Statuses[0]
		evs = append(evs, backend.Event{At: o.Created, Status: first, Source: backend.SourcePlatform, Note: "Order placed"})
	}
	return evs
}

func cents(n int) string { return fmt.Sprintf("%d.%02d", n/100, n%100) }
