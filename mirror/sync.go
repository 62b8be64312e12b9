package mirror

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// Defaults of Options.
const (
	DefaultSyncDays     = 30
	DefaultKeep         = 90 * 24 * time.Hour
	DefaultInterval     = 2 * time.Minute
	DefaultOverlap      = 10 * time.Minute
	DefaultRereadBudget = 50
	// rereadBatch is how many re-read orders are saved in one transaction.
	rereadBatch = 25
)

// Options tune a sync; the zero value takes the defaults.
type Options struct {
	// SyncDays bounds the first fill: orders changed (or, where the
	// platform cannot say, created) in the last SyncDays days.
	SyncDays int
	// Keep is how long an order stays in the mirror once final.
	Keep time.Duration
	// Interval is the wait between two passes of Run; a store that reads
	// a local database (Kornit X) may ask for less.
	Interval time.Duration
	// Overlap is how far each window reaches back before the watermark,
	// for clocks and time stamps that disagree.
	Overlap time.Duration
	// RereadBudget is how many open orders a pass re-reads on a platform
	// that cannot list what changed.
	RereadBudget int
	// Progress, when set, receives every report; it is called from each
	// store's goroutine and must not block.
	Progress func(backend.SyncProgress)
	// Waker, when set, lets Run start a store's next pass at once (see
	// Waker); without it passes come every Interval.
	Waker *Waker
	// Now is this machine's clock; default time.Now.
	Now func() time.Time
	Log *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.SyncDays <= 0 {
		o.SyncDays = DefaultSyncDays
	}
	if o.Keep <= 0 {
		o.Keep = DefaultKeep
	}
	if o.Interval <= 0 {
		o.Interval = DefaultInterval
	}
	if o.Overlap <= 0 {
		o.Overlap = DefaultOverlap
	}
	if o.RereadBudget <= 0 {
		o.RereadBudget = DefaultRereadBudget
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// Result is what one pass over one store did.
type Result struct {
	Store string
	Full  bool // a first fill
	storage.MirrorCounts
	Removed  int // orders the store no longer has
	Pruned   int // final orders older than Keep
	Requests int // List and Get calls made
	// Busy: another process holds the store's sync lease (team mode), so
	// this pass did nothing.
	Busy   bool
	Synced time.Time
	Err    error
}

// ErrDatabaseGone is the error of a sync whose database file was deleted
// or replaced while orderdash ran: it stops, and the next start builds a
// new mirror.
var ErrDatabaseGone = errors.New("the database file was deleted or replaced while orderdash ran; the mirror is rebuilt at the next start")

// syncer is one store's sync.
type syncer struct {
	db   storage.MirrorSync
	b    backend.Backend
	name string
	caps backend.Capabilities
	opt  Options
	file os.FileInfo // the database file when the sync began
	res  Result
}

func newSyncer(db storage.MirrorSync, b backend.Backend, opt Options, file os.FileInfo) *syncer {
	return &syncer{db: db, b: b, name: b.Name(), caps: b.Capabilities(), opt: opt, file: file}
}

// Sync runs one pass over one store and says what it did.
func Sync(ctx context.Context, db storage.MirrorSync, b backend.Backend, opt Options) Result {
	return newSyncer(db, b, opt.withDefaults(), fileInfo(db)).pass(ctx)
}

// fileInfo is the database file as it is now; a file already gone is
// recorded as such, so the first pass stops at once.
func fileInfo(m storage.MirrorSync) os.FileInfo {
	db, ok := m.(*storage.DB)
	if !ok || db.Path() == "" {
		return nil
	}
	fi, err := os.Stat(db.Path())
	if err != nil {
		return goneFile{}
	}
	return fi
}

// goneFile stands for a database file that was not there: no file is the
// same as it.
type goneFile struct{ os.FileInfo }

// pass runs one pass: the store's orders, then pruning.
func (s *syncer) pass(ctx context.Context) Result {
	s.res = Result{Store: s.name}
	err := s.checkFile()
	if err == nil {
		var release func()
		var ok bool
		release, ok, err = s.db.LockSync(ctx, s.name)
		if err == nil && !ok {
			// Another orderdash of the team syncs this store now; its
			// pages reach this one through the shared mirror.
			s.res.Busy = true
			return s.res
		}
		if err == nil {
			defer release()
		}
	}
	if err == nil {
		switch {
		case s.caps.UpdatedSince:
			err = s.updatedPass(ctx)
		case s.caps.IDFrom:
			err = s.idPass(ctx)
		default:
			err = s.walkPass(ctx)
		}
	}
	if err == nil {
		var n int
		n, err = s.db.PruneMirror(ctx, s.name, s.opt.Now().Add(-s.opt.Keep))
		s.res.Pruned = n
	}
	if errors.Is(err, storage.ErrSyncLeaseLost) {
		// Another process took the store over (this one stalled past the
		// lease): it goes on from the state this one last saved.
		s.res.Busy = true
		return s.res
	}
	if err != nil {
		s.res.Err = fmt.Errorf("sync %s: %w", s.name, err)
		if !errors.Is(err, ErrDatabaseGone) && !errors.Is(err, storage.ErrCorrupt) && ctx.Err() == nil {
			if serr := s.db.SaveSyncError(context.WithoutCancel(ctx), s.name, s.res.Err.Error(), s.opt.Now()); serr != nil {
				s.opt.Log.Debug("sync: cannot record the error", "store", s.name, "err", serr)
			}
		}
	}
	return s.res
}

// checkFile notices a database file deleted or replaced under us (SQLite
// would go on writing to the unlinked file and lose it all at exit), or
// overwritten: SQLite works from its cache and write-ahead log and would
// not see it until the pages it reads are gone, but the file's header
// shows it at once.
func (s *syncer) checkFile() error {
	if s.file == nil {
		return nil
	}
	path := s.db.(*storage.DB).Path() // only a file's sync has s.file
	fi, err := os.Stat(path)
	if err != nil || !os.SameFile(fi, s.file) {
		return fmt.Errorf("%s: %w", path, ErrDatabaseGone)
	}
	return checkHeader(path)
}

// sqliteHeader starts every SQLite database file.
const sqliteHeader = "SQLite format 3\x00"

// checkHeader fails when the file at path does not start as an SQLite
// database does. A file shorter than the header passes: in WAL mode a new
// database may not have written its first page yet.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, ErrDatabaseGone)
	}
	defer f.Close()
	var h [len(sqliteHeader)]byte
	n, err := io.ReadFull(f, h[:])
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("read the header of %s: %w", path, err)
	}
	if n == len(h) && string(h[:]) != sqliteHeader {
		return storage.Damaged("check", path, "it no longer starts as an SQLite database (overwritten while orderdash ran?)")
	}
	return nil
}

func (s *syncer) list(ctx context.Context, q backend.Query) (backend.Page, error) {
	s.res.Requests++
	return s.b.List(ctx, q)
}

func (s *syncer) save(ctx context.Context, st storage.SyncState, orders []backend.Order) error {
	n, err := s.db.SaveSync(ctx, st, orders)
	s.res.MirrorCounts = s.res.MirrorCounts.Add(n)
	return err
}

func (s *syncer) report(phase backend.SyncPhase, st storage.SyncState) {
	if s.opt.Progress == nil {
		return
	}
	s.opt.Progress(backend.SyncProgress{Store: s.name, Phase: phase, Done: st.Pass.Done, Total: st.Pass.Total, Synced: st.LastSync})
}

// pageSize asks for the largest page the platform gives: fewer requests.
func (s *syncer) pageSize() int { return s.caps.MaxPageSize }

// updatedPass reads what changed since the watermark (the first fill:
// since SyncDays ago), newest first, saving each page with the pass's
// progress; a pass cut short resumes at its next page.
func (s *syncer) updatedPass(ctx context.Context) error {
	st, err := s.db.SyncState(ctx, s.name)
	if err != nil {
		return err
	}
	now := s.opt.Now()
	if !st.Pass.Active() {
		full := st.Watermark.IsZero()
		from := now.AddDate(0, 0, -s.opt.SyncDays)
		if !full {
			from = st.Watermark.Add(-s.opt.Overlap)
		}
		st.Pass = storage.SyncPass{Started: now, From: from.UTC(), Full: full, Total: -1}
	}
	s.res.Full = st.Pass.Full
	phase := backend.SyncUpdating
	if st.Pass.Full {
		phase = backend.SyncFilling
	}
	s.report(phase, st)
	// Newest first: see the package comment. CS-Cart cannot sort by
	// update time; by creation under a fixed updated-since filter is as
	// safe (an order never leaves the filter once in it).
	sort := backend.SortUpdated
	if !s.caps.CanSort(sort) {
		sort = ""
	}
	restarted := false
	walk := newPassWalk(s.name)
	for {
		q := backend.Query{UpdatedSince: st.Pass.From, Sort: sort, PageSize: s.pageSize(), Cursor: st.Pass.Cursor,
			SkipTotal: !st.Pass.Full || st.Pass.Cursor != ""}
		page, err := s.list(ctx, q)
		if err != nil {
			if st.Pass.Cursor != "" && !restarted && errors.Is(err, backend.ErrInvalidRequest) {
				// A resumed pass's cursor has expired: read the pass again
				// from its first page. Orders already saved are unchanged.
				s.opt.Log.Debug("sync: cursor refused, restarting the pass", "store", s.name, "err", err)
				st.Pass.Cursor, st.Pass.Done, restarted = "", 0, true
				walk = newPassWalk(s.name)
				continue
			}
			return err
		}
		walkErr := walk.add(q.Cursor, page)
		if page.Total >= 0 && st.Pass.Cursor == "" {
			st.Pass.Total = page.Total
		}
		for _, o := range page.Orders {
			if o.Updated.After(st.Pass.Max) {
				st.Pass.Max = o.Updated
			}
		}
		st.Pass.Done += len(page.Orders)
		last := page.Next == ""
		if last {
			s.finish(&st)
		} else {
			st.Pass.Cursor = page.Next
		}
		if err := s.save(ctx, st, page.Orders); err != nil {
			return err
		}
		if walkErr != nil {
			return walkErr
		}
		if last {
			s.report(backend.SyncIdle, st)
			return nil
		}
		s.report(phase, st)
	}
}

// finish closes a pass: the watermark moves to the latest update read,
// less the time the pass took. Both ends of that are in the store's
// clock, so whatever this machine's clock says, every change made after
// the pass began (and possibly missed by it) is at or after the new
// watermark.
func (s *syncer) finish(st *storage.SyncState) {
	now := s.opt.Now()
	switch {
	case !st.Pass.Max.IsZero():
		w := st.Pass.Max.Add(-now.Sub(st.Pass.Started))
		if w.After(st.Watermark) {
			st.Watermark = w
		}
	case st.Pass.Full && !st.Pass.From.IsZero():
		// Nothing changed in the whole window: what counts is what
		// changes from now on.
		st.Watermark = st.Pass.From
	}
	if st.Pass.Full {
		st.LastFull = now
	}
	st.LastSync, st.LastError, st.LastErrorAt = now, "", time.Time{}
	s.res.Synced = now
	st.Pass = storage.SyncPass{Total: -1}
}

// readPages lists q and every page after it, in phase: each sees a page
// first, then its orders are counted and saved with st, so a pass cut
// short keeps what it read.
func (s *syncer) readPages(ctx context.Context, q backend.Query, phase backend.SyncPhase, st *storage.SyncState, each func(backend.Page)) error {
	s.report(phase, *st)
	walk := newPassWalk(s.name)
	for {
		page, err := s.list(ctx, q)
		if err != nil {
			return err
		}
		walkErr := walk.add(q.Cursor, page)
		each(page)
		st.Pass.Done += len(page.Orders)
		if err := s.save(ctx, *st, page.Orders); err != nil {
			return err
		}
		if walkErr != nil {
			return walkErr
		}
		if page.Next == "" {
			return nil
		}
		q.Cursor = page.Next
		s.report(phase, *st)
	}
}

// idPass reads new orders by id (at least the highest seen; the first
// fill: created in the last SyncDays), then re-reads open orders within
// the request budget. The highest id is saved with each page, so a pass
// cut short resumes there.
func (s *syncer) idPass(ctx context.Context) error {
	st, err := s.db.SyncState(ctx, s.name)
	if err != nil {
		return err
	}
	now := s.opt.Now()
	st.Pass = storage.SyncPass{Started: now, Full: st.LastID == "", Total: -1}
	s.res.Full = st.Pass.Full
	phase := backend.SyncUpdating
	q := backend.Query{Sort: backend.SortID, Asc: true, PageSize: s.pageSize(), IDFrom: st.LastID}
	if st.Pass.Full {
		phase = backend.SyncFilling
		if s.caps.CreatedAfter {
			q.CreatedAfter = now.AddDate(0, 0, -s.opt.SyncDays).UTC()
		}
	}
	err = s.readPages(ctx, q, phase, &st, func(page backend.Page) {
		for _, o := range page.Orders {
			if idLess(st.LastID, o.ID) {
				st.LastID = o.ID
			}
		}
	})
	if err != nil {
		return err
	}
	if err := s.reread(ctx, &st); err != nil {
		return err
	}
	return s.end(ctx, &st)
}

// reread asks the store again about its open orders, those asked least
// recently first, at most RereadBudget of them.
func (s *syncer) reread(ctx context.Context, st *storage.SyncState) error {
	ids, err := s.db.MirrorStale(ctx, s.name, s.opt.RereadBudget)
	if err != nil {
		return err
	}
	s.report(backend.SyncReading, *st)
	batch := make([]backend.Order, 0, rereadBatch)
	for _, id := range ids {
		s.res.Requests++
		o, err := s.b.Get(ctx, id)
		switch {
		case errors.Is(err, backend.ErrNotFound):
			if err := s.db.MirrorForget(ctx, s.name, id); err != nil {
				return err
			}
			s.res.Removed++
			continue
		case err != nil:
			return err
		}
		batch = append(batch, o)
		if len(batch) == cap(batch) {
			if err := s.save(ctx, *st, batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	return s.save(ctx, *st, batch)
}

// walkPass reads every page (since SyncDays ago where the platform can
// filter by creation): for a platform that can say neither what changed
// nor what is new.
func (s *syncer) walkPass(ctx context.Context) error {
	st, err := s.db.SyncState(ctx, s.name)
	if err != nil {
		return err
	}
	now := s.opt.Now()
	st.Pass = storage.SyncPass{Started: now, Full: st.LastSync.IsZero(), Total: -1}
	s.res.Full = st.Pass.Full
	q := backend.Query{PageSize: s.pageSize()}
	if s.caps.CreatedAfter {
		q.CreatedAfter = now.AddDate(0, 0, -s.opt.SyncDays).UTC()
	}
	err = s.readPages(ctx, q, backend.SyncUpdating, &st, func(page backend.Page) {
		if page.Total >= 0 {
			st.Pass.Total = page.Total
		}
	})
	if err != nil {
		return err
	}
	return s.end(ctx, &st)
}

// end closes a pass read to its last page: its state saved, the store
// reported idle.
func (s *syncer) end(ctx context.Context, st *storage.SyncState) error {
	s.finish(st)
	if err := s.save(ctx, *st, nil); err != nil {
		return err
	}
	s.report(backend.SyncIdle, *st)
	return nil
}

// idLess orders ids numerically where both are numbers, else as text.
func idLess(a, b string) bool {
	if a == "" {
		return b != ""
	}
	na, errA := strconv.ParseUint(a, 10, 64)
	nb, errB := strconv.ParseUint(b, 10, 64)
	if errA == nil && errB == nil {
		return na < nb
	}
	return a < b
}
