package api2cartsim

import "github.com/orderdash/orderdash/backend/sim"

// adminOrder is an order as the simulated admin page shows it.
func (s *Server) adminOrder(id string) (sim.AdminOrder, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.byID[id]
	if !ok {
		return sim.AdminOrder{}, false
	}
	snap := o.snapshot()
	a := sim.AdminOrder{ID: o.id, Status: snap.StatusName}
	for _, p := range o.products {
		a.Items = append(a.Items, p.it)
	}
	return a, true
}
