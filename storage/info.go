package storage

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Info describes the database for `orderdash info`.
type Info struct {
	Path          string `json:"path"`
	Schema        int    `json:"schema"` // below SchemaVersion: upgraded when next opened for writing
	Bytes         int64  `json:"bytes"`  // the file and its write-ahead log
	Changes       int    `json:"changes"`
	OpenChanges   int    `json:"open_changes"`   // pending, sent, unknown or failed
	NeedsDecision int    `json:"needs_decision"` // of those, waiting for the operator
	// Mirror is each store's part of the local mirror (schema 4 on).
	Mirror []MirrorStat `json:"-"`
	// Mode is the file's permission bits; wider than TightMode(Mode), it
	// lets others read customers' data until orderdash next opens it.
	Mode fs.FileMode `json:"-"`
}

// ErrNoDatabase: Inspect found no file (nothing has created it yet).
var ErrNoDatabase = errors.New("there is no database yet")

// Info counts what the database holds. It reads every row of the cache
// index, so it is for `orderdash info`, not for painting.
func (db *DB) Info(ctx context.Context) (Info, error) {
	in := Info{Path: db.path}
	if err := db.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&in.Schema); err != nil {
		return Info{}, wrap("read database info", db.path, err)
	}
	if err := count(ctx, db.r, &in); err != nil {
		return Info{}, wrap("read database info", db.path, err)
	}
	in.sizes()
	return in, nil
}

// Inspect is Info for the file at path without opening it for use: it
// creates, upgrades and changes nothing (no folder, no file, no -wal or
// -shm, no session lock, no migration, no mode change), so `orderdash
// info` only reports. A missing file is ErrNoDatabase (with
// fs.ErrNotExist); a file from a newer orderdash is ErrNewerSchema.
func Inspect(ctx context.Context, path string) (Info, error) {
	const op = "inspect database"
	abs, err := filepath.Abs(path)
	if err != nil {
		return Info{}, wrap(op, path, err)
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Info{}, &Error{Op: op, Path: abs, Problem: ErrNoDatabase, Err: err}
	case err != nil:
		return Info{}, wrap(op, abs, err)
	case fi.IsDir():
		return Info{}, &Error{Op: op, Path: abs, Problem: ErrCannotOpen, Why: "it is a folder", Advice: "move the folder away, " + anotherDB}
	}
	in, err := inspect(ctx, abs, exists(abs+"-wal"))
	if err != nil && !errors.Is(err, ErrNewerSchema) && exists(abs+"-wal") {
		// Another orderdash opened it while it was read as immutable:
		// read it again through its write-ahead log.
		in, err = inspect(ctx, abs, true)
	}
	if err != nil {
		return Info{}, wrap(op, abs, err)
	}
	in.Mode = fi.Mode().Perm()
	return in, nil
}

// inspect reads the file at path read-only. Without a -wal file no
// connection has the database open (the last one to close deletes it),
// so the main file holds all of it and is read as immutable: a read-only
// connection to a WAL database would otherwise create the -wal and -shm
// files. With one (another orderdash runs, or one crashed), they exist
// already and the connection reads through them.
func inspect(ctx context.Context, path string, wal bool) (Info, error) {
	mode := "immutable=1"
	if wal {
		mode = "mode=ro"
	}
	conn, err := sql.Open("sqlite", fileURI(path)+"?"+mode+"&_pragma=query_only(1)")
	if err != nil {
		return Info{}, err
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	in := Info{Path: path}
	if in.Schema, err = userVersion(ctx, conn); err != nil {
		return Info{}, err
	}
	if err := checkVersion(in.Schema, path); err != nil {
		return Info{}, err
	}
	if err := count(ctx, conn, &in); err != nil {
		return Info{}, err
	}
	in.sizes()
	return in, nil
}

// count fills in the counts of the tables in.Schema has.
func count(ctx context.Context, q *sql.DB, in *Info) error {
	if in.Schema >= 1 { // migrateJournal
		err := q.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM changes),
			(SELECT count(*) FROM changes WHERE state IN `+openStates+`),
			(SELECT count(*) FROM changes WHERE state IN `+openStates+` AND needs_decision)`).Scan(&in.Changes, &in.OpenChanges, &in.NeedsDecision)
		if err != nil {
			return err
		}
	}
	if in.Schema >= 4 { // migrateMirror
		var err error
		if in.Mirror, err = mirrorStats(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

func (in *Info) sizes() {
	if in.Path == "" {
		return
	}
	for _, p := range []string{in.Path, in.Path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			in.Bytes += fi.Size()
		}
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
