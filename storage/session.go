package storage

import (
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// A session is one process's use of the database. A change in state
// "sent" belongs to the session that sent it; while that session lives,
// the request may still be in flight, and nobody else may verify and
// resend it (for Lunasoft that would apply it twice). Each session holds
// an OS lock on a small file next to the database; the kernel drops the
// lock when the process dies, however it dies, so a restart after a crash
// sees at once that the change was abandoned.
type session struct {
	id     string
	dir    string // the sessions folder; "" in memory or when it cannot be made
	unlock func() // drops the lock (the file stays, as after a crash)

	mu       sync.Mutex
	inflight map[int64]int // changes this process is sending now
}

type liveness int

const (
	ownerUnknown liveness = iota // no lock to ask: go by age
	ownerAlive
	ownerDead
)

func newSession(dbPath string) *session {
	s := &session{id: strings.ToLower(rand.Text()[:16]), inflight: map[int64]int{}}
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

func (s *session) close() {
	if s != nil && s.unlock != nil {
		os.Remove(s.lockPath(s.id))
		s.unlock()
		s.unlock = nil
	}
}

func (s *session) begin(id int64) {
	s.mu.Lock()
	s.inflight[id]++
	s.mu.Unlock()
}

func (s *session) end(id int64) {
	s.mu.Lock()
	if s.inflight[id] <= 1 {
		delete(s.inflight, id)
	} else {
		s.inflight[id]--
	}
	s.mu.Unlock()
}

func (s *session) busy(id int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inflight[id] > 0
}

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
