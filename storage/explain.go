package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"

	sqlite3 "modernc.org/sqlite/lib"
)

// explanation is what a failure means for the person at the keyboard.
type explanation struct {
	problem     error
	why, advice string
}

// coder is the driver's error (*sqlite.Error): its Code is SQLite's
// extended result code, whose low byte is the primary code.
type coder interface {
	error
	Code() int
}

const anotherDB = "or choose another database with --data-dir or [storage] path"

// explain maps the SQLite result code (extended where SQLite gives one)
// or the operating system's error to a problem, its cause and advice,
// looking at the files themselves where the code alone cannot say which
// of them is at fault. ok is false for errors it knows nothing about
// (a bug, a constraint), which are left as they are.
func explain(err error, path string) (x explanation, ok bool) {
	var c coder
	if errors.As(err, &c) {
		return explainCode(c.Code(), path)
	}
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return full(path), true
	case errors.Is(err, syscall.EROFS):
		return readOnly("its file system is mounted read-only", "choose a folder on a writable disk with --data-dir or [storage] path"), true
	case errors.Is(err, fs.ErrPermission):
		if x, ok := diagnosed(ErrCannotOpen, path); ok {
			return x, true
		}
		return explanation{ErrCannotOpen, "permission denied", cannotOpenAdvice}, true
	case errors.Is(err, syscall.ENOTDIR):
		return explanation{ErrCannotOpen, "a file stands where a folder of its path should be", cannotOpenAdvice}, true
	}
	return explanation{}, false
}

func explainCode(code int, path string) (explanation, bool) {
	shm := filepath.Base(path) + "-shm"
	switch code {
	// Extended codes first: they say more than their primary code.
	case sqlite3.SQLITE_IOERR_SHMSIZE:
		return explanation{ErrDiskIO, "its shared-memory file " + shm + " could not be grown",
			"the disk may be full: free some space; a network or synced folder cannot hold it either: choose a local folder with --data-dir"}, true
	case sqlite3.SQLITE_IOERR_SHMOPEN, sqlite3.SQLITE_IOERR_SHMMAP, sqlite3.SQLITE_IOERR_SHMLOCK:
		if x, ok := diagnosed(ErrDiskIO, path); ok {
			return x, true
		}
		return explanation{ErrDiskIO, "its shared-memory file " + shm + " could not be used",
			"the folder's file system cannot share memory between programs (a network or synced folder?): choose a local folder with --data-dir"}, true
	case sqlite3.SQLITE_IOERR_LOCK, sqlite3.SQLITE_IOERR_RDLOCK, sqlite3.SQLITE_IOERR_UNLOCK, sqlite3.SQLITE_IOERR_CHECKRESERVEDLOCK:
		return explanation{ErrDiskIO, "its file system refused to lock it",
			"network folders (NFS, SMB) often do: choose a local folder with --data-dir"}, true
	case sqlite3.SQLITE_IOERR_NOMEM:
		return explanation{ErrDiskIO, "the system ran out of memory", "close other programs and try again"}, true
	case sqlite3.SQLITE_IOERR_READ, sqlite3.SQLITE_IOERR_SHORT_READ:
		return diskIO("reading from the disk failed"), true
	case sqlite3.SQLITE_IOERR_WRITE, sqlite3.SQLITE_IOERR_FSYNC, sqlite3.SQLITE_IOERR_DIR_FSYNC, sqlite3.SQLITE_IOERR_TRUNCATE:
		return diskIO("writing to the disk failed"), true
	case sqlite3.SQLITE_IOERR_CORRUPTFS, sqlite3.SQLITE_IOERR_DATA:
		return corrupt(path, "the file system reports its data damaged"), true
	case sqlite3.SQLITE_READONLY_DBMOVED:
		return explanation{ErrReadOnly, "the file was moved or deleted while orderdash had it open",
			"quit and start orderdash again (it makes a new database if the file is gone)"}, true
	case sqlite3.SQLITE_READONLY_DIRECTORY:
		if x, ok := diagnosed(ErrReadOnly, path); ok {
			return x, true
		}
		dir := filepath.Dir(path)
		return readOnly("its folder "+dir+" is not writable (SQLite keeps its -wal and -shm files there)",
			fmt.Sprintf("make it writable (chmod u+w %s) %s", dir, anotherDB)), true
	case sqlite3.SQLITE_READONLY_CANTINIT, sqlite3.SQLITE_READONLY_CANTLOCK, sqlite3.SQLITE_READONLY_RECOVERY:
		if x, ok := diagnosed(ErrReadOnly, path); ok {
			return x, true
		}
		return readOnly("its shared-memory file "+shm+" is not writable",
			fmt.Sprintf("check its owner and mode (ls -l %s-shm) %s", path, anotherDB)), true
	case sqlite3.SQLITE_BUSY_RECOVERY:
		return explanation{ErrLocked, "another program is recovering it after a crash", "wait a moment and try again"}, true
	case sqlite3.SQLITE_CANTOPEN_ISDIR:
		return explanation{ErrCannotOpen, "it is a folder", fmt.Sprintf("move the folder away %s", anotherDB)}, true
	case sqlite3.SQLITE_CANTOPEN_NOTEMPDIR:
		return explanation{ErrCannotOpen, "there is no folder for temporary files", "set TMPDIR to a writable folder"}, true
	case sqlite3.SQLITE_NOTADB:
		return corrupt(path, "it is not an SQLite database"), true
	}
	switch code & 0xff {
	case sqlite3.SQLITE_CORRUPT:
		return corrupt(path, ""), true
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return explanation{ErrLocked, "", advice(ErrLocked, path)}, true
	case sqlite3.SQLITE_FULL:
		return full(path), true
	case sqlite3.SQLITE_IOERR:
		return diskIO(""), true
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
		if x, ok := diagnosed(ErrReadOnly, path); ok {
			return x, true
		}
		return readOnly("the file, its -wal or -shm file or its folder is not writable for this user",
			fmt.Sprintf("check their owner and mode (ls -l %s*) %s", path, anotherDB)), true
	case sqlite3.SQLITE_CANTOPEN:
		if x, ok := diagnosed(ErrCannotOpen, path); ok {
			return x, true
		}
		return explanation{ErrCannotOpen, "", cannotOpenAdvice}, true
	case sqlite3.SQLITE_NOMEM:
		return explanation{ErrCannotOpen, "the system ran out of memory", "close other programs and try again"}, true
	}
	return explanation{}, false
}

const cannotOpenAdvice = "check that its folder exists and is writable, " + anotherDB

func corrupt(path, why string) explanation {
	return explanation{ErrCorrupt, why, advice(ErrCorrupt, path)}
}

func full(path string) explanation {
	return explanation{ErrDiskFull, "", advice(ErrDiskFull, path)}
}

func diskIO(why string) explanation {
	return explanation{ErrDiskIO, why,
		"the disk may be full, failing or removed: check it and try again, " + anotherDB}
}

func readOnly(why, advice string) explanation {
	return explanation{ErrReadOnly, why, advice}
}

// diagnosed looks at the database's folder and files (see diagnose) and
// says which of them cannot be written and why.
func diagnosed(problem error, path string) (explanation, bool) {
	if path == "" {
		return explanation{}, false
	}
	why, adv := diagnose(path)
	if why == "" {
		return explanation{}, false
	}
	return explanation{problem, why, adv}, true
}

// advice is what to do about problem with the file at path.
func advice(problem error, path string) string {
	switch problem {
	case ErrCorrupt:
		return fmt.Sprintf("move it aside (mv %s %s.damaged, and its -wal and -shm files likewise) and orderdash makes a new one; the journal in it is lost", path, path)
	case ErrLocked:
		return "another orderdash (or another program) holds the lock: wait and try again, or close it; " + anotherDB
	case ErrDiskFull:
		return fmt.Sprintf("free some space on the disk holding %s", filepath.Dir(path))
	case ErrCannotOpen:
		return cannotOpenAdvice
	case ErrNewerSchema:
		return "upgrade orderdash, or use another file with --data-dir"
	}
	return ""
}

// detail is the driver's words and code, for support, or the operating
// system's.
func detail(err error) string {
	var c coder
	if errors.As(err, &c) {
		msg := strings.TrimSuffix(c.Error(), fmt.Sprintf(" (%d)", c.Code()))
		return fmt.Sprintf("SQLite error %d: %s", c.Code(), msg)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
