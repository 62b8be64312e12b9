package main

import (
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
)

// show --url prints the order's page in its store's admin and nothing
// else; a store without admin_url says why. The demo's stores link to
// their simulators' admin pages.
func TestShowURL(t *testing.T) {
	sb := newSandbox(t)
	cfg := sb.writeConfig(simConfig(t, `admin_url = "https://www.example.com/admin/shopping_cart/orders/{id}?n={number}"`), 0o600)
	t.Setenv("OD_CS_KEY", rightKey)
	t.Setenv("OD_LUNA_KEY", rightKey)
	list := sb.run("--config", cfg, "list", "--store", "Lunasoft site", "--json")
	mustCode(t, list, 0)
	orders := decodeJSON[[]map[string]any](t, list.stdout)
	id, number := orders[0]["id"].(string), orders[0]["number"].(string)

	r := sb.run("--config", cfg, "show", "--store", "Lunasoft site", id, "--url")
	mustCode(t, r, 0)
	want := "https://www.example.com/admin/shopping_cart/orders/" + id + "?n=" + number + "\n"
	if r.stdout != want || r.stderr != "" {
		t.Errorf("show --url: %s\nwant stdout %q", r, want)
	}
	noSecrets(t, r)

	eu := decodeJSON[[]map[string]any](t, sb.run("--config", cfg, "list", "--store", "Marketplace EU", "--json").stdout)
	r = sb.run("--config", cfg, "show", "--store", "Marketplace EU", eu[0]["id"].(string), "--url")
	mustCode(t, r, 1)
	oneLine(t, r, "store Marketplace EU has no admin_url: set admin_url in its [[stores]] entry (see config.example.toml)")

	demoID, _ := firstOrder(t, sb, "demo-cscart")
	r = sb.demo("show", "--store", "demo-cscart", demoID, "--url")
	mustCode(t, r, 0)
	if !regexp.MustCompile(`^http://127\.0\.0\.1:\d+/admin/orders/`+regexp.QuoteMeta(demoID)+"\n$").MatchString(r.stdout) || r.stderr != "" {
		t.Errorf("demo show --url: %s", r)
	}

	r = sb.run("--config", cfg, "show", id, "--url", "--json")
	mustCode(t, r, 2)
}

// The browser is opened only where there is a display to open it on;
// elsewhere (SSH, a console) the dashboard shows the link instead.
func TestBrowserCommand(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	tests := []struct {
		goos string
		env  func(string) string
		want string
	}{
		{"linux", env(), ""},
		{"linux", env("SSH_CONNECTION", "1 2 3 4"), ""},
		{"darwin", env(), "open"},
		{"darwin", env("SSH_CONNECTION", "1 2 3 4"), ""},
		{"windows", env(), "rundll32"},
	}
	for _, tc := range tests {
		if got, _ := browserCommand(tc.goos, tc.env); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.goos, got, tc.want)
		}
	}
	if name, _ := browserCommand("linux", env("DISPLAY", ":0")); name != "" && !strings.HasSuffix(name, "xdg-open") {
		t.Errorf("linux with a display: %q", name)
	}
}

// The demo dashboard has the demo stores' admin_url, for `w`: known only
// once the simulators run, so taken after the stores open.
func TestDemoDashboardAdminURLs(t *testing.T) {
	newSandbox(t)
	a := newApp(&globals{}, io.Discard, io.Discard) // no config file: the demo
	t.Cleanup(a.close)
	if err := a.load(); err != nil {
		t.Fatal(err)
	}
	opts, err := a.dashboardOptions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(opts.Stores) != 4 {
		t.Fatalf("%d demo stores, want 4", len(opts.Stores))
	}
	for _, s := range opts.Stores {
		if u := opts.AdminURLs[s.Name()]; !strings.HasSuffix(u, "/admin/orders/{id}") {
			t.Errorf("%s: admin_url %q", s.Name(), u)
		}
	}
}
