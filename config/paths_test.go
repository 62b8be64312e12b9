package config

import (
	"os"
	"path/filepath"
	"testing"
)

func TestResolvePaths(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	xdg := filepath.Join(dir, "xdg")
	existing := filepath.Join(dir, "exists.toml")
	if err := os.WriteFile(existing, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name          string
		flag, dataDir string
		env           map[string]string
		want          Paths
	}{
		{"defaults under HOME", "", "", map[string]string{"HOME": home},
			Paths{Config: home + "/.config/orderdash/config.toml", ConfigSource: FromDefault,
				DataDir: home + "/.local/share/orderdash", DebugLog: home + "/.local/state/orderdash/debug.log", StateFile: home + "/.local/state/orderdash/state.json"}},
		{"XDG dirs", "", "", map[string]string{"HOME": home, "XDG_CONFIG_HOME": xdg + "/c", "XDG_DATA_HOME": xdg + "/d", "XDG_STATE_HOME": xdg + "/s"},
			Paths{Config: xdg + "/c/orderdash/config.toml", ConfigSource: FromDefault,
				DataDir: xdg + "/d/orderdash", DebugLog: xdg + "/s/orderdash/debug.log", StateFile: xdg + "/s/orderdash/state.json"}},
		{"relative XDG dirs are ignored", "", "", map[string]string{"HOME": home, "XDG_CONFIG_HOME": "rel"},
			Paths{Config: home + "/.config/orderdash/config.toml", ConfigSource: FromDefault,
				DataDir: home + "/.local/share/orderdash", DebugLog: home + "/.local/state/orderdash/debug.log", StateFile: home + "/.local/state/orderdash/state.json"}},
		{"env file", "", "", map[string]string{"HOME": home, "ORDERDASH_CONFIG": existing},
			Paths{Config: existing, ConfigSource: FromEnv, ConfigExists: true,
				DataDir: home + "/.local/share/orderdash", DebugLog: home + "/.local/state/orderdash/debug.log", StateFile: home + "/.local/state/orderdash/state.json"}},
		{"flag beats env", "/x/y.toml", dir + "/data", map[string]string{"HOME": home, "ORDERDASH_CONFIG": existing},
			Paths{Config: "/x/y.toml", ConfigSource: FromFlag,
				DataDir: dir + "/data", DataDirFlag: true, DebugLog: home + "/.local/state/orderdash/debug.log", StateFile: home + "/.local/state/orderdash/state.json"}},
		{"tilde", "~/od.toml", "", map[string]string{"HOME": home},
			Paths{Config: home + "/od.toml", ConfigSource: FromFlag,
				DataDir: home + "/.local/share/orderdash", DebugLog: home + "/.local/state/orderdash/debug.log", StateFile: home + "/.local/state/orderdash/state.json"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ResolvePaths(tc.flag, tc.dataDir, func(k string) (string, bool) {
				v, ok := tc.env[k]
				return v, ok
			})
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestDatabasePath(t *testing.T) {
	p := Paths{DataDir: "/d"}
	if got := p.Database(Storage{}); got != "/d/orderdash.db" {
		t.Errorf("default database = %q", got)
	}
	if got := p.Database(Storage{Path: "/x/od.db"}); got != "/x/od.db" {
		t.Errorf("[storage] path database = %q", got)
	}
	p.DataDirFlag = true
	if got := p.Database(Storage{Path: "/x/od.db"}); got != "/d/orderdash.db" {
		t.Errorf("--data-dir beats [storage] path: database = %q", got)
	}
}

// Paths in the file are read from the file's folder, whatever the
// working directory.
func TestFileResolve(t *testing.T) {
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skip(err)
	}
	f := &File{Path: "/etc/od/config.toml"}
	for in, want := range map[string]string{
		"": "", "/abs/cert.pem": "/abs/cert.pem", "cert.pem": "/etc/od/cert.pem",
		"../tls/key.pem": "/etc/tls/key.pem", "~/cert.pem": filepath.Join(home, "cert.pem"),
	} {
		if got := f.Resolve(in); got != want {
			t.Errorf("Resolve(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestResolvePathsFolder(t *testing.T) {
	if _, err := ResolvePaths(t.TempDir(), "", nil); err == nil {
		t.Error("a folder as the config file: no error")
	}
}

func TestIsLoopback(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "LOCALHOST": true, "127.0.0.1": true, "127.1.2.3": true, "::1": true,
		"128.0.0.1": false, "example.com": false, "127.0.0.1.example.com": false, "::2": false, "": false,
	} {
		if got := IsLoopback(host); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", host, got, want)
		}
	}
}
