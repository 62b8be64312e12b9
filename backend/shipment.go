package backend

import (
	"context"
	"time"
)

// Shipment is one parcel of an order as its platform records it: CS-Cart
// keeps tracking numbers in shipments of their own (/shipments), not on
// the order.
type Shipment struct {
	ID       string    `json:"id"`
	Carrier  string    `json:"carrier,omitempty"`
	Tracking string    `json:"tracking,omitempty"`
	At       time.Time `json:"at,omitzero"`
}

// ShipmentLister is what a client implements when its platform keeps
// shipments apart from the order (CS-Cart): the detail pane and `show`
// list them. It is optional; use ShipmentListerOf.
type ShipmentLister interface {
	// Shipments lists the order's shipments, newest first.
	Shipments(ctx context.Context, orderID string) ([]Shipment, error)
}

// ShipmentListerOf returns b's ShipmentLister, looking through wrappers;
// nil when neither b nor what it wraps has one.
func ShipmentListerOf(b Backend) ShipmentLister {
	l, _ := as[ShipmentLister](b)
	return l
}
