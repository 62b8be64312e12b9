package backend

import "time"

// Order is one order as the dashboard and the JSON output see it. Times are
// UTC; money is a decimal string exactly as the platform sent it (never a
// float), so totals are shown and compared without rounding surprises.
type Order struct {
	Store    string    `json:"store"`
	ID       string    `json:"id"`     // the id the platform's API takes
	Number   string    `json:"number"` // the number people quote; often equal to ID
	Status   Status    `json:"status"`
	Created  time.Time `json:"created,omitzero"`
	Updated  time.Time `json:"updated,omitzero"`
	Customer Customer  `json:"customer"`
	Total    string    `json:"total"`
	Currency string    `json:"currency"`
	// Breakdown of the total where the platform gives it; "" when unknown.
	Subtotal string `json:"subtotal,omitempty"`
	Shipping string `json:"shipping,omitempty"`
	Tax      string `json:"tax,omitempty"`
	Discount string `json:"discount,omitempty"`
	Items    []Item `json:"items"`
	// ItemCount is the number of units ordered. List rows of some platforms
	// carry no items, only a count; detail always fills Items as well.
	ItemCount int      `json:"item_count,omitempty"`
	ShipTo    Address  `json:"ship_to"`
	BillTo    *Address `json:"bill_to,omitempty"`
	// Notes is what the customer wrote; AdminNotes what the shop staff wrote.
	Notes      string `json:"notes,omitempty"`
	AdminNotes string `json:"admin_notes,omitempty"`
	Payment    string `json:"payment,omitempty"`
	ShipMethod string `json:"ship_method,omitempty"`
	Tracking   string `json:"tracking,omitempty"`
	// VendorRef is a ref the platform keeps beside the number (CS-Cart's
	// vendor_ref, Kornit X's external_ref); lookups accept it.
	VendorRef string `json:"vendor_ref,omitempty"`
	// DispatchBy is the platform's deadline for the order to leave (Kornit
	// X required_dispatch_date: the end of that day in the store's time
	// zone), in UTC; zero when the platform sets none.
	DispatchBy time.Time `json:"dispatch_by,omitzero"`
	// Urgent is the platform's own urgent flag (Kornit X is_urgent).
	Urgent bool `json:"urgent,omitempty"`
	// StatusSince is when the mirror saw the order enter its status
	// (its status_since column), set on rows a mirror window returns;
	// zero elsewhere. TimingOf prefers it to the history's guess.
	StatusSince time.Time `json:"-"`
	// History is the status timeline, newest first. Nil means "not loaded"
	// (list rows); an empty slice means "loaded, and there is none".
	History []Event `json:"history"`
	// Detailed is true when the order came from a detail call, so History
	// and Items are complete.
	Detailed bool `json:"-"`
}

// Customer is who placed the order.
type Customer struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

// Address is a postal address; Lines hold the street lines in order.
type Address struct {
	Name     string   `json:"name"`
	Company  string   `json:"company,omitempty"`
	Lines    []string `json:"lines"`
	City     string   `json:"city"`
	Region   string   `json:"region"`
	Postcode string   `json:"postcode"`
	Country  string   `json:"country"`
	Phone    string   `json:"phone,omitempty"`
}

// Item is one order line. Price is the unit price as a decimal string.
type Item struct {
	SKU      string `json:"sku"`
	Name     string `json:"name"`
	Quantity int    `json:"quantity"`
	Price    string `json:"price"`
	Total    string `json:"total,omitempty"`
}

// Source says where a timeline entry came from.
type Source string

const (
	SourcePlatform Source = "platform" // the store's API reported it
	SourceLocal    Source = "local"    // orderdash recorded it (the change journal)
)

// Event is one entry of an order's status-history timeline.
type Event struct {
	At       time.Time `json:"at"`
	Status   Status    `json:"status"`
	Note     string    `json:"note"`
	Notified bool      `json:"notified"`
	Source   Source    `json:"source"`
	// Actor is who made the change, where known (the operator for local
	// entries, a user id or name for platform entries).
	Actor    string `json:"actor,omitempty"`
	Tracking string `json:"tracking,omitempty"`
}
