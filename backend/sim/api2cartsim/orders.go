package api2cartsim

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/orderdash/orderdash/backend/sim"
)

// order is one stored order: the generated base plus what may change.
type order struct {
	seq      int
	id       string
	base     *sim.Base
	status   string
	modified time.Time
	history  []HistoryEntry // oldest first, as OpenCart keeps it
	products []product
	tracking []TrackingNumber
	version  uint64       // counts writes; ages enc
	enc      encodedOrder // last list encoding
}

type product struct {
	orderProductID string
	it             sim.Item
}

// step is one status an order passes through, how long after the previous
// step it happens, and whether the customer was told.
type step struct {
	status   string
	min, max time.Duration
	notify   bool
}

const (
	hour = time.Hour
	day  = 24 * time.Hour
)

// destinies are the status paths a generated order follows; it gets as far
// along its path as its age allows. Weights sum to 100.
var destinies = []sim.Weighted[[]step]{
	{Weight: 28, Value: []step{{stPending, 0, 0, true}, {stProcessing, hour, 2 * day, false}, {stShipped, day, 4 * day, true}, {stComplete, 2 * day, 10 * day, true}}},
	{Weight: 14, Value: []step{{stPending, 0, 0, true}, {stProcessed, hour, day, false}, {stShipped, day, 3 * day, true}, {stComplete, 3 * day, 12 * day, false}}},
	{Weight: 12, Value: []step{{stPending, 0, 0, true}, {stProcessing, hour, 3 * day, true}, {stShipped, day, 5 * day, true}}},
	{Weight: 10, Value: []step{{stPending, 0, 0, true}, {stProcessing, hour, 6 * day, false}}},
	{Weight: 8, Value: []step{{stPending, 0, 0, true}}},
	{Weight: 6, Value: []step{{stPending, 0, 0, true}, {stCanceled, hour, 5 * day, true}}},
	{Weight: 3, Value: []step{{stPending, 0, 0, false}, {stDenied, hour, day, true}}},
	{Weight: 3, Value: []step{{stFailed, 0, 0, false}}},
	{Weight: 4, Value: []step{{stPending, 0, 0, true}, {stProcessing, hour, day, false}, {stShipped, day, 3 * day, true}, {stComplete, 2 * day, 6 * day, false}, {stRefunded, 5 * day, 20 * day, true}}},
	{Weight: 2, Value: []step{{stPending, 0, 0, true}, {stExpired, 3 * day, 7 * day, false}}},
	{Weight: 2, Value: []step{{stPending, 0, 0, true}, {stVoided, hour, 2 * day, true}}},
	{Weight: 2, Value: []step{{stPending, 0, 0, true}, {stProcessing, hour, day, false}, {stChargeback, 10 * day, 40 * day, false}}},
	{Weight: 1, Value: []step{{stPending, 0, 0, true}, {stProcessing, hour, day, false}, {stReversed, 5 * day, 20 * day, false}}},
	{Weight: 1, Value: []step{{stPending, 0, 0, true}, {stCanceled, hour, day, true}, {stShipped, day, 3 * day, true}}},
	{Weight: 4, Value: []step{{stPending, 0, 0, true}, {stShipped, hour, 3 * day, true}, {stComplete, 2 * day, 8 * day, true}}},
}

// staffComments are what shop staff write on a status change.
var staffComments = []string{
	"Payment received, thank you!",
	"Dispatched with DHL, parcel 00340434161094022110",
	"Customer asked to combine with the next order.",
	"Rückerstattung veranlasst.",
	"Stock arrives Tuesday; shipping then 📦",
	"Address verified by phone.",
}

// newOrder builds an order from its base, walking its status path up to
// now; ids are OpenCart's, counting from 1.
func newOrder(b *sim.Base, now time.Time) *order {
	r := rand.New(rand.NewPCG(b.Rand, 0xa2c))
	o := &order{seq: b.Seq, id: strconv.Itoa(b.Seq), base: b}
	path := sim.Pick(r, destinies)
	at := b.Created
	for i, s := range path {
		if i > 0 {
			at = sim.Later(r, at, s.min, s.max)
			if !at.Before(now) {
				break
			}
		}
		h := HistoryEntry{Status: s.status, At: at, Notify: s.notify}
		switch {
		case i == 0:
			h.Comment = b.Note // OpenCart files the customer's comment with the first entry
		case r.IntN(4) == 0:
			h.Comment = staffComments[r.IntN(len(staffComments))]
		}
		o.history = append(o.history, h)
		o.status, o.modified = s.status, at
	}
	for i, it := range b.Items {
		o.products = append(o.products, product{orderProductID: strconv.Itoa(b.Seq*10 + i + 1), it: it})
	}
	return o
}

// Order is a snapshot of a stored order, for test assertions.
type Order struct {
	ID         string
	Status     string // status id, e.g. "3"
	StatusName string
	Created    time.Time
	Modified   time.Time
	Email      string
	Total      string
	Currency   string
	History    []HistoryEntry // oldest first
	Tracking   []TrackingNumber
}

// HistoryEntry is one entry of an order's status history.
type HistoryEntry struct {
	Status  string    `json:"status"`
	At      time.Time `json:"at"`
	Notify  bool      `json:"notify"`
	Comment string    `json:"comment,omitempty"`
}

// Update is one applied order.update (replays are not listed).
type Update struct {
	OrderID        string    `json:"order_id"`
	From           string    `json:"from"`
	To             string    `json:"to"`
	Notify         bool      `json:"notify"`
	Comment        string    `json:"comment,omitempty"`
	IdempotencyKey string    `json:"idempotency_key,omitempty"`
	At             time.Time `json:"at"`
}

// Shipment is one applied order.shipment.add (replays are not listed).
type Shipment struct {
	ID             string           `json:"id"`
	OrderID        string           `json:"order_id"`
	Tracking       []TrackingNumber `json:"tracking"`
	Notify         bool             `json:"notify"`
	IdempotencyKey string           `json:"idempotency_key,omitempty"`
	At             time.Time        `json:"at"`
}

// TrackingNumber is one tracking number of a shipment.
type TrackingNumber struct {
	CarrierID string `json:"carrier_id,omitempty"`
	Number    string `json:"tracking_number"`
}

func (o *order) snapshot() Order {
	name, _ := statusName(o.status)
	return Order{
		ID: o.id, Status: o.status, StatusName: name,
		Created: o.base.Created, Modified: o.modified,
		Email: o.base.Email, Total: sim.Money(o.base.TotalCents()), Currency: o.base.Currency,
		History:  append([]HistoryEntry(nil), o.history...),
		Tracking: append([]TrackingNumber(nil), o.tracking...),
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
