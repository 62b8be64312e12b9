package api2cart

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

// BenchmarkDecodePage decodes a page of 50 orders built from the recorded
// Amazon page: the client's share of an order.list call.
func BenchmarkDecodePage(b *testing.B) {
	raw, err := os.ReadFile(localRecordings + "/AmazonSP/order/list/count-2__page1.response.json")
	if err != nil {
		b.Fatal(err)
	}
	var rec map[string]any
	if err := json.Unmarshal(raw, &rec); err != nil {
		b.Fatal(err)
	}
	result := rec["result"].(map[string]any)
	two := result["order"].([]any)
	var orders []any
	for len(orders) < 50 {
		orders = append(orders, two...)
	}
	result["order"] = orders[:50]
	page, err := json.Marshal(rec)
	if err != nil {
		b.Fatal(err)
	}
	tr := &replay{body: page, countBody: []byte(`{"return_code":0,"return_message":"","result":{"orders_count":50}}`)}
	c := replayClient(b, tr)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if p, err := c.List(context.Background(), backend.Query{}); err != nil || len(p.Orders) != 50 {
			b.Fatal(len(p.Orders), err)
		}
	}
}
