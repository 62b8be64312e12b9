package storage

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/kornitx"
)

// BenchmarkKornitXReceive is the push receiver end to end on loopback:
// HTTP POST, X-CustomGateway-Hmac check, JSON validation and one durable
// SQLite transaction (WAL, synchronous=FULL) per push, each a new order.
// Target: over 500 pushes/s. "parallel" has several pushes in flight, as
// Kornit X sends them when many orders arrive at once.
func BenchmarkKornitXReceive(b *testing.B) {
	for _, parallel := range []bool{false, true} {
		name := "serial"
		if parallel {
			name = "parallel"
		}
		b.Run(name, func(b *testing.B) {
			db := openTest(b)
			cfg := kornitx.Config{StoreConfig: backend.StoreConfig{Name: "KX", Platform: kornitx.Platform}, HMACKey: "bench-hmac-key-0123"}
			rc, err := kornitx.NewReceiver(cfg, db.KornitXOrders(), nil)
			if err != nil {
				b.Fatal(err)
			}
			srv := httptest.NewServer(rc)
			defer srv.Close()
			hc := srv.Client()
			hc.Transport.(*http.Transport).MaxIdleConnsPerHost = 64
			var next atomic.Int64
			push := func() {
				id := next.Add(1)
				body := fmt.Appendf(nil, `{"id":%d,"ref":"CG%d","status":1,"status_name":"Received","customer_name":"Ann Lee",
"customer_email":"ann@example.com","sale_datetime":"2026-11-20 09:15:00","shipping_address_1":"10 High Street",
"shipping_address_3":"Leeds","shipping_postcode":"LS1 1AA","shipping_country_code":"GB",
"items":[{"id":%d1,"sku":"TS-CLASSIC-BLA-M-CAT","description":"Classic T-Shirt","quantity":2,"unit_sale_price":"19.99"}]}`, id, id, id)
				req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(body))
				req.Header.Set(kornitx.HMACHeader, kornitx.Sign(body, "bench-hmac-key-0123", "hex"))
				resp, err := hc.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Errorf("push %d: %d", id, resp.StatusCode)
				}
			}
			b.ResetTimer()
			if parallel {
				b.SetParallelism(4)
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						push()
					}
				})
			} else {
				for b.Loop() {
					push()
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pushes/s")
		})
	}
}
