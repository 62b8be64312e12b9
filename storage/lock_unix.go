//go:build unix

package storage

import (
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// lockFile creates path holding an exclusive flock until unlock (or the
// process's death). The file is locked under a temporary name and then
// renamed into place, so nobody sees it unlocked and takes its owner for
// dead.
func lockFile(path string) (unlock func(), err error) {
	tmp := filepath.Join(filepath.Dir(path), ".tmp-"+rand.Text())
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		os.Remove(tmp)
		return nil, err
	}
	if err := os.Rename(tmp, path); err != nil {
		f.Close()
		os.Remove(tmp)
		return nil, err
	}
	return func() { f.Close() }, nil
}

// probeLock reports whether some process holds the lock on path.
func probeLock(path string) (held bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false, nil
}
