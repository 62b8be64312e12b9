package lunasoftsim

import (
	"testing"
)

func TestAuth(t *testing.T) {
	s := start(t, Options{})
	for _, a := range []string{"-", "", "wrong", "Bearer demo-lunasoft-key", "DEMO-LUNASOFT-KEY", "demo-lunasoft-key2"} {
		code, _, body := call(t, "GET", s.URL()+"/orders", "", a)
		if code != 401 || string(body) != `{"errors":[{"internal_message":"Unauthorized","user_message":"An error occurred","code":"401","more_info":"http://www.lunasoft.com/api.php"}]}` {
			t.Errorf("Authorization %q: %d %.200s", a, code, body)
		}
	}
	if code, _, _ := call(t, "GET", s.URL()+"/orders", ""); code != 200 {
		t.Fatalf("right key: %d", code)
	}
	s2 := start(t, Options{AuthHeader: "Bearer s3cret"})
	if code, _, _ := call(t, "GET", s2.URL()+"/orders", "", "Bearer s3cret"); code != 200 {
		t.Fatalf("custom header: %d", code)
	}
	if code, _, _ := call(t, "GET", s2.URL()+"/orders", "", "s3cret"); code != 401 {
		t.Fatalf("custom header without its prefix: %d", code)
	}
}

func TestRoutes(t *testing.T) {
	s := start(t, Options{})
	id := s.IDs()[0]
	tests := []struct {
		method, path string
		want         int
	}{
		{"GET", "/site_api/shopping_cart/orders", 200},
		{"GET", "/site_api/shopping_cart/orders/", 200},
		{"GET", "/site_api/shopping_cart/orders/" + id, 200},
		{"GET", "/site_api/shopping_cart/orders/" + id + "/", 200},
		{"GET", "/site_api/shopping_cart/orders/1", 404},
		{"GET", "/site_api/shopping_cart/orders/abc", 404},
		{"GET", "/site_api/shopping_cart/orders/" + id + "/items", 404},
		{"GET", "/site_api/shopping_cart/ordersx", 404},
		{"GET", "/site_api/shoppping_cart/orders", 404},
		{"GET", "/", 404},
		{"POST", "/site_api/shopping_cart/orders", 405},
		{"PUT", "/site_api/shopping_cart/orders/" + id, 405},
		{"DELETE", "/site_api/shopping_cart/orders/" + id, 405},
	}
	for _, tt := range tests {
		code, _, body := call(t, tt.method, s.Root()+tt.path, "")
		if code != tt.want {
			t.Errorf("%s %s: %d, want %d", tt.method, tt.path, code, tt.want)
		}
		if code >= 400 {
			wantEnvelope(t, body, itoa(code))
		}
	}
	code, _, body := call(t, "GET", s.URL()+"/orders/99", "")
	if code != 404 || string(body) != `{"errors":[{"internal_message":"The requested object no longer present","user_message":"An error occurred","code":"404","more_info":"http://www.lunasoft.com/api.php"}]}` {
		t.Fatalf("404: %s", body)
	}
}

func TestStartOptions(t *testing.T) {
	if _, err := Start(Options{Statuses: []string{"Open", " "}}); err == nil {
		t.Fatal("want an error for an empty status name")
	}
	if _, err := Start(Options{Addr: "bad:address:x"}); err == nil {
		t.Fatal("want an error for a bad address")
	}
	s := start(t, Options{Orders: -1})
	if n := len(s.IDs()); n != 1000 {
		t.Fatalf("default Orders gave %d", n)
	}
	if s.URL() != s.Root()+"/site_api/shopping_cart" {
		t.Fatalf("URL %s", s.URL())
	}
	if got := s.Statuses(); len(got) != 7 || got[0] != "Pending" {
		t.Fatalf("statuses %v", got)
	}
}
