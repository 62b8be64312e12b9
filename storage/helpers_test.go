package storage

import (
	"context"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

func openTest(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "data", FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

var (
	stNew     = backend.Status{Code: "O", Name: "Open", Kind: backend.KindPending}
	stShipped = backend.Status{Code: "C", Name: "Complete", Kind: backend.KindCompleted}
)

func change(store, id string) backend.Change {
	return backend.Change{Store: store, OrderID: id, From: stNew, To: stShipped, Notify: true, Note: "boxed", Tracking: "1Z999"}
}

// fakeStore is a platform in memory that counts what reaches it.
type fakeStore struct {
	name string
	caps backend.Capabilities

	mu      sync.Mutex
	orders  map[string]*backend.Order
	applies []backend.Change // every change the platform applied
	sets    []backend.Change // every SetStatus call
	seen    map[string]bool  // idempotency keys honoured (when keyed)
	keyed   bool             // the platform takes idempotency keys

	// setErr is returned by SetStatus, after applying the change when
	// applyFirst is set (the answer was lost).
	setErr     error
	applyFirst bool
	verifyErr  error
	verifies   int
	// hook runs inside SetStatus before anything else; verifyHook inside
	// Verify.
	hook, verifyHook func()
	// sends is how many write requests each SetStatus reports as its
	// transport would (newFake: 1).
	sends int
}

func newFake(name string, safe bool) *fakeStore {
	f := &fakeStore{name: name, orders: map[string]*backend.Order{}, seen: map[string]bool{}, keyed: safe, sends: 1}
	f.caps = backend.Capabilities{History: true, SafeResend: safe}
	for _, id := range []string{"1", "2", "3"} {
		f.orders[id] = &backend.Order{Store: name, ID: id, Status: stNew, History: []backend.Event{}}
	}
	return f
}

func (f *fakeStore) Name() string                       { return f.name }
func (f *fakeStore) Platform() string                   { return "fake" }
func (f *fakeStore) Capabilities() backend.Capabilities { return f.caps }
func (f *fakeStore) BackoffUntil() time.Time            { return time.Time{} }
func (f *fakeStore) List(context.Context, backend.Query) (backend.Page, error) {
	return backend.Page{}, nil
}
func (f *fakeStore) Statuses(context.Context) ([]backend.Status, error) {
	return []backend.Status{stNew, stShipped}, nil
}
func (f *fakeStore) CanSet(backend.Order, backend.Status) string { return "" }

func (f *fakeStore) Get(_ context.Context, id string) (backend.Order, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	o, ok := f.orders[id]
	if !ok {
		return backend.Order{}, &backend.Error{Kind: backend.KindNotFound, Store: f.name}
	}
	c := *o
	c.Detailed = true
	return c, nil
}

func (f *fakeStore) SetStatus(ctx context.Context, ch backend.Change) (backend.Order, error) {
	if f.hook != nil {
		f.hook()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for range f.sends {
		backend.NoteSend(ctx)
	}
	f.sets = append(f.sets, ch)
	o, ok := f.orders[ch.OrderID]
	if !ok {
		return backend.Order{}, &backend.Error{Kind: backend.KindNotFound, Store: f.name, Op: "set status"}
	}
	if f.setErr != nil && !f.applyFirst {
		return backend.Order{}, f.setErr
	}
	if !(f.keyed && f.seen[ch.IdempotencyKey]) {
		f.seen[ch.IdempotencyKey] = true
		f.applies = append(f.applies, ch)
		o.Status = ch.To
		o.History = append([]backend.Event{{At: time.Now().UTC(), Status: ch.To, Note: ch.Note, Source: backend.SourcePlatform}}, o.History...)
	}
	if f.setErr != nil {
		return backend.Order{}, f.setErr
	}
	c := *o
	c.Detailed = true
	return c, nil
}

func (f *fakeStore) Verify(ctx context.Context, ch backend.Change) (bool, backend.Order, error) {
	if f.verifyHook != nil {
		f.verifyHook()
	}
	f.mu.Lock()
	f.verifies++
	err := f.verifyErr
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

func (f *fakeStore) appliedCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.applies)
}

func (f *fakeStore) setCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.sets)
}

var (
	errLost = &backend.Error{Kind: backend.KindUnavailable, Message: "connection reset", Uncertain: true}
)

func mustChange(t testing.TB, db *DB, id int64) backend.JournalEntry {
	t.Helper()
	e, err := db.Change(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// openAt opens the database at path, as another process or session
// would; it is closed when t ends.
func openAt(t testing.TB, path string) *DB {
	t.Helper()
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// recordSent records ch in j and marks its request sent: a change in
// flight, whose outcome is not yet known.
func recordSent(t testing.TB, j backend.Journal, ch *backend.Change) {
	t.Helper()
	ctx := context.Background()
	if err := j.Record(ctx, ch); err != nil {
		t.Fatal(err)
	}
	if err := j.Sent(ctx, ch.ID); err != nil {
		t.Fatal(err)
	}
}

func sampleOrder(store string, i int) backend.Order {
	return backend.Order{
		Store: store, ID: strconv.Itoa(i), Number: "N" + strconv.Itoa(i),
		Status:   stNew,
		Created:  time.Date(2026, 11, 20, 10, 4, 5, 0, time.UTC).Add(time.Duration(i) * time.Minute),
		Customer: backend.Customer{Name: "Ann Lee", Email: "ann@example.com"},
		Total:    "677.95", Currency: "EUR", ItemCount: 2,
		ShipTo: backend.Address{Name: "Ann Lee", Lines: []string{"10 Main St"}, City: "Salt Lake City", Country: "US"},
	}
}

// sampleOrders are orders from..from+n-1 of a store.
func sampleOrders(store string, from, n int) []backend.Order {
	var out []backend.Order
	for i := from; i < from+n; i++ {
		out = append(out, sampleOrder(store, i))
	}
	return out
}
