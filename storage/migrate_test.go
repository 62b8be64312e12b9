package storage

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

func TestMigrateFromEveryVersion(t *testing.T) {
	ctx := context.Background()
	for from := 0; from < len(migrations); from++ {
		path := filepath.Join(t.TempDir(), "o.db")
		raw, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		if err := migrateTo(ctx, raw, from); err != nil {
			t.Fatal(err)
		}
		if from >= 1 { // a journal from an older build survives the upgrade
			raw.Exec(`INSERT INTO changes (store, order_id, from_code, from_name, from_kind, to_code, to_name, to_kind,
				notify, note, tracking, idem_key, operator, requested, state, updated)
				VALUES ('S','1','O','','','C','','',0,'','','k','sam',1,'unknown',1)`)
		}
		raw.Close()
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("from %d: %v", from, err)
		}
		in, err := db.Info(ctx)
		if err != nil || in.Schema != SchemaVersion() {
			t.Errorf("from %d: schema %d, %v", from, in.Schema, err)
		}
		if from >= 1 && in.OpenChanges != 1 {
			t.Errorf("from %d: the old journal was lost: %+v", from, in)
		}
		db.Close()
	}
}

// migrateTo runs the first n migrations the way an older build did.
func migrateTo(ctx context.Context, raw *sql.DB, n int) error {
	for v := 0; v < n; v++ {
		tx, err := raw.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if err := migrations[v](ctx, tx); err != nil {
			return err
		}
		if _, err := tx.Exec("PRAGMA user_version = " + strconv.Itoa(v+1)); err != nil {
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

func TestConcurrentFirstOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "o.db")
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			db, err := Open(ctx, path)
			if err == nil {
				_, err = backend.Apply(ctx, fake.NewStore("S", true), db.Journal("sam"), fake.Change("S", "1"))
				db.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	db, _ := Open(ctx, path)
	defer db.Close()
	if in, _ := db.Info(ctx); in.Changes != 4 || in.Schema != SchemaVersion() {
		t.Errorf("%+v", in)
	}
}

func TestWALAndPragmas(t *testing.T) {
	db := openTest(t)
	for _, c := range []struct {
		db     *sql.DB
		pragma string
		want   string
	}{
		{db.w, "journal_mode", "wal"},
		{db.w, "synchronous", "2"}, // FULL
		{db.w, "foreign_keys", "1"},
		{db.w, "busy_timeout", "5000"},
		{db.r, "query_only", "1"},
		{db.r, "busy_timeout", "5000"},
	} {
		var got string
		if err := c.db.QueryRow("PRAGMA " + c.pragma).Scan(&got); err != nil || got != c.want {
			t.Errorf("%s = %q (%v), want %q", c.pragma, got, err, c.want)
		}
	}
}

func TestInMemory(t *testing.T) {
	ctx := context.Background()
	db, err := OpenInMemory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	f := fake.NewStore("Shop", true)
	if _, err := backend.Apply(ctx, f, db.Journal("sam"), fake.Change("Shop", "1")); err != nil {
		t.Fatal(err)
	}
	if h, err := db.LocalHistory(ctx, "Shop", "1"); err != nil || len(h) != 1 {
		t.Errorf("history %v %v", h, err)
	}
	if _, err := db.MirrorPut(ctx, sampleOrders("Shop", 10, 5)); err != nil {
		t.Fatal(err)
	}
	if r, err := db.Window(ctx, backend.Window{After: 10}); err != nil || len(r.Orders) != 5 {
		t.Errorf("window %v %v", r, err)
	}
	if outs, err := db.Reconcile(ctx, f, backend.ReconcileOptions{}); err != nil || len(outs) != 0 {
		t.Errorf("reconcile %v %v", outs, err)
	}
	if db.Path() != "" {
		t.Errorf("path %q", db.Path())
	}
}

// A mirror filled by schema 5 (search text without phones, SKUs or
// notes, accents kept, no text index) is searchable by all of them after
// the upgrade.
func TestMigrateMirrorSearchFromVersion5(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "o.db")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrateTo(ctx, raw, 5); err != nil {
		t.Fatal(err)
	}
	all := fixtureOrders(40)
	for _, s := range FixtureStores {
		for _, o := range all[s] {
			args, err := mirrorRow(o, 0, 1, 1)
			if err != nil {
				t.Fatal(err)
			}
			args[15] = strings.ToLower(strings.Join([]string{o.ID, o.Number, o.VendorRef, o.Customer.Name, o.Customer.Email}, "\n"))
			if _, err := raw.ExecContext(ctx, mirrorInsertV4, args[:21]...); err != nil {
				t.Fatal(err)
			}
		}
	}
	raw.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	defer func(a int) { ftsRare = a }(ftsRare)
	for _, rare := range []int{-1, 1 << 30} { // walked, then through the index
		ftsRare = rare
		for _, text := range []string{all["Beta"][5].Customer.Phone, all["Alpha"][9].Items[0].SKU, "garcia", "müller"} {
			checkView(t, ctx, db, all, backend.View{Text: text}, text)
		}
	}
	// Migration 7 filled the sort columns: every sort answers as in Go.
	for _, f := range backend.ViewSorts {
		checkView(t, ctx, db, all, backend.View{Sort: f}, string(f))
		checkView(t, ctx, db, all, backend.View{Sort: f, Stores: []string{"Beta"}, Kinds: []backend.StatusKind{backend.KindPending}}, string(f)+" pending")
	}
	var n int
	db.r.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'mirror_search'`).Scan(&n)
	if n != 0 {
		t.Error("the old text index is still there")
	}
	if _, err := db.w.ExecContext(ctx, `INSERT INTO mirror_fts(mirror_fts, rank) VALUES('integrity-check', 1)`); err != nil {
		t.Errorf("integrity check: %v", err)
	}
}

// mirrorInsertV4 writes a mirror row of schemas 4 to 6.
const mirrorInsertV4 = `INSERT INTO mirror (store, id, id_num, number, ref, status, status_name, kind,
		created, updated, total, currency, customer, email, items, search, final_since, detailed, data, synced, checked)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
