package ui

import (
	"context"
	"errors"
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

	statuses        []backend.Status
	statusesErr     error
	statusesReq     int64
	statusesLoading bool

	lastSync time.Time // last successful answer of any kind
	lastErr  string    // the last failure, until an answer succeeds
	inflight int
	// offline is set when the store could not be reached; its rows are
	// still browsed from the mirror, read-only, until an answer succeeds.
	offline bool
	// refresh is how often the store asks its visible page to be re-read
	// (Kornit X: orders are pushed to us); 0 for the [ui] refresh.
	refresh time.Duration
	// mirror is the latest report of the store's background sync, once
	// mirrorKnown; mirrorStopSaid once its stop is on the error line.
	mirror         backend.SyncProgress
	mirrorKnown    bool
	mirrorStopSaid bool
}

// minStoreRefresh keeps a store's own refresh hint from turning into a
// busy loop.
const minStoreRefresh = time.Second

func newStore(idx int, b backend.Backend, readOnly bool) *store {
	s := &store{idx: idx, b: b, name: backend.CleanLine(b.Name()), caps: b.Capabilities(), readOnly: readOnly}
	if s.name == "" {
		s.name = "store " + itoa(idx+1)
	}
	if d := s.caps.RefreshInterval; d > 0 {
		s.refresh = max(d, minStoreRefresh)
	}
	return s
}

// ok records an answer from the store; it reports whether the store was
// offline until now.
func (s *store) ok(at time.Time) (back bool) {
	back = s.offline
	s.lastSync = at
	s.lastErr = ""
	s.offline = false
	return back
}

// fail records a failure; one that says the store cannot be reached takes
// it offline.
func (s *store) fail(err error) {
	s.lastErr = s.errText(err)
	if unreachable(err) {
		s.offline = true
	}
}

// unreachable reports whether err says the store could not be reached
// (network down, timeouts, 5xx, maintenance) rather than that it refused.
func unreachable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	return backend.KindOf(err) == backend.KindUnavailable
}

// backoffLeft is how long the client still holds requests back.
func (s *store) backoffLeft(now time.Time) time.Duration {
	if d := s.b.BackoffUntil().Sub(now); d > 0 {
		return d
	}
	return 0
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

// writesOff says why nothing may be changed on s now ("" when changes are
// allowed): read-only for everyone, read-only for this store, or offline.
func (m *Model) writesOff(s *store) string {
	switch {
	case m.opts.ReadOnly:
		return readOnlyText("status changes are off")
	case s.readOnly:
		return s.name + " is read-only: status changes are off for it"
	case m.team.offline:
		return dbOfflineText
	case s.offline:
		return s.name + " is offline (showing the mirror): changes wait until it answers; " + m.keys.first(actRefresh) + " retries"
	}
	return ""
}

// readOnlyText is the one line a write key answers in read-only mode: the
// key is not silently ignored, the operator learns why and from where.
func readOnlyText(what string) string {
	return "read-only (started with --read-only): " + what
}
