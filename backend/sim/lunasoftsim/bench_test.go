package lunasoftsim

import (
	"net/http"
	"testing"

	"github.com/orderdash/orderdash/backend/backendtest"
)

// BenchmarkListPage is GET /orders page 1 (50 rows) over loopback.
func BenchmarkListPage(b *testing.B) {
	s := start(b, Options{Orders: 1000})
	req, _ := http.NewRequest("GET", s.URL()+"/orders?page=1", nil)
	req.Header.Set("Authorization", "demo-lunasoft-key")
	backendtest.Repeat(b, req)
}
