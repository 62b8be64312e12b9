package main

import (
	"bytes"
	"database/sql"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func tree(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		names = append(names, p)
		return nil
	})
	return names
}

// info only reports: on a fresh data folder it leaves nothing behind; an
// existing database is not upgraded, written or re-moded, and a mode that
// lets others read it is pointed out.
func TestInfoChangesNothing(t *testing.T) {
	sb := newSandbox(t)
	r := sb.run("info")
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, "database     "+sb.realDB()+" (no database yet)") ||
		!strings.Contains(r.stdout, "demo db      "+sb.demoDB()+" (no database yet)") {
		t.Errorf("info does not say there is no database yet:\n%s", r.stdout)
	}
	if left := tree(t, sb.home); len(left) != 1 {
		t.Errorf("info left files behind: %v", left[1:])
	}

	firstOrder(t, sb, "demo-cscart", "C") // creates the demo's database
	raw, err := sql.Open("sqlite", sb.demoDB())
	if err != nil {
		t.Fatal(err)
	}
	// As an older orderdash left it: schema 2, mode 0644.
	if _, err := raw.Exec("DROP TABLE kx_orders; PRAGMA user_version = 2"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if runtime.GOOS != "windows" {
		os.Chmod(sb.demoDB(), 0o644)
	}
	before, _ := os.ReadFile(sb.demoDB())
	files := tree(t, sb.home)

	r = sb.run("info")
	mustCode(t, r, 0)
	if !strings.Contains(r.stdout, "demo db      "+sb.demoDB()+" (schema 2 (upgraded to ") {
		t.Errorf("info does not report the old schema:\n%s", r.stdout)
	}
	if runtime.GOOS != "windows" && !strings.Contains(r.stdout, "WARNING: mode 0644 lets other users read customers' data") {
		t.Errorf("info does not warn of mode 0644:\n%s", r.stdout)
	}
	if after := tree(t, sb.home); !slices.Equal(after, files) {
		t.Errorf("files before info %v, after %v", files, after)
	}
	if after, _ := os.ReadFile(sb.demoDB()); !bytes.Equal(after, before) {
		t.Error("info changed the database")
	}
	if fi, _ := os.Stat(sb.demoDB()); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o644 {
		t.Errorf("info changed its mode to %04o", fi.Mode().Perm())
	}
}
