package ui

import "github.com/orderdash/orderdash/backend"

// The orders the dashboard holds: one shared value per order in a window
// on screen, or with state of its own (a change in flight, failed or of
// unknown outcome, the detail pane's, marked, in a bulk report). Whatever
// else the mirror holds stays in the mirror: m.orders never grows with
// the number of orders seen.

// ingest takes a window's rows, cleaned for the screen, and returns the
// shared values. A row unchanged since it was last seen keeps its value
// (and its rendering).
func (m *Model) ingest(os []backend.Order) []*order {
	rows := make([]*order, 0, len(os))
	var fresh []*order
	for _, o := range os {
		si, ok := m.storeIdx[o.Store]
		if !ok || o.ID == "" {
			continue // a store not configured, or nothing to show reliably
		}
		k := orderKey{store: si, id: o.ID}
		r := m.orders[k]
		switch {
		case r == nil:
			r = &order{key: k}
			m.orders[k] = r
			r.set(o)
			fresh = append(fresh, r)
		case sameRow(r.o, o):
		case r.pending != nil:
			// A change is in flight: its answer wins over a row that may
			// have been read before it applied.
			r.o = mergeListRow(r.o, o)
		default:
			r.set(o)
			fresh = append(fresh, r)
			if r.detail == nil && m.detail.open && m.detail.key == k {
				// A newer copy (another orderdash's sync, its change)
				// made the open detail out of date, or the open order
				// moved on while it had none (an older copy dropped it
				// and its re-read was spent): read it again, once per
				// state of the row (rereadDropped).
				m.detail.dropped = true
			}
		}
		rows = append(rows, r)
	}
	m.layout.note(fresh)
	return rows
}

// sameRow reports whether a row shows what the order already does.
func sameRow(a, b backend.Order) bool {
	return a.Updated.Equal(b.Updated) && a.Created.Equal(b.Created) && a.Status == b.Status &&
		a.Number == b.Number && a.VendorRef == b.VendorRef && a.Total == b.Total && a.Currency == b.Currency &&
		a.Customer.Name == b.Customer.Name && a.Customer.Email == b.Customer.Email && a.Units() == b.Units()
}

// mergeListRow keeps the status of a row with a change in flight.
func mergeListRow(old, o backend.Order) backend.Order {
	o.Status = old.Status
	return o
}

// forget drops the orders nothing holds any more: not in a tab's window,
// with no change in flight or failed, not in the detail pane, not marked,
// not in a task. It runs when a window lands, and only once the map has
// grown well past what the windows hold, so its cost stays O(windows).
func (m *Model) forget() {
	held := 0
	for _, t := range m.tabs {
		held += len(t.rows) + len(t.marks)
	}
	if len(m.orders) <= 2*held+forgetSlack {
		return
	}
	keep := make(map[orderKey]bool, held+16)
	for _, t := range m.tabs {
		for _, r := range t.rows {
			keep[r.key] = true
		}
		for k := range t.marks {
			keep[k] = true
		}
	}
	for _, t := range m.tasks {
		for _, it := range t.items {
			keep[it.key] = true
		}
	}
	if m.lastBulk != nil {
		for _, it := range m.lastBulk.items {
			keep[it.key] = true
		}
	}
	if m.detail.open {
		keep[m.detail.key] = true
	}
	for k, r := range m.orders {
		if !keep[k] && r.pending == nil && r.failed == "" && !r.unknown {
			delete(m.orders, k)
		}
	}
}

// forgetSlack is how many orders beyond twice the windows' rows stay
// before forget sweeps: a sweep every few window reads, not every one.
const forgetSlack = 256
