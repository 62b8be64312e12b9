package storage

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

// mirrorStatuses are the statuses generated mirror orders take, per kind.
var mirrorStatuses = []backend.Status{
	{Code: "O", Name: "Open", Kind: backend.KindPending},
	{Code: "P", Name: "Processing", Kind: backend.KindProcessing},
	{Code: "H", Name: "On hold", Kind: backend.KindOnHold},
	{Code: "S", Name: "Shipped", Kind: backend.KindShipped},
	{Code: "C", Name: "Complete", Kind: backend.KindCompleted},
	{Code: "X", Name: "Cancelled", Kind: backend.KindCancelled},
}

var mirrorNames = []string{"Ann Lee", "Bo Chen", "Carla Díaz", "Dmitri Ivanov", "Émile Roux", "Fatima Zahra"}

// mirrorOrder is order i of a store, deterministic: creation times spread
// over 90 days with deliberate ties, so keysets must break them by store
// and id.
func mirrorOrder(store string, i int, r *rand.Rand) backend.Order {
	base := time.Date(2026, 8, 20, 0, 0, 0, 0, time.UTC)
	created := base.Add(time.Duration(r.IntN(90*24*60)) * time.Minute)
	if i%7 == 0 {
		created = base // many orders at one instant
	}
	st := mirrorStatuses[r.IntN(len(mirrorStatuses))]
	name := mirrorNames[r.IntN(len(mirrorNames))]
	return backend.Order{
		Store: store, ID: strconv.Itoa(i + 1), Number: fmt.Sprintf("%s-%05d", store[:1], i+1),
		Status: st, Created: created, Updated: created.Add(time.Duration(r.IntN(48)) * time.Hour),
		Customer: backend.Customer{Name: name, Email: strings.ToLower(strings.Fields(name)[0]) + "@example.com"},
		Total:    strconv.Itoa(10+r.IntN(500)) + ".95", Currency: "EUR", ItemCount: 1 + r.IntN(4),
	}
}

// mirrorOrders is n orders of each store.
func mirrorOrders(stores []string, n int, seed uint64) map[string][]backend.Order {
	out := map[string][]backend.Order{}
	for si, s := range stores {
		r := rand.New(rand.NewPCG(seed, uint64(si)))
		for i := range n {
			out[s] = append(out[s], mirrorOrder(s, i, r))
		}
	}
	return out
}

// refView is the reference answer to a view: every order, filtered and
// sorted in Go.
func refView(all map[string][]backend.Order, v backend.View) []backend.Order {
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
		ka, kb := v.Key(a), v.Key(b)
		c := cmp.Or(ka.At.Compare(kb.At), cmp.Compare(ka.Store, kb.Store), cmp.Compare(ka.ID, kb.ID))
		if !v.Asc {
			c = -c
		}
		return c
	})
	return out
}

// rowOf is what a window returns of an order: its table columns.
func rowOf(o backend.Order) backend.Order {
	return backend.Order{Store: o.Store, ID: o.ID, Number: o.Number, VendorRef: o.VendorRef, Status: o.Status,
		Created: o.Created, Updated: o.Updated, Total: o.Total, Currency: o.Currency,
		Customer: backend.Customer{Name: o.Customer.Name, Email: o.Customer.Email}, ItemCount: o.ItemCount}
}

func rowIDs(os []backend.Order) string {
	var b strings.Builder
	for _, o := range os {
		b.WriteString(o.Store + "/" + o.ID + " ")
	}
	return b.String()
}
