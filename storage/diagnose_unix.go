//go:build unix

package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
)

// diagnose finds the first of the database's folder, file, -wal and -shm
// files that this process may not write, and says why and what to do: a
// file system mounted read-only, a file of another user (the usual
// result of running orderdash once under sudo), or a mode without write
// permission. It goes by the mode bits of the class the process falls in
// (root counts as the owner), so it names the file made read-only even
// where root could write it and SQLite refused for that reason anyway.
// It returns "" when everything looks writable.
func diagnose(path string) (why, advice string) {
	dir := filepath.Dir(path)
	for _, p := range []string{dir, path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil {
			continue
		}
		if why, advice := unwritable(p, path, fi); why != "" {
			return why, advice
		}
	}
	return "", ""
}

// unwritable says why p, one of the files of the database at path, cannot
// be written, or "".
func unwritable(p, path string, fi fs.FileInfo) (why, advice string) {
	name, fix := "the file", "chmod u+rw "+p
	switch {
	case fi.IsDir():
		name, fix = "its folder "+p, "chmod u+rwx "+p
	case p == path+"-wal":
		name = "its write-ahead log " + filepath.Base(p)
	case p == path+"-shm":
		name = "its shared-memory file " + filepath.Base(p)
	}
	if errors.Is(syscall.Access(p, 2 /* W_OK */), syscall.EROFS) {
		return "its file system is mounted read-only", "choose a folder on a writable disk with --data-dir or [storage] path"
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return "", ""
	}
	need := os.FileMode(0o2)
	if fi.IsDir() {
		need = 0o3 // write and search
	}
	euid := os.Geteuid()
	shift := 0 // others
	switch {
	case euid == 0 || int(st.Uid) == euid:
		shift = 6
	case inGroup(int(st.Gid)):
		shift = 3
	}
	mode := fi.Mode().Perm()
	if mode>>shift&need == need {
		if euid != 0 && errors.Is(syscall.Access(p, 2), syscall.EACCES) {
			return name + " is not writable for you (an access list or a file attribute forbids it)", "check it with ls -l " + p + "; " + anotherDB
		}
		return "", ""
	}
	if euid != 0 && int(st.Uid) != euid {
		me, owner := userName(euid), userName(int(st.Uid))
		target := path + "*"
		if fi.IsDir() {
			target = p
		}
		return fmt.Sprintf("%s belongs to %s, not to you (%s)", name, owner, me),
			fmt.Sprintf("if orderdash once ran as %s (sudo), give it back with sudo chown -R %s %s; %s", owner, me, target, anotherDB)
	}
	return fmt.Sprintf("%s is read-only (mode %04o)", name, mode), fmt.Sprintf("make it writable (%s) %s", fix, anotherDB)
}

func inGroup(gid int) bool {
	if os.Getegid() == gid {
		return true
	}
	groups, err := os.Getgroups()
	return err == nil && slices.Contains(groups, gid)
}

func userName(uid int) string {
	if u, err := user.LookupId(strconv.Itoa(uid)); err == nil && u.Username != "" {
		return u.Username
	}
	return "uid " + strconv.Itoa(uid)
}
