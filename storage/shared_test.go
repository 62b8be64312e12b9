package storage

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

const sharedWrites = 100

// Two other processes (another dashboard, the Kornit X receiver) write the
// same file while this one does: WAL and the busy timeout make them wait
// their turn rather than fail.
func TestSharedAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	db := openAt(t, path)
	var wg sync.WaitGroup
	outs := make([][]byte, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Go(func() {
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$")
			cmd.Env = append(os.Environ(), "ORDERDASH_WRITER_DB="+path, "ORDERDASH_WRITER_NAME=child"+strconv.Itoa(i))
			outs[i], errs[i] = cmd.CombinedOutput()
		})
	}
	writeMany(t, db, "parent")
	wg.Wait()
	for i := range errs {
		if errs[i] != nil {
			t.Errorf("child %d: %v\n%s", i, errs[i], outs[i])
		}
	}
	in, err := db.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if in.Changes != 3*sharedWrites || in.OpenChanges != 0 || len(in.Mirror) != 3 {
		t.Errorf("after three writers: %+v", in)
	}
}

// writeMany applies changes through the journal and writes to the mirror.
func writeMany(t testing.TB, db *DB, name string) {
	ctx := context.Background()
	f := fake.NewStore(name, true)
	j := db.Journal(name)
	for i := range sharedWrites {
		if _, err := backend.Apply(ctx, f, j, fake.Change(name, "1")); err != nil {
			t.Fatalf("%s: change %d: %v", name, i, err)
		}
		if i%10 == 0 {
			if _, err := db.MirrorPut(ctx, sampleOrders(name, 100+i, 20)); err != nil {
				t.Fatalf("%s: mirror %d: %v", name, i, err)
			}
		}
		if _, err := db.Window(ctx, backend.Window{View: backend.View{Stores: []string{name}}, After: 20}); err != nil {
			t.Fatalf("%s: read: %v", name, err)
		}
	}
}

// TestHelperWriter is a child process of TestSharedAcrossProcesses.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv("ORDERDASH_WRITER_DB")
	if path == "" {
		t.Skip("a child process of TestSharedAcrossProcesses")
	}
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	writeMany(t, db, os.Getenv("ORDERDASH_WRITER_NAME"))
	fmt.Println("done")
}
