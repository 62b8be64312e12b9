package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// orderKey identifies an order across stores: the store's index in
// Options.Stores and the id its platform uses.
type orderKey struct {
	store int
	id    string
}

// order is one order the dashboard knows. Every tab showing it points at
// the same value, so an update (a refresh, a status change) shows
// everywhere at once. version goes up whenever anything drawn from it
// changes; the row cache is keyed on it.
type order struct {
	key     orderKey
	o       backend.Order // as the platform last listed it
	detail  *backend.Order
	disp    display
	version uint64

	// pending is the status a change in flight is moving the order to.
	pending *backend.Status
	// failed is why the last change of this order failed; it stays until
	// the operator dismisses it.
	failed string
	// unknown is set when a change's outcome could not be learned.
	unknown bool
	// detailAt is when the detail was fetched, when it came from the
	// cache (the store did not answer); zero for a detail from the store.
	detailAt time.Time
	// detailLive: the detail was read from the store in this session
	// (Backend.Get), so opening the order need not read it again.
	detailLive bool
	// detailReq is the request whose answer the live detail is: an
	// answer to an earlier one, arriving later, is older than it.
	detailReq int64

	search string // lower-case text the filter matches against
	cache  [2]rowCache
}

// display holds an order's strings cleaned for the screen, computed once
// when the order arrives: store data is untrusted and may carry escape
// sequences or control characters.
type display struct {
	number   string
	customer string
	email    string
	items    string
	total    string
	status   string // label
	kind     backend.StatusKind
	created  time.Time
}

func newDisplay(o backend.Order) display {
	d := display{
		number:   backend.CleanLine(o.Number),
		customer: backend.CleanLine(strings.TrimSpace(o.Customer.Name)),
		email:    backend.CleanLine(o.Customer.Email),
		status:   backend.CleanLine(o.Status.Label()),
		kind:     o.Status.Kind,
		created:  o.Created,
	}
	if d.number == "" {
		d.number = backend.CleanLine(o.ID)
	}
	if d.customer == "" {
		d.customer = d.email
	}
	if d.kind == "" {
		d.kind = backend.KindOther
	}
	if n := o.Units(); n > 0 {
		d.items = strconv.Itoa(n)
	}
	total := backend.Amount(o.Total)
	if cur := backend.CleanLine(o.Currency); cur != "" && total != "" {
		total += " " + cur
	}
	d.total = total
	return d
}

func searchText(d display, o backend.Order) string {
	return strings.ToLower(strings.Join([]string{d.number, backend.CleanLine(o.ID), d.customer, d.email,
		d.status, backend.CleanLine(o.Status.Code), string(d.kind)}, "\x00"))
}

// set takes the order as a list shows it. Some platforms list orders in
// full (CS-Cart: Detailed, with no history of their own), but a list row
// still lacks what only reading the order adds, the journal's local
// history above all: a detail read from the store this session is kept
// while it describes the same state, and a detailed row alone does not
// count as read (see detailLive).
func (r *order) set(o backend.Order) {
	same := r.detail != nil && r.detail.Status.Code == o.Status.Code && r.detail.Updated.Equal(o.Updated)
	switch {
	case r.detailLive && r.detail != nil && r.detail.Status.Code == o.Status.Code && o.Updated.Before(r.detail.Updated):
		// The row is older than the detail and tells nothing new: the
		// shared mirror's copy of a change another operator confirmed
		// (its transaction gives the row the new status, not the store's
		// time of it), or a read that began before the detail's answer
		// was written back. Dropping the detail for it loses the
		// timeline entry the detail just brought. The mirror's time in
		// status, which a store's answer does not carry, is taken.
		if r.o.StatusSince.IsZero() && !o.StatusSince.IsZero() && r.o.Status.Code == o.Status.Code {
			r.o.StatusSince = o.StatusSince
			r.touch()
		}
		return
	case r.detailLive && same:
		// Keep the detail read from the store.
	case o.Detailed:
		cp := o
		r.detail = &cp
		r.detailAt, r.detailLive = time.Time{}, false
	case r.detail != nil && !same:
		r.detail = nil
		r.detailAt, r.detailLive = time.Time{}, false
	}
	if !o.Detailed && r.detail != nil {
		// Keep what only the detail call fills.
		if o.ItemCount == 0 && len(o.Items) == 0 {
			o.Items = r.detail.Items
		}
	}
	r.show(o)
}

// setDetail takes the order as the store's detail read returned it.
func (r *order) setDetail(o backend.Order) {
	o.Detailed = true
	if o.StatusSince.IsZero() && o.Status.Code == r.o.Status.Code {
		// The store does not say since when; the mirror did.
		o.StatusSince = r.o.StatusSince
	}
	cp := o
	r.detail = &cp
	r.detailAt, r.detailLive = time.Time{}, true
	r.show(o)
}

func (r *order) show(o backend.Order) {
	r.o = o
	r.disp = newDisplay(o)
	r.search = searchText(r.disp, o)
	r.version++
}

func (r *order) touch() { r.version++ }

// full is the most complete view of the order: the detail when loaded.
func (r *order) full() backend.Order {
	if r.detail != nil {
		return *r.detail
	}
	return r.o
}

// kindGlyph marks each kind with its own symbol, so status never relies on
// colour alone (and reads in NO_COLOR and on monochrome terminals).
func kindGlyph(k backend.StatusKind) string {
	switch k {
	case backend.KindPending:
		return "○"
	case backend.KindProcessing:
		return "◐"
	case backend.KindOnHold:
		return "‖"
	case backend.KindShipped:
		return "➜"
	case backend.KindCompleted:
		return "✓"
	case backend.KindCancelled:
		return "✗"
	case backend.KindRefunded:
		return "↺"
	case backend.KindFailed:
		return "!"
	}
	return "·"
}

const (
	glyphPending = "⟳"
	glyphFailed  = "✗"
	glyphUnknown = "?"
	glyphMark    = "●"
	glyphOffline = "⊘"
)
