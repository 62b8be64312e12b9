package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStorageURL(t *testing.T) {
	const pw = "s3cret-Pa55"
	env := map[string]string{"PG_URL": "postgres://ann:" + pw + "@db.example:5432/orders", "EMPTY": " ", "NOT_PG": "mysql://ann:" + pw + "@db/orders"}
	tests := []struct {
		name string
		toml string
		mode os.FileMode
		url  string
		err  string
	}{
		{"none", "[storage]\n", 0o600, "", ""},
		{"inline", "[storage]\nurl = \"postgres://ann@db.example/orders?sslmode=disable\"\n", 0o644, "postgres://ann@db.example/orders?sslmode=disable", ""},
		{"postgresql scheme", "[storage]\nurl = \"postgresql://db.example/orders\"\n", 0o600, "postgresql://db.example/orders", ""},
		{"from the environment", "[storage]\nurl_env = \"PG_URL\"\n", 0o644, env["PG_URL"], ""},
		{"password in a private file", "[storage]\nurl = \"postgres://ann:" + pw + "@db/orders\"\n", 0o600, "postgres://ann:" + pw + "@db/orders", ""},
		{"password in a shared file", "[storage]\n\nurl = \"postgres://ann:" + pw + "@db/orders\"\n", 0o644, "", ":3: storage.url holds a password, so the file must be readable only by you (it is mode 0644)"},
		{"password as a parameter", "[storage]\nurl = \"postgres://ann@db/orders?password=" + pw + "\"\n", 0o644, "", ":2: storage.url holds a password"},
		{"both", "[storage]\nurl = \"postgres://db/orders\"\nurl_env = \"PG_URL\"\n", 0o600, "", "storage: set either url or url_env, not both"},
		{"variable unset", "[storage]\nurl_env = \"NOPE\"\n", 0o600, "", ":2: storage.url_env names the environment variable NOPE, which is not set"},
		{"variable empty", "[storage]\nurl_env = \"EMPTY\"\n", 0o600, "", ":2: storage.url_env names the environment variable EMPTY, which is empty"},
		{"not postgres", "[storage]\nurl = \"mysql://ann:" + pw + "@db/orders\"\n", 0o600, "", ":2: storage.url has the scheme mysql; want postgres://USER@HOST:5432/DATABASE"},
		{"not postgres from env", "[storage]\nurl_env = \"NOT_PG\"\n", 0o600, "", ":2: storage.url_env: the value of NOT_PG has the scheme mysql"},
		{"no database", "[storage]\nurl = \"postgres://ann:" + pw + "@db\"\n", 0o600, "", ":2: storage.url names no database"},
		{"no host", "[storage]\nurl = \"postgres:///orders\"\n", 0o600, "", ":2: storage.url names no host"},
		{"not a url", "[storage]\nurl = \"host=db password=" + pw + "\"\n", 0o600, "", ":2: storage.url is not a URL such as postgres://USER@HOST:5432/DATABASE"},
		{"unparsable", "[storage]\nurl = \"postgres://ann:" + pw + "@db:port/x\"\n", 0o600, "", ":2: storage.url is not a URL"},
		{"misspelt", "[storage]\nulr = \"postgres://db/orders\"\n", 0o600, "", ":2: unknown key storage.ulr (did you mean url?)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.toml")
			if err := os.WriteFile(path, []byte(tc.toml), tc.mode); err != nil {
				t.Fatal(err)
			}
			l, _ := testLoader(env)
			f, err := l.Load(path)
			if err != nil && strings.Contains(err.Error(), pw) {
				t.Fatalf("the error shows the password: %v", err)
			}
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want it to contain %q", err, tc.err)
				}
				if f != nil && f.Storage.URL != "" {
					t.Errorf("a refused URL is kept: UsesPostgres = %v", f.Storage.UsesPostgres())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.Storage.URL != tc.url || f.Storage.UsesPostgres() != (tc.url != "") {
				t.Errorf("URL %q, want %q", f.Storage.URL, tc.url)
			}
		})
	}
}
