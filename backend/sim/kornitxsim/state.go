package kornitxsim

import (
	"fmt"
	"strconv"

	"github.com/orderdash/orderdash/backend/sim"
)

// state is what the state file keeps: the next order's number and the
// status of every order that was ever made or changed. Pushed orders are
// not kept whole: the receiver has them; the status API needs only ids.
type state struct {
	Version int                    `json:"version"`
	Next    int                    `json:"next"`
	Orders  map[string]*orderState `json:"orders"`
}

func (s *Server) load() error {
	if s.opts.StateFile == "" {
		return nil
	}
	st := state{Orders: map[string]*orderState{}}
	found, err := sim.LoadState(s.opts.StateFile, &st)
	if err != nil {
		return fmt.Errorf("kornitxsim: %w", err)
	}
	if !found {
		return nil
	}
	if st.Version != 1 {
		return fmt.Errorf("kornitxsim: state file %s: unknown version %d", s.opts.StateFile, st.Version)
	}
	for id, o := range st.Orders {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || o == nil {
			return fmt.Errorf("kornitxsim: state file %s: bad order %q", s.opts.StateFile, id)
		}
		if _, ok := settable[o.Status]; !ok && o.Status != 1 {
			return fmt.Errorf("kornitxsim: state file %s: order %s has unknown status %d", s.opts.StateFile, id, o.Status)
		}
		c := *o
		s.orders[n] = &c
	}
	if st.Next > s.next {
		s.next = st.Next
	}
	return nil
}

// saveWith writes the state file as it will be once order id has st and
// the counter is next; the caller holds s.mu and applies the change only
// when this succeeds, so memory never runs ahead of the file.
func (s *Server) saveWith(next int, id int64, st *orderState) error {
	if s.opts.StateFile == "" {
		return nil
	}
	out := state{Version: 1, Next: next, Orders: make(map[string]*orderState, len(s.orders)+1)}
	for k, v := range s.orders {
		out.Orders[strconv.FormatInt(k, 10)] = v
	}
	out.Orders[strconv.FormatInt(id, 10)] = st
	if err := sim.SaveState(s.opts.StateFile, out); err != nil {
		return fmt.Errorf("kornitxsim: %w", err)
	}
	return nil
}
