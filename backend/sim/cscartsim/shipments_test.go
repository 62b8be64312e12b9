package cscartsim

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/orderdash/orderdash/backend/backendtest"
)

func TestShipments(t *testing.T) {
	s := start(t, Options{})
	id := someOrder(t, s, "P")
	_, body := get(t, s.URL()+"/orders/"+id)
	d := backendtest.Decode[map[string]any](t, body)
	var item string
	var amount string
	for k, v := range d["products"].(map[string]any) {
		item, amount = k, fmt.Sprint(v.(map[string]any)["amount"])
		break
	}
	json := map[string]string{"Content-Type": "application/json"}
	for _, tc := range []struct {
		name, body string
		hdr        map[string]string
		code       int
	}{
		{"no content type", `{"order_id":"` + id + `"}`, map[string]string{}, 415},
		{"no products", `{"order_id":"` + id + `","shipping_id":"1","tracking_number":"X"}`, json, 400},
		{"unknown order", `{"order_id":"999999","shipping_id":"1","products":{"` + item + `":1}}`, json, 400},
		{"unknown item", `{"order_id":"` + id + `","shipping_id":"1","products":{"12":1}}`, json, 400},
		{"too many", `{"order_id":"` + id + `","shipping_id":"1","products":{"` + item + `":99}}`, json, 400},
		{"bad shipping", `{"order_id":"` + id + `","shipping_id":"7","products":{"` + item + `":1}}`, json, 400},
		{"ok", `{"order_id":` + id + `,"shipping_id":1,"tracking_number":" 1Z9 ","carrier":"ups","products":{"` + item + `":"` + amount + `"}}`, json, 201},
	} {
		code, _, b := call(t, "POST", s.URL()+"/shipments", tc.body, tc.hdr)
		if code != tc.code {
			t.Errorf("%s: %d %s, want %d", tc.name, code, b, tc.code)
		}
	}
	list := s.Shipments()
	if len(list) != 1 || list[0].Tracking != "1Z9" || list[0].Carrier != "ups" || list[0].OrderID != id || !list[0].At.Equal(clockNow) {
		t.Fatalf("shipments %+v", list)
	}
	// Not idempotent: the same POST again is a second shipment.
	call(t, "POST", s.URL()+"/shipments", `{"order_id":"`+id+`","shipping_id":"1","tracking_number":"1Z9","products":{"`+item+`":1}}`, json)
	_, body = get(t, s.URL()+"/shipments?order_id="+id)
	got := backendtest.Decode[map[string]any](t, body)
	rows := got["shipments"].([]any)
	if len(rows) != 2 || got["params"].(map[string]any)["total_items"] != "2" {
		t.Fatalf("GET /shipments: %s", body)
	}
	first := rows[0].(map[string]any)
	if first["shipment_id"] != "2" || first["order_id"] != id || first["tracking_number"] != "1Z9" || first["shipment_timestamp"] != fmt.Sprint(clockNow.Unix()) {
		t.Errorf("newest shipment row %v", first)
	}
	_, body = get(t, s.URL()+"/shipments?order_id=1")
	if rows := backendtest.Decode[map[string]any](t, body)["shipments"].([]any); len(rows) != 0 {
		t.Errorf("another order's shipments: %s", body)
	}
}

// Shipments outlive a restart with a state file.
func TestShipmentsState(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state.json")
	s := start(t, Options{StateFile: file})
	id := someOrder(t, s, "P")
	_, body := get(t, s.URL()+"/orders/"+id)
	var item string
	for k := range backendtest.Decode[map[string]any](t, body)["products"].(map[string]any) {
		item = k
		break
	}
	code, _, b := call(t, "POST", s.URL()+"/shipments", `{"order_id":"`+id+`","shipping_id":"1","tracking_number":"T1","products":{"`+item+`":1}}`, map[string]string{"Content-Type": "application/json"})
	if code != 201 {
		t.Fatalf("%d %s", code, b)
	}
	s.Close()
	s2 := start(t, Options{StateFile: file})
	if list := s2.Shipments(); len(list) != 1 || list[0].Tracking != "T1" {
		t.Fatalf("after a restart: %+v", list)
	}
}
