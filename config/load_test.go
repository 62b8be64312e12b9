package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Stand-ins for the platform and UI structs cmd/orderdash hands the loader;
// they follow the same contract (embedded StoreConfig, secrets as pairs,
// Validate methods). cmd/orderdash's tests load the real ones.

type cscartConfig struct {
	backend.StoreConfig
	Email     string         `toml:"email"`
	APIKey    backend.Secret `toml:"api_key"`
	APIKeyEnv string         `toml:"api_key_env"`
}

type lunasoftConfig struct {
	backend.StoreConfig
	APIKey     backend.Secret `toml:"api_key"`
	APIKeyEnv  string         `toml:"api_key_env"`
	AuthPrefix string         `toml:"auth_prefix"`
	Statuses   []string       `toml:"statuses"`
}

type api2cartConfig struct {
	backend.StoreConfig
	APIKey      backend.Secret `toml:"api_key"`
	APIKeyEnv   string         `toml:"api_key_env"`
	StoreKey    backend.Secret `toml:"store_key"`
	StoreKeyEnv string         `toml:"store_key_env"`
}

type uiConfig struct {
	Theme    string        `toml:"theme"`
	PageSize int           `toml:"page_size"`
	Refresh  time.Duration `toml:"refresh"`
	Confirm  *bool         `toml:"confirm"`
}

func (c uiConfig) Validate() error {
	if c.PageSize < 0 {
		return fmt.Errorf("ui.page_size = %d: want a positive number", c.PageSize)
	}
	return nil
}

// keyBindings decodes itself, as ui.KeyBindings does, so only its Validate
// can know its actions.
type keyBindings map[string][]string

func (k *keyBindings) UnmarshalTOML(v any) error {
	out := keyBindings{}
	for name, val := range v.(map[string]any) {
		switch x := val.(type) {
		case string:
			out[name] = []string{x}
		case []any:
			for _, e := range x {
				out[name] = append(out[name], e.(string))
			}
		}
	}
	*k = out
	return nil
}

func (k keyBindings) Validate() error {
	defaults := map[string][]string{"down": {"j", "down"}, "up": {"k", "up"}, "status": {"s"}}
	for name := range k {
		if _, ok := defaults[name]; !ok {
			return fmt.Errorf("keys: unknown action %q (did you mean %q?)", name, "down")
		}
		defaults[name] = k[name]
	}
	by := map[string]string{}
	for _, a := range []string{"down", "up", "status"} {
		for _, key := range defaults[a] {
			if other, ok := by[key]; ok {
				return fmt.Errorf("keys: %q is bound to both %s and %s", key, other, a)
			}
			by[key] = a
		}
	}
	return nil
}

type themeOverrides struct {
	Base   string            `toml:"base"`
	Accent string            `toml:"accent"`
	Kinds  map[string]string `toml:"kinds"`
}

func (o themeOverrides) Validate() error {
	if o.Accent != "" && !strings.HasPrefix(o.Accent, "#") {
		return fmt.Errorf("accent = %q: want #rrggbb", o.Accent)
	}
	return nil
}

type targets struct {
	ui     uiConfig
	keys   keyBindings
	themes map[string]themeOverrides
}

func testLoader(env map[string]string) (Loader, *targets) {
	t := &targets{ui: uiConfig{Theme: "auto", PageSize: 50, Refresh: 2 * time.Minute}}
	return Loader{
		Platforms: map[string]func() any{
			"cscart":   func() any { return new(cscartConfig) },
			"lunasoft": func() any { return new(lunasoftConfig) },
			"api2cart": func() any { return new(api2cartConfig) },
		},
		Tables: map[string]any{"ui": &t.ui, "keys": &t.keys, "themes": &t.themes},
		LookupEnv: func(k string) (string, bool) {
			v, ok := env[k]
			return v, ok
		},
	}, t
}

var testEnv = map[string]string{
	"TEST_CSCART_KEY": "SUPERSECRET-env-cscart",
	"TEST_LUNA_KEY":   "SUPERSECRET-env-luna",
	"TEST_A2C_KEY":    "SUPERSECRET-env-a2c",
	"TEST_A2C_STORE":  "SUPERSECRET-env-a2c-store",
	"TEST_EMPTY":      "",
}

// fixture copies testdata/name to a temp dir as config.toml with the given
// mode, so messages read "config.toml:N" and modes are what the case says
// whatever git checked out.
func fixture(t *testing.T, name string, mode os.FileMode) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, data, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil { // WriteFile's mode is masked by umask
		t.Fatal(err)
	}
	return p
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		file string
		mode os.FileMode
		want []string // each is one error line, after "config.toml"
	}{
		{"unknown_keys.toml", 0o600, []string{
			`:1: unknown key opertor (did you mean operator?)`,
			`:4: unknown key storage.pth (did you mean path?)`,
			`:7: unknown key ui.them (did you mean theme?)`,
			`:10: unknown key themes.mine.acent (did you mean accent?)`,
			`:23: unknown key stores.api_ky in store "Marketplace EU" (did you mean api_key?)`,
			`:24: unknown key stores.store_key_env in store "Marketplace EU" (valid keys: admin_url, api_key, api_key_env, email, name, platform, read_only, sla, status_kinds, timeout, url)`,
			`:25: unknown key stores.zzzzzzzz in store "Marketplace EU" (valid keys: admin_url, api_key, api_key_env, email, name, platform, read_only, sla, status_kinds, timeout, url)`,
			`:27: unknown key uii (did you mean ui?)`,
		}},
		{"syntax.toml", 0o600, []string{`:4:11: syntax error: expected value but found … instead`}},
		{"syntax_plain.toml", 0o600, []string{`:2:14: syntax error: strings cannot contain newlines`}},
		{"stores_rules.toml", 0o600, []string{
			`:9: store name "shop" is used twice (also on line 2)`,
			`:10: unknown platform "cscrt" in store "shop" (did you mean cscart?)`,
			`:12: store #3 has no name`,
			`:17: store "No platform" has no platform (one of api2cart, cscart, lunasoft)`,
			`:23: unknown platform "woocommerce" in store "Gizmo" (one of api2cart, cscart, lunasoft)`,
		}},
		{"secrets.toml", 0o600, []string{
			`:6: api_key in store "Both": set either api_key or api_key_env, not both`,
			`:13: api_key_env in store "Unset" names the environment variable TEST_NOT_SET, which is not set`,
			`:18: api_key_env in store "Empty" names the environment variable TEST_EMPTY, which is empty`,
		}},
		{"inline_secret.toml", 0o644, []string{
			`:4: api_key in store "Inline" is written in the file, so the file must be readable only by you (it is mode 0644): run chmod 600 `,
			`or move the key to an environment variable named by api_key_env`,
		}},
		{"inline_secret.toml", 0o600, nil},
		{"inline_secret.toml", 0o400, nil},
		{"urls.toml", 0o600, []string{
			`:4: url in store "Plain http" "http://shop.example.com/site_api/shopping_cart" must use https:// (plain http:// is accepted only for localhost, 127.0.0.0/8 and ::1)`,
			`:28: url in store "Userinfo" must not hold a user name or password`,
			`:34: url in store "No scheme" "shop.example.com/site_api" must be a full URL starting with https://`,
			`:40: url in store "FTP" "ftp://shop.example.com/" must use https://`,
			`:46: url in store "Looks local" "http://127.0.0.1.example.com/x" must use https://`,
		}},
		{"values.toml", 0o600, []string{
			`:2: ui.page_size: is a string, want an integer`,
			`:3: ui.refresh: "-1m" is negative`,
			`:11: status_kinds.G in store "Kinds": unknown status kind "onhold" (want one of pending, processing, on_hold, shipped, completed, cancelled, refunded, failed, other)`,
			`:12: stores.timeout in store "Kinds": 20 has no unit; write a duration such as "20s" or "2m"`,
			`:19: stores.timeout in store "Types": "20 sec" is not a duration`,
			`:20: stores.read_only in store "Types": is a string, want true or false`,
			`:21: stores.statuses in store "Types": is a string, want a list`,
			`:31: status_kinds.Lost in store "Sub table": unknown status kind "vanished"`,
		}},
		{"sla.toml", 0o600, []string{
			`:3: unknown key sla.procesing (did you mean processing?)`,
			`:4: sla.on_hold: 30s is shorter than a minute; write one such as "24h" or "2d" ("0" for no limit)`,
			`:12: unknown key stores.sla.pendng in store "Fast" (did you mean pending?)`,
			`:20: unknown key stores.sla.hold in store "Sub table" (valid keys: on_hold, other, pending, processing, shipped)`,
			`:21: sla.other in store "Sub table": 5s is shorter than a minute`,
		}},
		{"sla_value.toml", 0o600, []string{`:3: sla.shipped: "a week" is not a length of time such as "24h", "90m" or "2d"`}},
		{"keys_conflict.toml", 0o600, []string{`:3: keys: "j" is bound to both down and status`}},
		{"keys_unknown.toml", 0o600, []string{`:4: keys: unknown action "dwn" (did you mean "down"?)`}},
		{"stores_table.toml", 0o600, []string{`:1: stores: write each store as a [[stores]] table`}},
		{"multiline.toml", 0o600, []string{
			`:5: unknown key dotted (valid keys: keys, operator, sla, storage, stores, themes, ui, views)`,
			`:15: status_kinds.X in store "A": unknown status kind "nope"`,
		}},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s/%o", tc.file, tc.mode), func(t *testing.T) {
			if runtime.GOOS == "windows" && tc.mode != 0o600 {
				t.Skip("no mode bits on Windows")
			}
			path := fixture(t, tc.file, tc.mode)
			l, _ := testLoader(testEnv)
			_, err := l.Load(path)
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Load: no error, want %q", tc.want)
			}
			msg := err.Error()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error lacks %q; got:\n%s", w, msg)
				}
			}
			lines := strings.Split(msg, "\n")
			for _, l := range lines {
				if !strings.HasPrefix(l, path+":") {
					t.Errorf("error line does not start with the file: %q", l)
				}
			}
			if len(lines) < countLines(tc.want) {
				t.Errorf("got %d error lines, want at least %d:\n%s", len(lines), countLines(tc.want), msg)
			}
			if strings.Contains(msg, "SUPERSECRET") {
				t.Errorf("a secret leaked into the error:\n%s", msg)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Errorf("errors.As(*Error) failed for %T", err)
			}
		})
	}
}

// countLines counts the wanted strings that start a line (":N").
func countLines(want []string) int {
	n := 0
	for _, w := range want {
		if strings.HasPrefix(w, ":") {
			n++
		}
	}
	return n
}

func TestLoadValid(t *testing.T) {
	path := fixture(t, "valid.toml", 0o644)
	l, tg := testLoader(testEnv)
	f, err := l.Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	home, _ := os.UserHomeDir()
	if f.Operator != "sam" || f.Storage.Path != filepath.Join(home, "orders/od.db") {
		t.Errorf("operator %q storage %q", f.Operator, f.Storage.Path)
	}
	if tg.ui.Theme != "warehouse" || tg.ui.PageSize != 40 || tg.ui.Refresh != 90*time.Second || tg.ui.Confirm == nil || *tg.ui.Confirm {
		t.Errorf("ui = %+v", tg.ui)
	}
	if got := tg.keys["status"]; len(got) != 1 || got[0] != "S" {
		t.Errorf("keys = %v", tg.keys)
	}
	if th := tg.themes["warehouse"]; th.Accent != "#ff8800" || th.Kinds["shipped"] != "#00ff00" {
		t.Errorf("themes = %+v", tg.themes)
	}
	if len(f.Stores) != 3 {
		t.Fatalf("stores = %d, want 3", len(f.Stores))
	}
	cs := f.Stores[0].Config.(*cscartConfig)
	if cs.Name != "Marketplace EU" || cs.Email != "ops@example.com" || cs.APIKey.Reveal() != "SUPERSECRET-env-cscart" || cs.Timeout != 30*time.Second {
		t.Errorf("cscart = %+v", cs)
	}
	if k := cs.KindOverrides(); k["G"] != backend.KindOnHold || k["E"] != backend.KindProcessing {
		t.Errorf("status kinds = %v", k)
	}
	lu := f.Stores[1].Config.(*lunasoftConfig)
	if !lu.ReadOnly || !f.Stores[1].ReadOnly || len(lu.Statuses) != 2 || f.Stores[1].Line != 31 {
		t.Errorf("lunasoft = %+v line %d", lu, f.Stores[1].Line)
	}
	a2 := f.Stores[2].Config.(*api2cartConfig)
	if a2.StoreKey.Reveal() != "SUPERSECRET-env-a2c-store" || a2.StatusKinds["Awaiting pickup"] != "shipped" {
		t.Errorf("api2cart = %+v", a2)
	}
	want := []SecretState{{Key: "api_key", Env: "TEST_A2C_KEY", Set: true}, {Key: "store_key", Env: "TEST_A2C_STORE", Set: true}}
	if fmt.Sprint(f.Stores[2].Secrets) != fmt.Sprint(want) {
		t.Errorf("secrets = %v, want %v", f.Stores[2].Secrets, want)
	}
}

// A file with problems still yields the stores that decoded, so `info`
// can show what it can; secrets that could not be read are "unset".
func TestLoadPartial(t *testing.T) {
	path := fixture(t, "secrets.toml", 0o600)
	l, _ := testLoader(testEnv)
	f, err := l.Load(path)
	if err == nil || f == nil {
		t.Fatalf("Load = %v, %v; want a file and an error", f, err)
	}
	if len(f.Stores) != 3 {
		t.Fatalf("stores = %d, want 3", len(f.Stores))
	}
	for _, s := range f.Stores {
		for _, sec := range s.Secrets {
			if sec.Key == "api_key" && sec.Set {
				t.Errorf("store %s: api_key reported set", s.Name)
			}
		}
		if strings.Contains(fmt.Sprintf("%+v %#v", s, s.Config), "SUPERSECRET") {
			t.Errorf("store %s prints a secret", s.Name)
		}
	}
}

func TestLoadSkipStores(t *testing.T) {
	path := fixture(t, "secrets.toml", 0o644)
	l, _ := testLoader(nil)
	l.SkipStores = true
	f, err := l.Load(path)
	if err != nil || len(f.Stores) != 0 {
		t.Fatalf("Load = %d stores, %v; want none and no error", len(f.Stores), err)
	}
}

func TestLoadMissingFile(t *testing.T) {
	l, _ := testLoader(nil)
	_, err := l.Load(filepath.Join(t.TempDir(), "nope.toml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("err = %v, want ErrNotExist", err)
	}
}

func TestNearest(t *testing.T) {
	valid := []string{"api_key", "api_key_env", "email", "name", "platform", "read_only", "url"}
	tests := []struct{ in, want string }{
		{"api_ky", "api_key"},
		{"API_KEY", "api_key"},
		{"apikey", "api_key"},
		{"plaform", "platform"},
		{"readonly", "read_only"},
		{"emial", "email"},
		{"zzzzzzzz", ""},
		{"x", ""},
	}
	for _, tc := range tests {
		if got := Nearest(tc.in, valid); got != tc.want {
			t.Errorf("Nearest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
