package backendtest

import (
	"context"

	"github.com/orderdash/orderdash/backend"
)

// OpFind is Find, for injecting errors and latency.
const OpFind Op = "find"

var _ backend.Finder = (*Store)(nil)

// Find implements backend.Finder: the orders whose id, number or vendor
// ref is text (backend.MatchesLookup), in full, as Get returns them.
func (s *Store) Find(ctx context.Context, text string) ([]backend.Order, error) {
	if err := s.begin(ctx, OpFind); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []backend.Order{}
	for _, o := range s.orders {
		if backend.MatchesLookup(*o, text) {
			out = append(out, detailed(*o, s.cfg.Caps.History))
		}
	}
	return out, nil
}
