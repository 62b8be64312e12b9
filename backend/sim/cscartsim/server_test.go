package cscartsim

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
)

func TestAuth(t *testing.T) {
	s := start(t, Options{})
	basic := func(user, pass string) string {
		return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
	}
	tests := []struct {
		name string
		auth string
		want int
	}{
		{"none", "", 401},
		{"wrong key", basic("demo@orderdash.test", "nope"), 401},
		{"wrong email", basic("other@orderdash.test", "demo-cscart-key"), 401},
		{"key case matters", basic("demo@orderdash.test", "DEMO-CSCART-KEY"), 401},
		{"bearer", "Bearer demo-cscart-key", 401},
		{"garbage", "Basic !!!", 401},
		{"email case does not matter", basic("Demo@OrderDash.test", "demo-cscart-key"), 200},
		{"right", basic("demo@orderdash.test", "demo-cscart-key"), 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hdr := map[string]string{"Authorization": tt.auth}
			code, h, body := call(t, "GET", s.URL()+"/orders", "", hdr)
			if code != tt.want {
				t.Fatalf("status %d, want %d", code, tt.want)
			}
			if code == 401 {
				if string(body) != `{"message":"Unauthorized","status":401}` {
					t.Errorf("body %s", body)
				}
				if h.Get("WWW-Authenticate") != `Basic realm="User email/API key"` {
					t.Errorf("WWW-Authenticate %q", h.Get("WWW-Authenticate"))
				}
			}
		})
	}
	// Custom credentials.
	s2 := start(t, Options{Email: "ops@shop.example", APIKey: "k3y"})
	code, _, _ := call(t, "GET", s2.URL()+"/orders", "", map[string]string{"Authorization": basic("ops@shop.example", "k3y")})
	if code != 200 {
		t.Fatalf("custom credentials: %d", code)
	}
}

func TestRoutes(t *testing.T) {
	s := start(t, Options{})
	tests := []struct {
		method, path string
		want         int
	}{
		{"GET", "/api/orders", 200},
		{"GET", "/api/orders/", 200},
		{"GET", "/api/2.0/orders", 200},
		{"GET", "/api/2/orders", 200},
		{"GET", "/api/4.1.2/orders/1001", 200},
		{"GET", "/api/2.0/statuses", 200},
		{"GET", "/api/2.0/orders/search/?vendor_ref=x", 404},
		{"GET", "/api/products", 404},
		{"GET", "/api/", 404},
		{"GET", "/orders", 404},
		{"GET", "/api/orders/1001/extra", 404},
		{"POST", "/api/orders", 405},
		{"PUT", "/api/orders", 405},
		{"DELETE", "/api/orders/1001", 405},
		{"POST", "/api/statuses", 405},
		{"POST", "/api/orders/search", 405},
	}
	for _, tt := range tests {
		code, _, body := call(t, tt.method, s.Root()+tt.path, "", jsonCT)
		if code != tt.want {
			t.Errorf("%s %s: %d %s, want %d", tt.method, tt.path, code, body, tt.want)
		}
		if code >= 400 && !strings.Contains(string(body), `"status":`) {
			t.Errorf("%s %s: error body %s is not CS-Cart's", tt.method, tt.path, body)
		}
	}
	if code, _, _ := call(t, "GET", s.Root()+"/api/orders", "", map[string]string{"Accept": "text/html"}); code != http.StatusNotAcceptable {
		t.Errorf("Accept text/html: %d, want 406", code)
	}
	if code, _, _ := call(t, "GET", s.Root()+"/api/orders", "", map[string]string{"Accept": "application/json"}); code != 200 {
		t.Errorf("Accept application/json: %d", code)
	}
}

func TestMaintenance(t *testing.T) {
	s := start(t, Options{})
	s.SetMaintenance(true)
	code, body := get(t, s.URL()+"/orders")
	if code != 503 || string(body) != `{"message":"Service Unavailable","status":503}` {
		t.Fatalf("%d %s", code, body)
	}
	s.SetMaintenance(false)
	if code, _ := get(t, s.URL()+"/orders"); code != 200 {
		t.Fatalf("after maintenance: %d", code)
	}
}

func TestStartOptions(t *testing.T) {
	if _, err := Start(Options{StatusesShape: "list"}); err == nil {
		t.Fatal("want an error for an unknown StatusesShape")
	}
	if _, err := Start(Options{Addr: "bad:address:x"}); err == nil {
		t.Fatal("want an error for a bad address")
	}
	s := start(t, Options{Orders: -1})
	if n := len(s.IDs()); n != 1000 {
		t.Fatalf("default Orders gave %d", n)
	}
	if !strings.HasSuffix(s.URL(), "/api") || !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Fatalf("URL %s", s.URL())
	}
}
