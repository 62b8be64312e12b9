// Package mirrortest makes mirror orders for tests and benchmarks, and
// answers views over them the slow, obvious way (every order filtered and
// sorted in Go): the reference both mirrors (SQLite's, PostgreSQL's) are
// checked against. It imports only backend, so storage's own tests can
// use it as well as storagetest.
package mirrortest

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Statuses are the statuses generated mirror orders take, per kind.
var Statuses = []backend.Status{
	{Code: "O", Name: "Open", Kind: backend.KindPending},
	{Code: "P", Name: "Processing", Kind: backend.KindProcessing},
	{Code: "H", Name: "On hold", Kind: backend.KindOnHold},
	{Code: "S", Name: "Shipped", Kind: backend.KindShipped},
	{Code: "C", Name: "Complete", Kind: backend.KindCompleted},
	{Code: "X", Name: "Cancelled", Kind: backend.KindCancelled},
}

var names = []string{"Ann Lee", "Bo Chen", "Carla Díaz", "Dmitri Ivanov", "Émile Roux", "Fatima Zahra"}

// Order is order i of a store, deterministic: creation times spread
// over 90 days with deliberate ties, so keysets must break them by store
// and id.
func Order(store string, i int, r *rand.Rand) backend.Order {
	base := time.Date(2026, 8, 20, 0, 0, 0, 0, time.UTC)
	created := base.Add(time.Duration(r.IntN(90*24*60)) * time.Minute)
	if i%7 == 0 {
		created = base // many orders at one instant
	}
	st := Statuses[r.IntN(len(Statuses))]
	name := names[r.IntN(len(names))]
	return backend.Order{
		Store: store, ID: strconv.Itoa(i + 1), Number: fmt.Sprintf("%s-%05d", store[:1], i+1),
		Status: st, Created: created, Updated: created.Add(time.Duration(r.IntN(48)) * time.Hour),
		Customer: backend.Customer{Name: name, Email: strings.ToLower(strings.Fields(name)[0]) + "@example.com"},
		Total:    strconv.Itoa(10+r.IntN(500)) + ".95", Currency: "EUR", ItemCount: 1 + r.IntN(4),
		// Kornit X's deadline and flag on some.
		DispatchBy: dispatchBy(created, i), Urgent: i%22 == 0,
	}
}

func dispatchBy(created time.Time, i int) time.Time {
	if i%11 != 0 {
		return time.Time{}
	}
	return created.Add(12 * time.Hour) // before most limits: late by the date first
}

// Orders is n orders of each store.
func Orders(stores []string, n int, seed uint64) map[string][]backend.Order {
	out := map[string][]backend.Order{}
	for si, s := range stores {
		r := rand.New(rand.NewPCG(seed, uint64(si)))
		for i := range n {
			out[s] = append(out[s], Order(s, i, r))
		}
	}
	return out
}

// RefView is the reference answer to a view: every order, filtered and
// sorted in Go.
func RefView(all map[string][]backend.Order, v backend.View) []backend.Order {
	var out []backend.Order
	words, ok := backend.SearchWords(v.Text)
	hasText := strings.TrimSpace(v.Text) != ""
	contains := func(o backend.Order) bool {
		st := backend.SearchText(o)
		for _, w := range words {
			if !strings.Contains(st, w) {
				return false
			}
		}
		return ok
	}
	for s, orders := range all {
		if len(v.Stores) > 0 && !slices.Contains(v.Stores, s) {
			continue
		}
		for _, o := range orders {
			switch {
			case len(v.Statuses) > 0 && !slices.Contains(v.Statuses, o.Status.Code),
				len(v.Kinds) > 0 && !slices.Contains(v.Kinds, o.Status.Kind),
				hasText && !contains(o):
				continue
			}
			out = append(out, o)
		}
	}
	slices.SortFunc(out, func(a, b backend.Order) int {
		c := RefCompare(v, a, b)
		if !v.Asc {
			c = -c
		}
		return c
	})
	return out
}

// RefCompare orders two orders by a view's sort, ascending as the header
// reads it (Asc): written out field by field, not from storage's keys.
func RefCompare(v backend.View, a, b backend.Order) int {
	tie := func() int { return cmp.Or(cmp.Compare(a.Store, b.Store), cmp.Compare(a.ID, b.ID)) }
	switch v.SortKey() {
	case backend.SortUpdated:
		return cmp.Or(a.Updated.Compare(b.Updated), tie())
	case backend.SortAge: // the longer in status, the more age
		return cmp.Or(backend.StatusSince(b).Compare(backend.StatusSince(a)), -tie())
	case backend.SortDue:
		due := func(o backend.Order) int64 {
			return backend.StatusSince(o).UnixNano() + int64(v.SLA.DueOffset(o.Store, o.Status.Kind))
		}
		return cmp.Or(cmp.Compare(due(a), due(b)), tie())
	case backend.SortTotal:
		return cmp.Or(cmp.Compare(backend.AmountValue(a.Total), backend.AmountValue(b.Total)), tie())
	case backend.SortStatus:
		return cmp.Or(cmp.Compare(a.Status.Name, b.Status.Name), a.Created.Compare(b.Created), tie())
	case backend.SortCustomer:
		return cmp.Or(cmp.Compare(a.Customer.Name, b.Customer.Name), a.Created.Compare(b.Created), tie())
	case backend.SortStore:
		return cmp.Or(cmp.Compare(a.Store, b.Store), a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
	}
	return cmp.Or(a.Created.Compare(b.Created), tie())
}

// RowOf is what a window returns of an order: its table columns.
func RowOf(o backend.Order) backend.Order {
	return backend.Order{Store: o.Store, ID: o.ID, Number: o.Number, VendorRef: o.VendorRef, Status: o.Status,
		Created: o.Created, Updated: o.Updated, Total: o.Total, Currency: o.Currency,
		Customer: backend.Customer{Name: o.Customer.Name, Email: o.Customer.Email}, ItemCount: o.ItemCount,
		StatusSince: backend.StatusSince(o), DispatchBy: o.DispatchBy, Urgent: o.Urgent}
}

// RowIDs names rows as "store/id ", for comparisons and messages.
func RowIDs(os []backend.Order) string {
	var b strings.Builder
	for _, o := range os {
		b.WriteString(o.Store + "/" + o.ID + " ")
	}
	return b.String()
}

// WantCount is what Count answers for a view of n orders: a view with
// text is counted up to backend.TextCountLimit+1.
func WantCount(v backend.View, n int) int {
	if words, ok := backend.SearchWords(v.Text); !ok || len(words) > 0 {
		return min(n, backend.TextCountLimit+1)
	}
	return n
}
