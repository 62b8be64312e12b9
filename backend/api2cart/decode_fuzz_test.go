package api2cart

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/httpx"
)

// The fuzz targets answer the client's calls (order.list with
// order.count, order.info, order.status.list) with any status and body,
// through its whole path: the transport, classify's return_code, the
// envelope, the lenient wire types, the domain. Whatever comes back, the
// orders keep the domain's promises or the error is a clean
// *backend.Error; a 2xx answer that is not even JSON is KindMalformed.
// Seeds are the recorded marketplace answers in testdata/recordings.

const fuzzStore = "Recorded"

var fuzzSecrets = []string{"rec-api-key-0123456789", "rec-store-key-0123456789"}

// fuzzClient answers every request with status and body. A fresh client
// per input, which neither retries nor waits out a back-off, keeps one
// input from slowing the next.
func fuzzClient(t *testing.T, status int, body []byte) *Client {
	t.Helper()
	tr := backendtest.Answer(status, body)
	c, err := New(Config{
		StoreConfig: backend.StoreConfig{Name: fuzzStore, URL: "https://api.example.test/v1.1"},
		APIKey:      backend.Secret(fuzzSecrets[0]),
		StoreKey:    backend.Secret(fuzzSecrets[1]),
	}, httpx.Options{Transport: tr, Retries: -1, BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond, MaxWait: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// addRecordings seeds f with the recorded answers to order.<method>.
func addRecordings(f *testing.F, methods ...string) {
	for _, m := range methods {
		paths, err := filepath.Glob(filepath.Join(localRecordings, "*", "order", m, "*.response.json"))
		if err != nil || len(paths) == 0 {
			f.Fatalf("no recordings of order.%s: %v", m, err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(200, b)
		}
	}
}

func checkFuzzErr(t *testing.T, err error, status int, body []byte) {
	t.Helper()
	// A return_code read before the body broke off still speaks (readHead
	// stops once it knows it); without one, a 2xx that is not JSON is
	// unreadable.
	var kinds []backend.ErrorKind
	if status >= 200 && status < 300 && !json.Valid(body) && !bytes.Contains(body, []byte(`"return_code"`)) {
		kinds = []backend.ErrorKind{backend.KindMalformed}
	}
	if err := backendtest.CheckError(err, fuzzStore, kinds, fuzzSecrets...); err != nil {
		t.Fatal(err)
	}
	if backend.IsUncertain(err) {
		t.Fatalf("a read left uncertain: %v", err)
	}
}

func FuzzList(f *testing.F) {
	addRecordings(f, "list", "count")
	f.Add(200, []byte(`{"return_code":0,"return_message":"","pagination":{"next":"abc"},"result":{"orders_count":1,"order":{}}}`))
	f.Add(200, []byte(`{"return_code":0,"result":{"order":[{"order_id":"7","order_products":[{"product":[{"name":"Mug","quantity":"2"}]}]}]}}`))
	f.Add(503, []byte(`<html>maintenance</html>`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		c := fuzzClient(t, status, body)
		p, err := c.List(context.Background(), backend.Query{})
		if err != nil {
			checkFuzzErr(t, err, status, body)
			return
		}
		if err := backendtest.CheckPage(p); err != nil {
			t.Fatal(err)
		}
		if p.Next != "" && len(p.Orders) == 0 {
			t.Fatalf("an empty page leads on to %q", p.Next)
		}
	})
}

func FuzzInfo(f *testing.F) {
	addRecordings(f, "info")
	f.Add(200, []byte(`{"return_code":0,"result":[{"status":{"id":"2","history":{"id":"2","modified_time":{"value":"2022-10-05T08:56:11+0000"}}}}]}`))
	f.Add(200, []byte(`{"return_code":0,"result":[]}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		c := fuzzClient(t, status, body)
		o, err := c.Get(context.Background(), "4127699155")
		if err != nil {
			checkFuzzErr(t, err, status, body)
			return
		}
		if err := backendtest.CheckOrder(o); err != nil {
			t.Fatal(err)
		}
		if o.ID == "" || !o.Detailed {
			t.Fatalf("detail answer read as id %q, detailed %v", o.ID, o.Detailed)
		}
	})
}

func FuzzStatusList(f *testing.F) {
	addRecordings(f, "status.list")
	f.Add(200, []byte(`{"return_code":0,"result":{"cart_order_statuses":[{"status":[{"id":2,"name":"Shipped"}]}]}}`))
	f.Add(200, []byte(`{"return_code":0,"result":{"cart_order_statuses":{"id":"x"}}}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		c := fuzzClient(t, status, body)
		list, err := c.Statuses(context.Background())
		if err != nil {
			checkFuzzErr(t, err, status, body)
			return
		}
		if err := backendtest.CheckStatuses(list); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzReturnCode sends every return code with any message: the error has
// the kind for the codes it maps (wantKind), names the code, and
// shows no key even when the message echoes one.
func FuzzReturnCode(f *testing.F) {
	for code := range wantKind {
		f.Add(code, "API2Cart says no")
	}
	f.Add(112, "Order with id 576022366949423329 not found")
	f.Add(2, "Incorrect API Key rec-api-key-0123456789")
	f.Add(109, "Incorrect date format\n\x1b[31m")
	f.Add(104, "")
	f.Add(-1, "negative")
	f.Fuzz(func(t *testing.T, code int, msg string) {
		body, _ := json.Marshal(map[string]any{"return_code": code, "return_message": msg, "result": map[string]any{}})
		_, err := fuzzClient(t, 200, body).Statuses(context.Background())
		if err == nil {
			t.Fatalf("return code %d with no statuses: no error", code)
		}
		checkFuzzErr(t, err, 200, body)
		if code == 0 {
			return // success that lists nothing
		}
		if want, ok := wantKind[code]; ok && backend.KindOf(err) != want.Kind {
			t.Fatalf("return code %d: kind %q, want %q", code, backend.KindOf(err), want.Kind)
		}
		// A message past the bound once cleaned (each invalid byte grows
		// into U+FFFD) is cut by httpx, code and all.
		if len(backend.CleanLine(msg)) < 200 && !strings.Contains(err.Error(), "(return code "+strconv.Itoa(code)+")") {
			t.Fatalf("return code %d not named: %v", code, err)
		}
	})
}
