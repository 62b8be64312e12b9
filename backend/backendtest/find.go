package backendtest

import (
	"context"
	"strings"

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
	// A store with an e-mail filter answers an address as CS-Cart's
	// does: every order whose e-mail contains it.
	email := ""
	if s.cfg.Caps.EmailFilter && backend.LooksLikeEmail(text) {
		email = strings.ToLower(strings.TrimSpace(text))
	}
	out := []backend.Order{}
	for _, o := range s.orders {
		if backend.MatchesLookup(*o, text) || (email != "" && strings.Contains(strings.ToLower(o.Customer.Email), email)) {
			out = append(out, detailed(*o, s.cfg.Caps.History))
		}
	}
	return out, nil
}
