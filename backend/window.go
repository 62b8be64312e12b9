package backend

import (
	"slices"
	"time"
)

// View is a tab over the local mirror: which orders it shows (one store,
// some, or all of them) and in what order. The dashboard's tables and the
// database share it; the database answers it with indexed queries, so a
// view costs the same whatever the size of the mirror.
type View struct {
	// Stores limits the view to these stores; empty is every store.
	Stores []string
	// Statuses keeps orders with one of these platform status codes.
	Statuses []string
	// Kinds keeps orders whose status is of one of these kinds.
	Kinds []StatusKind
	// Text keeps orders that contain each of its words (split at spaces)
	// somewhere in their SearchText fields, ignoring case and accents:
	// "4431" finds order 10443100, "maria rossi" finds Maria Rossi and
	// maria.rossi@example.org. See SearchWords for the limits.
	Text string
	// Sort is one of ViewSorts (SortCreated when empty); Asc as in
	// Query: false is newest, highest, oldest in status, Z first.
	Sort SortField
	Asc  bool
	// SLA gives each store's limits, for SortDue (viewsort.go); nil is
	// DefaultSLA for every store.
	SLA *SLAs
	// Late keeps only the orders that are late by their SLA (TimingOf)
	// at Now: a `late = true` view of the config ([[views]]). The mirror
	// answers it from its late orders alone (storage/mirror_late.go and
	// storage/pgstore/mirror_late.go).
	Late bool
	// Now is the moment Late is judged at; the zero time is the moment
	// the mirror is read. The dashboard passes its clock.
	Now time.Time
}

// SortKey is the field a view is ordered by: its Sort, or SortCreated.
func (v View) SortKey() SortField {
	if v.Sort == "" {
		return SortCreated
	}
	return v.Sort
}

// CanSortView reports whether a view can be ordered by f.
func CanSortView(f SortField) bool { return f == "" || slices.Contains(ViewSorts, f) }

// Key is where o stands in v's order (o as a window returns it: its
// StatusSince set).
func (v View) Key(o Order) RowKey {
	k := RowKey{Store: o.Store, ID: o.ID}
	switch v.SortKey() {
	case SortUpdated:
		k.At = o.Updated
	case SortAge:
		k.At = o.StatusSince
	case SortDue:
		// The mirror adds the limit to since in Unix ns, 0 when unknown.
		base := o.StatusSince
		if base.IsZero() {
			base = time.Unix(0, 0)
		}
		k.At = base.Add(v.SLA.DueOffset(o.Store, o.Status.Kind))
	case SortTotal:
		k.Num = AmountValue(o.Total)
	case SortStatus:
		k.Text, k.At = o.Status.Name, o.Created
	case SortCustomer:
		k.Text, k.At = o.Customer.Name, o.Created
	case SortStore:
		k.At = o.Created
	default:
		k.At = o.Created
	}
	k.At = k.At.UTC()
	return k
}

// RowKey is a row's place in a view: its sort value (At for times, Num
// for totals, Text then At for names), then store and id to break ties.
// Windows are asked for around a key (keyset pagination), so reading row
// 900,000 costs what reading row 1 does.
type RowKey struct {
	At    time.Time
	Num   int64
	Text  string
	Store string
	ID    string
}

// IsZero reports whether k names no row.
func (k RowKey) IsZero() bool {
	return k.Store == "" && k.ID == "" && k.At.IsZero() && k.Num == 0 && k.Text == ""
}

// Window asks for the rows of a view around an anchor: Before rows ahead
// of it and After rows from it on (the anchor itself first, when it still
// matches the view).
type Window struct {
	View
	// Anchor is a row's key; the zero key is the top of the view.
	Anchor RowKey
	Before int
	After  int
}

// Rows is the answer to a Window, in the view's order.
type Rows struct {
	// Orders are table rows: the columns a table, its filters and its
	// sort need. Items and history are not loaded (Detailed false).
	Orders []Order
	// Anchor is the index in Orders of the first row at or after the
	// window's anchor (len(Orders) when none is).
	Anchor int
	// First is true when no row comes before Orders[0]; Last when none
	// comes after the last.
	First, Last bool
}

// MirrorCounts says what a write did to the mirror.
type MirrorCounts struct {
	Added, Updated, Unchanged int
}

// Add sums two counts.
func (c MirrorCounts) Add(o MirrorCounts) MirrorCounts {
	return MirrorCounts{Added: c.Added + o.Added, Updated: c.Updated + o.Updated, Unchanged: c.Unchanged + o.Unchanged}
}

// ArrivalMark is where the mirror stood when a tab was visited: the orders
// that reached it since, and were created after its newest order then,
// are the tab's "new" ones (storage's CountNew).
type ArrivalMark struct {
	Row     int64     // the mirror's highest row then
	Created time.Time // its newest creation time then
}
