package backend

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// StatusCounter is what a client implements when its platform counts
// orders per status with a request of its own (API2Cart's order.count,
// CS-Cart's params.total_items): the counts strip then shows the store's
// own figures rather than the mirror's, which only knows the orders it
// has synced. It is optional; use StatusCounterOf, which looks through
// wrappers.
type StatusCounter interface {
	// CountByStatus returns the number of orders in each of statuses (the
	// platform's codes), one request per status, at most
	// CountConcurrency at a time. It fails as a whole when any status
	// cannot be counted: a strip with half its figures from the store
	// and half from the mirror would add apples to pears.
	CountByStatus(ctx context.Context, statuses []string) (map[string]int, error)
}

// StatusCounterOf returns b's StatusCounter, looking through wrappers;
// nil when neither b nor what it wraps has one.
func StatusCounterOf(b Backend) StatusCounter {
	c, _ := as[StatusCounter](b)
	return c
}

// Bounds of a CountByStatus: a store has a dozen or two statuses, and a
// strip that needs more requests than MaxCountStatuses is refused rather
// than sent; CountConcurrency requests run at once, so a store is never
// hit by a burst; DefaultCountTimeout bounds the whole count.
const (
	MaxCountStatuses    = 64
	CountConcurrency    = 4
	DefaultCountTimeout = 10 * time.Second
)

// CountEach runs one(status) for each distinct status, CountConcurrency
// at a time, and collects the answers. The first failure cancels the
// rest and is the error. Clients implement CountByStatus with it.
func CountEach(ctx context.Context, statuses []string, one func(ctx context.Context, status string) (int, error)) (map[string]int, error) {
	var list []string
	seen := map[string]bool{}
	for _, s := range statuses {
		if s != "" && !seen[s] {
			seen[s] = true
			list = append(list, s)
		}
	}
	if len(list) > MaxCountStatuses {
		return nil, &Error{Kind: KindInvalidRequest, Op: "count orders", Message: fmt.Sprintf("%d statuses to count: orderdash counts at most %d", len(list), MaxCountStatuses)}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make(map[string]int, len(list))
	var (
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
	)
	slots := make(chan struct{}, CountConcurrency)
	for _, s := range list {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			n, err := one(ctx, s)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err != nil:
				if first == nil {
					first = err
					cancel()
				}
			case n < 0:
				if first == nil {
					first = &Error{Kind: KindMalformed, Op: "count orders", Message: fmt.Sprintf("the store counted %d orders in status %s", n, FieldLine(s))}
					cancel()
				}
			default:
				out[s] = n
			}
		}()
	}
	wg.Wait()
	if first == nil && ctx.Err() != nil {
		first = context.Cause(ctx)
	}
	if first != nil {
		return nil, first
	}
	return out, nil
}
