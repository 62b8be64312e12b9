package demo

import (
	"context"
	"html"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/config"
)

// Every demo store has an admin_url, and its simulator answers it with a
// page of the order: `w` and `show --url` open something real.
func TestAdminPages(t *testing.T) {
	d := start(t, Options{Clock: func() time.Time { return fixed }})
	urls := d.AdminURLs()
	if len(urls) != len(Catalog()) || len(urls) != 4 {
		t.Fatalf("admin_url for %d stores, want all %d: %v", len(urls), len(Catalog()), urls)
	}
	ctx := context.Background()
	for _, s := range d.Stores() {
		tmpl := urls[s.Name()]
		if msg := config.CheckAdminURL(tmpl); tmpl == "" || msg != "" {
			t.Errorf("%s: admin_url %q: %s", s.Name(), tmpl, msg)
			continue
		}
		p, err := s.List(ctx, backend.Query{PageSize: 3})
		if err != nil || len(p.Orders) == 0 {
			t.Fatalf("%s: list: %d orders, %v", s.Name(), len(p.Orders), err)
		}
		o := p.Orders[0]
		code, body := get(t, backend.AdminLink(tmpl, o))
		if code != http.StatusOK || !strings.Contains(body, "<code>"+html.EscapeString(o.ID)+"</code>") || !strings.Contains(body, html.EscapeString(o.Status.Name)) {
			t.Errorf("%s: the admin page of %s (%s) answers %d:\n%s", s.Name(), o.ID, o.Status.Name, code, body)
		}
		if code, _ := get(t, backend.AdminLink(tmpl, backend.Order{ID: "no-such-order"})); code != http.StatusNotFound {
			t.Errorf("%s: an unknown order's page answers %d, want 404", s.Name(), code)
		}
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}
