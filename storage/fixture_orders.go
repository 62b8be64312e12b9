package storage

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// The orders of the benchmark fixture (fixture.go): deterministic, so a
// benchmark can rebuild any of them (FixtureOrder) to search for it
// without reading the database, and shaped like real stores' backlogs.

// FixtureStores are the stores of a mirror fixture; each holds a third of
// its orders. Their numbers look like three platforms': Alpha's are
// CS-Cart's plain ids (10000001...), Beta's "B" and seven digits with a
// marketplace ref on a third, Gamma's Kornit X refs (CG30000001...).
var FixtureStores = []string{"Alpha", "Beta", "Gamma"}

// FixtureEnd is the newest creation time in a fixture; its orders were
// created over the FixtureSpan before it.
var FixtureEnd = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)

// FixtureSpan is how far back a fixture's orders were created.
const FixtureSpan = 180 * 24 * time.Hour

// FixtureCommonName is the most frequent first name of a fixture's
// customers: about one order in eight ("a common search term").
const FixtureCommonName = "Maria"

var fixtureStatuses = []struct {
	backend.Status
	weight int
}{
	{backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}, 7},
	{backend.Status{Code: "A", Name: "Awaiting payment", Kind: backend.KindPending}, 3},
	{backend.Status{Code: "P", Name: "Processing", Kind: backend.KindProcessing}, 12},
	{backend.Status{Code: "H", Name: "On hold", Kind: backend.KindOnHold}, 4},
	{backend.Status{Code: "S", Name: "Shipped", Kind: backend.KindShipped}, 20},
	{backend.Status{Code: "C", Name: "Complete", Kind: backend.KindCompleted}, 44},
	{backend.Status{Code: "X", Name: "Cancelled", Kind: backend.KindCancelled}, 7},
	{backend.Status{Code: "R", Name: "Refunded", Kind: backend.KindRefunded}, 2},
	{backend.Status{Code: "F", Name: "Failed", Kind: backend.KindFailed}, 1},
}

// fixtureFirst are first names with how they appear in e-mail addresses;
// the first ones are by far the most frequent (weights in pickFirst).
var fixtureFirst = [][2]string{
	{FixtureCommonName, "maria"}, {"James", "james"}, {"Anna", "anna"}, {"Mohammed", "mohammed"},
	{"Li", "li"}, {"Sofia", "sofia"}, {"David", "david"}, {"Fatima", "fatima"}, {"Jürgen", "juergen"},
	{"Olga", "olga"}, {"Pierre", "pierre"}, {"Yuki", "yuki"}, {"Chloé", "chloe"}, {"Søren", "soeren"},
	{"Aisha", "aisha"}, {"Carlos", "carlos"}, {"Emma", "emma"}, {"Noah", "noah"}, {"Ivan", "ivan"},
	{"Zoë", "zoe"}, {"Kwame", "kwame"}, {"Priya", "priya"}, {"Tomasz", "tomasz"}, {"Hannah", "hannah"},
	{"Liam", "liam"}, {"Nadia", "nadia"}, {"Oscar", "oscar"}, {"Ingrid", "ingrid"}, {"Mateo", "mateo"},
	{"Leila", "leila"}, {"Hiroshi", "hiroshi"}, {"Grace", "grace"}, {"Emeka", "emeka"}, {"Freya", "freya"},
	{"Bogdan", "bogdan"}, {"Camille", "camille"}, {"Dmitri", "dmitri"}, {"Elif", "elif"}, {"Felix", "felix"},
	{"Gustavo", "gustavo"},
}

var fixtureLast = [][2]string{
	{"García", "garcia"}, {"Smith", "smith"}, {"Müller", "mueller"}, {"Rossi", "rossi"}, {"Nowak", "nowak"},
	{"Kowalski", "kowalski"}, {"Dubois", "dubois"}, {"Jensen", "jensen"}, {"Tanaka", "tanaka"},
	{"Chen", "chen"}, {"Okafor", "okafor"}, {"Haddad", "haddad"}, {"Petrov", "petrov"}, {"Silva", "silva"},
	{"Johansson", "johansson"}, {"Yılmaz", "yilmaz"}, {"Kim", "kim"}, {"Nguyen", "nguyen"}, {"Brown", "brown"},
	{"Lefèvre", "lefevre"}, {"Bauer", "bauer"}, {"Costa", "costa"}, {"Novak", "novak"}, {"Ahmed", "ahmed"},
	{"O'Brien", "obrien"}, {"van Dijk", "vandijk"}, {"Schmidt", "schmidt"}, {"Romero", "romero"},
	{"Andersen", "andersen"}, {"Moreau", "moreau"}, {"Ivanova", "ivanova"}, {"Sato", "sato"},
	{"Mensah", "mensah"}, {"Larsen", "larsen"}, {"Fischer", "fischer"}, {"Lopez", "lopez"},
}

var fixtureDomains = []string{"gmail.com", "outlook.com", "web.de", "yahoo.fr", "icloud.com", "example.org", "gmx.net", "proton.me"}

var fixtureProducts = []string{"TSHIRT", "HOODIE", "MUG", "POSTER", "CAP", "TOTE", "SOCKS", "CASE"}
var fixtureColours = []string{"BLK", "WHT", "RED", "NAV", "GRN", "GRY"}
var fixtureSizes = []string{"XS", "S", "M", "L", "XL", "2XL"}

var fixtureNotes = []string{"Please leave at the door", "Gift wrap, no invoice in the parcel", "Call before delivery",
	"Deliver after 5 pm", "Ring twice", "Fragile: double box"}

// pickFirst favours the first names: the first about 12%, the next few
// a few percent each, the long tail under 1%.
func pickFirst(r *rand.Rand) [2]string {
	switch x := r.IntN(1000); {
	case x < 125:
		return fixtureFirst[0]
	case x < 325:
		return fixtureFirst[1+r.IntN(5)]
	default:
		return fixtureFirst[6+r.IntN(len(fixtureFirst)-6)]
	}
}

func pickStatus(r *rand.Rand) backend.Status {
	total := 0
	for _, s := range fixtureStatuses {
		total += s.weight
	}
	x := r.IntN(total)
	for _, s := range fixtureStatuses {
		if x < s.weight {
			return s.Status
		}
		x -= s.weight
	}
	return fixtureStatuses[0].Status
}

// FixtureOrder is order i (0-based) of a fixture store out of per orders
// in that store, as the fixture mirrors it: ids grow with creation time,
// as stores number them; every tenth order shares its minute with its
// siblings of the other stores (ties that keysets must break by store and
// id). It is the same order whatever fixture it is part of, except for
// its time, which spreads per orders over FixtureSpan.
func FixtureOrder(store string, i, per int) backend.Order {
	si := 0
	for k, s := range FixtureStores {
		if s == store {
			si = k
		}
	}
	r := rand.New(rand.NewPCG(uint64(si)+1, uint64(i)))
	step := FixtureSpan / time.Duration(max(per, 1))
	created := FixtureEnd.Add(-FixtureSpan + time.Duration(i)*step)
	if i%10 == 0 {
		created = created.Truncate(time.Minute)
	} else {
		created = created.Add(time.Duration(r.IntN(int(max(step, time.Second)/time.Second))) * time.Second).Truncate(time.Second)
	}
	st := pickStatus(r)
	age := FixtureEnd.Sub(created)
	var touched time.Duration
	if st.Kind.Final() || st.Kind == backend.KindShipped {
		touched = time.Duration(r.IntN(10*24*60)) * time.Minute
	} else {
		touched = time.Duration(r.IntN(48*60)) * time.Minute
	}
	updated := created.Add(min(touched, age))

	first, last := pickFirst(r), fixtureLast[r.IntN(len(fixtureLast))]
	o := backend.Order{
		Store: store, Status: st, Created: created, Updated: updated,
		Customer: backend.Customer{
			Name:  first[0] + " " + last[0],
			Email: fmt.Sprintf("%s.%s%d@%s", first[1], last[1], r.IntN(100), fixtureDomains[r.IntN(len(fixtureDomains))]),
			Phone: fmt.Sprintf("+49 15%d %07d", r.IntN(10), r.IntN(10_000_000)),
		},
		Currency: "EUR",
	}
	switch si {
	case 0:
		o.ID = strconv.Itoa(10_000_001 + i)
		o.Number = o.ID
	case 1:
		o.ID = strconv.Itoa(i + 1)
		o.Number = fmt.Sprintf("B%07d", i+1)
		if r.IntN(3) == 0 {
			o.VendorRef = fmt.Sprintf("%03d-%07d-%07d", r.IntN(1000), r.IntN(10_000_000), r.IntN(10_000_000))
		}
	default:
		o.ID = strconv.Itoa(4_200_001 + i)
		o.Number = fmt.Sprintf("CG3%07d", i+1)
		o.VendorRef = fmt.Sprintf("EXT-%d", 880_000+i)
	}
	cents := 0
	for range 1 + r.IntN(3) {
		q := 1 + r.IntN(3)
		price := 900 + r.IntN(6000)
		cents += q * price
		o.Items = append(o.Items, backend.Item{
			SKU: fixtureProducts[r.IntN(len(fixtureProducts))] + "-" + fixtureColours[r.IntN(len(fixtureColours))] + "-" +
				fixtureSizes[r.IntN(len(fixtureSizes))],
			Name: "Item", Quantity: q, Price: money(price), Total: money(q * price),
		})
	}
	o.Total = money(cents + 495)
	o.Shipping = "4.95"
	o.ShipTo = backend.Address{Name: o.Customer.Name, Lines: []string{strconv.Itoa(1+r.IntN(200)) + " Market Street"},
		City: "Berlin", Postcode: fmt.Sprintf("%05d", 10_000+r.IntN(90_000)), Country: "DE"}
	if st.Kind == backend.KindShipped || st.Kind == backend.KindCompleted {
		o.Tracking = fmt.Sprintf("1Z%03dE%010d", r.IntN(1000), r.IntN(10_000_000_000))
	}
	if r.IntN(20) == 0 {
		o.Notes = fixtureNotes[r.IntN(len(fixtureNotes))]
	}
	return o
}

func money(cents int) string { return fmt.Sprintf("%d.%02d", cents/100, cents%100) }
