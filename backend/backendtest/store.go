package backendtest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Paging is how the store pages its list.
type Paging int

const (
	// PageNumbers: Cursor is a page number ("2"), Page.Number is set
	// (CS-Cart).
	PageNumbers Paging = iota
	// NextFlag: page numbers, but the platform only says whether there is
	// a next page and never a total (Lunasoft's next_page).
	NextFlag
	// Cursor: opaque tokens, no page numbers (API2Cart).
	Cursor
)

// Op names a Backend method, for injecting errors and latency.
type Op string

const (
	OpList      Op = "list"
	OpGet       Op = "get"
	OpStatuses  Op = "statuses"
	OpSetStatus Op = "set_status"
	OpVerify    Op = "verify"
)

// Config describes a store.
type Config struct {
	Name     string
	Platform string // default "memory"
	// Statuses are what an operator may set; default CSCartStatuses.
	Statuses []backend.Status
	// Capabilities; zero fields take defaults from Paging (see New).
	Caps   backend.Capabilities
	Paging Paging
	// Orders is how many orders to generate (0: none); Seed makes the data
	// repeatable; Newest is the creation time of the newest order.
	Orders int
	Seed   uint64
	Newest time.Time
	// Currency of generated orders (default "EUR").
	Currency string
	// Hostile puts escape sequences, control characters, bidi overrides
	// and very long notes into some generated orders.
	Hostile bool
	// Latency delays every call (honouring the context).
	Latency time.Duration
	// CanSet overrides the transition rule (default: DefaultCanSet).
	CanSet func(o backend.Order, to backend.Status) string
	// Now is the clock for changes (default time.Now).
	Now func() time.Time
}

// Store is an in-memory backend.Backend for the dashboard's tests and
// benchmarks: generated orders (up to hundreds of thousands), any status
// list and capabilities, page-number, next-page-flag or cursor paging, a
// status history or none, and switchable latency, errors, gates and
// rate-limit back-off.
type Store struct {
	cfg Config

	mu       sync.Mutex
	orders   []*backend.Order // newest first
	byID     map[string]*backend.Order
	errs     map[Op]error
	failNext map[Op][]error
	latency  map[Op]time.Duration
	gates    map[Op]chan struct{}
	waiting  map[Op]int
	backoff  time.Time
	calls    map[Op]int
	changes  []backend.Change
	queries  []backend.Query
}

// New builds a store and generates its orders.
func New(cfg Config) *Store {
	if cfg.Platform == "" {
		cfg.Platform = "memory"
	}
	if cfg.Name == "" {
		cfg.Name = "Memory store"
	}
	if cfg.Statuses == nil {
		cfg.Statuses = CSCartStatuses()
	}
	if cfg.Currency == "" {
		cfg.Currency = "EUR"
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.CanSet == nil {
		cfg.CanSet = DefaultCanSet
	}
	if cfg.Newest.IsZero() {
		cfg.Newest = time.Date(2026, 11, 20, 16, 30, 0, 0, time.UTC)
	}
	c := &cfg.Caps
	if c.MaxPageSize == 0 {
		c.MaxPageSize = 250
	}
	if c.DefaultPageSize == 0 {
		c.DefaultPageSize = 50
	}
	if cfg.Paging == PageNumbers && !c.Count {
		c.Count = true
	}
	if cfg.Paging == Cursor {
		c.Cursor = true
	}
	s := &Store{cfg: cfg, byID: map[string]*backend.Order{}, errs: map[Op]error{}, failNext: map[Op][]error{},
		latency: map[Op]time.Duration{}, gates: map[Op]chan struct{}{}, waiting: map[Op]int{}, calls: map[Op]int{}}
	for _, o := range generate(cfg) {
		s.add(o)
	}
	s.sort()
	return s
}

// CSCartStatuses is a CS-Cart-like status list (seed 001), settable ones.
func CSCartStatuses() []backend.Status {
	return []backend.Status{
		{Code: "O", Name: "Open", Kind: backend.KindPending},
		{Code: "P", Name: "Processed", Kind: backend.KindProcessing},
		{Code: "A", Name: "On hold", Kind: backend.KindOnHold},
		{Code: "C", Name: "Complete", Kind: backend.KindShipped},
		{Code: "D", Name: "Declined", Kind: backend.KindFailed},
		{Code: "B", Name: "Backordered", Kind: backend.KindOnHold},
		{Code: "I", Name: "Canceled", Kind: backend.KindCancelled},
		{Code: "E", Name: "Delivered", Kind: backend.KindCompleted},
		{Code: "R", Name: "Refunded", Kind: backend.KindRefunded},
	}
}

// DefaultCanSet refuses a move to the current status and out of final
// states: cancelled and refunded orders stay so; completed ones may only
// be refunded.
func DefaultCanSet(o backend.Order, to backend.Status) string {
	switch {
	case o.Status.Code == to.Code:
		return "already " + o.Status.Label()
	case o.Status.Kind == backend.KindCancelled || o.Status.Kind == backend.KindRefunded:
		return "a " + strings.ToLower(o.Status.Label()) + " order cannot change"
	case o.Status.Kind == backend.KindCompleted && to.Kind != backend.KindRefunded:
		return "a completed order can only be refunded"
	}
	return ""
}

func (s *Store) Name() string                       { return s.cfg.Name }
func (s *Store) Platform() string                   { return s.cfg.Platform }
func (s *Store) Capabilities() backend.Capabilities { return s.cfg.Caps }

// BackoffUntil reports the back-off set with SetBackoff, like httpx
// clients do.
func (s *Store) BackoffUntil() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.backoff
}

// CanSet applies the configured rule, after checking the status is one
// this store offers.
func (s *Store) CanSet(o backend.Order, to backend.Status) string {
	if _, ok := s.status(to.Code); !ok {
		return "this store does not offer " + to.Label()
	}
	return s.cfg.CanSet(o, to)
}

// status finds one of the statuses the store offers by its code.
func (s *Store) status(code string) (backend.Status, bool) {
	for _, st := range s.cfg.Statuses {
		if st.Code == code {
			return st, true
		}
	}
	return backend.Status{}, false
}

// begin counts a call, waits for its gate and latency, and returns an
// injected error if one is set.
func (s *Store) begin(ctx context.Context, op Op) error {
	s.mu.Lock()
	s.calls[op]++
	gate := s.gates[op]
	lat := s.cfg.Latency
	if d, ok := s.latency[op]; ok {
		lat = d
	}
	var err error
	if q := s.failNext[op]; len(q) > 0 {
		err, s.failNext[op] = q[0], q[1:]
	} else {
		err = s.errs[op]
	}
	if gate != nil {
		s.waiting[op]++
	}
	s.mu.Unlock()
	if gate != nil {
		var cerr error
		select {
		case <-gate:
		case <-ctx.Done():
			cerr = ctx.Err()
		}
		s.mu.Lock()
		s.waiting[op]--
		s.mu.Unlock()
		if cerr != nil {
			return s.ctxErr(op, cerr)
		}
	}
	if lat > 0 {
		t := time.NewTimer(lat)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return s.ctxErr(op, ctx.Err())
		}
	}
	if err != nil {
		return err
	}
	return ctx.Err()
}

func (s *Store) ctxErr(op Op, err error) error {
	return &backend.Error{Kind: backend.KindUnavailable, Store: s.cfg.Name, Op: string(op), Message: "gave up waiting", Err: err, Uncertain: op == OpSetStatus}
}

func (s *Store) Get(ctx context.Context, id string) (backend.Order, error) {
	if err := s.begin(ctx, OpGet); err != nil {
		return backend.Order{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.byID[id]
	if !ok {
		return backend.Order{}, &backend.Error{Kind: backend.KindNotFound, Store: s.cfg.Name, Op: "get order " + id, Message: "no such order"}
	}
	return detailed(*o, s.cfg.Caps.History), nil
}

func detailed(o backend.Order, history bool) backend.Order {
	o.Items = append([]backend.Item(nil), o.Items...)
	o.History = append([]backend.Event{}, o.History...)
	if !history {
		o.History = []backend.Event{}
	}
	o.Detailed = true
	return o
}

func (s *Store) Statuses(ctx context.Context) ([]backend.Status, error) {
	if err := s.begin(ctx, OpStatuses); err != nil {
		return nil, err
	}
	return append([]backend.Status(nil), s.cfg.Statuses...), nil
}

func (s *Store) SetStatus(ctx context.Context, ch backend.Change) (backend.Order, error) {
	if err := s.begin(ctx, OpSetStatus); err != nil {
		if backend.IsUncertain(err) {
			backend.NoteSend(ctx) // a lost answer: the request went out
		}
		return backend.Order{}, err
	}
	// The request reaches the store, whatever it answers: one attempt.
	backend.NoteSend(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.byID[ch.OrderID]
	if !ok {
		return backend.Order{}, &backend.Error{Kind: backend.KindNotFound, Store: s.cfg.Name, Op: "set status of " + ch.OrderID, Message: "no such order"}
	}
	to, ok := s.status(ch.To.Code)
	if !ok {
		return backend.Order{}, &backend.Error{Kind: backend.KindInvalidStatus, Store: s.cfg.Name, Op: "set status of " + ch.OrderID, Message: fmt.Sprintf("unknown status %q", ch.To.Code)}
	}
	if why := s.cfg.CanSet(*o, to); why != "" {
		return backend.Order{}, &backend.Error{Kind: backend.KindInvalidStatus, Store: s.cfg.Name, Op: "set status of " + ch.OrderID, Message: why}
	}
	now := s.cfg.Now().UTC()
	o.Status = to
	o.Updated = now
	if ch.Tracking != "" && s.cfg.Caps.Tracking {
		o.Tracking = ch.Tracking
	}
	if s.cfg.Caps.History {
		ev := backend.Event{At: now, Status: to, Source: backend.SourcePlatform, Actor: ch.Operator}
		if s.cfg.Caps.Notify {
			ev.Notified = ch.Notify
		}
		if s.cfg.Caps.Notes {
			ev.Note = ch.Note
		}
		if s.cfg.Caps.Tracking {
			ev.Tracking = ch.Tracking
		}
		o.History = append([]backend.Event{ev}, o.History...)
	}
	s.changes = append(s.changes, ch)
	return detailed(*o, s.cfg.Caps.History), nil
}

func (s *Store) Verify(ctx context.Context, ch backend.Change) (bool, backend.Order, error) {
	if err := s.begin(ctx, OpVerify); err != nil {
		return false, backend.Order{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.byID[ch.OrderID]
	if !ok {
		return false, backend.Order{}, &backend.Error{Kind: backend.KindNotFound, Store: s.cfg.Name, Op: "verify " + ch.OrderID, Message: "no such order"}
	}
	applied := o.Status.Code == ch.To.Code
	return applied, detailed(*o, s.cfg.Caps.History), nil
}

// --- test controls ---
