package main

import (
	"errors"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/config"
)

// FuzzConfigLoad reads any bytes as the config file, with the loader and
// the tables the program itself uses (every platform's Config, ui, keys,
// themes). Whatever the file holds, Load returns config.Errors whose lines
// are clean, name the file and never show a secret from the environment;
// a file it accepts follows the rules DESIGN.md gives stores.
func FuzzConfigLoad(f *testing.F) {
	seeds, _ := filepath.Glob("../../config/testdata/*.toml")
	seeds = append(seeds, "../../config.example.toml")
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("[[stores]]\nname = \"KX\"\nplatform = \"kornitx\"\nread_only = true\nhmac_key_env = \"OD_FUZZ_KEY\"\ntime_zone = \"Europe/London\"\n"))
	f.Add([]byte("[keys]\ndown = [\"j\", 1]\nstatus = \"\"\n[ui]\nrefresh = 5\npage_size = -1\n[themes.x]\nbase = \"nope\"\n"))
	f.Add([]byte("[[stores]]\nname = \"\\u001b[31mX\"\nplatform = \"cscart\"\nurl = \"http://user:pw@10.0.0.1/\"\napi_key = \"inline\"\n"))
	const secret = "env-s3cr3t-value-4711"
	env := map[string]string{"OD_FUZZ_KEY": secret, "TEST_CSCART_KEY": secret, "TEST_LUNA_KEY": secret, "TEST_A2C_KEY": secret, "TEST_A2C_STORE": secret}
	path := filepath.Join(f.TempDir(), "config.toml")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		a := newApp(&globals{}, io.Discard, io.Discard)
		l := config.Loader{
			Platforms: platformConfigs(),
			Tables:    map[string]any{"ui": &a.ui, "keys": &a.keys, "themes": &a.themes},
			LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		}
		file, err := l.Load(path)
		if err != nil {
			var ce *config.Error
			if !errors.As(err, &ce) {
				t.Fatalf("%T is not a config error: %v", err, err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if err := backendtest.CheckText(line, false); err != nil {
					t.Fatalf("error line: %v", err)
				}
				if !strings.HasPrefix(line, path) {
					t.Fatalf("error line does not name the file: %q", line)
				}
				if strings.Contains(line, secret) {
					t.Fatalf("error shows a secret: %q", line)
				}
			}
			return
		}
		seen := map[string]bool{}
		for _, s := range file.Stores {
			name := strings.ToLower(s.Name)
			if strings.TrimSpace(s.Name) == "" || seen[name] {
				t.Fatalf("store name %q empty or used twice", s.Name)
			}
			seen[name] = true
			if _, ok := platforms[s.Platform]; !ok {
				t.Fatalf("store %q has unknown platform %q", s.Name, s.Platform)
			}
			if s.URL != "" {
				u, err := url.Parse(s.URL)
				if err != nil || u.User != nil || (u.Scheme != "https" && !(u.Scheme == "http" && config.IsLoopback(u.Hostname()))) {
					t.Fatalf("store %q: url %q accepted", s.Name, s.URL)
				}
			}
		}
	})
}
