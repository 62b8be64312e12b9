package lunasoft

import (
	"context"
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
		{"no key", func(c *Config) { c.APIKey = "" }, `store "Luna Site" (lunasoft): api_key is not set (give api_key or api_key_env)`},
		{"key env empty", func(c *Config) { c.APIKey = ""; c.APIKeyEnv = "LUNA_KEY" }, "environment variable LUNA_KEY is empty"},
		{"no url", func(c *Config) { c.URL = " " }, "url is not set"},
		{"relative url", func(c *Config) { c.URL = "www.example.com/x" }, "not an absolute"},
		{"key with a line break", func(c *Config) { c.APIKey += "\r\nX-Evil: 1" }, "line break"},
		{"empty status name", func(c *Config) { c.Statuses = []string{"Shipped", ""} }, "empty name"},
		{"status with spaces", func(c *Config) { c.Statuses = []string{"Shipped "} }, "spaces around it"},
		{"status twice", func(c *Config) { c.Statuses = []string{"Shipped", "Shipped"} }, "listed twice"},
		{"status with an escape", func(c *Config) { c.Statuses = []string{"Ship\x1b[2Jped"} }, "control characters"},
		{"bad time zone", func(c *Config) { c.TimeZone = "Mars/Olympus" }, `time_zone "Mars/Olympus"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig("https://www.example.com/site_api/shopping_cart")
			tc.mod(&cfg)
			_, err := New(cfg, fastOpts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want %q", err, tc.want)
			}
			noSecret(t, err.Error())
		})
	}
}

func TestAuthorizationHeader(t *testing.T) {
	cases := []struct{ prefix, want string }{
		{"", testKey},
		{"Bearer", "Bearer " + testKey},
		{" Token ", "Token " + testKey},
	}
	for _, tc := range cases {
		f := newFakeSite(t)
		c := newTestClient(t, f.srv.URL+base, func(c *Config) { c.AuthPrefix = tc.prefix })
		_, err := c.Get(context.Background(), "54123")
		if got := f.Requests()[0].Auth; got != tc.want {
			t.Errorf("prefix %q: Authorization %q", tc.prefix, got)
		}
		if tc.prefix == "" && err != nil {
			t.Errorf("bare key: %v", err)
		}
		if tc.prefix != "" {
			// The fake wants the bare key: the 401 names no key.
			e := checkErr(t, err, backend.ErrUnauthorized)
			if e.Message != "Unauthorized" || e.Code != "401" {
				t.Errorf("401: %q code %q", e.Message, e.Code)
			}
		}
	}
}

func TestSecretsAreScrubbed(t *testing.T) {
	f := newFakeSite(t)
	f.on("GET /orders/54123", func(w http.ResponseWriter, r *http.Request) {
		backendtest.WriteJSON(w, 400, errBody("bad header "+r.Header.Get("Authorization"), "400"))
	})
	c := newTestClient(t, f.srv.URL+base, func(c *Config) { c.AuthPrefix = "Bearer" })
	_, err := c.Get(context.Background(), "54123")
	checkErr(t, err, backend.ErrInvalidRequest)
	if !strings.Contains(err.Error(), "[redacted]") {
		t.Errorf("not redacted: %v", err)
	}
	if s := fmt.Sprintf("%v %+v %#v", c.cfg, c.cfg, c.cfg.APIKey); strings.Contains(s, testKey) {
		t.Errorf("config prints the key: %s", s)
	}
}
