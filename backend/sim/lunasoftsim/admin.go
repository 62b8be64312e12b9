package lunasoftsim

import "github.com/orderdash/orderdash/backend/sim"

// adminOrder is an order as the simulated admin page shows it.
func (s *Server) adminOrder(id string) (sim.AdminOrder, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	o, ok := s.byID[id]
	if !ok {
		return sim.AdminOrder{}, false
	}
	return sim.AdminOrder{ID: o.idStr, Status: o.current, Items: append([]sim.Item(nil), o.base.Items...)}, true
}
