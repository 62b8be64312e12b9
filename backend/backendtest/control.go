package backendtest

import (
	"sort"
	"sync"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// What a test does to the fake store from outside: faults, latency,
// gates, and what it has seen.

// SetError makes every call of op fail with err (nil clears it).
func (s *Store) SetError(op Op, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil {
		delete(s.errs, op)
		return
	}
	s.errs[op] = err
}

// FailNext makes the next calls of op fail with errs, one each.
func (s *Store) FailNext(op Op, errs ...error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext[op] = append(s.failNext[op], errs...)
}

// SetLatency delays calls of op by d (overriding Config.Latency).
func (s *Store) SetLatency(op Op, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency[op] = d
}

// Gate holds every call of op until the returned release is called;
// release returns once the held calls have passed the gate.
func (s *Store) Gate(op Op) (release func()) {
	ch := make(chan struct{})
	s.mu.Lock()
	s.gates[op] = ch
	s.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			s.mu.Lock()
			if s.gates[op] == ch {
				delete(s.gates, op)
			}
			s.mu.Unlock()
			close(ch)
			for {
				s.mu.Lock()
				n := s.waiting[op]
				s.mu.Unlock()
				if n == 0 {
					return
				}
				time.Sleep(50 * time.Microsecond)
			}
		})
	}
}

// Waiting reports how many calls are held at gates right now.
func (s *Store) Waiting() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, w := range s.waiting {
		n += w
	}
	return n
}

// SetBackoff sets what BackoffUntil reports.
func (s *Store) SetBackoff(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.backoff = t
}

// Calls reports how many times op was called.
func (s *Store) Calls(op Op) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[op]
}

// Changes returns the changes applied so far.
func (s *Store) Changes() []backend.Change {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]backend.Change(nil), s.changes...)
}

// Queries returns the list queries received so far.
func (s *Store) Queries() []backend.Query {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]backend.Query(nil), s.queries...)
}

// Order returns a copy of one order as stored.
func (s *Store) Order(id string) (backend.Order, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.byID[id]
	if !ok {
		return backend.Order{}, false
	}
	return detailed(*o, s.cfg.Caps.History), true
}

// Put adds or replaces orders (keeping newest first).
func (s *Store) Put(orders ...backend.Order) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, o := range orders {
		if old, ok := s.byID[o.ID]; ok {
			*old = o
			continue
		}
		s.add(o)
	}
	s.sort()
}

// Len is the number of orders.
func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.orders)
}

func (s *Store) add(o backend.Order) {
	if o.Store == "" {
		o.Store = s.cfg.Name
	}
	cp := o
	s.orders = append(s.orders, &cp)
	s.byID[o.ID] = &cp
}

func (s *Store) sort() {
	sort.SliceStable(s.orders, func(i, j int) bool {
		if !s.orders[i].Created.Equal(s.orders[j].Created) {
			return s.orders[i].Created.After(s.orders[j].Created)
		}
		return s.orders[i].ID > s.orders[j].ID
	})
}

var _ backend.Backend = (*Store)(nil)
