// Package fake is a platform in memory for the journal's tests: it counts
// what reaches it, can lose an answer before or after applying a change,
// and honours idempotency keys when told to. It imports only backend, so
// storage's own tests can use it as well as storagetest, which imports
// storage.
package fake

import (
	"context"
	"sync"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// The two statuses every fake order moves between.
var (
	Open    = backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}
	Shipped = backend.Status{Code: "C", Name: "Complete", Kind: backend.KindCompleted}
)

// Errors a platform answers with: an answer lost on the way (the change
// may or may not have been applied), a refusal, and no connection.
var (
	ErrLost        = &backend.Error{Kind: backend.KindUnavailable, Message: "connection reset", Uncertain: true}
	ErrRefused     = &backend.Error{Kind: backend.KindInvalidStatus, Message: "status not allowed"}
	ErrUnreachable = &backend.Error{Kind: backend.KindUnavailable, Message: "dial tcp: connection refused"}
)

// Change ships order id of store, with a note and tracking.
func Change(store, id string) backend.Change {
	return backend.Change{Store: store, OrderID: id, From: Open, To: Shipped, Notify: true, Note: "boxed", Tracking: "1Z999"}
}

// Store is a platform in memory that counts what reaches it. Tests set
// its fields between calls, never while one is running.
type Store struct {
	name string
	Caps backend.Capabilities

	mu      sync.Mutex
	Orders  map[string]*backend.Order
	applies []backend.Change // every change the platform applied
	Sets    []backend.Change // every SetStatus call
	seen    map[string]bool  // idempotency keys honoured (when keyed)
	keyed   bool             // the platform takes idempotency keys

	// SetErr is returned by SetStatus, after applying the change when
	// ApplyFirst is set (the answer was lost).
	SetErr     error
	ApplyFirst bool
	VerifyErr  error
	Verifies   int
	// Hook runs inside SetStatus before anything else; VerifyHook inside
	// Verify.
	Hook, VerifyHook func()
	// Sends is how many write requests each SetStatus reports as its
	// transport would (NewStore: 1).
	Sends int
}

// NewStore is a store with orders "1" to "3", all Open; safe says whether
// it honours idempotency keys (and so may be resent to safely).
func NewStore(name string, safe bool) *Store {
	f := &Store{name: name, Orders: map[string]*backend.Order{}, seen: map[string]bool{}, keyed: safe, Sends: 1}
	f.Caps = backend.Capabilities{History: true, SafeResend: safe}
	for _, id := range []string{"1", "2", "3"} {
		f.Orders[id] = &backend.Order{Store: name, ID: id, Status: Open, History: []backend.Event{}}
	}
	return f
}

func (f *Store) Name() string                       { return f.name }
func (f *Store) Platform() string                   { return "fake" }
func (f *Store) Capabilities() backend.Capabilities { return f.Caps }
func (f *Store) BackoffUntil() time.Time            { return time.Time{} }
func (f *Store) List(context.Context, backend.Query) (backend.Page, error) {
	return backend.Page{}, nil
}

func (f *Store) Statuses(context.Context) ([]backend.Status, error) {
	return []backend.Status{Open, Shipped}, nil
}

func (f *Store) CanSet(backend.Order, backend.Status) string { return "" }

func (f *Store) Get(_ context.Context, id string) (backend.Order, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	o, ok := f.Orders[id]
	if !ok {
		return backend.Order{}, &backend.Error{Kind: backend.KindNotFound, Store: f.name}
	}
	c := *o
	c.Detailed = true
	return c, nil
}

func (f *Store) SetStatus(ctx context.Context, ch backend.Change) (backend.Order, error) {
	if f.Hook != nil {
		f.Hook()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for range f.Sends {
		backend.NoteSend(ctx)
	}
	f.Sets = append(f.Sets, ch)
	o, ok := f.Orders[ch.OrderID]
	if !ok {
		return backend.Order{}, &backend.Error{Kind: backend.KindNotFound, Store: f.name, Op: "set status"}
	}
	if f.SetErr != nil && !f.ApplyFirst {
		return backend.Order{}, f.SetErr
	}
	if !(f.keyed && f.seen[ch.IdempotencyKey]) {
		f.seen[ch.IdempotencyKey] = true
		f.applies = append(f.applies, ch)
		o.Status = ch.To
		o.History = append([]backend.Event{{At: time.Now().UTC(), Status: ch.To, Note: ch.Note, Source: backend.SourcePlatform}}, o.History...)
	}
	if f.SetErr != nil {
		return backend.Order{}, f.SetErr
	}
	c := *o
	c.Detailed = true
	return c, nil
}

func (f *Store) Verify(ctx context.Context, ch backend.Change) (bool, backend.Order, error) {
	if f.VerifyHook != nil {
		f.VerifyHook()
	}
	f.mu.Lock()
	f.Verifies++
	err := f.VerifyErr
	f.mu.Unlock()
	if err != nil {
		return false, backend.Order{}, err
	}
	o, err := f.Get(ctx, ch.OrderID)
	if err != nil {
		return false, backend.Order{}, err
	}
	return o.Status.Code == ch.To.Code, o, nil
}

// AppliedCount is how many changes the platform applied (a resend with a
// key it has seen is not applied again).
func (f *Store) AppliedCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.applies)
}

// SetCount is how many SetStatus calls reached the platform.
func (f *Store) SetCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.Sets)
}

// EditOrder changes order id under the store's lock, as the platform
// would between two calls.
func (f *Store) EditOrder(id string, edit func(o *backend.Order)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	edit(f.Orders[id])
}
