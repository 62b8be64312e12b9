package api2cartsim

import (
	"bytes"
	"encoding/json"
	"fmt"
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

// encoded is o's JSON pruned to esel; selKey names esel (the caller holds
// s.mu).
func (o *order) encoded(selKey string, esel *fieldTree) ([]byte, error) {
	if e := o.enc; e.body != nil && e.version == o.version && e.sel == selKey {
		return e.body, nil
	}
	body, err := json.Marshal(prune(orderJSON(o), esel))
	if err != nil {
		return nil, fmt.Errorf("encode order %s: %w", o.id, err)
	}
	o.enc = encodedOrder{sel: selKey, version: o.version, body: body}
	return body, nil
}

// pageResult is order.list's result for page under sel, byte for byte
// what encoding prune(obj{"orders_count": n, "order": [...]}, sel) gives:
// map keys sorted, orders_count kept whatever the selector says.
func pageResult(page []*order, sel *fieldTree, selKey string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	if esel, ok := sel.child("order"); ok {
		buf.WriteString(`"order":[`)
		for i, o := range page {
			body, err := o.encoded(selKey, esel)
			if err != nil {
				return nil, err
			}
			if i == 0 {
				buf.Grow(len(body) * len(page))
			} else {
				buf.WriteByte(',')
			}
			buf.Write(body)
		}
		buf.WriteString(`],`)
	}
	buf.WriteString(`"orders_count":`)
	buf.WriteString(strconv.Itoa(len(page)))
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// answerWith is the encoded envelope a with result as its result, which
// is already JSON: spliced in, not re-encoded (json.RawMessage would scan
// and compact it again).
func answerWith(a answer, result []byte) ([]byte, error) {
	a.Result = nil
	head, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("encode envelope: %w", err)
	}
	const tail = `"result":null}`
	if !bytes.HasSuffix(head, []byte(tail)) {
		return nil, fmt.Errorf("encode envelope: unexpected end %q", head)
	}
	head = head[:len(head)-len(tail)]
	out := make([]byte, 0, len(head)+len(`"result":}`)+len(result))
	out = append(append(append(out, head...), `"result":`...), result...)
	return append(out, '}'), nil
}
