package cscart

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/httpx"
)

// The fuzz targets answer the client's own calls (List, Get, Statuses)
// with any status and body, through its whole path: httpx, the lenient
// wire types, the conversion to the domain. Whatever comes back, the
// result keeps the domain's promises or the error is a clean
// *backend.Error; a 2xx answer that cannot be read is KindMalformed.

// fuzzClient answers every request with status and body. A fresh client
// per input, which neither retries nor waits out a back-off, keeps one
// input from slowing the next.
func fuzzClient(t *testing.T, status int, body []byte) *Client {
	t.Helper()
	c, err := New(testConfig("https://shop.example.test/api"), httpx.Options{Transport: backendtest.Answer(status, body), Retries: -1, BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond, MaxWait: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkFuzzErr checks an error against status: an answer with a 2xx status
// may only be unreadable (or, where said, name something missing).
func checkFuzzErr(t *testing.T, err error, status int, ok2xx ...backend.ErrorKind) {
	t.Helper()
	if err := backendtest.CheckError(err, "Market EU", backendtest.Kinds(status, ok2xx...), testKey); err != nil {
		t.Fatal(err)
	}
}

func addFixtures(f *testing.F, status int, names ...string) {
	for _, n := range names {
		f.Add(status, backendtest.Fixture(f, n))
	}
}

func FuzzList(f *testing.F) {
	addFixtures(f, 200, "list_short.json")
	f.Add(200, []byte(`{"orders":[`+string(backendtest.Fixture(f, "order_98.json"))+`],"params":{"page":1,"items_per_page":50,"total_items":"1"}}`))
	f.Add(200, []byte(`{"orders":[`+string(backendtest.Fixture(f, "order_hostile.json"))+`],"params":{"total_items":null}}`))
	f.Add(200, []byte(`{"orders":[],"params":{"page":"1","items_per_page":"10","total_items":"0"}}`))
	f.Add(200, []byte(`{"orders":false}`))
	f.Add(401, []byte(`{"message":"Unauthorized","status":401}`))
	f.Add(500, []byte(`<html>Bad gateway</html>`))
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
			if n, err := strconv.Atoi(p.Next); err != nil || n != p.Number+1 {
				t.Fatalf("page %d leads to %q", p.Number, p.Next)
			}
		}
	})
}

func FuzzGet(f *testing.F) {
	addFixtures(f, 200, "order_98.json", "order_hostile.json", "order_wrongtype_total.json", "order_longnotes.json")
	f.Add(200, []byte(`{"order_id":98,"products":{},"payment_method":[],"shipping":[{"shipping":"Post"}]}`))
	f.Add(200, []byte(`[]`))
	f.Add(404, []byte(`{"message":"Not Found","status":404}`))
	f.Add(200, []byte(`{"order_id":"98","total":"1`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		c := fuzzClient(t, status, body)
		o, err := c.Get(context.Background(), "98")
		if err != nil {
			checkFuzzErr(t, err, status, backend.KindNotFound)
			return
		}
		if err := backendtest.CheckOrder(o); err != nil {
			t.Fatal(err)
		}
		if o.ID != "98" || !o.Detailed || o.History == nil || o.Items == nil {
			t.Fatalf("detail answer read as id %q, detailed %v, history %v, items %v", o.ID, o.Detailed, o.History, o.Items)
		}
	})
}

func FuzzStatuses(f *testing.F) {
	addFixtures(f, 200, "statuses_object.json", "statuses_array.json")
	f.Add(200, []byte(`{"statuses":{"1":{"status":"N","type":"O"}},"params":{"total_items":"1"}}`))
	f.Add(404, []byte(`{"message":"Not Found"}`))
	f.Add(403, []byte(`{"message":"Access denied"}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		c := fuzzClient(t, status, body)
		list, err := c.Statuses(context.Background())
		if err != nil {
			checkFuzzErr(t, err, status)
			return
		}
		if err := backendtest.CheckStatuses(list); err != nil {
			t.Fatal(err)
		}
		for _, s := range list {
			if s.Code == incomplete {
				t.Fatalf("status list %+v: N code %q", list, s.Code)
			}
		}
	})
}
