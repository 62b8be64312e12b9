package lunasoftsim

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"time"

	"github.com/orderdash/orderdash/backend/sim"
)

// DefaultStatuses are the names used when Options.Statuses is empty. Their
// positions are the roles generated histories use (see role*).
var DefaultStatuses = []string{"Pending", "Processing", "Shipped", "Complete", "Cancelled", "On Hold", "Refunded"}

const (
	rolePending = iota
	roleProcessing
	roleShipped
	roleComplete
	roleCancelled
	roleOnHold
	roleRefunded
)

const (
	firstOrderID  = 54001
	firstItemID   = 3201
	firstStatusID = 185
	hour          = time.Hour
	day           = 24 * time.Hour
)

// entry is one row of an order's status history.
type entry struct {
	ID      int       `json:"id"`
	Status  string    `json:"status"`
	Notes   string    `json:"notes"`
	Notify  bool      `json:"notify_customer"`
	Created time.Time `json:"created"`
	IP      string    `json:"created_ip"`
	UserID  *string   `json:"created_user_id"`
}

type lineItem struct {
	id string
	it sim.Item
}

// order is one stored order.
type order struct {
	id      int
	idStr   string
	base    *sim.Base
	userID  *string
	admin   bool    // created by staff in the admin area
	history []entry // newest first
	current string
	// modified is zero when the order was never modified ("" on the wire).
	modified  time.Time
	fulfilled bool
	paid      bool
	items     []lineItem
	payType   string
	cardType  string
	cardLast4 string
	checkNum  string
	checkDate string
	txID      string
	adminNote string
}

type step struct {
	role     int
	min, max time.Duration
	notes    []string
	notify   bool
}

var (
	notesProcessing = []string{"Order is processing", "Payment received", ""}
	notesShipped    = []string{"Tracking #%s", "Shipped via UPS, Tracking #%s", "Order has been shipped"}
	notesComplete   = []string{"Order has been processed", "Delivered", ""}
	notesCancelled  = []string{"Customer requested cancellation", "Payment declined", "Duplicate order"}
	notesHold       = []string{"Waiting for stock", "Address could not be verified — called customer"}
	notesRefunded   = []string{"Refund issued via original payment method", "Returned: wrong size"}
)

// destinies are the histories generated orders follow, as far as their age
// allows. Weights sum to 100. A path starting with rolePending at 0 records
// an entry at creation; otherwise the order starts Pending with no entry,
// as the sample order does.
var destinies = []sim.Weighted[[]step]{
	{Weight: 50, Value: []step{{roleProcessing, hour, 2 * day, notesProcessing, true}, {roleShipped, day, 3 * day, notesShipped, true}, {roleComplete, 2 * day, 10 * day, notesComplete, false}}},
	{Weight: 8, Value: []step{{roleProcessing, hour, 2 * day, notesProcessing, true}, {roleShipped, day, 3 * day, notesShipped, true}}},
	{Weight: 6, Value: []step{{roleProcessing, hour, day, notesProcessing, true}, {roleOnHold, hour, 2 * day, notesHold, false}, {roleProcessing, 2 * day, 6 * day, notesProcessing, true}, {roleShipped, day, 2 * day, notesShipped, true}, {roleComplete, 2 * day, 8 * day, notesComplete, false}}},
	{Weight: 7, Value: []step{{roleCancelled, hour, 3 * day, notesCancelled, true}}},
	{Weight: 4, Value: []step{{roleProcessing, hour, day, notesProcessing, true}, {roleCancelled, hour, 2 * day, notesCancelled, true}}},
	{Weight: 5, Value: []step{{roleProcessing, hour, day, notesProcessing, true}, {roleShipped, day, 3 * day, notesShipped, true}, {roleComplete, 2 * day, 6 * day, notesComplete, false}, {roleRefunded, 5 * day, 20 * day, notesRefunded, true}}},
	{Weight: 6, Value: []step{{rolePending, 0, 0, []string{"Awaiting payment"}, false}, {roleProcessing, day, 7 * day, notesProcessing, true}, {roleShipped, day, 3 * day, notesShipped, true}, {roleComplete, 2 * day, 6 * day, notesComplete, false}}},
	{Weight: 6, Value: []step{{rolePending, 0, 0, []string{"Awaiting payment", "Check not yet received"}, false}}},
	{Weight: 8, Value: nil}, // still Pending, nothing recorded
}

var cardTypes = []string{"Visa", "Visa", "MasterCard", "American Express", "Discover"}

func (s *Server) roleName(role int) string {
	return s.statuses[min(role, len(s.statuses)-1)]
}

// newOrder builds an order from its base; history ids are assigned later,
// across all orders, in time order.
func (s *Server) newOrder(b *sim.Base, id int, nextItem *int, now time.Time) *order {
	r := rand.New(rand.NewPCG(b.Rand, 0x1a5050f7))
	o := &order{id: id, idStr: strconv.Itoa(id), base: b, current: s.roleName(rolePending)}
	if !b.Guest {
		u := strconv.Itoa(600 + b.CustomerID)
		o.userID = &u
	}
	o.admin = r.IntN(20) == 0
	for _, it := range b.Items {
		o.items = append(o.items, lineItem{id: strconv.Itoa(*nextItem), it: it})
		*nextItem++
	}
	switch b.Payment {
	case "Credit Card", "Apple Pay":
		o.payType, o.cardType, o.cardLast4 = "authorize.net", pick(r, cardTypes), fmt.Sprintf("%04d", r.IntN(10000))
	case "PayPal":
		o.payType = "paypal"
	case "Check":
		o.payType = "check"
	default:
		o.payType = "other"
	}
	o.txID = "0"

	path := sim.Pick(r, destinies)
	at := b.Created
	for _, st := range path {
		at = sim.Later(r, at, st.min, st.max)
		if !at.Before(now) {
			break
		}
		note := pick(r, st.notes)
		if st.role == roleShipped && note != "Order has been shipped" {
			note = fmt.Sprintf(note, upsTracking(r))
		}
		e := entry{Status: s.roleName(st.role), Notes: note, Notify: st.notify, Created: at, IP: "127.0.0.1"}
		if r.IntN(3) == 0 {
			u := strconv.Itoa(2 + r.IntN(3))
			e.UserID, e.IP = &u, fmt.Sprintf("10.0.0.%d", 2+r.IntN(40))
		}
		o.history = append([]entry{e}, o.history...)
		o.current = e.Status
		switch st.role {
		case roleProcessing:
			o.paid = true
		case roleShipped, roleComplete:
			o.paid, o.fulfilled = true, true
		}
	}
	if o.paid && o.payType != "check" {
		o.txID = strconv.FormatUint(60000000000+r.Uint64N(9999999999), 10)
	}
	if o.payType == "check" && o.paid {
		o.checkNum = strconv.Itoa(1000 + r.IntN(9000))
		o.checkDate = b.Created.Add(time.Duration(r.IntN(3)) * day).Format("2006-01-02")
	}
	// The sample order has three history rows yet "modified": "": history
	// rows do not always touch the order. Some generated orders do.
	if len(o.history) > 0 && r.IntN(5) < 3 {
		o.modified = o.history[0].Created
	}
	if r.IntN(25) == 0 {
		o.adminNote = "Customer called about delivery date"
	}
	return o
}

// upsTracking makes a UPS-style tracking number: 1Z, then 16 characters.
func upsTracking(r *rand.Rand) string {
	const chars = "0123456789ABCDEFGHJKLMNPRSTUVWXY"
	b := []byte("1Z")
	for range 16 {
		b = append(b, chars[r.IntN(len(chars))])
	}
	return string(b)
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// assignHistoryIDs numbers every generated history row in time order, as a
// database's auto-increment would have, and returns the next free id.
func assignHistoryIDs(orders []*order) int {
	var all []*entry
	for _, o := range orders {
		for i := range o.history {
			all = append(all, &o.history[i])
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Created.Before(all[j].Created) })
	next := firstStatusID
	for _, e := range all {
		e.ID = next
		next++
	}
	return next
}

// Order is a snapshot of a stored order, for test assertions.
type Order struct {
	ID            string
	CurrentStatus string
	Created       time.Time
	// Modified is zero when the order was never modified.
	Modified time.Time
	Email    string
	Total    string
	// History is newest first.
	History []Entry
}

// Entry is one status history row of a snapshot.
type Entry struct {
	ID      string
	Status  string
	Notes   string
	Notify  bool
	Created time.Time
}

func (o *order) snapshot() Order {
	out := Order{ID: o.idStr, CurrentStatus: o.current, Created: o.base.Created, Modified: o.modified,
		Email: o.base.Email, Total: sim.Money(o.base.TotalCents())}
	for _, e := range o.history {
		out.History = append(out.History, Entry{ID: strconv.Itoa(e.ID), Status: e.Status, Notes: e.Notes, Notify: e.Notify, Created: e.Created})
	}
	return out
}
