package mirror

import (
	"context"
	"sync"

	"github.com/orderdash/orderdash/backend"
)

// Reports hands the sync's progress to a reader slower than the sync (the
// dashboard, between frames). Report never blocks; Wait returns each
// store's latest report since the last Wait, in the order stores first
// reported. A store's reports in between may be skipped, its last one
// never is, and what is held stays one report a store however long the
// reader is away.
type Reports struct {
	mu     sync.Mutex
	latest map[string]backend.SyncProgress
	order  []string // stores with a report waiting, first reported first
	wake   chan struct{}
}

// NewReports returns an empty Reports; pass its Report as Options.Progress.
func NewReports() *Reports {
	return &Reports{latest: map[string]backend.SyncProgress{}, wake: make(chan struct{}, 1)}
}

// Report keeps p as its store's latest report and wakes the reader.
func (r *Reports) Report(p backend.SyncProgress) {
	r.mu.Lock()
	if _, ok := r.latest[p.Store]; !ok {
		r.order = append(r.order, p.Store)
	}
	r.latest[p.Store] = p
	r.mu.Unlock()
	select {
	case r.wake <- struct{}{}:
	default: // already awake: the reader takes this report too
	}
}

// Wait blocks until a report is waiting or ctx ends, and returns every
// waiting report.
func (r *Reports) Wait(ctx context.Context) ([]backend.SyncProgress, error) {
	for {
		if ps := r.take(); len(ps) > 0 {
			return ps, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-r.wake:
		}
	}
}

func (r *Reports) take() []backend.SyncProgress {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.order) == 0 {
		return nil
	}
	ps := make([]backend.SyncProgress, 0, len(r.order))
	for _, s := range r.order {
		ps = append(ps, r.latest[s])
		delete(r.latest, s)
	}
	r.order = r.order[:0]
	return ps
}
