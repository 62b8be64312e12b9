package storage

import "github.com/orderdash/orderdash/backend"

// The Kornit X inbox's rules, shared by every implementation of the
// contract (KornitXOrders here, pgstore's on PostgreSQL), so both store
// an order alike.

// InboxPageSize is a page's rows when the query gives none.
const InboxPageSize = kxDefaultPage

// InboxEncode is the stored form of a pushed order: its data without the
// timeline, and the timeline.
func InboxEncode(o backend.Order, history []backend.Event) (data, hist string, err error) {
	return encodeKX(o, history)
}

// InboxDecode reads what InboxEncode wrote.
func InboxDecode(data, hist string) (backend.Order, []backend.Event, error) {
	return decodeKX(data, hist)
}

// InboxSearch is the lower-case text Query.Search looks in.
func InboxSearch(o backend.Order) string { return searchText(o) }

// InboxIDNum is the order id as a number, for sorting (0 when it is none).
func InboxIDNum(id string) int64 { return idNum(id) }

// InboxNotFound is the error for an order never pushed to store.
func InboxNotFound(store, id string) error { return kxNotFound(store, id) }

// InboxRepush is what a repeated push stores: the pushed data, but the
// status, tracking number and Updated the order has here (a push does not
// undo a change made from orderdash).
func InboxRepush(old, pushed backend.Order) backend.Order {
	pushed.Status, pushed.Tracking = old.Status, old.Tracking
	if old.Updated.After(pushed.Updated) {
		pushed.Updated = old.Updated
	}
	return pushed
}
