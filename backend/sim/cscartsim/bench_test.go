package cscartsim

import (
	"net/http"
	"testing"

	"github.com/orderdash/orderdash/backend/backendtest"
)

// BenchmarkListPage is GET /orders page 1 with 50 rows over loopback.
func BenchmarkListPage(b *testing.B) {
	s := start(b, Options{Orders: 1000})
	req, _ := http.NewRequest("GET", s.URL()+"/orders?items_per_page=50&page=1", nil)
	req.SetBasicAuth("demo@orderdash.test", "demo-cscart-key")
	backendtest.Repeat(b, req)
}
