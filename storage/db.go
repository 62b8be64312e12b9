package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the pure-Go driver: `go install` needs no C toolchain
)

// DefaultBusyTimeout is how long a statement waits for another process
// (a second dashboard, the Kornit X receiver) to release the database
// before failing with ErrLocked.
const DefaultBusyTimeout = 5 * time.Second

// Options tune OpenWith; the zero value is what Open uses.
type Options struct {
	// BusyTimeout replaces DefaultBusyTimeout.
	BusyTimeout time.Duration
}

// DB is the local database: the change journal, the order mirror and the
// local status history. It is safe for concurrent use, and several
// processes may open the same file at once (WAL mode).
type DB struct {
	path string
	// w is the one connection every write goes through, so writers in this
	// process queue in Go instead of spinning on SQLite's lock; its
	// transactions begin IMMEDIATE so they never fail half-way on a lock
	// upgrade. r serves reads, which WAL lets run beside a write.
	w, r *sql.DB
	st   *statements
	sess *session
	now  func() time.Time
	// reconciling lets one reconciliation of a store run at a time.
	reconciling StoreLocks
	// claims are this process's claims (claims.go).
	claims claimTable
}

// Open opens (creating it and its folder if needed) the database at path,
// in WAL mode with synchronous=FULL, a busy timeout and foreign keys, and
// brings its schema up to date.
//
// A failure is an *Error saying which file, why and what to do:
// errors.Is(err, ErrCorrupt), ErrLocked, ErrNewerSchema, ErrDiskFull,
// ErrDiskIO, ErrReadOnly or ErrCannotOpen. A file that opens may still
// refuse writes later (ErrReadOnly, ErrDiskFull): each write says so. The caller
// should show that line and carry on against the stores without the
// database: reads work, but changes are refused, since nothing would
// record them durably.
func Open(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, opt Options) (*DB, error) {
	if path == "" {
		return nil, &Error{Op: "open database", Problem: ErrCannotOpen, Why: "no path: neither XDG_DATA_HOME nor a home directory is set", Advice: "give one with --data-dir or [storage] path"}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, wrap("open database", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, wrap("open database", abs, err)
	}
	if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
		return nil, &Error{Op: "open database", Path: abs, Problem: ErrCannotOpen, Why: "it is a folder", Advice: "move the folder away, " + anotherDB}
	}
	if err := createPrivate(abs); err != nil {
		return nil, wrap("open database", abs, err)
	}
	busy := opt.BusyTimeout
	if busy <= 0 {
		busy = DefaultBusyTimeout
	}
	db := &DB{path: abs, now: func() time.Time { return time.Now().UTC() }}
	uri := fileURI(abs)
	// temp_store: statement journals (every trigger-bearing write) and sorts
	// stay in memory rather than in temporary files.
	common := fmt.Sprintf("_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)&_pragma=temp_store(2)", busy.Milliseconds())
	db.w, err = sql.Open("sqlite", uri+"?"+common+"&_pragma=synchronous(FULL)&_txlock=immediate")
	if err != nil {
		return nil, wrap("open database", abs, err)
	}
	db.w.SetMaxOpenConns(1)
	db.w.SetMaxIdleConns(1)
	db.w.SetConnMaxIdleTime(0)
	if err := db.setUp(ctx, busy); err != nil {
		db.w.Close()
		return nil, err
	}
	db.r, err = sql.Open("sqlite", uri+"?"+common+"&_pragma=query_only(1)")
	if err != nil {
		db.w.Close()
		return nil, wrap("open database", abs, err)
	}
	db.r.SetMaxOpenConns(4)
	db.r.SetMaxIdleConns(4)
	if db.st, err = prepare(ctx, db.w, db.r); err != nil {
		db.closePools()
		return nil, wrap("open database", abs, err)
	}
	db.sess = newSession(abs)
	return db, nil
}

// OpenInMemory is a database that lives only as long as the process, for
// tests. It is no fallback for a file that cannot be used: a change whose
// outcome is unknown would be forgotten when the process ends, which is
// why orderdash refuses changes then instead.
func OpenInMemory(ctx context.Context) (*DB, error) {
	db := &DB{now: func() time.Time { return time.Now().UTC() }}
	var err error
	// One connection serves reads and writes: a private in-memory database
	// exists only inside the connection that opened it.
	db.w, err = sql.Open("sqlite", "file:orderdash-"+rand.Text()+"?mode=memory&_pragma=foreign_keys(1)&_txlock=immediate")
	if err != nil {
		return nil, wrap("open in-memory database", "", err)
	}
	db.w.SetMaxOpenConns(1)
	db.w.SetMaxIdleConns(1)
	db.w.SetConnMaxIdleTime(0)
	db.w.SetConnMaxLifetime(0)
	db.r = db.w
	if err := migrate(ctx, db.w, ""); err != nil {
		db.w.Close()
		return nil, err
	}
	if db.st, err = prepare(ctx, db.w, db.r); err != nil {
		db.w.Close()
		return nil, wrap("open in-memory database", "", err)
	}
	db.sess = newSession("")
	return db, nil
}

// setUp switches the file to WAL (a persistent setting, so a second
// process finds it already on) and runs the migrations.
func (db *DB) setUp(ctx context.Context, busy time.Duration) error {
	// Two processes switching a new file to WAL at once can deadlock on
	// the lock upgrade; SQLite then fails one of them at once instead of
	// waiting, so the wait is ours.
	var mode string
	deadline := time.Now().Add(busy)
	for {
		err := db.w.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode)
		if err == nil {
			break
		}
		if classify(err) != ErrLocked || time.Now().After(deadline) {
			return wrap("open database", db.path, err)
		}
		select {
		case <-ctx.Done():
			return wrap("open database", db.path, ctx.Err())
		case <-time.After(time.Duration(5+mrand.IntN(20)) * time.Millisecond):
		}
	}
	if !strings.EqualFold(mode, "wal") {
		return &Error{Op: "open database", Path: db.path, Problem: ErrCannotOpen, Why: "journal mode is " + mode + ", not WAL", Advice: "the file system may not support shared memory; choose a local folder with --data-dir"}
	}
	if err := migrate(ctx, db.w, db.path); err != nil {
		return err
	}
	// The -wal and -shm files exist now; SQLite gave them the main
	// file's mode, but files of an older orderdash may be wider.
	tighten(db.path)
	return nil
}

// Path is the database file's absolute path ("" in memory), for
// `orderdash info` and error messages.
func (db *DB) Path() string { return db.path }

// Close releases the database. Changes still being sent by this process
// keep their "sent" state and are reconciled at the next start.
func (db *DB) Close() error {
	if db == nil {
		return nil
	}
	keep := db.ownsOpen()
	var errs []error
	if db.st != nil {
		errs = append(errs, db.st.close())
	}
	errs = append(errs, db.closePools())
	db.sess.close(keep)
	return errors.Join(errs...)
}

// ownsOpen reports whether changes this session recorded or sent are
// still open, so that its lock file must stay for Reconcile to see that
// its process has ended. When that cannot be read, the file stays too:
// a dead session's file is swept later, a missing one costs others
// StaleAfter.
func (db *DB) ownsOpen() bool {
	if db.st == nil || db.sess == nil || db.sess.dir == "" {
		return false
	}
	var n int
	if err := db.st.ownerOpen.QueryRowContext(context.Background(), db.sess.id).Scan(&n); err != nil {
		return true
	}
	return n > 0
}

func (db *DB) closePools() error {
	var errs []error
	if db.r != nil && db.r != db.w {
		errs = append(errs, db.r.Close())
	}
	if db.w != nil {
		errs = append(errs, db.w.Close())
	}
	return errors.Join(errs...)
}

// fileURI makes path a SQLite URI; '?', '#' and '%' in a path would
// otherwise be read as its query, fragment or escapes.
func fileURI(path string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: file:/C:/...
	}
	return "file:" + r.Replace(p)
}

// writeTx runs fn in an IMMEDIATE transaction on the writer, committing
// when fn returns nil.
func (db *DB) writeTx(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap(op, db.path, err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return wrap(op, db.path, err)
	}
	return wrap(op, db.path, tx.Commit())
}
