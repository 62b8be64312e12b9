package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

func TestOpenBadFiles(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string)
		want    error
		advice  string
	}{
		{"random bytes", func(t *testing.T, path string) {
			os.WriteFile(path, []byte(rand.Text()+strings.Repeat(rand.Text(), 400)), 0o600)
		}, ErrCorrupt, "move it aside"},
		{"damaged schema page", func(t *testing.T, path string) {
			db, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
			b, _ := os.ReadFile(path)
			for i := 100; i < 4096 && i < len(b); i++ {
				b[i] = 0xA5 // keep the header, wreck the schema
			}
			os.WriteFile(path, b, 0o600)
		}, ErrCorrupt, "move it aside"},
		{"newer schema", func(t *testing.T, path string) {
			db, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			db.w.Exec("PRAGMA user_version = 99")
			db.Close()
		}, ErrNewerSchema, "upgrade orderdash"},
		{"a folder", func(t *testing.T, path string) { os.Mkdir(path, 0o700) }, ErrCannotOpen, "--data-dir"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "o.db")
			tt.prepare(t, path)
			db, err := Open(ctx, path)
			if err == nil {
				// Some damage only shows when a page is read.
				_, err = db.Changes(ctx, backend.ChangeFilter{})
				db.Close()
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, path) || !strings.Contains(msg, tt.advice) || strings.Contains(msg, "\n") {
				t.Errorf("message %q should be one line naming the file and saying %q", msg, tt.advice)
			}
		})
	}
}

func TestNewerSchemaMessage(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "o.db")
	db, _ := Open(ctx, path)
	newer := strconv.Itoa(SchemaVersion() + 1)
	db.w.Exec("PRAGMA user_version = " + newer)
	db.Close()
	_, err := Open(ctx, path)
	if err == nil || !strings.Contains(err.Error(), "schema "+newer+"; this orderdash knows up to "+strconv.Itoa(SchemaVersion())) {
		t.Errorf("err = %v", err)
	}
}

func TestOpenUnwritableFolder(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("permissions do not bind root (or Windows)")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	_, err := Open(context.Background(), filepath.Join(dir, "sub", "o.db"))
	if !errors.Is(err, ErrCannotOpen) {
		t.Errorf("err = %v", err)
	}
}

func TestOpenUnderAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "plain")
	os.WriteFile(file, []byte("x"), 0o600)
	_, err := Open(context.Background(), filepath.Join(file, "o.db"))
	if !errors.Is(err, ErrCannotOpen) || !strings.Contains(err.Error(), "--data-dir") {
		t.Errorf("err = %v", err)
	}
}

func TestOpenNoPath(t *testing.T) {
	_, err := Open(context.Background(), "")
	if !errors.Is(err, ErrCannotOpen) || !strings.Contains(err.Error(), "--data-dir") {
		t.Errorf("err = %v", err)
	}
}

// A file another program holds in rollback mode cannot even be switched to
// WAL; one a second process writes to in WAL mode waits busy_timeout.
func TestLocked(t *testing.T) {
	ctx := context.Background()
	t.Run("at open", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "o.db")
		other := rawConn(t, path)
		mustExec(t, other, "PRAGMA journal_mode=DELETE", "BEGIN EXCLUSIVE", "CREATE TABLE x(y)")
		defer other.ExecContext(ctx, "ROLLBACK")
		start := time.Now()
		_, err := OpenWith(ctx, path, Options{BusyTimeout: 200 * time.Millisecond})
		if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "another program") {
			t.Errorf("err = %v", err)
		}
		if time.Since(start) < 150*time.Millisecond {
			t.Errorf("gave up after %s, before the busy timeout", time.Since(start))
		}
	})
	t.Run("writing", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "o.db")
		db, err := OpenWith(ctx, path, Options{BusyTimeout: 200 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		other := rawConn(t, path)
		mustExec(t, other, "BEGIN IMMEDIATE", "INSERT INTO mirror_sync (store) VALUES ('s')")
		f := fake.NewStore("Shop", true)
		_, err = backend.Apply(ctx, f, db.Journal("sam"), fake.Change("Shop", "1"))
		if !errors.Is(err, ErrLocked) || backend.KindOf(err) != backend.KindJournal || f.SetCount() != 0 {
			t.Errorf("Apply while locked: %v, %d sends", err, f.SetCount())
		}
		// Reading goes on beside the writer (WAL).
		if _, err := db.Changes(ctx, backend.ChangeFilter{}); err != nil {
			t.Errorf("reading while another process writes: %v", err)
		}
		mustExec(t, other, "COMMIT")
		if _, err := backend.Apply(ctx, f, db.Journal("sam"), fake.Change("Shop", "1")); err != nil {
			t.Errorf("after the lock is released: %v", err)
		}
	})
}

func rawConn(t *testing.T, path string) *sql.Conn {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	c, err := raw.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func mustExec(t *testing.T, c *sql.Conn, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := c.ExecContext(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// SQLite reports a full disk and a database at its size limit alike
// (SQLITE_FULL); the limit lets a test reach it without filling a disk.
func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	var pages int
	db.w.QueryRow("PRAGMA page_count").Scan(&pages)
	if _, err := db.w.Exec("PRAGMA max_page_count = " + strconv.Itoa(pages+2)); err != nil {
		t.Fatal(err)
	}
	big := make([]backend.Order, 50)
	for i := range big {
		big[i] = backend.Order{Store: "S", ID: strconv.Itoa(i), AdminNotes: strings.Repeat("n", 4000)}
	}
	_, err := db.MirrorPut(ctx, big)
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "free some space") {
		t.Fatalf("err = %v", err)
	}
	// The journal fills up too, and then refuses to let a change be sent.
	err = nil
	for i := 0; i < 20 && err == nil; i++ {
		f := fake.NewStore("Shop", true)
		ch := fake.Change("Shop", "1")
		ch.Note = strings.Repeat("x", 3000)
		_, err = backend.Apply(ctx, f, db.Journal("sam"), ch)
		if err != nil && f.SetCount() != 0 {
			t.Fatal("a change the journal could not record was sent")
		}
	}
	if !errors.Is(err, ErrDiskFull) || backend.KindOf(err) != backend.KindJournal {
		t.Errorf("journal on a full disk: %v", err)
	}
	// Reading still works.
	if _, err := db.Changes(ctx, backend.ChangeFilter{}); err != nil {
		t.Errorf("read on a full disk: %v", err)
	}
}

func TestFileURI(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "odd?name#with%25 chars")
	db, err := Open(ctx, filepath.Join(dir, "o.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := os.Stat(filepath.Join(dir, "o.db")); err != nil {
		t.Errorf("database not where asked: %v", err)
	}
}
