package main

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/config"
	"github.com/orderdash/orderdash/theme"
	"github.com/orderdash/orderdash/ui"
)

// configBase is a valid file with one table of each kind; a case of
// TestConfigValues replaces the line of the key it sets in the table it
// names (or adds it there), so the line of every problem is known.
var configBase = []struct{ table, text string }{
	{"", `operator = "sam"`},
	{"storage", "[storage]\nsync_days = 30\nkeep = \"90d\"\nlease = \"30s\""},
	{"sla", "[sla]\npending = \"24h\""},
	{"ui", "[ui]\ntheme = \"auto\"\npage_size = 50\nrefresh = \"2m\"\npreview = \"auto\"\nconfirm = true"},
	{"themes", "[themes.warehouse]\nbase = \"dark\"\naccent = \"#ff8800\""},
	{"cscart", "[[stores]]\nname = \"EU\"\nplatform = \"cscart\"\nurl = \"https://shop.example.com/api\"\nemail = \"ops@example.com\"\napi_key_env = \"OD_VAL_KEY\"\ntimeout = \"20s\"\ncurrency = \"EUR\"\nadmin_url = \"https://shop.example.com/admin.php?dispatch=orders.details&order_id={id}\""},
	{"lunasoft", "[[stores]]\nname = \"Luna\"\nplatform = \"lunasoft\"\nurl = \"https://www.example.com/site_api/shopping_cart\"\napi_key_env = \"OD_VAL_KEY\"\nstatuses = [\"Pending\", \"Shipped\"]\ntime_zone = \"America/Denver\"\ncurrency = \"USD\"\nauth_prefix = \"\""},
	{"api2cart", "[[stores]]\nname = \"A2C\"\nplatform = \"api2cart\"\napi_key_env = \"OD_VAL_KEY\"\nstore_key_env = \"OD_VAL_KEY\"\ncurrency = \"USD\"\nstore_id = \"\""},
	{"kornitx", "[[stores]]\nname = \"KX\"\nplatform = \"kornitx\"\nref_id = \"850135\"\napi_key_env = \"OD_VAL_KEY\"\nhmac_key_env = \"OD_VAL_KEY\"\nauth_encoding = \"raw\"\nhmac_encoding = \"hex\"\nlisten = \"127.0.0.1:8787\"\nmax_body = 1048576\nmax_in_flight = 16\ncurrency = \"GBP\"\ntime_zone = \"UTC\""},
	{"views", "[[views]]\nname = \"To ship\"\nstatuses = [\"processing\"]\nsort = \"created\""},
}

// configWith is configBase with line set in table; it returns the text and
// the line line is on.
func configWith(t *testing.T, table, line string) (string, int) {
	t.Helper()
	key, _, _ := strings.Cut(line, "=")
	key = strings.TrimSpace(key)
	var out []string
	at := 0
	for _, b := range configBase {
		lines := strings.Split(b.text, "\n")
		if b.table == table {
			done := false
			for i, l := range lines {
				if k, _, ok := strings.Cut(l, "="); ok && strings.TrimSpace(k) == key {
					lines[i], done, at = line, true, len(out)+i+1
				}
			}
			if !done {
				lines = append(lines, line)
				at = len(out) + len(lines)
			}
		}
		out = append(out, lines...)
		out = append(out, "")
	}
	if at == 0 {
		t.Fatalf("no table %q", table)
	}
	return strings.Join(out, "\n"), at
}

// Every value of the file is checked when it is read — by `check` and by
// every command at start — and a bad one is one line with the file, the
// key's line and, for a word from a list, the nearest valid one.
func TestConfigValues(t *testing.T) {
	t.Setenv("OD_VAL_KEY", "a-key-of-at-least-16-bytes")
	ok, _ := configWith(t, "", `operator = "sam"`)
	sb := newSandbox(t)
	cfg := sb.writeConfig(ok, 0o600)
	if err := newApp(&globals{config: cfg}, &strings.Builder{}, &strings.Builder{}).load(); err != nil {
		t.Fatalf("the base config: %v", err)
	}
	tests := []struct{ table, line, want string }{
		{"", `operator = ""`, `operator = "": want a name; leave operator out to record your OS user`},
		{"", `operator = "sam\u0007"`, `holds a line break or a control character`},
		{"storage", `sync_days = 0`, `storage.sync_days = 0: want a whole number from 1 to 3650`},
		{"storage", `sync_days = 9999`, `storage.sync_days = 9999: want a whole number from 1 to 3650`},
		{"storage", `keep = "1h"`, `storage.keep: 1h0m0s is shorter than a day`},
		{"storage", `keep = "soon"`, `"soon" is not a length of time`},
		{"storage", `url = "mysql://db/x"`, `storage.url`},
		{"storage", `lease = "1s"`, `storage.lease = "1s": want a duration from 5s to 10m`},
		{"storage", `lease = "soon"`, `storage.lease`},
		{"sla", `pending = "30s"`, `sla.pending`},
		{"sla", `procesing = "1h"`, `(did you mean processing?)`},
		{"ui", `theme = "drak"`, `ui.theme = "drak": want auto, dark, light, high-contrast or warehouse (did you mean dark?)`},
		{"ui", `theme = "warehous"`, `(did you mean warehouse?)`},
		{"ui", `page_size = 0`, `ui.page_size = 0: want a whole number from 1 to 1000`},
		{"ui", `page_size = -5`, `ui.page_size = -5: want a whole number from 1 to 1000`},
		{"ui", `page_size = 100000`, `ui.page_size = 100000: want a whole number from 1 to 1000`},
		{"ui", `refresh = "1s"`, `ui.refresh = 1s: refreshing more often than every 5s would hammer the stores`},
		{"ui", `refresh = "48h"`, `ui.refresh = "48h": want a duration from 0s to 24h`},
		{"ui", `refresh = 5`, `ui.refresh: 5 has no unit`},
		{"ui", `refresh = "5"`, `ui.refresh: "5" is not a duration`},
		{"ui", `preview = "rigth"`, `ui.preview = "rigth": want right, bottom, auto or off (did you mean right?)`},
		{"ui", `confirm = "yes"`, `ui.confirm: is a string, want true or false`},
		{"ui", `bell_on_new = 1`, `ui.bell_on_new: is an integer, want true or false`},
		{"themes", `base = "drak"`, `themes.warehouse.base = "drak": want auto, dark, light or high-contrast (did you mean dark?)`},
		{"themes", `accent = "#ggg"`, `accent = "#ggg"`},
		{"themes", `kinds = { shiped = "#fff" }`, `kinds.shiped`},
		{"cscart", `platform = "cscrt"`, `unknown platform "cscrt" in store "EU" (did you mean cscart?)`},
		{"cscart", `url = "ftp://shop.example.com/api"`, `url in store "EU"`},
		{"cscart", `url = "http://shop.example.com/api"`, `must use https://`},
		{"cscart", `timeout = "0s"`, `stores.timeout in store "EU" = "0s": want a duration from 100ms to 10m`},
		{"cscart", `timeout = "1h"`, `stores.timeout in store "EU" = "1h": want a duration from 100ms to 10m`},
		{"cscart", `email = "ops"`, `stores.email in store "EU" = "ops": want an e-mail address`},
		{"cscart", `currency = "EURO"`, `stores.currency in store "EU" = "EURO": want a three-letter currency code`},
		{"cscart", `status_kinds = { G = "onhold" }`, `status_kinds.G in store "EU"`},
		{"cscart", `name = "E\u001b[31mU"`, `stores.name in store`},
		{"cscart", `read_only = "no"`, `is a string, want true or false`},
		{"cscart", `carrier = "dhl\u0000"`, `stores.carrier in store "EU"`},
		{"cscart", `sla = { pending = "soon" }`, `sla.pending in store "EU"`},
		{"cscart", `admin_url = "https://shop.example.com/admin.php"`, `stores.admin_url in store "EU" = "https://shop.example.com/admin.php": want a URL holding {id}`},
		{"cscart", `admin_url = "ftp://shop.example.com/{id}"`, `want an http:// or https:// URL, not ftp://`},
		{"cscart", `admin_url = "https://ops:pw@shop.example.com/o/{id}"`, `may carry no credentials`},
		{"cscart", `admin_url = "https://shop.example.com/o/{id}?api_key=x"`, `may carry no credentials`},
		{"lunasoft", `time_zone = "Mars/Olympus"`, `stores.time_zone in store "Luna" = "Mars/Olympus": not a time zone`},
		{"lunasoft", `currency = "usd"`, `want a three-letter currency code`},
		{"lunasoft", `auth_prefix = "Bearer\n"`, `stores.auth_prefix in store "Luna"`},
		{"lunasoft", `statuses = ["Pending", "Shipped", "Pending"]`, `"Pending" is listed twice`},
		{"lunasoft", `statuses = ["Pending", " Shipped"]`, `" Shipped" has spaces around it`},
		{"lunasoft", `statuses = ["Pending", ""]`, `holds an empty name`},
		{"api2cart", `currency = "$"`, `want a three-letter currency code`},
		{"api2cart", `store_id = "1\n2"`, `stores.store_id in store "A2C"`},
		{"api2cart", `carrier = "ups\u0000"`, `stores.carrier in store "A2C"`},
		{"kornitx", `auth_encoding = "base46"`, `stores.auth_encoding in store "KX" = "base46": want raw or base64 (did you mean base64?)`},
		{"kornitx", `hmac_encoding = "hexx"`, `want hex or base64 (did you mean hex?)`},
		{"kornitx", `listen = "localhost"`, `stores.listen in store "KX" = "localhost": want HOST:PORT`},
		{"kornitx", `listen = "127.0.0.1:99999"`, `want HOST:PORT with a port from 0 (any free one) to 65535`},
		{"kornitx", `max_body = 0`, `stores.max_body in store "KX" = 0: want a whole number from 1 to 67108864`},
		{"kornitx", `max_in_flight = 1000`, `stores.max_in_flight in store "KX" = 1000: want a whole number from 1 to 256`},
		{"kornitx", `time_zone = "Europe/Londn"`, `not a time zone`},
		{"kornitx", `ref_id = "85\n01"`, `stores.ref_id in store "KX"`},
		{"views", `sort = "creatd"`, `(did you mean "created"?)`},
		{"views", `statuses = ["procesing"]`, `procesing`},
		{"views", `stores = ["Nope"]`, `Nope`},
	}
	everyField(t, func(key string) bool {
		for _, tc := range tests {
			if k, _, _ := strings.Cut(tc.line, "="); strings.TrimSpace(k) == key {
				return true
			}
		}
		return false
	})
	for _, tc := range tests {
		t.Run(tc.table+" "+tc.line, func(t *testing.T) {
			text, line := configWith(t, tc.table, tc.line)
			path := sb.writeConfig(text, 0o600)
			for _, cmd := range [][]string{{"check"}, {"list", "--store", "EU"}} {
				r := sb.run(append([]string{"--config", path}, cmd...)...)
				mustCode(t, r, 1)
				want := fmt.Sprintf("orderdash: %s:%d: ", path, line)
				got := ""
				for _, l := range strings.Split(r.stderr, "\n") {
					if strings.HasPrefix(l, want) {
						got = l
					}
				}
				if got == "" || !strings.Contains(got, tc.want) {
					t.Errorf("%s: want a line %s…%s, got:\n%s", cmd[0], want, tc.want, r.stderr)
				}
				if strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
					t.Errorf("%s: more than one line:\n%s", cmd[0], r.stderr)
				}
			}
		})
	}
}

// untested are the keys TestConfigValues has no bad value of, and why.
var untested = map[string]string{
	"path":          "any path; the database says what is wrong with it when it is opened",
	"url_env":       "a variable's name; secrets' rules (config tests) check it is set",
	"api_key":       "a secret: set, inline in a private file, or from its variable (config tests)",
	"api_key_env":   "as api_key",
	"store_key":     "as api_key",
	"store_key_env": "as api_key",
	"hmac_key":      "as api_key; its length (minlen) in TestCheckStoreOpenErrorsPointAtTheKey",
	"hmac_key_env":  "as api_key",
	"tls_cert":      "a file, with tls_key: both or neither, checked by check and receive",
	"tls_key":       "as tls_cert",
	"processing":    "an [sla] duration like pending",
	"on_hold":       "as processing",
	"shipped":       "as processing",
	"other":         "as processing",
	"text":          "a colour like accent",
	"muted":         "as text",
	"faint":         "as text",
	"border":        "as text",
	"header_bg":     "as text",
	"selected_bg":   "as text",
	"selected_fg":   "as text",
	"marked":        "as text",
	"success":       "as text",
	"warning":       "as text",
	"error":         "as text",
	"pending":       "as text",
}

// everyField fails for a key of a table orderdash reads (but [keys],
// [[views]] and [sla], tested in their own packages) that neither has a
// bad value in TestConfigValues nor a reason in untested.
func everyField(t *testing.T, tested func(string) bool) {
	t.Helper()
	types := []reflect.Type{reflect.TypeFor[config.Storage](), reflect.TypeFor[ui.Config](), reflect.TypeFor[theme.Overrides]()}
	for _, p := range platformNames() {
		types = append(types, reflect.TypeOf(platforms[p].newConfig()).Elem())
	}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
			if f.Anonymous && name == "" {
				walk(f.Type)
				continue
			}
			if name == "" || name == "-" || tested(name) || untested[name] != "" {
				continue
			}
			t.Errorf("%s.%s has no bad value in TestConfigValues (add one, or say why in untested)", typ.Name(), name)
		}
	}
	for _, typ := range types {
		walk(typ)
	}
}
