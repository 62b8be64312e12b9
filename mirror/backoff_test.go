package mirror

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/orderdash/orderdash/storage"
)

func TestBackoffGrowsToItsBound(t *testing.T) {
	for _, tc := range []struct {
		fails int
		want  time.Duration
	}{{1, 2 * time.Minute}, {2, 4 * time.Minute}, {4, 16 * time.Minute}, {5, maxBackoff}, {50, maxBackoff}} {
		if got := backoff(2*time.Minute, tc.fails); got != tc.want {
			t.Errorf("after %d failures: %v, want %v", tc.fails, got, tc.want)
		}
	}
}

func TestIDLess(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{{"", "1", true}, {"9", "10", true}, {"10", "9", false}, {"a", "b", true}, {"5", "5", false}, {"1", "", false}} {
		if got := idLess(tc.a, tc.b); got != tc.want {
			t.Errorf("idLess(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

func TestCheckHeader(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, content string
		damaged       bool
	}{
		{"empty", "", false}, // a new WAL database before its first page
		{"short", "SQLite", false},
		{"sqlite", sqliteHeader + "\x10\x00rest of page one", false},
		{"junk", "not a database, not at all", true},
	} {
		path := filepath.Join(dir, tc.name)
		if err := os.WriteFile(path, []byte(tc.content), 0o600); err != nil {
			t.Fatal(err)
		}
		err := checkHeader(path)
		if got := errors.Is(err, storage.ErrCorrupt); got != tc.damaged || (!tc.damaged && err != nil) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	if err := checkHeader(filepath.Join(dir, "missing")); !errors.Is(err, ErrDatabaseGone) {
		t.Errorf("missing file: %v", err)
	}
}
