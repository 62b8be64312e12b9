package api2cartsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend/sim"
)

// The simulator is checked here over raw HTTP, against the documents; the
// client's tests (backend/api2cart) check it against the client.

type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func start(t *testing.T, o Options) (*Server, *testClock) {
	t.Helper()
	clk := &testClock{now: time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)}
	if o.Orders == 0 {
		o.Orders = 120
	}
	if o.Clock == nil {
		o.Clock = clk.Now
	}
	s, err := Start(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, clk
}

type reply struct {
	status int
	header http.Header
	raw    []byte
	body   map[string]any
}

func (r reply) code() int {
	f, _ := r.body["return_code"].(float64)
	return int(f)
}

func (r reply) msg() string { s, _ := r.body["return_message"].(string); return s }

func (r reply) result() map[string]any { m, _ := r.body["result"].(map[string]any); return m }

// call sends one request with the default keys in headers (keys=false
// sends none); rawQuery is used as is.
func call(t *testing.T, s *Server, verb, method, rawQuery string, body []byte, keys bool) reply {
	t.Helper()
	req, err := http.NewRequest(verb, s.URL()+"/"+method+".json?"+rawQuery, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if keys {
		req.Header.Set("x-api-key", DefaultAPIKey)
		req.Header.Set("x-store-key", DefaultStoreKey)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	r := reply{status: resp.StatusCode, header: resp.Header, raw: raw}
	if err := json.Unmarshal(raw, &r.body); err != nil {
		t.Fatalf("%s %s: answer is not a JSON object: %v: %.200s", verb, method, err, raw)
	}
	for _, k := range []string{"return_code", "return_message", "result"} {
		if _, ok := r.body[k]; !ok {
			t.Fatalf("%s %s: answer lacks %s: %.200s", verb, method, k, raw)
		}
	}
	return r
}

func get(t *testing.T, s *Server, method string, q url.Values) reply {
	t.Helper()
	return call(t, s, "GET", method, q.Encode(), nil, true)
}

func orders(r reply) []map[string]any {
	var out []map[string]any
	list, _ := r.result()["order"].([]any)
	for _, o := range list {
		out = append(out, o.(map[string]any))
	}
	return out
}

func TestAuth(t *testing.T) {
	s, _ := start(t, Options{})
	if r := call(t, s, "GET", "order.count", "", nil, false); r.status != 200 || r.code() != 2 || r.msg() != "Incorrect API Key" {
		t.Errorf("no keys: %d %s", r.status, r.raw)
	}
	if r := call(t, s, "GET", "order.count", url.Values{"api_key": {"nope"}, "store_key": {DefaultStoreKey}}.Encode(), nil, false); r.code() != 2 {
		t.Errorf("wrong api key: %s", r.raw)
	}
	if r := call(t, s, "GET", "order.count", url.Values{"api_key": {DefaultAPIKey}, "store_key": {"other"}}.Encode(), nil, false); r.code() != 101 {
		t.Errorf("unknown store key: %s", r.raw)
	}
	if r := call(t, s, "GET", "order.count", url.Values{"api_key": {DefaultAPIKey}, "store_key": {DefaultStoreKey}}.Encode(), nil, false); r.code() != 0 {
		t.Errorf("legacy query keys: %s", r.raw)
	}
	if r := get(t, s, "order.count", nil); r.code() != 0 || r.result()["orders_count"] != float64(120) {
		t.Errorf("header keys: %s", r.raw)
	}
}

func TestRoutes(t *testing.T) {
	s, _ := start(t, Options{})
	if r := call(t, s, "GET", "order.delete", "", nil, true); r.status != 404 || r.code() != 3 {
		t.Errorf("unknown method: %d %s", r.status, r.raw)
	}
	if r := call(t, s, "GET", "order.update", "order_id=1&order_status=3", nil, true); r.status != 405 || r.code() == 0 {
		t.Errorf("GET order.update: %d %s", r.status, r.raw)
	}
	if len(s.Updates()) != 0 {
		t.Error("a refused method changed an order")
	}
}

func TestListDefaults(t *testing.T) {
	s, _ := start(t, Options{})
	r := get(t, s, "order.list", nil)
	os := orders(r)
	if r.code() != 0 || len(os) != 10 || r.result()["orders_count"] != float64(10) {
		t.Fatalf("default page: %d orders, %s", len(os), r.raw[:200])
	}
	for _, o := range os {
		if _, ok := o["create_at"]; ok {
			t.Fatal("create_at is not in API2Cart's default fields")
		}
		for _, k := range []string{"order_id", "customer", "totals", "shipping_address", "billing_address", "order_products", "bundles", "status"} {
			if _, ok := o[k]; !ok {
				t.Errorf("default fields lack %s", k)
			}
		}
	}
	if os[0]["order_id"] != "1" || os[9]["order_id"] != "10" {
		t.Errorf("default order is order_id asc: %v..%v", os[0]["order_id"], os[9]["order_id"])
	}
	pag := r.body["pagination"].(map[string]any)
	next, _ := pag["next"].(string)
	if pag["previous"] != nil || !strings.Contains(next, "%3D") {
		t.Errorf("pagination %v", pag)
	}
	// API2Cart writes the return code first.
	if !bytes.HasPrefix(r.raw, []byte(`{"return_code":0,"return_message":""`)) {
		t.Errorf("envelope order: %.60s", r.raw)
	}
}

func TestListValidation(t *testing.T) {
	s, _ := start(t, Options{})
	tests := []struct {
		q     url.Values
		words string
	}{
		{url.Values{"count": {"251"}}, "Max allowed count=250"},
		{url.Values{"count": {"-1"}}, "'count' is not valid"},
		{url.Values{"count": {"ten"}}, "'count' is not valid"},
		{url.Values{"start": {"-5"}}, "'start' is not valid"},
		{url.Values{"created_from": {"2026-11-01 00:00:00"}}, `'created_from' is not valid. The required type of parameter is a date string in 'Y-m-d\TH:i:sO' ISO_8601 format.`},
		{url.Values{"modified_from": {"2026-11-01T00:00:00"}}, "'modified_from' is not valid"},
		{url.Values{"sort_by": {"total"}}, "'sort_by' is not valid"},
		{url.Values{"sort_direction": {"up"}}, "'sort_direction' is not valid"},
		{url.Values{"order_status": {"Shipped"}}, "One of the following values are allowed: 2, 3, 7"},
		{url.Values{"response_fields": {"{result{order{id}"}}, "'response_fields' is not valid"},
	}
	for _, tt := range tests {
		r := get(t, s, "order.list", tt.q)
		if r.status != 200 || r.code() != 109 || !strings.Contains(r.msg(), tt.words) {
			t.Errorf("%v: %d %s", tt.q, r.status, r.raw)
		}
	}
}

func TestListFiltersAndSort(t *testing.T) {
	s, _ := start(t, Options{})
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	r := get(t, s, "order.list", url.Values{"count": {"250"}, "created_from": {from.In(time.FixedZone("", 2*3600)).Format("2006-01-02T15:04:05-0700")},
		"sort_by": {"create_at"}, "sort_direction": {"desc"}, "response_fields": {"{result{order{order_id,create_at}}}"}})
	var prev time.Time
	want := 0
	for _, id := range s.IDs() {
		if o, _ := s.Order(id); !o.Created.Before(from) {
			want++
		}
	}
	os := orders(r)
	if len(os) != want || want == 0 {
		t.Fatalf("%d orders, want %d", len(os), want)
	}
	for i, o := range os {
		if len(o) != 2 {
			t.Errorf("response_fields not honoured: %v", o)
		}
		at, err := time.Parse("2006-01-02T15:04:05-0700", o["create_at"].(map[string]any)["value"].(string))
		if err != nil || at.Before(from) || (i > 0 && at.After(prev)) {
			t.Fatalf("order %d created %v (err %v)", i, at, err)
		}
		prev = at
	}
	r = get(t, s, "order.count", url.Values{"order_status_ids": {"3", "5"}})
	n := 0
	for _, id := range s.IDs() {
		if o, _ := s.Order(id); o.Status == "3" || o.Status == "5" {
			n++
		}
	}
	if r.result()["orders_count"] != float64(n) {
		t.Errorf("count of 3 and 5: %v, want %d", r.result()["orders_count"], n)
	}
}

func TestResponseFieldsNested(t *testing.T) {
	s, _ := start(t, Options{})
	r := get(t, s, "order.list", url.Values{"count": {"3"}, "response_fields": {"{result{order{order_id,status{id},order_products{quantity}}}}"}})
	for _, o := range orders(r) {
		st := o["status"].(map[string]any)
		items := o["order_products"].([]any)
		if len(o) != 3 || len(st) != 1 || len(items[0].(map[string]any)) != 1 {
			t.Errorf("nested selection not honoured: %v", o)
		}
	}
	if _, ok := r.body["pagination"]; !ok || r.result()["orders_count"] != float64(3) {
		t.Errorf("envelope or orders_count dropped: %.200s", r.raw)
	}
	r = get(t, s, "order.info", url.Values{"order_id": {"4"}, "params": {"order_id,create_at"}})
	if res := r.result(); len(res) != 2 || res["create_at"] == nil {
		t.Errorf("params: %v", res)
	}
	r = get(t, s, "order.info", url.Values{"order_id": {"4"}, "params": {"force_all"}, "exclude": {"address,items"}})
	if res := r.result(); res["shipping_address"] != nil || res["order_products"] != nil || res["create_at"] == nil {
		t.Errorf("force_all with exclude: %v", res)
	}
}

func TestCursorPaging(t *testing.T) {
	s, clk := start(t, Options{Orders: 25, CursorTTL: time.Minute})
	first := get(t, s, "order.list", url.Values{"count": {"10"}, "order_status_ids": {"1", "2", "3", "5", "15"}})
	cursor := first.body["pagination"].(map[string]any)["next"].(string)
	var ids []any
	for _, o := range orders(first) {
		ids = append(ids, o["order_id"])
	}
	// As issued, decoded once, and encoded once more (SDK style).
	decoded, _ := url.QueryUnescape(cursor)
	for _, form := range []string{"page_cursor=" + cursor, "page_cursor=" + url.QueryEscape(cursor), "page_cursor=" + strings.ReplaceAll(decoded, "+", "%2B")} {
		r := call(t, s, "GET", "order.list", form, nil, true)
		if r.code() != 0 || len(orders(r)) == 0 {
			t.Fatalf("%.40s…: %s", form, r.raw)
		}
	}
	// The cursor remembers the filters and count.
	r := call(t, s, "GET", "order.list", "page_cursor="+cursor, nil, true)
	for r.code() == 0 {
		for _, o := range orders(r) {
			ids = append(ids, o["order_id"])
			st := o["status"].(map[string]any)["id"]
			if st != "1" && st != "2" && st != "3" && st != "5" && st != "15" {
				t.Errorf("the cursor lost the filter: status %v", st)
			}
		}
		next, ok := r.body["pagination"].(map[string]any)["next"].(string)
		if !ok {
			break
		}
		r = call(t, s, "GET", "order.list", "page_cursor="+next, nil, true)
	}
	if r.code() != 0 {
		t.Fatalf("paging: %s", r.raw)
	}
	want := get(t, s, "order.count", url.Values{"order_status_ids": {"1", "2", "3", "5", "15"}}).result()["orders_count"]
	if float64(len(ids)) != want {
		t.Errorf("paged %d orders, count says %v", len(ids), want)
	}

	if r := call(t, s, "GET", "order.list", "page_cursor="+cursor+"&count=5", nil, true); r.code() != 109 || !strings.Contains(r.msg(), "can't be used") {
		t.Errorf("cursor with count: %.300s", r.raw)
	}
	if r := call(t, s, "GET", "order.list", "page_cursor="+decoded, nil, true); strings.Contains(decoded, "+") && r.code() != 109 {
		t.Errorf("a raw + must break the cursor: %.300s", r.raw)
	}
	if r := call(t, s, "GET", "order.list", "page_cursor=garbage", nil, true); r.code() != 109 {
		t.Errorf("garbage cursor: %s", r.raw)
	}
	clk.Add(2 * time.Minute)
	if r := call(t, s, "GET", "order.list", "page_cursor="+cursor, nil, true); r.code() != 109 || !strings.Contains(r.msg(), "expired") {
		t.Errorf("expired cursor: %s", r.raw)
	}
}

func TestInfo(t *testing.T) {
	s, _ := start(t, Options{})
	if r := get(t, s, "order.info", nil); r.code() != 114 {
		t.Errorf("no id: %s", r.raw)
	}
	if r := get(t, s, "order.info", url.Values{"order_id": {""}}); r.code() != 109 {
		t.Errorf("empty id: %s", r.raw)
	}
	if r := get(t, s, "order.info", url.Values{"order_id": {"9999"}}); r.code() != 112 || !strings.Contains(r.msg(), "9999") {
		t.Errorf("unknown id: %s", r.raw)
	}
	a := get(t, s, "order.info", url.Values{"id": {"7"}, "response_fields": {"{*}"}})
	b := get(t, s, "order.info", url.Values{"order_id": {"7"}, "response_fields": {"{*}"}})
	if !bytes.Equal(a.raw, b.raw) || a.code() != 0 {
		t.Errorf("id and order_id differ")
	}
	st := a.result()["status"].(map[string]any)
	hist := st["history"].([]any)
	if len(hist) == 0 {
		t.Fatal("no history")
	}
	h := hist[len(hist)-1].(map[string]any)
	if h["id"] != st["id"] || h["name"] == "" || h["modified_time"].(map[string]any)["format"] != `Y-m-d\TH:i:sO` {
		t.Errorf("history entry %v, status %v", h, st)
	}
	if _, ok := h["notify"].(bool); !ok {
		t.Errorf("notify is not a boolean: %v", h)
	}
}

func TestStatusList(t *testing.T) {
	s, _ := start(t, Options{})
	flat := get(t, s, "order.status.list", nil).result()["cart_order_statuses"].([]any)
	if len(flat) != 14 || flat[0].(map[string]any)["id"] != "2" || flat[0].(map[string]any)["name"] != "Processing" {
		t.Errorf("flat: %v", flat)
	}
	n, _ := start(t, Options{NestedStatusList: true})
	res := get(t, n, "order.status.list", nil).result()
	nested := res["cart_order_statuses"].([]any)[0].(map[string]any)["status"].([]any)
	if res["count"] != float64(14) || len(nested) != 14 || nested[0].(map[string]any)["id"] != float64(2) {
		t.Errorf("nested: %v", res)
	}
	ids := get(t, s, "order.status.list", url.Values{"response_fields": {"{return_code,return_message,result{cart_order_statuses{id}}}"}}).result()
	if e := ids["cart_order_statuses"].([]any)[0].(map[string]any); len(e) != 1 {
		t.Errorf("rf-id-only: %v", e)
	}
}

func TestUpdate(t *testing.T) {
	s, clk := start(t, Options{})
	put := func(q url.Values) reply { return call(t, s, "PUT", "order.update", q.Encode(), nil, true) }
	for _, tt := range []struct {
		q    url.Values
		code int
	}{
		{url.Values{}, 114},
		{url.Values{"order_id": {""}}, 109},
		{url.Values{"order_id": {"9999"}, "order_status": {"3"}}, 112},
		{url.Values{"order_id": {"5"}}, 114},
		{url.Values{"order_id": {"5"}, "order_status": {"Shipped"}}, 109},
		{url.Values{"order_id": {"5"}, "order_status": {"3"}, "send_notifications": {"maybe"}}, 109},
	} {
		if r := put(tt.q); r.code() != tt.code {
			t.Errorf("%v: %s", tt.q, r.raw)
		}
	}
	before, _ := s.Order("5")
	q := url.Values{"order_id": {"5"}, "order_status": {"11"}, "send_notifications": {"true"}, "comment": {"Refund sent"}, "idempotency_key": {"k1"}}
	r := put(q)
	if r.code() != 0 || r.result()["updated_items"] != float64(1) {
		t.Fatalf("update: %s", r.raw)
	}
	after, _ := s.Order("5")
	last := after.History[len(after.History)-1]
	if after.Status != "11" || len(after.History) != len(before.History)+1 || !last.Notify || last.Comment != "Refund sent" || !after.Modified.Equal(clk.Now().Truncate(time.Second)) {
		t.Errorf("after: %+v", after)
	}
	// The same key replays the answer and changes nothing, even with other
	// parameters; after 15 minutes the key is forgotten.
	q.Set("order_status", "5")
	if r2 := put(q); !bytes.Equal(r2.raw, r.raw) {
		t.Errorf("replay %s, want %s", r2.raw, r.raw)
	}
	if o, _ := s.Order("5"); o.Status != "11" || len(s.Updates()) != 1 {
		t.Errorf("a replay changed the order: %s, %d updates", o.Status, len(s.Updates()))
	}
	clk.Add(16 * time.Minute)
	if put(q); len(s.Updates()) != 2 {
		t.Errorf("an expired key was replayed")
	}
	// Parameters in a JSON body, as one recorded client sends them.
	if r := call(t, s, "PUT", "order.update", "", []byte(`{"order_id":6,"order_status":"3"}`), true); r.code() != 0 {
		t.Errorf("JSON body: %s", r.raw)
	}
	if o, _ := s.Order("6"); o.Status != "3" {
		t.Errorf("JSON body not applied: %+v", o)
	}
}

func TestShipmentAdd(t *testing.T) {
	s, _ := start(t, Options{})
	post := func(body string) reply { return call(t, s, "POST", "order.shipment.add", "", []byte(body), true) }
	for _, tt := range []struct {
		body string
		code int
	}{
		{`{}`, 114},
		{`{"order_id":"9999"}`, 112},
		{`{"order_id":"3","tracking_numbers":[{"tracking_number":" "}]}`, 109},
		{`{"order_id":"3","items":[{"order_product_id":"nope","quantity":1}]}`, 112},
		{`not json`, 109},
	} {
		if r := post(tt.body); r.code() != tt.code {
			t.Errorf("%s: %s", tt.body, r.raw)
		}
	}
	body := `{"order_id":3,"tracking_numbers":[{"carrier_id":"ups","tracking_number":"1Z999"}],"send_notifications":true,"idempotency_key":"s1"}`
	r := post(body)
	id, _ := r.result()["shipment_id"].(string)
	if r.code() != 0 || id == "" {
		t.Fatalf("shipment: %s", r.raw)
	}
	if r2 := post(body); !bytes.Equal(r2.raw, r.raw) {
		t.Errorf("replay %s", r2.raw)
	}
	shs := s.Shipments()
	want := []Shipment{{ID: id, OrderID: "3", Tracking: []TrackingNumber{{CarrierID: "ups", Number: "1Z999"}}, Notify: true, IdempotencyKey: "s1", At: shs[0].At}}
	if !reflect.DeepEqual(shs, want) {
		t.Errorf("shipments %+v", shs)
	}
	if o, _ := s.Order("3"); len(o.Tracking) != 1 {
		t.Errorf("order tracking %+v", o.Tracking)
	}
}

func TestThrottleAndFail(t *testing.T) {
	s, _ := start(t, Options{})
	s.Throttle(110, 2)
	for i := range 2 {
		r := call(t, s, "PUT", "order.update", "order_id=1&order_status=3", nil, true)
		if r.status != 200 || r.code() != 110 {
			t.Fatalf("throttled %d: %d %s", i, r.status, r.raw)
		}
	}
	if r := get(t, s, "order.count", nil); r.code() != 0 {
		t.Errorf("after the throttle: %s", r.raw)
	}
	if len(s.Updates()) != 0 {
		t.Error("a throttled update applied")
	}
	s.Fail(106, 0)
	for range 3 {
		if r := get(t, s, "order.count", nil); r.code() != 106 {
			t.Errorf("Fail(106): %s", r.raw)
		}
	}
	s.Fail(0, 0)
	if r := get(t, s, "order.count", nil); r.code() != 0 {
		t.Errorf("after Fail(0,0): %s", r.raw)
	}
}

func TestCoreFaultsSpeakAPI2Cart(t *testing.T) {
	s, _ := start(t, Options{})
	s.Faults().Set(sim.Fault401, 1)
	if r := get(t, s, "order.count", nil); r.status != 200 || r.code() != 2 {
		t.Errorf("401 fault: %d %s", r.status, r.raw)
	}
	s.Faults().Set(sim.Fault429, 1)
	if r := get(t, s, "order.count", nil); r.status != 200 || r.code() != 7 || r.header.Get("Retry-After") == "" {
		t.Errorf("429 fault: %d %s", r.status, r.raw)
	}
	s.Faults().Set(sim.Fault5xx, 1)
	if r := get(t, s, "order.count", nil); r.status != 500 || r.code() != 9 {
		t.Errorf("5xx fault: %d %s", r.status, r.raw)
	}
}

func TestStateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a2c.json")
	s, _ := start(t, Options{StateFile: path})
	call(t, s, "PUT", "order.update", "order_id=9&order_status=7&comment=gone", nil, true)
	call(t, s, "POST", "order.shipment.add", "", []byte(`{"order_id":"9","tracking_numbers":[{"tracking_number":"T9"}]}`), true)
	want, _ := s.Order("9")
	s.Close()

	again, _ := start(t, Options{StateFile: path})
	got, _ := again.Order("9")
	if !reflect.DeepEqual(got, want) || len(again.Updates()) != 1 || len(again.Shipments()) != 1 {
		t.Errorf("after restart %+v, want %+v", got, want)
	}
}

// Generated orders are plausible: known statuses, a history that ends in
// the current status, dates in order; the same seed gives the same data.
func TestGeneratedOrders(t *testing.T) {
	s, _ := start(t, Options{Orders: 400, Seed: 3})
	seen := map[string]int{}
	for _, id := range s.IDs() {
		o, _ := s.Order(id)
		if _, ok := statusName(o.Status); !ok || len(o.History) == 0 || o.History[len(o.History)-1].Status != o.Status {
			t.Fatalf("order %s: %+v", id, o)
		}
		if o.Modified.Before(o.Created) || o.Modified.After(DefaultNow) {
			t.Errorf("order %s modified %v, created %v", id, o.Modified, o.Created)
		}
		seen[o.Status]++
	}
	if len(seen) < 8 {
		t.Errorf("only %d statuses in use: %v", len(seen), seen)
	}
	t2, _ := start(t, Options{Orders: 400, Seed: 3})
	a, _ := s.Order("123")
	b, _ := t2.Order("123")
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Error("the same seed gave different orders")
	}
}
