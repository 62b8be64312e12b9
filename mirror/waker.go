package mirror

import "sync"

// Waker asks Run for a store's next pass now rather than at the end of
// its interval: after the operator changed an order, or asked to refresh.
// Wakes coalesce: however many come while a pass runs, at most one more
// pass follows it. A store in back-off after a failed pass is not read
// sooner: its wake re-sends its failed report, which says when the next
// pass comes. A nil *Waker is valid and never wakes anything.
type Waker struct {
	mu     sync.Mutex
	stores map[string]chan struct{}
}

// NewWaker returns a Waker to pass as Options.Waker.
func NewWaker() *Waker { return &Waker{stores: map[string]chan struct{}{}} }

// Wake asks for store's next pass now. It never blocks; a store Run does
// not sync ignores it (a wake sent before Run starts is kept).
func (w *Waker) Wake(store string) {
	if w == nil {
		return
	}
	select {
	case w.ch(store) <- struct{}{}:
	default: // a wake is already waiting: this one is the same pass
	}
}

// woken is the channel Run's loop for store waits on; nil (never ready)
// for a nil Waker.
func (w *Waker) woken(store string) <-chan struct{} {
	if w == nil {
		return nil
	}
	return w.ch(store)
}

// drain forgets a waiting wake of store: the pass about to start answers
// it.
func (w *Waker) drain(store string) {
	if w == nil {
		return
	}
	select {
	case <-w.ch(store):
	default:
	}
}

// ch is store's one-slot channel: the slot is the one pass a wake can ask
// for.
func (w *Waker) ch(store string) chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	c, ok := w.stores[store]
	if !ok {
		c = make(chan struct{}, 1)
		w.stores[store] = c
	}
	return c
}
