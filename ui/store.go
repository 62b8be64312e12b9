package ui

import (
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// store is one configured store as the dashboard tracks it: the backend,
// what it can do, its settable statuses and its health.
type store struct {
	idx      int
	b        backend.Backend
	name     string // cleaned for the screen
	caps     backend.Capabilities
	readOnly bool
	base     *feed // the unfiltered list, shared by its tab and All stores

	statuses        []backend.Status
	statusesErr     error
	statusesReq     int64
	statusesLoading bool

	lastSync time.Time // last successful answer of any kind
	lastErr  string    // the last failure, until an answer succeeds
	errAt    time.Time
	inflight int
	backoff  func() time.Time // from the client, when it exposes one
}

// backoffAware is implemented by clients built on httpx: they say when a
// rate-limit back-off ends.
type backoffAware interface{ BackoffUntil() time.Time }

func newStore(idx int, b backend.Backend, readOnly bool) *store {
	s := &store{idx: idx, b: b, name: backend.CleanLine(b.Name()), caps: b.Capabilities(), readOnly: readOnly}
	if s.name == "" {
		s.name = "store " + itoa(idx+1)
	}
	if ba, ok := b.(backoffAware); ok {
		s.backoff = ba.BackoffUntil
	}
	return s
}

func (s *store) ok(at time.Time) {
	s.lastSync = at
	s.lastErr = ""
}

func (s *store) fail(at time.Time, err error) {
	s.lastErr = s.errText(err)
	s.errAt = at
}

// backoffLeft is how long the client still holds requests back.
func (s *store) backoffLeft(now time.Time) time.Duration {
	if s.backoff == nil {
		return 0
	}
	if d := s.backoff().Sub(now); d > 0 {
		return d
	}
	return 0
}

// pageSize is the rows per page asked of this store: the config's, capped
// at the platform's maximum.
func (s *store) pageSize(want int) int {
	if s.caps.FixedPageSize && s.caps.DefaultPageSize > 0 {
		return s.caps.DefaultPageSize
	}
	if s.caps.MaxPageSize > 0 && want > s.caps.MaxPageSize {
		return s.caps.MaxPageSize
	}
	return want
}

// errorLine is an error as one clean line for the screen.
func errorLine(err error) string {
	if err == nil {
		return ""
	}
	return backend.CleanLine(err.Error())
}

// errText is an error of this store as one line, without the store's
// name when the error already starts with it (it is shown next to it).
func (s *store) errText(err error) string {
	return strings.TrimPrefix(errorLine(err), s.name+": ")
}
