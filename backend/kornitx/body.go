package kornitx

import (
	"errors"
	"io"
	"sync/atomic"
)

// Bodies are read before a push takes an in-flight place (a sender that
// trickles its body must not hold one), so what bounds the memory of the
// bodies being read is a byte budget shared by every request: a body
// takes from it as its bytes arrive (4 KiB to start, doubling), not what
// its Content-Length claims, so a thousand senders of one byte a second
// cost 4 MiB, and the whole stays within the budget whatever they send.
// A body that finds the budget spent is answered 503 busy.

// errNoBudget is a body that arrived while the budget was spent.
var errNoBudget = errors.New("the receiver is reading too many bodies at once")

// budget is the bytes left for bodies being read or handled.
type budget struct{ left atomic.Int64 }

func newBudget(n int64) *budget {
	b := &budget{}
	b.left.Store(n)
	return b
}

func (b *budget) take(n int64) bool {
	if b.left.Add(-n) < 0 {
		b.left.Add(n)
		return false
	}
	return true
}

func (b *budget) give(n int64) { b.left.Add(n) }

// firstRead is the room a body starts with; it doubles as bytes arrive.
const firstRead = 4 << 10

// readBody reads r to its end, taking the room it uses from b, and never
// more than max+1 bytes of room (r is an http.MaxBytesReader of max,
// which needs one byte more to see the limit passed). The caller gives
// back the room returned, also on error.
func readBody(r io.Reader, max int64, b *budget) (body []byte, room int64, err error) {
	size := min(firstRead, max+1)
	if !b.take(size) {
		return nil, 0, errNoBudget
	}
	room = size
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			grow := min(int64(cap(buf)), max+1-int64(cap(buf)))
			if grow <= 0 {
				return buf, room, errors.New("body longer than max_body") // r is not bounded as promised
			}
			if !b.take(grow) {
				return buf, room, errNoBudget
			}
			room += grow
			// Exactly the room taken (append would round it up).
			buf = append(make([]byte, 0, int64(cap(buf))+grow), buf...)
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, room, nil
		}
		if err != nil {
			return buf, room, err
		}
	}
}
