package mirror

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// maxBackoff bounds the wait after failed passes.
const maxBackoff = 30 * time.Minute

// wakeGap is how long after a failed pass a wake (the operator's r) may
// start the next one before the back-off ends: the network may be back,
// and the operator who asks should not wait minutes for it; a store
// that is still down sees at most one pass per gap however often r is
// pressed.
const wakeGap = 5 * time.Second

// busyFillPoll is how often a process looks again at a store another
// process is filling for the first time.
const busyFillPoll = 5 * time.Second

// Run syncs every store in the background until ctx ends: a goroutine
// each, a pass every Interval, and after a failure a growing wait (or the
// platform's Retry-After, when longer). It returns when every store's
// loop has stopped: ctx ended, or the database file went away or was
// damaged (one SyncStopped report per store says so). The database is
// SQLite's file or, in team mode, PostgreSQL, where the processes of a
// team take turns: a store is synced by the one holding its lease
// (storage.MirrorSync.LockSync), and the others skip their passes of it.
func Run(ctx context.Context, db storage.MirrorSync, stores []backend.Backend, opt Options) {
	opt = opt.withDefaults()
	file := fileInfo(db)
	var wg sync.WaitGroup
	for _, b := range stores {
		s := newSyncer(db, b, opt, file)
		wg.Go(func() { s.loop(ctx) })
	}
	wg.Wait()
}

func (s *syncer) loop(ctx context.Context) {
	interval := s.opt.Interval
	// A store that reads a local database (Kornit X) may be read more
	// often than the others.
	if d := s.b.Capabilities().RefreshInterval; d > 0 {
		interval = min(interval, d)
	}
	fails := 0
	for ctx.Err() == nil {
		// A wake that came before this pass is answered by it; one that
		// comes while it runs stays, for one more pass.
		s.opt.Waker.drain(s.name)
		res := s.pass(ctx)
		if ctx.Err() != nil {
			return
		}
		wait := interval
		p := backend.SyncProgress{Store: s.name, Phase: backend.SyncIdle, Total: -1, Synced: res.Synced}
		if res.Synced.IsZero() {
			if st, err := s.db.SyncState(ctx, s.name); err == nil {
				p.Synced = st.LastSync
			}
		}
		limited := false
		if res.Busy && p.Synced.IsZero() && res.Err == nil {
			// Another orderdash of the team is filling the store for the
			// first time: its pages reach this one's tables as it writes
			// them. Say so, and look again soon, so the fill's end (and
			// with it what counts as new) is known here within seconds
			// rather than at the next interval.
			p.Phase = backend.SyncFilling
			wait = min(interval, busyFillPoll)
		}
		if res.Err != nil {
			p.Err = res.Err.Error()
			// A file gone or damaged is not worth retrying: the error says
			// what to do, and the next start fills a new mirror.
			if errors.Is(res.Err, ErrDatabaseGone) || errors.Is(res.Err, storage.ErrCorrupt) {
				p.Phase = backend.SyncStopped
				s.send(p)
				s.opt.Log.Warn("sync stopped", "store", s.name, "err", res.Err)
				return
			}
			fails++
			wait = backoff(interval, fails)
			ra := backend.RetryAfter(res.Err)
			wait = max(wait, ra)
			limited = ra > 0 || errors.Is(res.Err, backend.ErrRateLimited)
			p.Phase = backend.SyncFailed
			s.opt.Log.Debug("sync failed", "store", s.name, "err", res.Err, "retry in", wait)
		} else {
			fails = 0
		}
		at := s.opt.Now()
		p.RetryAt = at.Add(wait)
		s.send(p)
		if !s.sleep(ctx, wait, p, at, limited) {
			return
		}
	}
}

// sleep waits d, or less when the store is woken (Options.Waker), and
// says false when ctx ended. A store in back-off (last is a failure, at
// the time failed) is read sooner for a wake only when the failure was
// not a rate limit (the platform asked us to wait) and wakeGap has
// passed since it: a broken network that came back is read when the
// operator asks, a store still down is not hammered. Otherwise its
// failed report, which says when the next pass comes, is sent again, so
// a refresh asked for is answered.
func (s *syncer) sleep(ctx context.Context, d time.Duration, last backend.SyncProgress, failed time.Time, limited bool) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	woken := s.opt.Waker.woken(s.name)
	for {
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
			return true
		case <-woken:
			if last.Phase != backend.SyncFailed {
				return true
			}
			if !limited && s.opt.Now().Sub(failed) >= wakeGap {
				s.opt.Log.Debug("sync woken in back-off: trying again", "store", s.name)
				return true
			}
			s.opt.Log.Debug("sync woken in back-off", "store", s.name, "retry at", last.RetryAt)
			s.send(last)
		}
	}
}

func (s *syncer) send(p backend.SyncProgress) {
	if s.opt.Progress != nil {
		s.opt.Progress(p)
	}
}

// backoff doubles the wait with each failure in a row, up to maxBackoff.
func backoff(interval time.Duration, fails int) time.Duration {
	d := interval
	for i := 1; i < fails && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}
