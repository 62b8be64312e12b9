package main

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// lunasoftAnswering writes a config whose one store, "Site", is a Lunasoft
// site on loopback answering every order list with page.
func lunasoftAnswering(t *testing.T, sb *sandbox, page string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(page))
	}))
	t.Cleanup(srv.Close)
	return sb.writeConfig(`[storage]
path = "`+sb.home+`/od.db"

[[stores]]
name = "Site"
platform = "lunasoft"
url = "`+srv.URL+`/site_api/shopping_cart"
api_key = "k-0123456789"
statuses = ["Pending", "Shipped"]
`, 0o600)
}

// What a store sends cannot make a list line long: every text field is
// bounded and the table cuts the wide ones; a 200,000-digit total or a
// page of a million orders is one short error line.
func TestListLinesStayShort(t *testing.T) {
	huge := strings.Repeat("W", 200000)
	var flood strings.Builder
	for i := 1; flood.Len() < 4<<20; i++ {
		flood.WriteString(`{"id":` + strconv.Itoa(i) + `},`)
	}
	tests := []struct {
		name, page string
		code       int
		words      string
	}{
		{"huge text fields", `{"orders":[{"id":"7","order_num":"` + huge + `","first_name":"` + huge + `","email":"` + huge +
			`","current_status":"` + huge + `","total":"12.5","line_items":[{"name":"` + huge + `","quantity":2}]}],"next_page":false}`, 0, "12.50"},
		{"200,000-digit total", `{"orders":[{"id":"7","total":"` + strings.Repeat("9", 200000) + `"}],"next_page":false}`, 1, "at most 32 characters"},
		{"a million orders", `{"orders":[` + strings.TrimSuffix(flood.String(), ",") + `],"next_page":2}`, 1, "orders for a page of 50; orderdash reads at most 60"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sb := newSandbox(t)
			cfg := lunasoftAnswering(t, sb, tc.page)
			r := sb.run("--config", cfg, "list", "--store", "Site")
			mustCode(t, r, tc.code)
			if tc.code != 0 {
				oneLine(t, r, tc.words)
			} else if !strings.Contains(r.stdout, tc.words) {
				t.Errorf("stdout lacks %q:\n%.2000s", tc.words, r.stdout)
			}
			for _, l := range strings.Split(r.stdout+r.stderr, "\n") {
				if len(l) > 400 {
					t.Errorf("a line of %d bytes: %.100s…", len(l), l)
				}
			}
		})
	}
}
