package storage

import (
	"context"
	"os"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

// TestMirrorFixture builds a small fixture and checks that it reads as a
// mirror written by the sync would: every order, counts exact, triggers
// and indexes back in place.
func TestMirrorFixture(t *testing.T) {
	ctx := context.Background()
	t.Setenv("TMPDIR", t.TempDir())
	path, err := MirrorFixture(ctx, 3000)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := MirrorFixture(ctx, 3000); err != nil || again != path {
		t.Fatalf("second call: %q, %v", again, err)
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n, err := db.Count(ctx, backend.View{})
	if err != nil || n != 3000 {
		t.Fatalf("count %d, %v", n, err)
	}
	var rows int
	db.r.QueryRow(`SELECT count(*) FROM mirror`).Scan(&rows)
	if rows != n {
		t.Errorf("counts say %d, the mirror holds %d", n, rows)
	}
	o := FixtureOrder("Beta", 42, 1000)
	got, _, err := db.MirrorOrder(ctx, "Beta", o.ID)
	if err != nil || got.Customer.Email != o.Customer.Email || got.Number != o.Number {
		t.Errorf("order %s: %+v, %v", o.ID, got.Customer, err)
	}
	for _, name := range []string{"mirror_created", "mirror_counts_insert"} {
		var k int
		db.r.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = ?`, name).Scan(&k)
		if k != 1 {
			t.Errorf("%s missing after the build", name)
		}
	}
	// A write through the triggers still counts.
	if _, err := db.MirrorPut(ctx, []backend.Order{FixtureOrder("Delta", 0, 1)}); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.Count(ctx, backend.View{}); n != 3001 {
		t.Errorf("count after a write %d", n)
	}
	if _, err := os.Stat(path); err != nil {
		t.Error(err)
	}
}
