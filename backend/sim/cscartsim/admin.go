package cscartsim

import "github.com/orderdash/orderdash/backend/sim"

// adminOrder is an order as the simulated admin page shows it.
func (s *Server) adminOrder(id string) (sim.AdminOrder, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	o, ok := s.byID[id]
	if !ok {
		return sim.AdminOrder{}, false
	}
	status := o.status
	for _, d := range statusDefs {
		if d.letter == o.status {
			status = d.name + " (" + d.letter + ")"
		}
	}
	a := sim.AdminOrder{ID: o.idStr, Status: status}
	for _, it := range o.items {
		a.Items = append(a.Items, it.it)
	}
	return a, true
}
