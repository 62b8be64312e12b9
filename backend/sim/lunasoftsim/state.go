package lunasoftsim

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/orderdash/orderdash/backend/sim"
)

// state is what the state file keeps: the rows each order gained through
// POSTs (oldest first) and the next history id. Rows of ids the current data
// lacks are kept, not applied.
type state struct {
	Version int                  `json:"version"`
	NextID  int                  `json:"next_status_id"`
	Orders  map[string]*mutation `json:"orders"`
}

type mutation struct {
	Added    []entry   `json:"added"`
	Modified time.Time `json:"modified"`
}

func newState() state { return state{Version: 1, Orders: map[string]*mutation{}} }

func (s *Server) load() error {
	if s.opts.StateFile == "" {
		return nil
	}
	st := newState()
	if _, err := sim.LoadState(s.opts.StateFile, &st); err != nil {
		return fmt.Errorf("lunasoftsim: %w", err)
	}
	if st.Version != 1 {
		return fmt.Errorf("lunasoftsim: state file %s: unknown version %d", s.opts.StateFile, st.Version)
	}
	if st.Orders == nil {
		st.Orders = map[string]*mutation{}
	}
	for id, m := range st.Orders {
		if m == nil {
			return fmt.Errorf("lunasoftsim: state file %s: order %s has no data", s.opts.StateFile, id)
		}
		for _, e := range m.Added {
			if e.Status == "" || e.ID <= 0 {
				return fmt.Errorf("lunasoftsim: state file %s: order %s has an invalid status row", s.opts.StateFile, id)
			}
			s.nextID = max(s.nextID, e.ID+1)
		}
		o, ok := s.byID[id]
		if !ok {
			continue
		}
		for _, e := range m.Added {
			o.history = append([]entry{e}, o.history...)
			o.current = e.Status
		}
		o.modified = m.Modified
	}
	s.nextID = max(s.nextID, st.NextID)
	s.state = st
	return nil
}

// add prepends e to o's history (the caller holds s.mu for writing), saving
// the state file first so a row that cannot be saved is not added.
func (s *Server) add(o *order, e entry) error {
	m := mutation{}
	if old, ok := s.state.Orders[o.idStr]; ok {
		m = *old
	}
	m.Added = append(slices.Clip(m.Added), e)
	m.Modified = e.Created
	if s.opts.StateFile != "" {
		next := state{Version: 1, NextID: e.ID + 1, Orders: maps.Clone(s.state.Orders)}
		next.Orders[o.idStr] = &m
		if err := sim.SaveState(s.opts.StateFile, next); err != nil {
			return err
		}
	}
	s.state.Orders[o.idStr] = &m
	s.state.NextID = e.ID + 1
	s.nextID = e.ID + 1
	o.history = append([]entry{e}, o.history...)
	o.current = e.Status
	o.modified = e.Created
	return nil
}
