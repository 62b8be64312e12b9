package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestStorageMirrorKeys(t *testing.T) {
	tests := []struct {
		name     string
		toml     string
		days     int
		keep     time.Duration
		errMatch string
	}{
		{"defaults", "[storage]\n", 30, 90 * Day, ""},
		{"days and keep in days", "[storage]\nsync_days = 7\nkeep = \"14d\"\n", 7, 14 * Day, ""},
		{"keep as a duration", "[storage]\nkeep = \"2160h\"\n", 30, 90 * Day, ""},
		{"negative days", "[storage]\nsync_days = -1\n", 0, 0, ":2: storage.sync_days = -1: want a whole number from 1 to 3650"},
		{"too many days", "[storage]\nsync_days = 99999\n", 0, 0, ":2: storage.sync_days = 99999: want a whole number from 1 to 3650"},
		{"zero days", "[storage]\nsync_days = 0\n", 0, 0, ":2: storage.sync_days = 0: want a whole number from 1 to 3650"},
		{"keep under a day", "[storage]\nkeep = \"12h\"\n", 0, 0, ":2: storage.keep: 12h0m0s is shorter than a day"},
		{"keep unreadable", "[storage]\nkeep = \"soon\"\n", 0, 0, `storage.keep: "soon" is not a length of time`},
		{"days as text", "[storage]\nsync_days = \"30\"\n", 0, 0, ":2: storage.sync_days: is a string, want an integer"},
		{"misspelt", "[storage]\nsync_day = 30\n", 0, 0, ":2: unknown key storage.sync_day (did you mean sync_days?)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.toml")
			if err := os.WriteFile(path, []byte(tc.toml), 0o600); err != nil {
				t.Fatal(err)
			}
			l, _ := testLoader(testEnv)
			f, err := l.Load(path)
			if tc.errMatch != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errMatch) {
					t.Fatalf("error %v, want it to contain %q", err, tc.errMatch)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Storage.SyncWindow(); got != tc.days {
				t.Errorf("SyncWindow = %d, want %d", got, tc.days)
			}
			if got := f.Storage.KeepFinal(); got != tc.keep {
				t.Errorf("KeepFinal = %v, want %v", got, tc.keep)
			}
		})
	}
}
