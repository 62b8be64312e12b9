package lunasoftsim

import (
	"io"
	"net/http"
	"testing"
)

// BenchmarkListPage is GET /orders page 1 (50 rows) over loopback.
func BenchmarkListPage(b *testing.B) {
	s := start(b, Options{Orders: 1000})
	req, _ := http.NewRequest("GET", s.URL()+"/orders?page=1", nil)
	req.Header.Set("Authorization", "demo-lunasoft-key")
	b.ReportAllocs()
	for b.Loop() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatal(resp.StatusCode)
		}
	}
}
