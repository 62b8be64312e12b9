package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/orderdash/orderdash/backend/sim/cscartsim"
	"github.com/orderdash/orderdash/backend/sim/lunasoftsim"
	"github.com/orderdash/orderdash/config"
	"github.com/orderdash/orderdash/theme"
	"github.com/orderdash/orderdash/ui"
)

// Secrets the tests plant; none may ever be printed.
const (
	rightKey  = "right-key-s3cr3t-7f3a"
	wrongKey  = "wrong-key-s3cr3t-9c1d"
	inlineKey = "inline-key-s3cr3t-2b8e"
)

func noSecrets(t *testing.T, r result) {
	t.Helper()
	for _, s := range []string{rightKey, wrongKey, inlineKey, "s3cr3t"} {
		if strings.Contains(r.stdout+r.stderr, s) {
			t.Errorf("output holds a secret (%s):\n%s", s, r)
		}
	}
}

// simConfig starts a CS-Cart and a Lunasoft simulator that accept rightKey
// and returns a config for them whose keys come from OD_CS_KEY and
// OD_LUNA_KEY.
func simConfig(t *testing.T, extra string) string {
	t.Helper()
	cs, err := cscartsim.Start(cscartsim.Options{Seed: 1, Orders: 30, Email: "ops@example.com", APIKey: rightKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cs.Close() })
	lu, err := lunasoftsim.Start(lunasoftsim.Options{Seed: 2, Orders: 30, AuthHeader: rightKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lu.Close() })
	return fmt.Sprintf(`operator = "tester"

[[stores]]
name = "Marketplace EU"
platform = "cscart"
url = %q
email = "ops@example.com"
api_key_env = "OD_CS_KEY"
read_only = true

[[stores]]
name = "Lunasoft site"
platform = "lunasoft"
url = %q
api_key_env = "OD_LUNA_KEY"
statuses = %s
%s`, cs.URL(), lu.URL(), tomlList(lu.Statuses()), extra)
}

// simSandbox is a sandbox with a config, written with mode, of both
// simulated stores: CS-Cart's key is csKey, Lunasoft's the right one.
func simSandbox(t *testing.T, csKey string, mode os.FileMode) (*sandbox, string) {
	t.Helper()
	sb := newSandbox(t)
	cfg := sb.writeConfig(simConfig(t, ""), mode)
	t.Setenv("OD_CS_KEY", csKey)
	t.Setenv("OD_LUNA_KEY", rightKey)
	return sb, cfg
}

func tomlList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func TestCheckWrongKey(t *testing.T) {
	sb, cfg := simSandbox(t, wrongKey, 0o644)

	r := sb.run("check", "--config", cfg)
	mustCode(t, r, 1)
	noSecrets(t, r)
	lines := strings.Split(r.stdout, "\n")
	var cs, lu string
	for _, l := range lines {
		switch {
		case strings.Contains(l, "Marketplace EU"):
			cs = l
		case strings.Contains(l, "Lunasoft site"):
			lu = l
		}
	}
	if !strings.HasPrefix(cs, "FAIL") || !strings.Contains(cs, "unauthorised") {
		t.Errorf("the wrong key is not a clear FAIL line: %q\n%s", cs, r)
	}
	if !strings.HasPrefix(lu, "ok") {
		t.Errorf("the right key did not pass: %q", lu)
	}
	oneLine(t, r, "1 of 2 stores failed the check")

	t.Setenv("OD_CS_KEY", rightKey)
	r = sb.run("check", "--config", cfg)
	mustCode(t, r, 0)
	noSecrets(t, r)
	if !strings.Contains(r.stdout, "(read-only)") {
		t.Errorf("check does not say the store is read-only:\n%s", r.stdout)
	}

	// The same wrong key makes every command fail with one clean line.
	t.Setenv("OD_CS_KEY", wrongKey)
	r = sb.run("list", "--config", cfg, "--store", "Marketplace EU")
	mustCode(t, r, 1)
	noSecrets(t, r)
	oneLine(t, r, "unauthorised")
}

func TestConfiguredStores(t *testing.T) {
	sb, cfg := simSandbox(t, rightKey, 0o644)
	t.Setenv("ORDERDASH_CONFIG", cfg)

	r := sb.run("list", "--store", "lunasoft SITE", "--json") // names match without regard to case
	mustCode(t, r, 0)
	orders := decodeJSON[[]map[string]any](t, r.stdout)
	if len(orders) == 0 || orders[0]["store"] != "Lunasoft site" {
		t.Fatalf("list: %s", r)
	}

	// read_only = true in the file refuses changes.
	r = sb.run("set-status", "--store", "Marketplace EU", "1", "C")
	mustCode(t, r, 1)
	oneLine(t, r, `refusing to change order 1: store "Marketplace EU" is read-only (read_only = true in `+cfg+")")

	// The Lunasoft store is writable; its change shows in the history.
	id := orders[0]["id"].(string)
	r = sb.run("set-status", "--store", "Lunasoft site", id, "Complete", "--note", "done")
	mustCode(t, r, 0)
	r = sb.run("show", "--store", "Lunasoft site", id, "--json")
	h := decodeJSON[map[string]any](t, r.stdout)["history"].([]any)
	if top := h[0].(map[string]any); top["note"] != "done" || top["status"].(map[string]any)["code"] != "Complete" {
		t.Errorf("newest history entry = %v", top)
	}
	noSecrets(t, r)
}

func TestInfoNeverPrintsSecrets(t *testing.T) {
	sb := newSandbox(t)
	t.Setenv("OD_CS_KEY", rightKey)
	cfg := sb.writeConfig(fmt.Sprintf(`[[stores]]
name = "Inline"
platform = "api2cart"
url = "https://api.example.com/v1.1"
api_key = %q
store_key_env = "OD_CS_KEY"

[[stores]]
name = "Unset"
platform = "lunasoft"
url = "https://www.example.com/site_api/shopping_cart"
api_key_env = "OD_NOT_SET"
`, inlineKey), 0o600)

	r := sb.run("info", "--config", cfg)
	noSecrets(t, r)
	mustCode(t, r, 1) // OD_NOT_SET is not set: reported after the paths
	for _, want := range []string{
		"api_key set (in the file), store_key set ($OD_CS_KEY)",
		"api_key unset ($OD_NOT_SET)",
		"config file  " + cfg + " (found, from --config)",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("info lacks %q:\n%s", want, r.stdout)
		}
	}
	if !strings.Contains(r.stderr, "names the environment variable OD_NOT_SET, which is not set") {
		t.Errorf("info does not report the config problem:\n%s", r.stderr)
	}

	// A URL with a password is refused, and info does not print it either.
	cfg = sb.writeConfig(`[[stores]]
name = "Userinfo"
platform = "lunasoft"
url = "https://ops:pw-s3cr3t-1@www.example.com/x"
api_key_env = "OD_CS_KEY"
`, 0o600)
	r = sb.run("info", "--config", cfg)
	mustCode(t, r, 1)
	noSecrets(t, r)
	if !strings.Contains(r.stdout, "https://ops:xxxxx@www.example.com/x") {
		t.Errorf("info does not show the URL without its password:\n%s", r.stdout)
	}
}

func TestConfigErrors(t *testing.T) {
	sb := newSandbox(t)
	t.Setenv("OD_CS_KEY", rightKey)
	cfg := sb.writeConfig(`[ui]
them = "dark"

[keys]
status = "j"

[[stores]]
name = "Marketplace EU"
platform = "cscart"
url = "http://shop.example.com/api"
email = "ops@example.com"
api_ky = "`+inlineKey+`"
api_key_env = "OD_CS_KEY"
`, 0o644)
	r := sb.run("list", "--config", cfg, "--store", "Marketplace EU")
	mustCode(t, r, 1)
	noSecrets(t, r)
	for _, want := range []string{
		cfg + `:2: unknown key ui.them (did you mean theme?)`,
		cfg + `:5: keys: "j" is bound to both`,
		cfg + `:10: url in store "Marketplace EU" "http://shop.example.com/api" must use https://`,
		cfg + `:12: unknown key stores.api_ky in store "Marketplace EU" (did you mean api_key?)`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	for _, l := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
		if !strings.HasPrefix(l, "orderdash: "+cfg+":") {
			t.Errorf("not a file:line error: %q", l)
		}
	}

	// check reports the same problems.
	r = sb.run("check", "--config", cfg)
	mustCode(t, r, 1)
	if !strings.Contains(r.stderr, "did you mean api_key?") {
		t.Errorf("check does not report the config problems:\n%s", r)
	}
}

// A missing required key is reported by the client's New, with the file
// and the store's line.
func TestClientConfigError(t *testing.T) {
	sb := newSandbox(t)
	t.Setenv("OD_CS_KEY", rightKey)
	cfg := sb.writeConfig(`
[[stores]]
name = "No email"
platform = "cscart"
url = "https://shop.example.com/api"
api_key_env = "OD_CS_KEY"
`, 0o644)
	r := sb.run("show", "--config", cfg, "--store", "no email", "1")
	mustCode(t, r, 1)
	oneLine(t, r, cfg+`:2: store "No email" (cscart): email is not set`)
}

func TestDebugLog(t *testing.T) {
	sb, cfg := simSandbox(t, wrongKey, 0o644)
	r := sb.run("check", "--debug", "--config", cfg)
	mustCode(t, r, 1)
	noSecrets(t, r)
	log, err := os.ReadFile(filepath.Join(sb.home, ".local/state/orderdash/debug.log"))
	if err != nil {
		t.Fatalf("no debug log: %v", err)
	}
	if len(log) == 0 {
		t.Error("the debug log is empty")
	}
	for _, s := range []string{rightKey, wrongKey} {
		if strings.Contains(string(log), s) {
			t.Errorf("the debug log holds a secret")
		}
	}
	if strings.Contains(r.stdout+r.stderr, "level=DEBUG") {
		t.Errorf("debug lines reached the screen")
	}
}

// config.example.toml must load as it stands (with the variables it names
// set), use every key of every table, and have a [[stores]] example for
// every registered platform.
func TestExampleConfig(t *testing.T) {
	sb := newSandbox(t)
	path := filepath.Join("..", "..", "config.example.toml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		t.Fatal(err)
	}
	for _, s := range raw["stores"].([]map[string]any) {
		for k, v := range s {
			if strings.HasSuffix(k, "_env") {
				t.Setenv(v.(string), "example-value-16-bytes-or-more") // hmac_key: minlen=16
			}
		}
	}
	cfg := sb.writeConfig(string(data), 0o600)
	a := newApp(&globals{config: cfg}, &strings.Builder{}, &strings.Builder{})
	if err := a.load(); err != nil {
		t.Fatalf("config.example.toml: %v", err)
	}
	if len(a.keys) == 0 || len(a.themes) == 0 {
		t.Errorf("the example sets no [keys] or no [themes]")
	}
	for _, s := range a.file.Stores {
		if _, err := a.openConfigured(s); err != nil {
			t.Errorf("store %q: %v", s.Name, err)
		}
	}

	top := []string{"operator", "storage", "sla", "ui", "keys", "themes", "stores"}
	for _, k := range top {
		if _, ok := raw[k]; !ok {
			t.Errorf("the example lacks %s", k)
		}
	}
	everyKey(t, "[storage]", raw["storage"], reflect.TypeFor[config.Storage]())
	everyKey(t, "[sla]", raw["sla"], reflect.TypeFor[config.SLA]())
	everyKey(t, "[ui]", raw["ui"], reflect.TypeFor[ui.Config]())
	for name, th := range raw["themes"].(map[string]any) {
		everyKey(t, "[themes."+name+"]", th, reflect.TypeFor[theme.Overrides]())
	}
	seen := map[string]bool{}
	for _, s := range raw["stores"].([]map[string]any) {
		p := s["platform"].(string)
		seen[p] = true
		everyKey(t, "[[stores]] "+p, s, reflect.TypeOf(platforms[p].newConfig()).Elem())
	}
	for _, p := range platformNames() {
		if !seen[p] {
			t.Errorf("the example has no [[stores]] for platform %s", p)
		}
	}
}

// everyKey checks that table sets every key of t; a secret counts as set
// when its _env partner is.
func everyKey(t *testing.T, what string, table any, typ reflect.Type) {
	t.Helper()
	m, _ := table.(map[string]any)
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
			if f.Anonymous && name == "" {
				walk(f.Type)
				continue
			}
			if name == "" || name == "-" {
				continue
			}
			if _, ok := m[name]; ok {
				continue
			}
			if _, ok := m[name+"_env"]; ok {
				continue
			}
			t.Errorf("%s in config.example.toml lacks %s", what, name)
		}
	}
	walk(typ)
}

// --demo uses only the file's [ui], [keys] and [themes]: a store that could
// not be opened in this shell does not keep the demo from running.
func TestDemoIgnoresConfiguredStores(t *testing.T) {
	sb := newSandbox(t)
	cfg := sb.writeConfig(`[ui]
page_size = 7

[[stores]]
name = "Real"
platform = "cscart"
url = "https://shop.example.com/api"
email = "ops@example.com"
api_key_env = "OD_NOT_SET"
`, 0o644)
	r := sb.run("--config", cfg, "--demo", "list", "--store", "demo-cscart", "--json")
	mustCode(t, r, 0)
	if n := len(decodeJSON[[]map[string]any](t, r.stdout)); n != 7 {
		t.Errorf("[ui] page_size not applied: %d orders", n)
	}
	r = sb.run("--config", cfg, "list", "--store", "Real")
	mustCode(t, r, 1)
	oneLine(t, r, "OD_NOT_SET, which is not set")
}
