package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// MirrorFixture is the benchmarks' mirror: a database file whose mirror
// holds n orders over FixtureStores (FixtureOrder gives each), for the
// benchmarks of this package and of the dashboard (ui), which only open
// it. It is built once and kept in the temporary folder between runs
// (two to three minutes at 1M orders, most of it the text index); its
// name carries the schema and the fixture's version, so a schema change
// builds a new one. Callers open it with Open and must not write to it.
//
// Several test processes (`make bench` runs packages in parallel) may ask
// at once: each builds under a private name and links it into place only
// if no other did first, so a reader never sees half a fixture.
func MirrorFixture(ctx context.Context, n int) (string, error) {
	v, _ := fixtures.LoadOrStore(n, &fixtureOnce{})
	f := v.(*fixtureOnce)
	f.once.Do(func() { f.path, f.err = buildFixture(ctx, n) })
	return f.path, f.err
}

// fixtureVersion changes with FixtureOrder and with the mirror's derived
// tables, so a kept fixture is never read with other orders or indexes.
const fixtureVersion = 4

type fixtureOnce struct {
	once sync.Once
	path string
	err  error
}

var fixtures sync.Map // n -> *fixtureOnce

func buildFixture(ctx context.Context, n int) (string, error) {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("orderdash-mirror-fixture-s%d.f%d-%d.db", SchemaVersion(), fixtureVersion, n))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	tmp := path + ".tmp-" + strings.ToLower(rand.Text()[:8])
	defer func() {
		for _, p := range []string{tmp, tmp + "-journal", tmp + "-wal", tmp + "-shm"} {
			os.Remove(p)
		}
	}()
	if err := fillFixture(ctx, tmp, n); err != nil {
		return "", fmt.Errorf("build the %d-order mirror fixture: %w", n, err)
	}
	// Link, not rename: a fixture another process published first stays
	// (it may be open), and ours is dropped.
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("keep the mirror fixture: %w", err)
	}
	return path, nil
}

// fillFixture writes the fixture at path as fast as SQLite allows: no
// journal, no fsync, one transaction, the mirror's indexes and triggers
// dropped while the rows go in and made again after (one sort each
// instead of a million B-tree inserts), its derived tables rebuilt once.
// It ends in WAL mode, as Open leaves a file.
func fillFixture(ctx context.Context, path string, n int) error {
	raw, err := sql.Open("sqlite", fileURI(path)+"?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)"+
		"&_pragma=cache_size(-262144)&_pragma=temp_store(MEMORY)")
	if err != nil {
		return err
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	if err := migrate(ctx, raw, path); err != nil {
		return err
	}
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	derived, err := dropMirrorDerived(ctx, tx, "index", "trigger")
	if err != nil {
		return err
	}
	if err := insertFixture(ctx, tx, n); err != nil {
		return err
	}
	if err := execAll(ctx, tx, derived...); err != nil {
		return fmt.Errorf("make the indexes again: %w", err)
	}
	if err := rebuildMirrorDerived(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	// No ANALYZE: the planner must see what it sees in a real database.
	_, err = raw.ExecContext(ctx, "PRAGMA journal_mode=WAL")
	return err
}

// insertFixture writes the fixture's orders, a store at a time.
func insertFixture(ctx context.Context, tx *sql.Tx, n int) error {
	const batch = 40 // rows per INSERT: fewer round trips through database/sql
	cols := strings.Count(mirrorInsert[:strings.Index(mirrorInsert, "VALUES")], ",") + 1
	one := "(?" + strings.Repeat(",?", cols-1) + ")"
	head := mirrorInsert[:strings.Index(mirrorInsert, "VALUES")+len("VALUES")]
	many, err := tx.PrepareContext(ctx, head+" "+one+strings.Repeat(","+one, batch-1))
	if err != nil {
		return err
	}
	defer many.Close()
	single, err := tx.PrepareContext(ctx, mirrorInsert)
	if err != nil {
		return err
	}
	defer single.Close()
	per := n / len(FixtureStores)
	now := ts(FixtureEnd)
	args := make([]any, 0, batch*cols)
	for _, s := range FixtureStores {
		for i := range per {
			o := FixtureOrder(s, i, per)
			final := int64(0)
			if o.Status.Kind.Final() {
				final = ts(o.Updated)
			}
			row, err := mirrorRow(o, final, now, now)
			if err != nil {
				return err
			}
			args = append(args, row...)
			if len(args) == cap(args) {
				if _, err := many.ExecContext(ctx, args...); err != nil {
					return err
				}
				args = args[:0]
			}
		}
	}
	for len(args) > 0 {
		if _, err := single.ExecContext(ctx, args[:cols]...); err != nil {
			return err
		}
		args = args[cols:]
	}
	return nil
}

// BenchSizes is the fixture sizes a benchmark run asks for:
// $ORDERDASH_BENCH_SIZES ("10k,100k,1M"), else def in the same form. Every
// package's mirror benchmarks read it, so one setting picks them all.
func BenchSizes(def string) []int {
	spec := os.Getenv("ORDERDASH_BENCH_SIZES")
	if spec == "" {
		spec = def
	}
	var out []int
	for _, f := range strings.Split(spec, ",") {
		f = strings.TrimSpace(strings.ToLower(f))
		mult := 1
		switch {
		case strings.HasSuffix(f, "k"):
			f, mult = strings.TrimSuffix(f, "k"), 1000
		case strings.HasSuffix(f, "m"):
			f, mult = strings.TrimSuffix(f, "m"), 1_000_000
		}
		if n, err := strconv.Atoi(f); err == nil && n > 0 {
			out = append(out, n*mult)
		}
	}
	return out
}

// SizeName is a fixture size as BenchSizes reads it: "10k", "1M".
func SizeName(n int) string {
	if n >= 1_000_000 && n%1_000_000 == 0 {
		return fmt.Sprintf("%dM", n/1_000_000)
	}
	return fmt.Sprintf("%dk", n/1000)
}
