package lunasoft

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/httpx"
)

// The fuzz targets answer List and Get with any status and body, through
// the client's whole path (httpx, wire types, conversion). Whatever comes
// back, the orders keep the domain's promises or the error is a clean
// *backend.Error; a 2xx answer that cannot be read is KindMalformed.

// fuzzClient answers every request with status and body. A fresh client
// per input, which neither retries nor waits out a back-off, keeps one
// input from slowing the next.
func fuzzClient(t *testing.T, status int, body []byte) *Client {
	t.Helper()
	c, err := New(testConfig("https://site.example.test/site_api/shopping_cart"), httpx.Options{Transport: backendtest.Answer(status, body), Retries: -1, BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond, MaxWait: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func checkFuzzErr(t *testing.T, err error, status int) {
	t.Helper()
	if err := backendtest.CheckError(err, "Luna Site", backendtest.Kinds(status), testKey); err != nil {
		t.Fatal(err)
	}
}

func FuzzList(f *testing.F) {
	f.Add(200, backendtest.Fixture(f, "list_seed.json"))
	for _, n := range []string{"order_54123.json", "order_hostile.json", "order_baddate.json", "order_wrongtypes.json"} {
		f.Add(200, []byte(`{"orders":[`+string(backendtest.Fixture(f, n))+`],"next_page":2}`))
	}
	f.Add(200, []byte(`{"orders":[],"next_page":false}`))
	f.Add(200, []byte(`{"orders":{"1":{"id":"7","line_items":{"a":{"quantity":"2.5"}}}},"next_page":"1"}`))
	f.Add(401, []byte(`{"errors":[{"internal_message":"Unauthorized","user_message":"An error occurred","code":"401"}]}`))
	f.Add(502, []byte(`<html>Bad gateway</html>`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		c := fuzzClient(t, status, body)
		p, err := c.List(context.Background(), backend.Query{})
		if err != nil {
			checkFuzzErr(t, err, status)
			return
		}
		if err := backendtest.CheckPage(p); err != nil {
			t.Fatal(err)
		}
		if p.Next != "" {
			if n, err := strconv.Atoi(p.Next); err != nil || n <= p.Number {
				t.Fatalf("page %d leads to %q", p.Number, p.Next)
			}
		}
	})
}

func FuzzGet(f *testing.F) {
	for _, n := range []string{"order_54123.json", "order_hostile.json", "order_baddate.json", "order_wrongtypes.json", "order_longnotes.json"} {
		f.Add(200, backendtest.Fixture(f, n))
	}
	f.Add(200, []byte(`{"id":54123,"statuses":[{"id":"2","status":"Shipped","notes":"Tracking #1Z999","created":"2026-01-02 03:04:05"},{"id":"1","created":"0000-00-00"}]}`))
	f.Add(404, []byte(`{"errors":[{"internal_message":"Order not found","code":"404"}]}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		c := fuzzClient(t, status, body)
		o, err := c.Get(context.Background(), "54123")
		if err != nil {
			checkFuzzErr(t, err, status)
			return
		}
		if err := backendtest.CheckOrder(o); err != nil {
			t.Fatal(err)
		}
		if o.ID != "54123" || !o.Detailed || o.History == nil {
			t.Fatalf("detail answer read as id %q, detailed %v, history %v", o.ID, o.Detailed, o.History)
		}
		// The history is newest first.
		for i := 1; i < len(o.History); i++ {
			if o.History[i].At.After(o.History[i-1].At) {
				t.Fatalf("history out of order at %d: %v after %v", i, o.History[i].At, o.History[i-1].At)
			}
		}
	})
}
