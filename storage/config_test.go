package storage

import (
	"path/filepath"
	"testing"
)

func TestPaths(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_DATA_HOME", "")
	if got, want := DefaultPath(), filepath.Join(home, ".local", "share", "orderdash", "orderdash.db"); got != want {
		t.Errorf("DefaultPath = %q, want %q", got, want)
	}
	t.Setenv("XDG_DATA_HOME", "relative/ignored")
	if got := DataDir(); got != filepath.Join(home, ".local", "share", "orderdash") {
		t.Errorf("a relative XDG_DATA_HOME was used: %q", got)
	}
	t.Setenv("XDG_DATA_HOME", "/xdg")
	tests := []struct {
		name    string
		dataDir string
		cfg     Config
		want    string
	}{
		{"default", "", Config{}, "/xdg/orderdash/orderdash.db"},
		{"config", "", Config{Path: "/srv/od.db"}, "/srv/od.db"},
		{"config with ~", "", Config{Path: "~/od.db"}, filepath.Join(home, "od.db")},
		{"flag wins", "/data", Config{Path: "/srv/od.db"}, "/data/orderdash.db"},
		{"flag with ~", "~/d", Config{}, filepath.Join(home, "d", "orderdash.db")},
	}
	for _, tt := range tests {
		if got := ResolvePath(tt.dataDir, tt.cfg); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestOperatorName(t *testing.T) {
	if got := OperatorName("  sam "); got != "sam" {
		t.Errorf("configured: %q", got)
	}
	if got := OperatorName(""); got == "" {
		t.Error("no fallback operator")
	}
}
