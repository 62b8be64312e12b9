package main

import (
	"os"
	"runtime"
	"strings"
	"testing"
)

// readOnlyDatabase makes the closed database at path one that opens but
// cannot be written, for root too (mode bits do not bind root): mode 0400,
// which stops anyone else, and a write version of 3 in its header, which
// SQLite takes as "read only" whoever opens it.
func readOnlyDatabase(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{3}, 18); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(path, 0o600) })
}

// set-status on a database that opens but cannot be written: nothing is
// sent, and the one line says which file, why and what to do.
func TestSetStatusUnwritableDatabase(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no mode bits on Windows")
	}
	sb := newSandbox(t)
	id, from := firstOrder(t, sb, "demo-cscart", "C")
	readOnlyDatabase(t, sb.demoDB())

	r := sb.demo("set-status", "--store", "demo-cscart", id, "C")
	mustCode(t, r, 1)
	oneLine(t, r, "demo-cscart: record change: journal: the change was not sent: the journal could not record it: "+
		sb.demoDB()+": the database cannot be written: the file is read-only (mode 0400); make it writable (chmod u+rw "+sb.demoDB()+")")
	if !strings.Contains(r.stderr, "--data-dir") || !strings.Contains(r.stderr, "(SQLite error 8: attempt to write a readonly database)") {
		t.Errorf("no way out or no code for support:\n%s", r.stderr)
	}
	os.Chmod(sb.demoDB(), 0o600)
	if got := statusCode(t, sb, "--demo", "--store", "demo-cscart", id); got != from {
		t.Errorf("order %s changed to %s though the journal could not record it", id, got)
	}
}
