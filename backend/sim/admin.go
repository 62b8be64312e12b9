package sim

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"
)

// AdminPath is where a simulated store serves the admin page of an order,
// AdminPath + id: what a store's admin_url opens (`w` in the dashboard,
// `show --url`), so the demo's links show something real.
const AdminPath = "/admin/orders/"

// AdminOrder is what the admin page shows of an order.
type AdminOrder struct {
	ID, Number, Status string
	Items              []Item
}

// AdminURL is the admin_url template of a store served at root:
// root + AdminPath + "{id}".
func AdminURL(root string) string { return root + AdminPath + "{id}" }

// AdminURL is the admin_url template of this simulated store.
func (h Host) AdminURL() string { return AdminURL(h.Root()) }

var adminPage = template.Must(template.New("admin").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><title>Order {{.Number}}</title></head>
<body>
<h1>Order {{.Number}}</h1>
<p>Id: <code>{{.ID}}</code></p>
<p>Status: <strong>{{.Status}}</strong></p>
<table>
<tr><th>SKU</th><th>Item</th><th>Qty</th></tr>
{{range .Items}}<tr><td>{{.SKU}}</td><td>{{.Name}}</td><td>{{.Qty}}</td></tr>
{{end}}</table>
<p><small>A simulated store's admin page (orderdash demo).</small></p>
</body></html>
`))

// serveAdmin answers GET AdminPath{id} with the order's page, 404 for an
// order the store does not know. A browser asks for it, not the client:
// no credentials, no faults, not in the request log.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "Method not allowed", http.StatusMethodNotAllowed)
		return
	}
	id, err := url.PathUnescape(strings.TrimPrefix(r.URL.EscapedPath(), AdminPath))
	o, ok := AdminOrder{}, false
	if err == nil && id != "" && !strings.Contains(id, "/") {
		o, ok = s.cfg.Admin(id)
	}
	if !ok {
		http.Error(w, "No such order", http.StatusNotFound)
		return
	}
	if o.Number == "" {
		o.Number = o.ID
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = adminPage.Execute(w, o)
}
