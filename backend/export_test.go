package backend

import (
	"testing"
	"time"
)

// SetFindGrace makes FindAll stop waiting for the stores that have not
// answered once n answers are in (at once for n 0), whatever the clock,
// for the rest of the test.
func SetFindGrace(t testing.TB, n int) {
	prev := findGrace
	findGrace = func(time.Duration) (<-chan time.Time, func(), func()) {
		grace := make(chan time.Time)
		left := n
		if left <= 0 {
			close(grace)
		}
		took := func() {
			if left--; left == 0 {
				close(grace)
			}
		}
		return grace, took, func() {}
	}
	t.Cleanup(func() { findGrace = prev })
}
