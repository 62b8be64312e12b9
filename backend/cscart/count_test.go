package cscart

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/cscartsim"
)

func TestDecodeCount(t *testing.T) {
	for _, tc := range []struct {
		body string
		want int
		ok   bool
	}{
		{`{"orders":[],"params":{"page":1,"items_per_page":"1","total_items":"64"}}`, 64, true},
		{`{"orders":[{"order_id":"1"}],"params":{"total_items":7}}`, 7, true},
		{`{"orders":[],"params":{"total_items":"0"}}`, 0, true},
		{`{"orders":[],"params":{}}`, 0, false},
		{`{"orders":[]}`, 0, false},
		{`{"orders":[],"params":{"total_items":"-3"}}`, 0, false},
		{`{"orders":[],"params":{"total_items":"many"}}`, 0, false},
		{`<html>`, 0, false},
	} {
		n, err := decodeCount([]byte(tc.body))
		if (err == nil) != tc.ok || n != tc.want {
			t.Errorf("decodeCount(%s) = %d, %v; want %d, ok %v", tc.body, n, err, tc.want, tc.ok)
		}
	}
}

func FuzzCountByStatus(f *testing.F) {
	f.Add(200, []byte(`{"orders":[],"params":{"page":1,"items_per_page":"1","total_items":"64"}}`))
	f.Add(200, []byte(`{"params":{"total_items":null}}`))
	f.Add(200, []byte(`{"params":[]}`))
	f.Add(503, []byte(`{"message":"Service Unavailable","status":503}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		c := fuzzClient(t, status, body)
		got, err := c.CountByStatus(context.Background(), []string{"P"})
		if err != nil {
			checkFuzzErr(t, err, status)
			return
		}
		if n, ok := got["P"]; !ok || n < 0 || len(got) != 1 {
			t.Fatalf("counts %v", got)
		}
	})
}

// The counts are the simulator's own per status, one small request each.
func TestCountByStatusSim(t *testing.T) {
	srv := startSim(t, cscartsim.Options{Orders: 80})
	c := simClient(t, srv)
	want := map[string]int{}
	for _, id := range srv.IDs() {
		o, _ := srv.Order(id)
		want[o.Status]++
	}
	letters := []string{"P", "C", "O", "F", "B"}
	got, err := c.CountByStatus(context.Background(), letters)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range letters {
		if got[l] != want[l] {
			t.Errorf("status %s: counted %d, the store has %d", l, got[l], want[l])
		}
	}
	var asked []string
	for _, r := range srv.Requests() {
		if !strings.HasSuffix(r.Path, "/orders") {
			continue
		}
		q, _ := url.ParseQuery(r.RawQuery)
		if q.Get("items_per_page") != "1" {
			t.Errorf("count request %s asks for %q rows", r.RawQuery, q.Get("items_per_page"))
		}
		asked = append(asked, q.Get("status"))
	}
	if len(asked) != len(letters) {
		t.Errorf("%d requests for %d statuses: %v", len(asked), len(letters), asked)
	}
}

// A store that is down fails the count as a whole, with the store's error.
func TestCountByStatusDown(t *testing.T) {
	srv := startSim(t, cscartsim.Options{})
	srv.Faults().Set(sim.Fault5xx, 0)
	c := simClient(t, srv)
	got, err := c.CountByStatus(context.Background(), []string{"P", "C"})
	if err == nil || got != nil {
		t.Fatalf("counts %v, err %v; want an error", got, err)
	}
	if k := backend.KindOf(err); k != backend.KindUnavailable {
		t.Errorf("kind %v: %v", k, err)
	}
}
