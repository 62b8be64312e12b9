package kornitx

import (
	"sync"
	"time"
)

// quietPeriod is how often a repeated answer (busy, slow body) is logged.
const quietPeriod = 10 * time.Second

// quiet lets one log line a period through for an answer a flood repeats,
// and counts the lines it holds back; the receiver's stats count them all.
type quiet struct {
	mu   sync.Mutex
	next time.Time
	held int64
}

// allow reports whether to log now, and how many lines were held back
// since the last one logged.
func (q *quiet) allow(now time.Time) (ok bool, held int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if now.Before(q.next) {
		q.held++
		return false, 0
	}
	held, q.held = q.held, 0
	q.next = now.Add(quietPeriod)
	return true, held
}
