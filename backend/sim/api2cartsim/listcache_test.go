package api2cartsim

import (
	"bytes"
	"encoding/json"
	"net/url"
	"testing"
	"time"
)

// wantList is order.list's answer as the simulator built it before its
// caches: every order matched, sorted, mapped and pruned afresh, the whole
// answer encoded in one go. pag is taken from the answer under test, as
// cursors are checked by TestCursorPaging.
func wantList(t *testing.T, s *Server, q url.Values, pag map[string]any) []byte {
	t.Helper()
	lq, err := parseList(q)
	if err != nil {
		t.Fatal(err)
	}
	sel, err := resultSelection(lq.Fields, lq.Params, lq.Exclude, "order")
	if err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	all := s.match(lq)
	lo := min(lq.Start, len(all))
	hi := min(lo+lq.Count, len(all))
	page := make([]any, 0, hi-lo)
	for _, o := range all[lo:hi] {
		page = append(page, orderJSON(o))
	}
	s.mu.Unlock()
	result := prune(obj{"orders_count": len(page), "order": page}, sel)
	result.(obj)["orders_count"] = len(page)
	want, err := json.Marshal(answer{Pagination: pag, Result: result})
	if err != nil {
		t.Fatal(err)
	}
	return want
}

// TestListCachedBytes checks that the cached selection and encodings give
// order.list's answer byte for byte, before and after writes.
func TestListCachedBytes(t *testing.T) {
	s, clk := start(t, Options{Orders: 600})
	queries := []url.Values{
		{"count": {"250"}},
		{"count": {"7"}, "start": {"20"}}, // order 23,
		{"count": {"5"}, "start": {"500"}},
		{"count": {"0"}},
		{"count": {"9"}, "sort_by": {"modified_at"}, "sort_direction": {"desc"}},
		{"count": {"9"}, "sort_by": {"create_at"}, "order_status": {"1"}},
		{"count": {"9"}, "order_status": {"11"}},
		{"count": {"4"}, "params": {"force_all"}, "exclude": {"items,address"}},
		{"count": {"4"}, "response_fields": {"{result{orders_count}}"}},
		{"count": {"4"}, "response_fields": {"{return_code,result{order{order_id,status{id,name},modified_at}}}"}},
		{"count": {"4"}, "response_fields": {"{result}"}},
		{"count": {"4"}, "response_fields": {"{pagination}"}},
		{"count": {"3"}, "order_ids": {"3,5,7"}, "response_fields": {"{result{order{*}}}"}},
	}
	same := func(stage string, q url.Values) {
		t.Helper()
		r := get(t, s, "order.list", q)
		pag, _ := r.body["pagination"].(map[string]any)
		if want := wantList(t, s, q, pag); !bytes.Equal(r.raw, want) {
			t.Errorf("%s %v:\n got %.300s\nwant %.300s", stage, q, r.raw, want)
		}
	}
	statuses := []string{"11", "2"}
	for i, q := range queries {
		same("fresh", q)
		same("cached", q)
		// A write to orders every query shows: the next answer must see it.
		clk.Add(time.Hour)
		for _, id := range []string{"3", "5", "23", "502"} {
			u := url.Values{"order_id": {id}, "order_status": {statuses[i%2]}, "comment": {"<refund> & co"}}
			if r := call(t, s, "PUT", "order.update", u.Encode(), nil, true); r.code() != 0 {
				t.Fatalf("update %s: %s", id, r.raw)
			}
		}
		same("after update", q)
		same("cached", q)
		body := `{"order_id":"5","tracking_numbers":[{"tracking_number":"1Z999"}]}`
		if r := call(t, s, "POST", "order.shipment.add", "", []byte(body), true); r.code() != 0 {
			t.Fatalf("shipment: %s", r.raw)
		}
		same("after shipment", q)
	}
}
