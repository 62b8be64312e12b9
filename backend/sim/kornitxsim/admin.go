package kornitxsim

import (
	"strconv"

	"github.com/orderdash/orderdash/backend/sim"
)

// page is what the admin page shows of o, its status aside.
func page(o Order) sim.AdminOrder {
	a := sim.AdminOrder{ID: strconv.FormatInt(o.ID, 10), Number: o.Ref}
	for _, it := range o.Items {
		a.Items = append(a.Items, sim.Item{SKU: it.SKU, Name: it.Description, Qty: it.Quantity})
	}
	return a
}

// adminOrder is an order as the simulated admin page shows it: the
// status API's status, and what the order was made with.
func (s *Server) adminOrder(id string) (sim.AdminOrder, bool) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return sim.AdminOrder{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.orders[n]
	if !ok {
		return sim.AdminOrder{}, false
	}
	a, ok := s.pages[n]
	if !ok {
		a = sim.AdminOrder{ID: id}
	}
	a.Status = StatusName(st.Status)
	if a.Status == "" {
		a.Status = strconv.Itoa(st.Status)
	}
	return a, true
}
