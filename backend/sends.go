package backend

import (
	"context"
	"sync/atomic"
)

// The journal's attempts of a change are the write requests that may have
// reached the store. Only the transport knows that (a request refused
// before it left does not count; one whose answer was lost does, and so
// does a retry after a rate limit), and a client may send several for one
// change (API2Cart's tracking number goes first, on its own). So the
// transport reports each one on the context it was given, and Apply,
// which put a counter there, hands the total to the journal.

type sendsKey struct{}

// CountSends returns a context on which every write request a transport
// lets leave for the store is counted, and a function reading the count.
func CountSends(ctx context.Context) (context.Context, func() int) {
	n := new(atomic.Int64)
	return context.WithValue(ctx, sendsKey{}, n), func() int { return int(n.Load()) }
}

// NoteSend records that one write request on ctx may have reached the
// store: it was written out, whatever came back. Transports call it once
// per request; it does nothing on a context without a counter.
func NoteSend(ctx context.Context) {
	if n, ok := ctx.Value(sendsKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}
}
