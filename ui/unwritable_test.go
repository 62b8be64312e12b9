package ui_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/ui"
)

// A database that opens but cannot be written: the change is refused and
// the status line says which file, why and what to do.
func TestUnwritableDatabaseStatusLine(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), storage.FileName)
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s := ui.CSCartLike("Cart", 30, 1)
	syncAt(t, db, s, ui.TestNow) // the mirror was filled while it could be written
	db.Close()
	// A write version of 3 in the header: SQLite opens it read-only,
	// whoever opens it (mode bits do not bind root).
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt([]byte{3}, 18)
	f.Close()
	db, err = storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	h := ui.NewHarnessOnMirror(t, wired(db, s), 400, 45)
	for i := 0; h.SelectedStatus() != "O" && i < 30; i++ {
		h.Press("j")
	}
	h.Press("s")
	h.Type("Processed")
	h.Press("enter", "y") // the confirm step: yes
	if len(s.Changes()) != 0 {
		t.Fatal("a change the journal could not record was sent")
	}
	h.MustSee("the change was not sent: the journal could not record it: " + path + ": the database cannot be written: the file, its -wal or -shm file or its folder is not writable")
}
