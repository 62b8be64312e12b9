package cscart

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

func TestNewValidates(t *testing.T) {
	cases := []struct {
		name string
		mod  func(*Config)
		want string
	}{
		{"no key", func(c *Config) { c.APIKey = "" }, `store "Market EU" (cscart): api_key is not set (give api_key or api_key_env)`},
		{"key env empty", func(c *Config) { c.APIKey = ""; c.APIKeyEnv = "MARKET_KEY" }, "environment variable MARKET_KEY is empty"},
		{"no email", func(c *Config) { c.Email = " " }, "email is not set"},
		{"email with a line break", func(c *Config) { c.Email = "a@b.c\r\nX: y" }, "line break"},
		{"no url", func(c *Config) { c.URL = "" }, "url is not set"},
		{"relative url", func(c *Config) { c.URL = "shop.example.com/api" }, "not an absolute"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig("https://shop.example.com/api")
			tc.mod(&cfg)
			_, err := New(cfg, fastOpts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want %q", err, tc.want)
			}
			noSecret(t, err.Error())
		})
	}
}

func TestAuthAndSecrets(t *testing.T) {
	f := newFakeStore(t)
	c := newTestClient(t, f.srv.URL+"/api")
	if _, err := c.Get(context.Background(), "98"); err != nil {
		t.Fatal(err)
	}
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte(testEmail+":"+testKey))
	if got := f.Requests()[0].Auth; got != want {
		t.Errorf("Authorization %q", got)
	}
	// A wrong key: 401, and neither key appears anywhere in the error.
	bad := newTestClient(t, f.srv.URL+"/api", func(c *Config) { c.APIKey = "wrong-" + testKey })
	_, err := bad.Get(context.Background(), "98")
	e := checkErr(t, err, backend.ErrUnauthorized)
	if e.HTTPStatus != 401 || strings.Contains(err.Error(), "wrong-") {
		t.Errorf("error %v", err)
	}
	// A store that echoes the credentials back in its error.
	f.on("GET /orders/98", func(w http.ResponseWriter, r *http.Request) {
		u, p, _ := r.BasicAuth()
		backendtest.WriteJSON(w, 400, map[string]any{"message": "bad key " + p + " for " + u + " header " + r.Header.Get("Authorization"), "status": 400})
	})
	_, err = c.Get(context.Background(), "98")
	checkErr(t, err, backend.ErrInvalidRequest)
	if !strings.Contains(err.Error(), "[redacted]") {
		t.Errorf("echoed key not redacted: %v", err)
	}
	// The config prints without the key.
	if s := fmt.Sprintf("%+v %#v", c.cfg, c.cfg); strings.Contains(s, testKey) {
		t.Errorf("config prints the key: %s", s)
	}
}
