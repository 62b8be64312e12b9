package cscartsim

import (
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/sim"
)

func TestDetail(t *testing.T) {
	s := start(t, Options{})
	id := someOrder(t, s)
	code, body := get(t, s.URL()+"/orders/"+id)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	d := backendtest.Decode[map[string]any](t, body)
	snap, _ := s.Order(id)
	for _, k := range []string{"order_id", "status", "timestamp", "updated_at", "total", "subtotal", "discount",
		"shipping_cost", "company_id", "user_id", "firstname", "lastname", "email", "phone", "notes", "details",
		"s_firstname", "s_lastname", "s_address", "s_address_2", "s_city", "s_state", "s_country", "s_zipcode",
		"b_firstname", "b_lastname", "b_address", "b_city", "b_country", "b_zipcode", "lang_code", "vendor_ref"} {
		v, ok := d[k]
		if !ok {
			t.Errorf("detail lacks %q", k)
		} else if _, isStr := v.(string); !isStr {
			t.Errorf("%s = %#v, want a string", k, v)
		}
	}
	if d["order_id"] != id || d["status"] != snap.Status || d["total"] != snap.Total ||
		d["timestamp"] != strconv.FormatInt(snap.Created.Unix(), 10) || d["updated_at"] != strconv.FormatInt(snap.Updated.Unix(), 10) {
		t.Errorf("detail disagrees with the store: %v vs %+v", d, snap)
	}
	products, ok := d["products"].(map[string]any)
	if !ok || len(products) == 0 {
		t.Fatalf("products is %T, want a non-empty object", d["products"])
	}
	var sum float64
	for key, v := range products {
		p := v.(map[string]any)
		if p["item_id"] != key || p["order_id"] != id {
			t.Errorf("product keyed %s has item_id %v order %v", key, p["item_id"], p["order_id"])
		}
		for _, f := range []string{"product_id", "product_code", "price", "amount", "product"} {
			if _, ok := p[f].(string); !ok {
				t.Errorf("product %s = %#v, want a string", f, p[f])
			}
		}
		price, _ := strconv.ParseFloat(p["price"].(string), 64)
		qty, _ := strconv.Atoi(p["amount"].(string))
		sum += price * float64(qty)
	}
	if got := fmt.Sprintf("%.2f", sum); got != d["subtotal"] {
		t.Errorf("products add up to %s, subtotal says %v", got, d["subtotal"])
	}
	for _, bad := range []string{"999999", "abc", "0", "-1"} {
		code, body := get(t, s.URL()+"/orders/"+bad)
		if code != 404 || string(body) != `{"message":"Not Found","status":404}` {
			t.Errorf("GET /orders/%s: %d %s", bad, code, body)
		}
	}
}

func TestPutStatus(t *testing.T) {
	s := start(t, Options{})
	id := someOrder(t, s, "C")
	before, _ := s.Order(id)
	code, body := put(t, s, id, `{"status":"C","notify_user":"1"}`)
	if code != 200 || string(body) != fmt.Sprintf(`{"order_id":"%s"}`, id) {
		t.Fatalf("%d %s", code, body)
	}
	after, _ := s.Order(id)
	if after.Status != "C" || !after.Updated.Equal(clockNow) {
		t.Fatalf("after PUT: %+v", after)
	}
	want := Change{OrderID: id, From: before.Status, To: "C", Notify: true, At: clockNow}
	if ch := s.Changes(); len(ch) != 1 || ch[0] != want {
		t.Fatalf("changes %+v, want %+v", ch, want)
	}
	_, body = get(t, s.URL()+"/orders/"+id)
	d := backendtest.Decode[map[string]any](t, body)
	if d["status"] != "C" || d["updated_at"] != strconv.FormatInt(clockNow.Unix(), 10) {
		t.Fatalf("detail after PUT: status %v updated_at %v", d["status"], d["updated_at"])
	}
	// The change shows in an updated-since query.
	l := list(t, s, fmt.Sprintf("items_per_page=0&updated_at_from=%d", clockNow.Unix()))
	if got := ids(l); len(got) != 1 || got[0] != id {
		t.Fatalf("updated_at_from=now gave %v", got)
	}
	// The same status again: 200, but nothing changes and nothing is logged.
	if code, _ := put(t, s, id, `{"status":"C","notify_user":"1"}`); code != 200 {
		t.Fatalf("repeat: %d", code)
	}
	if len(s.Changes()) != 1 {
		t.Fatalf("a repeated status was logged: %+v", s.Changes())
	}
	// Through /api/2.0 too.
	code, _, _ = call(t, "PUT", s.Root()+"/api/2.0/orders/"+id, `{"status":"P"}`, jsonCT)
	if code != 200 || s.mustStatus(t, id) != "P" {
		t.Fatalf("PUT via /api/2.0: %d, status %s", code, s.mustStatus(t, id))
	}
}

func TestPutNotifyTruthiness(t *testing.T) {
	s := start(t, Options{})
	id := someOrder(t, s)
	tests := []struct {
		value string // JSON, or "" to leave the key out
		want  bool
	}{
		{"", false}, {`"1"`, true}, {`1`, true}, {`true`, true}, {`"0"`, false}, {`0`, false}, {`0.0`, false},
		{`false`, false}, {`null`, false}, {`""`, false}, {`[]`, false}, {`{}`, false},
		{`"false"`, true}, {`"N"`, true}, {`"no"`, true}, {`"0.0"`, true}, {`" "`, true}, {`[0]`, true}, {`-1`, true},
	}
	letters := []string{"P", "C"}
	for i, tt := range tests {
		body := fmt.Sprintf(`{"status":%q}`, letters[i%2])
		if tt.value != "" {
			body = fmt.Sprintf(`{"status":%q,"notify_user":%s}`, letters[i%2], tt.value)
		}
		if code, b := put(t, s, id, body); code != 200 {
			t.Fatalf("%s: %d %s", body, code, b)
		}
		ch := s.Changes()
		if got := ch[len(ch)-1]; got.To != letters[i%2] || got.Notify != tt.want {
			t.Errorf("notify_user %s: notify %v, want %v", tt.value, got.Notify, tt.want)
		}
	}
}

func TestPutErrors(t *testing.T) {
	s := start(t, Options{})
	id := someOrder(t, s)
	before, _ := s.Order(id)
	tests := []struct {
		name     string
		id, body string
		hdr      map[string]string
		want     int
		wantBody string
	}{
		{"no content type", id, `{"status":"C"}`, map[string]string{"Content-Type": ""}, 415, `{"message":"Unsupported Media Type","status":415}`},
		{"text/plain", id, `{"status":"C"}`, map[string]string{"Content-Type": "text/plain"}, 415, `{"message":"Unsupported Media Type","status":415}`},
		{"form", id, `status=C`, map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, 415, ""},
		{"invalid json", id, `{"status":"C",}`, jsonCT, 400, ""},
		{"array body", id, `["C"]`, jsonCT, 400, ""},
		{"two documents", id, `{"status":"C"}{"status":"P"}`, jsonCT, 400, ""},
		{"empty body", id, ``, jsonCT, 400, ""},
		{"N cannot be set", id, `{"status":"N"}`, jsonCT, 400, ""},
		{"unknown letter", id, `{"status":"X"}`, jsonCT, 400, ""},
		{"lower case", id, `{"status":"c"}`, jsonCT, 400, ""},
		{"name not letter", id, `{"status":"Complete"}`, jsonCT, 400, ""},
		{"number", id, `{"status":5}`, jsonCT, 400, ""},
		{"null status", id, `{"status":null}`, jsonCT, 400, ""},
		{"vendor_ref number", id, `{"vendor_ref":123}`, jsonCT, 400, ""},
		{"vendor_ref array", id, `{"vendor_ref":["A"]}`, jsonCT, 400, ""},
		{"vendor_ref object", id, `{"vendor_ref":{"a":"b"}}`, jsonCT, 400, ""},
		{"vendor_ref null", id, `{"vendor_ref":null}`, jsonCT, 400, ""},
		{"vendor_ref bool", id, `{"vendor_ref":true}`, jsonCT, 400, ""},
		{"valid status, bad ref", id, `{"status":"I","vendor_ref":1}`, jsonCT, 400, ""},
		{"unknown order", "999999", `{"status":"C"}`, jsonCT, 404, `{"message":"Not Found","status":404}`},
		{"unknown vendor_ref order", "999999", `{"vendor_ref":"A"}`, jsonCT, 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, h, body := call(t, "PUT", s.URL()+"/orders/"+tt.id, tt.body, tt.hdr)
			if code != tt.want {
				t.Fatalf("status %d %s, want %d", code, body, tt.want)
			}
			if tt.wantBody != "" && string(body) != tt.wantBody {
				t.Errorf("body %s, want %s", body, tt.wantBody)
			}
			var e apiError
			if err := json.Unmarshal(body, &e); err != nil || e.Status != tt.want || e.Message == "" {
				t.Errorf("body %s is not CS-Cart's error", body)
			}
			if h.Get("Content-Type") != "application/json" {
				t.Errorf("Content-Type %q", h.Get("Content-Type"))
			}
		})
	}
	if after, _ := s.Order(id); after != before || len(s.Changes()) != 0 {
		t.Fatalf("a rejected PUT changed the order: %+v -> %+v, changes %+v", before, after, s.Changes())
	}
	// Content-Type with parameters is fine.
	code, _, _ := call(t, "PUT", s.URL()+"/orders/"+id, `{"status":"I"}`, map[string]string{"Content-Type": "application/json; charset=utf-8"})
	if code != 200 {
		t.Fatalf("charset parameter: %d", code)
	}
	// Unknown keys are accepted and change nothing, as a full update with
	// nothing to update.
	if code, _ := put(t, s, id, `{"Status":"C"}`); code != 200 || s.mustStatus(t, id) != "I" {
		t.Fatalf("unknown key: %d, status %s", code, s.mustStatus(t, id))
	}
}

func TestVendorRefAndSearch(t *testing.T) {
	s := start(t, Options{})
	a, b := s.IDs()[3], s.IDs()[50]
	for _, id := range []string{a, b} {
		if code, body := put(t, s, id, `{"vendor_ref":"ABC-1234 ü"}`); code != 200 || string(body) != `{"order_id":"`+id+`"}` {
			t.Fatalf("%d %s", code, body)
		}
	}
	if o, _ := s.Order(a); o.VendorRef != "ABC-1234 ü" || !o.Updated.Equal(clockNow) {
		t.Fatalf("vendor_ref not stored: %+v", o)
	}
	if len(s.Changes()) != 0 {
		t.Fatalf("a vendor_ref is not a status change: %+v", s.Changes())
	}
	for _, path := range []string{"/orders/search?vendor_ref=ABC-1234+%C3%BC", "/orders/search/?vendor_ref=ABC-1234%20%C3%BC"} {
		code, body := get(t, s.URL()+path)
		if code != 200 {
			t.Fatalf("%s: %d %s", path, code, body)
		}
		found := backendtest.Decode[[]map[string]any](t, body)
		if len(found) != 2 || found[0]["order_id"] != a || found[1]["order_id"] != b || found[0]["vendor_ref"] != "ABC-1234 ü" {
			t.Fatalf("%s found %d orders", path, len(found))
		}
		if _, ok := found[0]["products"].(map[string]any); !ok {
			t.Fatal("search results are not detailed orders")
		}
	}
	tests := []struct {
		query, body string
		want        int
	}{
		{"vendor_ref=abc-1234", `{"message":"Your search did not return any results","status":404}`, 404},
		{"vendor_ref=ABC", `{"message":"Your search did not return any results","status":404}`, 404},
		{"", `{"message":"Bad Request: vendor_ref is required","status":400}`, 400},
		{"vendor_ref=", `{"message":"Bad Request: vendor_ref is required","status":400}`, 400},
	}
	for _, tt := range tests {
		code, body := get(t, s.URL()+"/orders/search?"+tt.query)
		if code != tt.want || string(body) != tt.body {
			t.Errorf("search?%s: %d %s", tt.query, code, body)
		}
	}
	// Both at once: status and vendor_ref.
	if code, _ := put(t, s, a, `{"status":"I","vendor_ref":"X"}`); code != 200 {
		t.Fatal(code)
	}
	if o, _ := s.Order(a); o.Status != "I" || o.VendorRef != "X" {
		t.Fatalf("%+v", o)
	}
}

func TestStatuses(t *testing.T) {
	letters := "PCOFDBIHGNE"
	type resp struct {
		Statuses []statusRow    `json:"statuses"`
		Params   map[string]any `json:"params"`
	}
	s := start(t, Options{})
	code, body := get(t, s.URL()+"/statuses")
	if code != 200 {
		t.Fatal(code)
	}
	r := backendtest.Decode[resp](t, body)
	if len(r.Statuses) != 10 || r.Params["total_items"] != "11" || r.Params["page"] != float64(1) {
		t.Fatalf("default page: %d statuses, params %v", len(r.Statuses), r.Params)
	}
	_, body = get(t, s.URL()+"/statuses?page=2")
	if r2 := backendtest.Decode[resp](t, body); len(r2.Statuses) != 1 || r2.Statuses[0].Status != "E" {
		t.Fatalf("page 2: %+v", r2.Statuses)
	}
	_, body = get(t, s.URL()+"/statuses?items_per_page=0")
	r = backendtest.Decode[resp](t, body)
	got := ""
	for _, st := range r.Statuses {
		got += st.Status
		if st.Type != "O" || st.Description == "" || st.StatusID == "" {
			t.Errorf("status row %+v", st)
		}
	}
	if got != letters {
		t.Fatalf("letters %q, want %q", got, letters)
	}
	names := map[string]string{"P": "Processed", "C": "Complete", "O": "Open", "I": "Canceled", "G": "Return in progress", "H": "Return complete", "N": "Incomplete", "E": "Unpaid"}
	for _, st := range r.Statuses {
		if want, ok := names[st.Status]; ok && st.Description != want {
			t.Errorf("%s is %q, want %q", st.Status, st.Description, want)
		}
	}
	_, body = get(t, s.URL()+"/statuses?items_per_page=0&lang_code=de")
	if r := backendtest.Decode[resp](t, body); r.Statuses[0].Description != "Bezahlt und bereit zum Versand (P)" {
		t.Errorf("German P: %q", r.Statuses[0].Description)
	}

	arr := start(t, Options{StatusesShape: "array"})
	_, body = get(t, arr.URL()+"/statuses?items_per_page=0")
	if rows := backendtest.Decode[[]statusRow](t, body); len(rows) != 11 {
		t.Fatalf("array shape: %d rows", len(rows))
	}
	none := start(t, Options{StatusesShape: "none"})
	if code, body := get(t, none.URL()+"/statuses"); code != 404 || string(body) != `{"message":"Not Found","status":404}` {
		t.Fatalf("none shape: %d %s", code, body)
	}
}

// TestGeneratedPaths: statuses follow the order's age.
func TestGeneratedPaths(t *testing.T) {
	s := start(t, Options{Orders: 1000})
	seen := map[string]bool{}
	for _, id := range s.IDs() {
		o, _ := s.Order(id)
		seen[o.Status] = true
		age := DefaultNow.Sub(o.Created)
		if o.Updated.Before(o.Created) || o.Updated.After(DefaultNow) {
			t.Fatalf("order %s updated %v outside [created, now]", id, o.Updated)
		}
		if age < 24*time.Hour && (o.Status == "H" || o.Status == "G") {
			t.Errorf("order %s is %v old but already %s", id, age, o.Status)
		}
	}
	for _, l := range []string{"P", "C", "O", "F", "D", "B", "I", "H", "G", "N", "E"} {
		if !seen[l] {
			t.Errorf("no order has status %s", l)
		}
	}
}

func TestDeterministic(t *testing.T) {
	body := func(seed int64) string {
		s := start(t, Options{Seed: seed})
		_, b := get(t, s.URL()+"/orders?items_per_page=0&get_orders_data=1")
		return string(b)
	}
	a, b, c := body(5), body(5), body(6)
	if a != b {
		t.Fatal("the same seed gave different orders")
	}
	if a == c {
		t.Fatal("different seeds gave the same orders")
	}
	if len(sim.Generate(5, 200, DefaultNow)) != 200 {
		t.Fatal("generator")
	}
}
