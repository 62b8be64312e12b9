package kornitx

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// MemStore is an OrderStore in memory: for tests, and for a receiver run
// without a database (nothing survives a restart).
type MemStore struct {
	path   string // the JSON file it is kept in; "" for none (NewFileStore)
	mu     sync.RWMutex
	orders map[string]*memOrder // by store + "\x00" + id
}

type memOrder struct {
	o        backend.Order
	raw      []byte
	received time.Time
}

// NewMemStore returns an empty store.
func NewMemStore() *MemStore { return &MemStore{orders: map[string]*memOrder{}} }

var _ OrderStore = (*MemStore)(nil)

func key(store, id string) string { return store + "\x00" + id }

// SavePush implements OrderStore.
func (m *MemStore) SavePush(ctx context.Context, store string, o backend.Order, raw []byte, at time.Time) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	k := key(store, o.ID)
	o = cloneOrder(o)
	o.Store = store
	old, exists := m.orders[k]
	next := &memOrder{o: o, raw: slices.Clone(raw), received: at}
	if exists {
		o.Status, o.Tracking, o.History = old.o.Status, old.o.Tracking, old.o.History
		if old.o.Updated.After(o.Updated) {
			o.Updated = old.o.Updated
		}
		next.o, next.received = o, old.received
	} else if next.o.History == nil {
		next.o.History = []backend.Event{}
	}
	m.orders[k] = next
	if err := m.saveLocked(); err != nil {
		if exists {
			m.orders[k] = old
		} else {
			delete(m.orders, k)
		}
		return false, fmt.Errorf("save pushed order %s: %w", o.ID, err)
	}
	return !exists, nil
}

// Raw is the body an order last came in.
func (m *MemStore) Raw(store, id string) []byte {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if o, ok := m.orders[key(store, id)]; ok {
		return slices.Clone(o.raw)
	}
	return nil
}

// Len is the number of orders kept for store.
func (m *MemStore) Len(store string) int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	n := 0
	for k := range m.orders {
		if strings.HasPrefix(k, store+"\x00") {
			n++
		}
	}
	return n
}

// List implements OrderStore.
func (m *MemStore) List(ctx context.Context, store string, q backend.Query) (backend.Page, error) {
	if err := ctx.Err(); err != nil {
		return backend.Page{}, err
	}
	page, ok := backend.PageNumber(q.Cursor)
	if !ok {
		return backend.Page{}, &backend.Error{Kind: backend.KindInvalidRequest, Store: store, Op: "list orders", Message: "bad page " + strconv.Quote(q.Cursor)}
	}
	size := q.PageSize
	if size <= 0 {
		size = DefaultPageSize
	}
	m.mu.RLock()
	var all []backend.Order
	for k, mo := range m.orders {
		if strings.HasPrefix(k, store+"\x00") && Matches(mo.o, q) {
			row := cloneOrder(mo.o)
			row.History, row.Detailed = nil, false
			all = append(all, row)
		}
	}
	m.mu.RUnlock()
	SortOrders(all, q.Sort, q.Asc)
	p := backend.Page{Number: page, Total: len(all)}
	start := min((page-1)*size, len(all))
	end := min(start+size, len(all))
	p.Orders = all[start:end]
	if end < len(all) {
		p.Next = backend.NextPage(page)
	}
	return p, nil
}

// Matches reports whether o passes q's filters, as OrderStore.List
// defines them.
func Matches(o backend.Order, q backend.Query) bool {
	if len(q.Statuses) > 0 && !slices.Contains(q.Statuses, o.Status.Code) {
		return false
	}
	if e := strings.TrimSpace(q.Email); e != "" && !strings.EqualFold(e, o.Customer.Email) {
		return false
	}
	if !q.UpdatedSince.IsZero() && o.Updated.Before(q.UpdatedSince) {
		return false
	}
	s := strings.ToLower(strings.TrimSpace(q.Search))
	if s == "" {
		return true
	}
	for _, f := range []string{o.ID, o.Number, o.VendorRef, o.Customer.Name, o.Customer.Email, o.Tracking} {
		if strings.Contains(strings.ToLower(f), s) {
			return true
		}
	}
	return false
}

// SortOrders orders rows as OrderStore.List defines it; ties go by id.
func SortOrders(rows []backend.Order, by backend.SortField, asc bool) {
	idNum := func(o backend.Order) int64 { n, _ := strconv.ParseInt(o.ID, 10, 64); return n }
	less := func(a, b backend.Order) int {
		var c int
		switch by {
		case backend.SortID:
			c = cmp.Compare(idNum(a), idNum(b))
		case backend.SortUpdated:
			c = a.Updated.Compare(b.Updated)
		default:
			c = a.Created.Compare(b.Created)
		}
		if c == 0 {
			c = cmp.Compare(idNum(a), idNum(b))
		}
		return c
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if asc {
			return less(rows[i], rows[j]) < 0
		}
		return less(rows[i], rows[j]) > 0
	})
}

// Get implements OrderStore.
func (m *MemStore) Get(ctx context.Context, store, id string) (backend.Order, error) {
	if err := ctx.Err(); err != nil {
		return backend.Order{}, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	mo, ok := m.orders[key(store, id)]
	if !ok {
		return backend.Order{}, notFound(store, id)
	}
	return cloneOrder(mo.o), nil
}

// SetStatus implements OrderStore.
func (m *MemStore) SetStatus(ctx context.Context, store, id string, st backend.Status, tracking string, ev backend.Event) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	k := key(store, id)
	old, ok := m.orders[k]
	if !ok {
		return notFound(store, id)
	}
	next := *old
	next.o = cloneOrder(old.o)
	next.o.Status = st
	if tracking != "" {
		next.o.Tracking = tracking
	}
	next.o.Updated = ev.At
	next.o.History = append([]backend.Event{ev}, next.o.History...)
	m.orders[k] = &next
	if err := m.saveLocked(); err != nil {
		m.orders[k] = old
		return fmt.Errorf("record status of %s: %w", id, err)
	}
	return nil
}

func notFound(store, id string) error {
	return &backend.Error{Kind: backend.KindNotFound, Store: store, Op: "read order " + backend.CleanLine(id),
		Message: "no order " + backend.CleanLine(id) + " has been pushed to this store"}
}

func cloneOrder(o backend.Order) backend.Order {
	o.Items = slices.Clone(o.Items)
	o.History = slices.Clone(o.History)
	o.ShipTo.Lines = slices.Clone(o.ShipTo.Lines)
	if o.BillTo != nil {
		b := *o.BillTo
		b.Lines = slices.Clone(b.Lines)
		o.BillTo = &b
	}
	return o
}
