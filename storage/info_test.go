package storage

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if p != dir {
			names = append(names, p)
		}
		return nil
	})
	return names
}

// Inspect (orderdash info) only reports: no folder, file, -wal, -shm or
// session file appears, nothing is upgraded, no mode changes.
func TestInspectChangesNothing(t *testing.T) {
	ctx := context.Background()
	t.Run("no database", func(t *testing.T) {
		root := t.TempDir()
		_, err := Inspect(ctx, filepath.Join(root, "data", FileName))
		if !errors.Is(err, ErrNoDatabase) || !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("err = %v", err)
		}
		if left := listDir(t, root); len(left) != 0 {
			t.Errorf("left behind: %v", left)
		}
	})
	t.Run("older schema, closed", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, FileName)
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := backendApply(db, "1"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		// Back to schema 2, as an older orderdash left it, and mode 0644.
		raw, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec("DROP TABLE kx_orders; PRAGMA user_version = 2"); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		os.RemoveAll(path + "-sessions")
		os.Chmod(path, 0o644)
		before, _ := os.ReadFile(path)
		files := listDir(t, dir)

		in, err := Inspect(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if in.Schema != 2 || in.Changes != 1 || in.Path != path || in.Bytes == 0 || (runtime.GOOS != "windows" && in.Mode != 0o644) {
			t.Errorf("info: %+v", in)
		}
		if after := listDir(t, dir); !slices.Equal(after, files) {
			t.Errorf("files before %v, after %v", files, after)
		}
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Error("the file changed")
		}
		if runtime.GOOS != "windows" && mode(t, path) != 0o644 {
			t.Error("its mode changed")
		}
	})
	t.Run("open in another process", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, FileName)
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, id := range []string{"1", "2"} {
			if _, err := backendApply(db, id); err != nil {
				t.Fatal(err)
			}
		}
		files := listDir(t, dir)
		in, err := Inspect(ctx, path) // the changes are still in the -wal file
		if err != nil || in.Changes != 2 || in.Schema != SchemaVersion() {
			t.Errorf("info: %+v, %v", in, err)
		}
		if after := listDir(t, dir); !slices.Equal(after, files) {
			t.Errorf("files before %v, after %v", files, after)
		}
	})
	t.Run("newer schema", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), FileName)
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		db.w.Exec("PRAGMA user_version = 99")
		db.Close()
		if _, err := Inspect(ctx, path); !errors.Is(err, ErrNewerSchema) {
			t.Errorf("err = %v", err)
		}
	})
}

// backendApply sends one change to a fake store through db's journal.
func backendApply(db *DB, order string) (backend.Order, error) {
	return backend.Apply(context.Background(), fake.NewStore("Shop", true), db.Journal("sam"), fake.Change("Shop", order))
}
