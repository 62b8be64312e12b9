package api2cartsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
)

// A walk of 10,000 orders asks for the same selection 40 times, 250 orders
// at a time. Filtering and sorting every order, and rebuilding and encoding
// every order's JSON map, for each page made the simulator, not the client,
// the cost of the walk. So the last selection is kept until the next write,
// and each order keeps its last encoding until it changes. Both caches hold
// one entry (per server, per order), so memory stays bounded whatever
// selectors clients send.

// selectionCache is the last order set match returned.
type selectionCache struct {
	key    string
	gen    uint64 // Server.gen when it was taken
	orders []*order
}

// encodedOrder is one order's JSON under one result selection.
type encodedOrder struct {
	sel     string
	version uint64 // order.version when it was encoded
	body    []byte
}

// changed marks o as written: cached selections and o's encoding are stale
// (the caller holds s.mu).
func (s *Server) changed(o *order) {
	s.gen++
	o.version++
}

// filterKey is what of lq decides which orders match and in what order.
func filterKey(lq listQuery) string {
	lq.Start, lq.Count, lq.Expires = 0, 0, 0
	lq.Fields, lq.Params, lq.Exclude = "", "", ""
	b, _ := json.Marshal(lq) // strings, ints and bools always encode
	return string(b)
}

// selection is match, reused until the next write (the caller holds s.mu).
// Callers must not modify the slice.
func (s *Server) selection(lq listQuery) []*order {
	key := filterKey(lq)
	if c := s.selCache; c.orders != nil && c.gen == s.gen && c.key == key {
		return c.orders
	}
	out := s.match(lq)
	s.selCache = selectionCache{key: key, gen: s.gen, orders: out}
	return out
}

// appendEncoded writes o's JSON pruned to esel: its cached encoding when
// o has not changed since it was taken under the same selection (selKey
// names esel), else a fresh one, kept for next time (the caller holds
// s.mu).
func (o *order) appendEncoded(b []byte, selKey string, esel *fieldTree) []byte {
	if e := o.enc; e.body != nil && e.version == o.version && e.sel == selKey {
		return append(b, e.body...)
	}
	start := len(b)
	b = appendOrder(b, o, esel)
	o.enc = encodedOrder{sel: selKey, version: o.version, body: bytes.Clone(b[start:])}
	return b
}

// appendPage writes order.list's result for page under sel, byte for byte
// what encoding prune(obj{"orders_count": n, "order": [...]}, sel) gives:
// map keys sorted, orders_count kept whatever the selector says.
func appendPage(b []byte, page []*order, sel *fieldTree, selKey string) []byte {
	b = append(b, '{')
	if esel, ok := sel.child("order"); ok {
		b = append(b, `"order":[`...)
		for i, o := range page {
			if i > 0 {
				b = append(b, ',')
			}
			start := len(b)
			b = o.appendEncoded(b, selKey, esel)
			if i == 0 {
				// The rest of the page is about as long as its first order
				// times the orders left: one allocation for the page.
				b = slices.Grow(b, (len(b)-start+1)*(len(page)-1)*9/8)
			}
		}
		b = append(b, `],`...)
	}
	b = append(b, `"orders_count":`...)
	b = strconv.AppendInt(b, int64(len(page)), 10)
	return append(b, '}')
}

// appendHead writes envelope a up to its result's value, which the caller
// writes (already encoded: json.RawMessage would scan and compact it
// again) before the closing brace.
func appendHead(b []byte, a answer) ([]byte, error) {
	a.Result = nil
	head, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("encode envelope: %w", err)
	}
	const tail = `null}`
	if !bytes.HasSuffix(head, []byte(`"result":`+tail)) {
		return nil, fmt.Errorf("encode envelope: unexpected end %q", head)
	}
	return append(b, head[:len(head)-len(tail)]...), nil
}
