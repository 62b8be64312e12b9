package main

import (
	"fmt"
	"strings"
	"testing"
)

// A store the config describes but its platform cannot open (a credential
// not given, a key it cannot work with) is reported as a bad value is: at
// the line of the key, by `check`, by a command and (through the same
// openStores) at dashboard start; a secret's value never shows.
func TestCheckStoreOpenErrorsPointAtTheKey(t *testing.T) {
	const short = "tooShort1"
	t.Setenv("OD_VAL_KEY", "a-key-of-at-least-16-bytes")
	t.Setenv("OD_SHORT_KEY", short)
	sb := newSandbox(t)
	tests := []struct{ table, store, line, want string }{
		// Found at load: the check tag minlen of hmac_key.
		{"kornitx", "KX", `hmac_key_env = "OD_SHORT_KEY"`, `hmac_key (from OD_SHORT_KEY) in store "KX" is shorter than 16 bytes`},
		// Found when the store opens: the platform names the key.
		{"kornitx", "KX", `ref_id = ""`, `store "KX" (kornitx): ref_id is not set`},
		{"kornitx", "KX", `api_key_env = ""`, `store "KX" (kornitx): api_key is not set`},
		{"cscart", "EU", `url = ""`, `store "EU" (cscart): url is not set`},
		{"cscart", "EU", `email = ""`, `store "EU" (cscart): email is not set`},
		{"cscart", "EU", `api_key_env = ""`, `store "EU" (cscart): api_key is not set`},
		{"lunasoft", "Luna", `url = ""`, `store "Luna" (lunasoft): url is not set`},
		{"api2cart", "A2C", `store_key_env = ""`, `store A2C: store_key (or store_key_env) is not set`},
	}
	for _, tc := range tests {
		t.Run(tc.store+" "+tc.line, func(t *testing.T) {
			text, line := configWith(t, tc.table, tc.line)
			path := sb.writeConfig(text, 0o600)
			for _, cmd := range [][]string{{"check", "--store", tc.store}, {"list", "--store", tc.store}} {
				r := sb.run(append([]string{"--config", path}, cmd...)...)
				mustCode(t, r, 1)
				all := r.stdout + r.stderr
				at := fmt.Sprintf("%s:%d: ", path, line)
				found := false
				for _, l := range strings.Split(all, "\n") {
					found = found || strings.Contains(l, at+tc.want)
				}
				if !found {
					t.Errorf("%s: want a line holding %s%s, got:\n%s", cmd[0], at, tc.want, all)
				}
				if strings.Contains(all, short) {
					t.Errorf("%s: the secret shows:\n%s", cmd[0], all)
				}
			}
		})
	}
	// Written inline, a short hmac_key is pinned to its own line.
	text, line := configWith(t, "kornitx", `hmac_key = "`+short+`"`)
	text = strings.Replace(text, "hmac_key_env = \"OD_VAL_KEY\"\n", "", 1)
	line-- // the line removed was above it
	path := sb.writeConfig(text, 0o600)
	r := sb.run("--config", path, "list", "--store", "KX")
	mustCode(t, r, 1)
	if want := fmt.Sprintf("%s:%d: hmac_key in store \"KX\" is shorter than 16 bytes", path, line); !strings.Contains(r.stderr, want) || strings.Contains(r.stderr, short) {
		t.Errorf("want %s, without the key; got:\n%s", want, r.stderr)
	}
}
