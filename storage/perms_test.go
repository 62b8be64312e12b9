//go:build unix

package storage

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// The database holds customers' names and addresses: its files are the
// owner's alone, whatever the umask.
func TestDatabaseFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0o022) // the usual one, which SQLite's 0644 passes through
	defer syscall.Umask(old)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, FileName)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for p, want := range map[string]fs.FileMode{dir: 0o700, path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600, path + "-sessions": 0o700} {
		if got := mode(t, p); got != want {
			t.Errorf("%s: mode %04o, want %04o", filepath.Base(p), got, want)
		}
	}
}

// Files an older orderdash left readable by others are tightened on open,
// but a database shared on purpose with a group (group may write) keeps
// its group.
func TestDatabaseModesTightened(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct{ was, want fs.FileMode }{
		{0o644, 0o600}, {0o666, 0o660}, {0o640, 0o600}, {0o660, 0o660}, {0o664, 0o660}, {0o600, 0o600},
	} {
		path := filepath.Join(t.TempDir(), FileName)
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		keep, err := Open(ctx, path) // keeps the -wal and -shm files
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			os.Chmod(p, tt.was)
		}
		db, err = Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			if got := mode(t, p); got != tt.want {
				t.Errorf("%04o: %s is %04o after open, want %04o", tt.was, filepath.Base(p), got, tt.want)
			}
		}
		db.Close()
		keep.Close()
	}
}
