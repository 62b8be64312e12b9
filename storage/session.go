package storage

import (
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
)

// A session is one process's use of the database. A change in state
// "sent" belongs to the session that sent it; while that session lives,
// the request may still be in flight, and nobody else may verify and
// resend it (for Lunasoft that would apply it twice). Each session holds
// an OS lock on a small file next to the database; the kernel drops the
// lock when the process dies, however it dies, so a restart after a crash
// sees at once that the change was abandoned.
//
// A lock rather than a process id: a pid is reused (kill(pid, 0) would
// call a stranger alive, holding a change back for as long as it runs),
// means nothing in another pid namespace (a container sharing the data
// folder) or on another host, and a recorded host name cannot be checked
// at all. The kernel drops a lock whenever its process ends, however it
// ends. What the lock needs is its file: a missing file cannot be told
// from a process whose file system has no locks, which must be judged by
// age (ReconcileOptions.StaleAfter). So a session that ends with changes
// still open (an outcome it could not write, a change it could not mark
// sent) leaves its file, unlocked; Reconcile settles those changes at
// once and then removes the file (sweepSessions).
type session struct {
	id     string
	dir    string // the sessions folder; "" in memory or when it cannot be made
	unlock func() // drops the lock (the file stays, as after a crash)

	sending Sending // changes this process is sending now
}

type liveness int

const (
	ownerUnknown liveness = iota // no lock to ask: go by age
	ownerAlive
	ownerDead
)

func newSession(dbPath string) *session {
	s := &session{id: strings.ToLower(rand.Text()[:16])}
	if dbPath == "" {
		return s
	}
	dir := dbPath + "-sessions"
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return s
	}
	s.dir = dir
	// Without a lock (a file system that has none) other processes fall
	// back to the age of the change; nothing is resent unsafely either way.
	if unlock, err := lockFile(s.lockPath(s.id)); err == nil {
		s.unlock = unlock
	}
	return s
}

func (s *session) lockPath(id string) string { return filepath.Join(s.dir, id+".lock") }

// close drops the lock, and removes its file unless keep says that
// changes of this session are still open (see above).
func (s *session) close(keep bool) {
	if s != nil && s.unlock != nil {
		if !keep {
			os.Remove(s.lockPath(s.id))
		}
		s.unlock()
		s.unlock = nil
	}
}

func (s *session) begin(id int64)     { s.sending.Begin(id) }
func (s *session) end(id int64)       { s.sending.End(id) }
func (s *session) busy(id int64) bool { return s.sending.Busy(id) }

// owner says whether the session named owner still runs.
func (s *session) owner(owner string) liveness {
	if s.dir == "" || owner == "" || strings.ContainsAny(owner, `/\.`) {
		return ownerUnknown
	}
	held, err := probeLock(s.lockPath(owner))
	switch {
	case err != nil:
		return ownerUnknown
	case held:
		return ownerAlive
	}
	return ownerDead
}

// deadSessions lists the lock files of sessions that have ended without
// removing them (crashed processes).
func (s *session) deadSessions() []string {
	if s.dir == "" {
		return nil
	}
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return nil
	}
	var dead []string
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".lock")
		if !ok || id == s.id || e.IsDir() {
			continue
		}
		if s.owner(id) == ownerDead {
			dead = append(dead, id)
		}
	}
	return dead
}

// forget removes a dead session's lock file.
func (s *session) forget(id string) { os.Remove(s.lockPath(id)) }
