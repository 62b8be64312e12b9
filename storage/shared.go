package storage

import (
	"slices"
	"sync"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// What every implementation of the contract shares besides the
// reconciliation rules: the in-flight set, how a journal entry is
// scanned, timestamps, the journal filter and the Kornit X inbox's order.

// Sending is the set of changes this process is sending now (a change
// may be sent twice at once: a count). The zero value is ready.
type Sending struct {
	mu  sync.Mutex
	ids map[int64]int
}

// Begin counts id as being sent.
func (s *Sending) Begin(id int64) {
	s.mu.Lock()
	if s.ids == nil {
		s.ids = map[int64]int{}
	}
	s.ids[id]++
	s.mu.Unlock()
}

// End is the end of one Begin.
func (s *Sending) End(id int64) {
	s.mu.Lock()
	if s.ids[id] <= 1 {
		delete(s.ids, id)
	} else {
		s.ids[id]--
	}
	s.mu.Unlock()
}

// Busy reports whether id is being sent.
func (s *Sending) Busy(id int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ids[id] > 0
}

// IDs lists the changes being sent.
func (s *Sending) IDs() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]int64, 0, len(s.ids))
	for id := range s.ids {
		ids = append(ids, id)
	}
	return ids
}

// ScanEntry scans a journal entry from the columns every implementation
// selects in this order (id, store, order_id, from_code … updated), then
// into extra (what the implementation keeps beside it).
func ScanEntry(scan func(dest ...any) error, extra ...any) (backend.JournalEntry, error) {
	var e backend.JournalEntry
	var from, to, res backend.Status
	var from3, to3, res3, state string
	var requested, sent, updated int64
	dest := append([]any{&e.ID, &e.Store, &e.OrderID, &from.Code, &from.Name, &from3, &to.Code, &to.Name, &to3,
		&e.Notify, &e.Note, &e.Tracking, &e.IdempotencyKey, &e.Operator, &requested, &state, &e.NeedsDecision, &e.Error,
		&res.Code, &res.Name, &res3, &e.Attempts, &sent, &updated}, extra...)
	if err := scan(dest...); err != nil {
		return backend.JournalEntry{}, err
	}
	from.Kind, to.Kind, res.Kind = backend.StatusKind(from3), backend.StatusKind(to3), backend.StatusKind(res3)
	e.From, e.To = from, to
	if res != (backend.Status{}) {
		e.Result = &res
	}
	e.State = backend.ChangeState(state)
	e.Requested, e.Sent, e.Updated = FromUnixNano(requested), FromUnixNano(sent), FromUnixNano(updated)
	return e, nil
}

// UnixNano is how t is stored: Unix nanoseconds; the zero time is 0.
func UnixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// FromUnixNano reads what UnixNano stored.
func FromUnixNano(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// WantedState reports whether a journal filter's states take s.
func WantedState(states []backend.ChangeState, s backend.ChangeState) bool {
	return len(states) == 0 || slices.Contains(states, s)
}

// WantsSettled reports whether a journal filter's states take settled
// changes (confirmed or dropped).
func WantsSettled(states []backend.ChangeState) bool {
	return len(states) == 0 || slices.Contains(states, backend.StateConfirmed) || slices.Contains(states, backend.StateDropped)
}

// KornitXOrderBy is the ORDER BY of a Kornit X inbox listing.
func KornitXOrderBy(sort backend.SortField, asc bool) string {
	col := "created"
	switch sort {
	case backend.SortID:
		col = "id_num"
	case backend.SortUpdated:
		col = "updated"
	}
	dir := "DESC"
	if asc {
		dir = "ASC"
	}
	order := col + " " + dir
	if col != "id_num" {
		order += ", id_num " + dir
	}
	return order
}
