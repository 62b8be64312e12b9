package api2cart

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The one-pass reader is a shortcut, not a second reading of the API:
// whatever page it takes must decode to exactly what encoding/json gives.
func FuzzReadList(f *testing.F) {
	paths, err := filepath.Glob(filepath.Join(localRecordings, "*", "order", "list", "*.response.json"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no recordings of order.list: %v", err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, 50)
	}
	for _, s := range []string{
		`{"return_code":0,"pagination":{"next":"abc"},"result":{"order":[{"order_id":"1","create_at":{"value":"2026-11-20T05:19:08-0500","format":"x"},` +
			`"currency":{"iso3":"CAD"},"customer":{"first_name":"A"},"shipping_address":{"country":{"code2":"CA"},"state":"ON"},` +
			`"status":{"id":"1","name":"Pending","history":[{"id":"1","modified_time":{"value":"2026-11-20 05:19:08"}},null]},` +
			`"totals":{"total":170.86},"total":{"total_tax":"1"},"order_products":[{"name":"x","quantity":"2","product":{}},{"product":[{"name":"y"}]}],` +
			`"payment_method":"Cash","shipping_method":{"name":"Post"},"comment":null},null]}}`,
		`{"return_code":0,"result":{"order":[{"order_id":"1","customer":[],"totals":{},"order_products":{"name":"x"},"currency":"EUR","shipping_address":[{"city":"B"}]}]}}`,
		`{"return_code":0,"result":{"order":[]},"pagination":null}`, `{"return_code":0,"result":[]}`, `{"return_code":0,"result":{"order":{}}}`,
		`{"result":{"order":[{"ID":"1"}]}}`, `{"result":{"order":[{"order_id":"1","create_at":{"Value":"2020-01-01"}}]}}`,
	} {
		f.Add([]byte(s), 2)
	}
	f.Fuzz(func(t *testing.T, body []byte, asked int) {
		c := fuzzClient(t, 200, nil)
		orders, pag, ok := c.readList(body, asked)
		if !ok {
			return
		}
		want, wantPag, err := c.decodeListJSON("list orders", body, asked)
		if err != nil {
			t.Fatalf("the reader took %q, encoding/json says %v", body, err)
		}
		if !reflect.DeepEqual(orders, want) || !reflect.DeepEqual(pag, wantPag) {
			t.Fatalf("%q:\nreader        %+v %+v\nencoding/json %+v %+v", body, orders, pag, want, wantPag)
		}
	})
}

// The recorded pages and orders are read in one pass: the shortcut is taken for the
// shapes carts send.
func TestReadTakesRecordings(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(localRecordings, "*", "order", "list", "*.response.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no recordings of order.list: %v", err)
	}
	c := fuzzClient(t, 200, nil)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, ok := c.readList(b, 50); !ok {
			t.Errorf("%s: the one-pass reader stopped", p)
		}
	}
	infos, err := filepath.Glob(filepath.Join(localRecordings, "*", "order", "info", "*.response.json"))
	if err != nil || len(infos) == 0 {
		t.Fatalf("no recordings of order.info: %v", err)
	}
	for _, p := range infos {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// An error answer's result is empty; the others hold the order.
		if res, ok := readInfo(b); !ok || res.Set == strings.HasPrefix(filepath.Base(p), "error-") {
			t.Errorf("%s: the one-pass reader stopped", p)
		}
	}
}

// So must whatever order.info answer it takes.
func FuzzReadInfo(f *testing.F) {
	paths, err := filepath.Glob(filepath.Join(localRecordings, "*", "order", "info", "*.response.json"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no recordings of order.info: %v", err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		`{"return_code":0,"result":{"order_id":"7","status":{"id":"p","history":[{"id":"1","name":"New","modified_time":{"value":"2026-11-20T05:19:08+0000"},"notify":"1"}]}}}`,
		`{"return_code":0,"result":[]}`, `{"return_code":0,"result":{}}`, `{"return_code":0,"result":null}`, `{"return_code":0,"result":[{"order_id":"7"}]}`,
		`{"return_code":0,"result":{"order_id":"7","customer":[{"email":"a@b"},{"email":"c@d"}]}}`, `{"return_code":0,"pagination":5,"result":{"order_id":"7"}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		res, ok := readInfo(body)
		if !ok {
			return
		}
		want, err := fuzzClient(t, 200, nil).decodeInfoJSON("get order 7", body)
		if err != nil {
			t.Fatalf("the reader took %q, encoding/json says %v", body, err)
		}
		if !reflect.DeepEqual(res, want) {
			t.Fatalf("%q:\nreader        %+v\nencoding/json %+v", body, res, want)
		}
	})
}
