package storage

import (
	"errors"
	"io/fs"
	"os"
	"runtime"
)

// The database holds customers' names and addresses, so its files are
// the owner's alone: the file is created 0600 before SQLite opens it, and
// SQLite gives the -wal and -shm files it makes the main file's mode (its
// folder is made 0700). Files an older orderdash left readable by others
// are tightened whenever the database is opened for writing:
//   - to 0600, when the group may only read (a shared database needs
//     the group to write; reading alone serves no one);
//   - by the others' bits only, when the group may read and write: a
//     database shared on purpose with a group keeps working.
//
// Files of another user cannot be changed and are left as they are.

// createPrivate creates the database file at path, empty and mode 0600,
// unless it exists; an existing one is tightened.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case err == nil:
		return f.Close()
	case errors.Is(err, fs.ErrExist):
		tighten(path)
		return nil
	}
	return err
}

// tighten narrows the modes of the database's files (see above).
func tighten(path string) {
	if runtime.GOOS == "windows" {
		return // no mode bits to speak of
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if m := fi.Mode().Perm(); m != TightMode(m) {
			os.Chmod(p, TightMode(m)) // best effort: another user's file stays
		}
	}
}

// TightMode is the mode a database file of mode m is given on open (see
// above); `orderdash info` warns of a file whose mode is wider.
func TightMode(m fs.FileMode) fs.FileMode {
	if m&0o060 == 0o060 {
		return m &^ 0o007
	}
	return m & 0o700
}
