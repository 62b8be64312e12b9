package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

// refuseWrites makes the open database's writer fail as SQLite fails on
// a file this user may not write ("attempt to write a readonly database",
// code 8). Mode bits do not bind root, under which tests run here, so
// there the refusal is injected on the one writer connection; as anyone
// else the mode set by the test has already done it.
func refuseWrites(t *testing.T, db *DB) {
	t.Helper()
	if os.Geteuid() != 0 {
		return
	}
	if _, err := db.w.Exec("PRAGMA query_only = 1"); err != nil {
		t.Fatal(err)
	}
}

// A database that opens but cannot be written refuses a change, and says
// which file, why and what to do, in one line, through the error Apply
// returns (what set-status prints and the dashboard's status line shows).
func TestUnwritableDatabaseSaysWhy(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no mode bits on Windows")
	}
	ctx := context.Background()
	tests := []struct {
		name  string
		spoil func(path string) (undo func())
		want  func(path string) []string
	}{
		{"read-only file", func(path string) func() {
			os.Chmod(path, 0o400)
			return func() { os.Chmod(path, 0o600) }
		}, func(path string) []string {
			return []string{"the database cannot be written: the file is read-only (mode 0400)", "make it writable (chmod u+rw " + path + ")"}
		}},
		{"read-only folder", func(path string) func() {
			os.Chmod(filepath.Dir(path), 0o500)
			return func() { os.Chmod(filepath.Dir(path), 0o700) }
		}, func(path string) []string {
			dir := filepath.Dir(path)
			return []string{"the database cannot be written: its folder " + dir + " is read-only (mode 0500)", "(chmod u+rwx " + dir + ")"}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "data", FileName)
			db, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
			defer tt.spoil(path)()

			f := fake.NewStore("Shop", true)
			db, err = Open(ctx, path)
			if err == nil {
				defer db.Close()
				refuseWrites(t, db)
				_, err = backend.Apply(ctx, f, db.Journal("sam"), fake.Change("Shop", "1"))
				if backend.KindOf(err) != backend.KindJournal || !strings.Contains(err.Error(), "the change was not sent: the journal could not record it: ") {
					t.Errorf("Apply: %v", err)
				}
				if f.SetCount() != 0 {
					t.Error("a change the journal could not record was sent")
				}
			} // else: it fails at open (a folder without its -wal file, as non-root)
			if !errors.Is(err, ErrReadOnly) {
				t.Fatalf("err = %v, want ErrReadOnly", err)
			}
			msg := err.Error()
			for _, w := range append(tt.want(path), path, "--data-dir", "(SQLite error ") {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
			if strings.Contains(msg, "\n") || strings.Count(msg, "record change") > 1 {
				t.Errorf("not one plain line: %q", msg)
			}
		})
	}
}

// codeError stands for the driver's *sqlite.Error, whose fields cannot be
// set from outside its package.
type codeError struct {
	code int
	msg  string
}

func (e codeError) Error() string { return e.msg }
func (e codeError) Code() int     { return e.code }

// Each SQLite result code met at open or write is a problem with a plain
// cause and advice, and keeps its code for support.
func TestExplainCodes(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName) // nothing there: no file to diagnose
	tests := []struct {
		code    int
		msg     string
		problem error
		want    []string
	}{
		{4874, "disk I/O error (4874)", ErrDiskIO, []string{"its shared-memory file orderdash.db-shm could not be grown", "the disk may be full: free some space", "(SQLite error 4874: disk I/O error)"}},
		{4618, "disk I/O error (4618)", ErrDiskIO, []string{"shared-memory file orderdash.db-shm could not be used", "choose a local folder"}},
		{3850, "disk I/O error (3850)", ErrDiskIO, []string{"refused to lock it", "network folders"}},
		{778, "disk I/O error (778)", ErrDiskIO, []string{"writing to the disk failed", "failing or removed"}},
		{522, "disk I/O error (522)", ErrDiskIO, []string{"reading from the disk failed"}},
		{10, "disk I/O error (10)", ErrDiskIO, []string{"the disk reported an error; the disk may be full"}},
		{13, "database or disk is full (13)", ErrDiskFull, []string{"the disk is full; free some space on the disk holding " + filepath.Dir(path)}},
		{11, "database disk image is malformed (11)", ErrCorrupt, []string{"move it aside", "orderdash makes a new one; the journal in it is lost"}},
		{26, "file is not a database (26)", ErrCorrupt, []string{"it is not an SQLite database", "move it aside"}},
		{5, "database is locked (5)", ErrLocked, []string{"another orderdash (or another program) holds the lock"}},
		{517, "database is locked (517)", ErrLocked, []string{"holds the lock"}},
		{261, "database is locked (261)", ErrLocked, []string{"recovering it after a crash"}},
		{6, "database table is locked (6)", ErrLocked, []string{"holds the lock"}},
		{8, "attempt to write a readonly database (8)", ErrReadOnly, []string{"not writable for this user", "ls -l " + path + "*"}},
		{1544, "attempt to write a readonly database (1544)", ErrReadOnly, []string{"its folder " + filepath.Dir(path) + " is not writable"}},
		{1288, "attempt to write a readonly database (1288)", ErrReadOnly, []string{"shared-memory file orderdash.db-shm is not writable"}},
		{1032, "attempt to write a readonly database (1032)", ErrReadOnly, []string{"moved or deleted while orderdash had it open", "start orderdash again"}},
		{14, "unable to open database file (14)", ErrCannotOpen, []string{"check that its folder exists and is writable"}},
		{526, "unable to open database file (526)", ErrCannotOpen, []string{"it is a folder"}},
	}
	for _, tt := range tests {
		err := wrap("open database", path, codeError{tt.code, tt.msg})
		if !errors.Is(err, tt.problem) {
			t.Errorf("%d: %v, want %v", tt.code, err, tt.problem)
			continue
		}
		msg := err.Error()
		for _, w := range append(tt.want, "open database "+path+": ", "(SQLite error ") {
			if !strings.Contains(msg, w) {
				t.Errorf("%d: message lacks %q:\n%s", tt.code, w, msg)
			}
		}
	}
	// A code that says nothing about the file is left as it was.
	if err := wrap("record change", path, codeError{19, "constraint failed (19)"}); errors.As(err, new(*Error)) {
		t.Errorf("a constraint became %v", err)
	}
}
