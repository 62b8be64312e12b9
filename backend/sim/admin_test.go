package sim

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// The admin page shows the order found, escaped; an unknown order is 404;
// the page is no API request (no faults, not logged).
func TestAdminPage(t *testing.T) {
	s, err := Listen(Config{
		Handler: http.NotFoundHandler(),
		Admin: func(id string) (AdminOrder, bool) {
			if id != "7<b>" {
				return AdminOrder{}, false
			}
			return AdminOrder{ID: id, Status: "On hold", Items: []Item{{SKU: "TS-1", Name: "T-shirt & cap", Qty: 2}}}, true
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Faults.SetFor(http.MethodGet, Fault5xx, 0)
	tests := []struct {
		method, path string
		code         int
		want         []string
	}{
		{"GET", AdminPath + "7%3Cb%3E", 200, []string{"<code>7&lt;b&gt;</code>", "On hold", "TS-1", "T-shirt &amp; cap", "<td>2</td>"}},
		{"GET", AdminPath + "8", 404, nil},
		{"GET", AdminPath, 404, nil},
		{"GET", AdminPath + "7%3Cb%3E/x", 404, nil},
		{"POST", AdminPath + "7%3Cb%3E", 405, nil},
	}
	for _, tc := range tests {
		req, _ := http.NewRequest(tc.method, s.URL+tc.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.code {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.path, resp.StatusCode, tc.code)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s %s lacks %q:\n%s", tc.method, tc.path, w, b)
			}
		}
	}
	if n := len(s.Requests()); n != 0 {
		t.Errorf("%d admin page requests in the API's log", n)
	}
	if AdminURL(s.URL) != s.URL+"/admin/orders/{id}" {
		t.Errorf("AdminURL = %q", AdminURL(s.URL))
	}
}
