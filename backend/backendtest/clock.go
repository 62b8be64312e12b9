package backendtest

import (
	"sync"
	"time"
)

// Clock is a settable time source that a simulator and the code under test
// may read from their own goroutines, so a test moves time on instead of
// waiting for it.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock is a Clock that reads at until moved.
func NewClock(at time.Time) *Clock { return &Clock{now: at} }

func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Add moves the clock on by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// Offset is c seen from a machine whose clock differs by d.
func (c *Clock) Offset(d time.Duration) func() time.Time {
	return func() time.Time { return c.Now().Add(d) }
}
