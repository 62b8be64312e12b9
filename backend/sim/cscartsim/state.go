package cscartsim

import (
	"fmt"
	"maps"

	"github.com/orderdash/orderdash/backend/sim"
)

// state is what the state file keeps: every order's mutations and the
// change log. Mutations of ids the current data lacks are kept, not applied.
type state struct {
	Version int                  `json:"version"`
	Orders  map[string]*mutation `json:"orders"`
	Changes []Change             `json:"changes"`
	// Shipments are the shipments POST /shipments made, oldest first.
	Shipments []Shipment `json:"shipments,omitempty"`
}

type mutation struct {
	Status    string  `json:"status,omitempty"`
	UpdatedAt int64   `json:"updated_at,omitempty"`
	VendorRef *string `json:"vendor_ref,omitempty"`
}

func newState() state { return state{Version: 1, Orders: map[string]*mutation{}} }

func (s *Server) load() error {
	if s.opts.StateFile == "" {
		return nil
	}
	st := newState()
	if _, err := sim.LoadState(s.opts.StateFile, &st); err != nil {
		return fmt.Errorf("cscartsim: %w", err)
	}
	if st.Version != 1 {
		return fmt.Errorf("cscartsim: state file %s: unknown version %d", s.opts.StateFile, st.Version)
	}
	if st.Orders == nil {
		st.Orders = map[string]*mutation{}
	}
	for id, m := range st.Orders {
		if m == nil {
			return fmt.Errorf("cscartsim: state file %s: order %s has no data", s.opts.StateFile, id)
		}
		if m.Status != "" && !settable(m.Status) {
			return fmt.Errorf("cscartsim: state file %s: order %s has unknown status %q", s.opts.StateFile, id, m.Status)
		}
		o, ok := s.byID[id]
		if !ok {
			continue
		}
		if m.Status != "" {
			o.status = m.Status
		}
		if m.UpdatedAt != 0 {
			o.updated = m.UpdatedAt
		}
		if m.VendorRef != nil {
			o.vendorRef = *m.VendorRef
		}
	}
	s.changes = st.Changes
	st.Changes = nil // s.changes is the live log
	s.state = st
	return nil
}

// apply changes o (the caller holds s.mu for writing) and saves the state
// file first, so a change that cannot be saved is not made.
func (s *Server) apply(o *order, status, ref *string, notify bool) error {
	now := s.Now()
	changed := false
	var chg *Change
	if status != nil && *status != o.status {
		chg = &Change{OrderID: o.idStr, From: o.status, To: *status, Notify: notify, At: now.UTC()}
		changed = true
	}
	if ref != nil && *ref != o.vendorRef {
		changed = true
	}
	if !changed {
		return nil // same status again: CS-Cart does nothing, sends no mail
	}
	m := mutation{}
	if old, ok := s.state.Orders[o.idStr]; ok {
		m = *old
	}
	m.UpdatedAt = now.Unix()
	if chg != nil {
		m.Status = chg.To
	}
	if ref != nil {
		r := *ref
		m.VendorRef = &r
	}
	if s.opts.StateFile != "" {
		next := state{Version: 1, Orders: maps.Clone(s.state.Orders), Changes: s.changes, Shipments: s.state.Shipments}
		next.Orders[o.idStr] = &m
		if chg != nil {
			next.Changes = append(append([]Change(nil), s.changes...), *chg)
		}
		if err := sim.SaveState(s.opts.StateFile, next); err != nil {
			return err
		}
	}
	s.state.Orders[o.idStr] = &m
	o.updated = m.UpdatedAt
	if chg != nil {
		o.status = chg.To
		s.changes = append(s.changes, *chg)
	}
	if ref != nil {
		o.vendorRef = *ref
	}
	return nil
}
