package kornitx

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

func TestFileStoreKeepsOrdersAndTimeline(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "kx.json")
	fs, err := NewFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := ParsePush(pushBody(31, ""))
	o := p.Order(testStore, "GBP", time.UTC, defaultKinds)
	o.History = []backend.Event{{Status: o.Status, Source: backend.SourcePlatform}}
	if _, err := fs.SavePush(ctx, testStore, o, pushBody(31, ""), time.Now()); err != nil {
		t.Fatal(err)
	}
	ev := backend.Event{At: time.Now().UTC(), Status: statusOf(8, "", defaultKinds), Source: backend.SourceLocal, Actor: "sam", Tracking: "T"}
	if err := fs.SetStatus(ctx, testStore, "31", ev.Status, "T", ev); err != nil {
		t.Fatal(err)
	}
	again, err := NewFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := again.Get(ctx, testStore, "31")
	if err != nil || got.Status.Code != "8" || got.Tracking != "T" || len(got.History) != 2 || got.History[0].Actor != "sam" {
		t.Fatalf("after reopening: %v %+v", err, got)
	}
	if string(again.Raw(testStore, "31")) != string(pushBody(31, "")) {
		t.Fatal("raw body lost")
	}
}

func TestFileStoreRefusesCorruptFilesAndKeepsMemoryOnFailedWrites(t *testing.T) {
	dir := t.TempDir()
	for _, body := range []string{`{`, `{"version":2,"orders":[]}`, `{"version":1,"orders":[{"store":"","order":{"id":"1"}}]}`, `{"version":1,"x":1}`} {
		p := filepath.Join(dir, "bad.json")
		os.WriteFile(p, []byte(body), 0o600)
		if _, err := NewFileStore(p); err == nil {
			t.Errorf("%s accepted", body)
		}
	}
	// The folder turns out to be a file: every write fails.
	blocker := filepath.Join(dir, "later")
	fs, err := NewFileStore(filepath.Join(blocker, "kx.json"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(blocker, nil, 0o600)
	p, _ := ParsePush(pushBody(1, ""))
	if _, err := fs.SavePush(context.Background(), testStore, p.Order(testStore, "", time.UTC, defaultKinds), nil, time.Now()); err == nil {
		t.Fatal("a write that could not be saved succeeded")
	}
	if fs.Len(testStore) != 0 {
		t.Fatal("a failed write stayed in memory")
	}
}
