package cscartsim

import (
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/orderdash/orderdash/backend/sim"
)

// firstOrderID is the id of the oldest generated order.
const firstOrderID = 1001

// order is one stored order: the generated base plus what may change.
type order struct {
	id        int
	idStr     string
	base      *sim.Base
	status    string
	updated   int64 // unix seconds of the last change (CS-Cart orders.updated_at)
	vendorRef string
	details   string // admin notes
	items     []item
}

type item struct {
	itemID string
	it     sim.Item
}

// step is one status an order passes through and how long after the
// previous step it happens.
type step struct {
	letter   string
	min, max time.Duration
}

const (
	hour = time.Hour
	day  = 24 * time.Hour
)

// destinies are the status paths a generated order follows; the order gets
// as far along its path as its age allows. Weights sum to 100.
var destinies = []sim.Weighted[[]step]{
	{Weight: 30, Value: []step{{"O", 0, 0}, {"P", 2 * hour, 3 * day}, {"C", day, 4 * day}}},
	{Weight: 20, Value: []step{{"P", 0, 0}, {"C", day, 5 * day}}},
	{Weight: 4, Value: []step{{"O", 0, 0}, {"P", hour, 2 * day}, {"C", day, 4 * day}, {"G", 5 * day, 20 * day}, {"H", 3 * day, 10 * day}}},
	{Weight: 3, Value: []step{{"P", 0, 0}, {"C", day, 3 * day}, {"G", 4 * day, 15 * day}}},
	{Weight: 6, Value: []step{{"O", 0, 0}, {"I", hour, 5 * day}}},
	{Weight: 3, Value: []step{{"O", 0, 0}, {"D", 2 * hour, 3 * day}}},
	{Weight: 5, Value: []step{{"P", 0, 0}, {"B", hour, day}, {"C", 3 * day, 14 * day}}},
	{Weight: 5, Value: []step{{"O", 0, 0}, {"E", day, 2 * day}, {"P", hour, 4 * day}, {"C", day, 4 * day}}},
	{Weight: 2, Value: []step{{"O", 0, 0}, {"E", day, 2 * day}, {"I", 5 * day, 10 * day}}},
	{Weight: 3, Value: []step{{"F", 0, 0}}},
	{Weight: 2, Value: []step{{"N", 0, 0}}},
	{Weight: 15, Value: []step{{"O", 0, 0}, {"P", hour, 10 * day}, {"C", 10 * day, 60 * day}}},
	{Weight: 2, Value: []step{{"P", 0, 0}, {"I", hour, 2 * day}}},
}

var adminNotes = []string{
	"Kunde hat angerufen, Adresse korrigiert.",
	"Paid twice — refund one payment.",
	"Teillieferung vereinbart",
	"VIP customer, add a sweet 🍬",
	"Ersatz für Bestellung mit Transportschaden",
}

// newOrder builds order number seq from its base, walking its status path
// up to now.
func newOrder(b *sim.Base, now time.Time) *order {
	r := rand.New(rand.NewPCG(b.Rand, 0xc5ca27))
	o := &order{id: firstOrderID + b.Seq - 1, base: b}
	o.idStr = strconv.Itoa(o.id)
	path := sim.Pick(r, destinies)
	at := b.Created
	o.status, o.updated = path[0].letter, at.Unix()
	for _, s := range path[1:] {
		at = sim.Later(r, at, s.min, s.max)
		if !at.Before(now) {
			break
		}
		o.status, o.updated = s.letter, at.Unix()
	}
	if r.IntN(15) == 0 {
		o.details = adminNotes[r.IntN(len(adminNotes))]
	}
	for _, it := range b.Items {
		h := fnv.New32a()
		h.Write([]byte(o.idStr + "/" + it.SKU))
		o.items = append(o.items, item{itemID: strconv.FormatUint(uint64(h.Sum32()), 10), it: it})
	}
	return o
}

func (o *order) userID() string { return strconv.Itoa(o.base.CustomerID) }

// Order is a snapshot of a stored order, for test assertions.
type Order struct {
	ID        string
	Status    string
	Created   time.Time
	Updated   time.Time
	VendorRef string
	FirstName string
	LastName  string
	Email     string
	Total     string
	Notes     string
}

func (o *order) snapshot() Order {
	return Order{
		ID: o.idStr, Status: o.status,
		Created: o.base.Created, Updated: time.Unix(o.updated, 0).UTC(),
		VendorRef: o.vendorRef, FirstName: o.base.First, LastName: o.base.Last,
		Email: o.base.Email, Total: sim.Money(o.base.TotalCents()), Notes: o.base.Note,
	}
}

// Change is one applied change of an order's status, in the order applied.
// CS-Cart keeps no such log; the simulator does, for assertions.
type Change struct {
	OrderID string    `json:"order_id"`
	From    string    `json:"from"`
	To      string    `json:"to"`
	Notify  bool      `json:"notify"`
	At      time.Time `json:"at"`
}
