package api2cartsim

import (
	"fmt"

	"github.com/orderdash/orderdash/backend/sim"
)

// state is what the state file keeps: every applied update and shipment,
// replayed onto the generated orders at start.
type state struct {
	Version   int        `json:"version"`
	Updates   []Update   `json:"updates"`
	Shipments []Shipment `json:"shipments"`
}

const stateVersion = 1

func (s *Server) load() error {
	if s.opts.StateFile == "" {
		return nil
	}
	st := state{Version: stateVersion}
	if _, err := sim.LoadState(s.opts.StateFile, &st); err != nil {
		return fmt.Errorf("api2cartsim: %w", err)
	}
	if st.Version != stateVersion {
		return fmt.Errorf("api2cartsim: state file %s: unknown version %d", s.opts.StateFile, st.Version)
	}
	for _, u := range st.Updates {
		if _, ok := statusName(u.To); !ok {
			return fmt.Errorf("api2cartsim: state file %s: order %s has unknown status %q", s.opts.StateFile, u.OrderID, u.To)
		}
		s.applyUpdate(u)
	}
	for _, sh := range st.Shipments {
		s.applyShipment(sh)
	}
	return nil
}

// saveWith writes the state with u or sh added, before either is applied,
// so a change that cannot be saved is not made (the caller holds s.mu).
func (s *Server) saveWith(u Update, sh *Shipment) error {
	if s.opts.StateFile == "" {
		return nil
	}
	next := state{Version: stateVersion, Updates: s.updates, Shipments: s.shipments}
	if u.OrderID != "" {
		next.Updates = append(append([]Update(nil), s.updates...), u)
	}
	if sh != nil {
		next.Shipments = append(append([]Shipment(nil), s.shipments...), *sh)
	}
	return sim.SaveState(s.opts.StateFile, next)
}
