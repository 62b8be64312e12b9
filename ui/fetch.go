package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// loader is the one seam through which the dashboard reads: from the
// stores, and from the order cache of the local database. The direct
// loader has no cache; cacheLoader adds one. Every method does I/O and
// runs inside a command.
type loader interface {
	List(ctx context.Context, b backend.Backend, q backend.Query) (backend.Page, error)
	Get(ctx context.Context, b backend.Backend, id string) (backend.Order, error)
	Statuses(ctx context.Context, b backend.Backend) ([]backend.Status, error)

	// CachedPage and CachedOrder answer from the cache alone; ok is false
	// when it holds nothing for the request (or there is no cache).
	CachedPage(ctx context.Context, store, tab string, index int) (p backend.CachedPage, ok bool, err error)
	CachedOrder(ctx context.Context, store, id string) (o backend.Order, at time.Time, ok bool, err error)
	// SavePage and SaveOrder keep what a store answered for next time.
	SavePage(ctx context.Context, store, tab string, index int, p backend.Page, at time.Time) error
	SaveOrder(ctx context.Context, o backend.Order, at time.Time) error
}

type directLoader struct{}

func (directLoader) List(ctx context.Context, b backend.Backend, q backend.Query) (backend.Page, error) {
	return b.List(ctx, q)
}

func (directLoader) Get(ctx context.Context, b backend.Backend, id string) (backend.Order, error) {
	return b.Get(ctx, id)
}

func (directLoader) Statuses(ctx context.Context, b backend.Backend) ([]backend.Status, error) {
	return b.Statuses(ctx)
}

func (directLoader) CachedPage(context.Context, string, string, int) (backend.CachedPage, bool, error) {
	return backend.CachedPage{}, false, nil
}

func (directLoader) CachedOrder(context.Context, string, string) (backend.Order, time.Time, bool, error) {
	return backend.Order{}, time.Time{}, false, nil
}

func (directLoader) SavePage(context.Context, string, string, int, backend.Page, time.Time) error {
	return nil
}

func (directLoader) SaveOrder(context.Context, backend.Order, time.Time) error { return nil }

// cacheLoader reads the stores directly and keeps their answers in the
// local database's order cache.
type cacheLoader struct {
	directLoader
	db Database
}

func (l cacheLoader) CachedPage(ctx context.Context, store, tab string, index int) (backend.CachedPage, bool, error) {
	p, err := l.db.LoadPage(ctx, store, tab, index)
	if errors.Is(err, backend.ErrNotCached) {
		return backend.CachedPage{}, false, nil
	}
	return p, err == nil, err
}

func (l cacheLoader) CachedOrder(ctx context.Context, store, id string) (backend.Order, time.Time, bool, error) {
	o, at, err := l.db.LoadOrder(ctx, store, id)
	if errors.Is(err, backend.ErrNotCached) {
		return backend.Order{}, time.Time{}, false, nil
	}
	return o, at, err == nil, err
}

func (l cacheLoader) SavePage(ctx context.Context, store, tab string, index int, p backend.Page, at time.Time) error {
	return l.db.SavePage(ctx, store, tab, index, p, at)
}

func (l cacheLoader) SaveOrder(ctx context.Context, o backend.Order, at time.Time) error {
	return l.db.SaveOrder(ctx, o, at)
}

// Reads give up after readTimeout so a hung store cannot keep a request
// (and its spinner) alive forever; the clients have their own, shorter
// timeouts and retries inside it. The cache is local: a read of it that
// takes longer than cacheTimeout means the file is stuck (locked).
const (
	readTimeout   = 90 * time.Second
	changeTimeout = 2 * time.Minute
	cacheTimeout  = 10 * time.Second
)

// pageRef says where a page goes in the cache: the store's name, the
// feed's tab key and the page's 1-based index in the feed.
type pageRef struct {
	store string
	tab   string
	index int
	// fallback: when the store cannot answer, serve the cached page.
	fallback bool
	// cacheOnly: do not ask the store (it is offline); the cache alone.
	cacheOnly bool
}

// pageMsg answers a list request for one feed.
type pageMsg struct {
	store  int
	feed   int64 // the feed's id: a reset feed drops replies meant for the old one
	req    int64
	page   int // index of the page refreshed, or -1 for the next page
	cursor string
	res    backend.Page
	err    error // the store's failure (res may still be a cached page)
	took   time.Duration
	// cached: res comes from the cache, fetched at `fetched`.
	cached  bool
	fetched time.Time
	// start: the cached first page painted at start, before any store
	// has answered.
	start bool
	// cacheOnly: the store was not asked (it is offline).
	cacheOnly bool
}

// detailMsg answers a detail request.
type detailMsg struct {
	key orderKey
	req int64
	res backend.Order
	err error
	// cached: the store failed (or, cacheOnly, was not asked: it is
	// offline) and res is the cached copy from `fetched`.
	cached    bool
	fetched   time.Time
	cacheOnly bool
}

// statusesMsg answers a request for a store's settable statuses.
type statusesMsg struct {
	store int
	req   int64
	res   []backend.Status
	err   error
}

// changeMsg reports the outcome of one status change of a task.
type changeMsg struct {
	task int64
	item int
	res  backend.Order
	err  error
	// id is the change's id in the journal (0 when it was not recorded).
	id int64
	// settled is set when the outcome was learned after the answer was
	// lost (settleCmd), or when a retry could not ask the store; action
	// says what became of the change.
	settled bool
	action  backend.ReconcileAction
}

// errDetailNotCached: offline, and the order was never opened online.
var errDetailNotCached = errors.New("the store is offline and this order's detail was never loaded while it answered")

// cacheErrMsg reports that the cache could not be written or read.
type cacheErrMsg struct{ err error }

func listCmd(ctx context.Context, ld loader, b backend.Backend, q backend.Query, ref pageRef, msg pageMsg) tea.Cmd {
	return func() tea.Msg {
		start := time.Now()
		if !ref.cacheOnly {
			rctx, cancel := context.WithTimeout(ctx, readTimeout)
			msg.res, msg.err = ld.List(rctx, b, q)
			cancel()
		}
		msg.took = time.Since(start)
		if ref.cacheOnly || (msg.err != nil && ref.fallback && ctx.Err() == nil) {
			cctx, cancel := context.WithTimeout(ctx, cacheTimeout)
			defer cancel()
			p, ok, err := ld.CachedPage(cctx, ref.store, ref.tab, ref.index)
			switch {
			case ok:
				msg.res, msg.cached, msg.fetched = p.Page, true, p.Fetched
			case ref.cacheOnly && err != nil:
				msg.err = err
			case ref.cacheOnly:
				msg.err = errNotCachedOffline
			}
		}
		return msg
	}
}

// cachedPageCmd reads a page from the cache alone, for the first frame.
func cachedPageCmd(ctx context.Context, ld loader, ref pageRef, msg pageMsg) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, cacheTimeout)
		defer cancel()
		p, ok, err := ld.CachedPage(ctx, ref.store, ref.tab, ref.index)
		if err != nil {
			return cacheErrMsg{err: err}
		}
		if !ok {
			return nil
		}
		msg.res, msg.cached, msg.fetched, msg.start = p.Page, true, p.Fetched, true
		return msg
	}
}

func detailCmd(ctx context.Context, ld loader, b backend.Backend, msg detailMsg) tea.Cmd {
	return func() tea.Msg {
		if !msg.cacheOnly {
			rctx, cancel := context.WithTimeout(ctx, readTimeout)
			msg.res, msg.err = ld.Get(rctx, b, msg.key.id)
			cancel()
		}
		if msg.cacheOnly || (msg.err != nil && ctx.Err() == nil) {
			cctx, cancel := context.WithTimeout(ctx, cacheTimeout)
			defer cancel()
			o, at, ok, err := ld.CachedOrder(cctx, b.Name(), msg.key.id)
			switch {
			case ok:
				msg.res, msg.cached, msg.fetched = o, true, at
			case msg.cacheOnly && err != nil:
				msg.err = err
			case msg.cacheOnly:
				msg.err = errDetailNotCached
			}
		}
		return msg
	}
}

func statusesCmd(ctx context.Context, ld loader, b backend.Backend, msg statusesMsg) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, readTimeout)
		defer cancel()
		msg.res, msg.err = ld.Statuses(ctx, b)
		return msg
	}
}

// savePageCmd and saveOrderCmd write to the cache off the Update loop.
// Quitting does not cut a write short: it is a few milliseconds.
func savePageCmd(ctx context.Context, ld loader, ref pageRef, p backend.Page, at time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cacheTimeout)
		defer cancel()
		if err := ld.SavePage(ctx, ref.store, ref.tab, ref.index, p, at); err != nil {
			return cacheErrMsg{err: err}
		}
		return nil
	}
}

func saveOrderCmd(ctx context.Context, ld loader, o backend.Order, at time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cacheTimeout)
		defer cancel()
		if err := ld.SaveOrder(ctx, o, at); err != nil {
			return cacheErrMsg{err: err}
		}
		return nil
	}
}

// applyCmd sends one change through the journal. It runs on a context
// that quitting does not cancel: a change that has started is carried to
// its end and its outcome recorded. done is called when it returns.
func applyCmd(ctx context.Context, b backend.Backend, j backend.Journal, ch backend.Change, msg changeMsg, done func()) tea.Cmd {
	return func() tea.Msg {
		defer done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), changeTimeout)
		defer cancel()
		rec := &recordedJournal{Journal: j}
		msg.res, msg.err = backend.Apply(ctx, b, rec, ch)
		msg.id = rec.id
		return msg
	}
}

// recordedJournal remembers the id the journal gave the change, so the
// dashboard can settle it later (reconcile, resend, drop) rather than
// record it again.
type recordedJournal struct {
	backend.Journal
	id int64
}

func (j *recordedJournal) Record(ctx context.Context, ch *backend.Change) error {
	err := j.Journal.Record(ctx, ch)
	j.id = ch.ID
	return err
}

// resendCmd sends a change again: the operator's decision in the journal
// view, or a retry of a bulk change's failures. With its journal entry (id)
// the database does it: it checks an unknown outcome with the store first
// and journals the attempt on the entry. Without one (no database), a
// change whose earlier outcome is unknown is checked with the store here
// and sent, through the journal j, only if it did not apply.
func resendCmd(ctx context.Context, db Database, b backend.Backend, j backend.Journal, ch backend.Change, id int64, unknown bool, msg changeMsg, done func()) tea.Cmd {
	return func() tea.Msg {
		defer done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), changeTimeout)
		defer cancel()
		if db != nil && id != 0 {
			msg.id = id
			msg.res, msg.err = db.Resend(ctx, b, id, ch.Operator)
			return msg
		}
		if unknown {
			applied, o, err := b.Verify(ctx, ch)
			switch {
			case err != nil:
				msg.settled, msg.action = true, backend.ReconcileDeferred
				msg.err = fmt.Errorf("the store could not be asked: %w", err)
				return msg
			case applied:
				msg.res = o
				return msg
			}
		}
		rec := &recordedJournal{Journal: j}
		msg.res, msg.err = backend.Apply(ctx, b, rec, ch)
		msg.id = rec.id
		return msg
	}
}

// settleCmd learns what became of a change whose answer was lost: the one
// path the dashboard takes for an unknown outcome. Nothing is sent blindly.
// With the change in the journal (id), the database's reconciliation of
// its store settles it (confirmed where the store shows it, resent where
// that is safe, else left for the operator's decision), exactly as at
// start and from the command line. Without a journal entry only the store
// can be asked (Verify): applied, or not, which counts as failed with
// cause. The answer is a settled changeMsg.
func settleCmd(ctx context.Context, db Database, b backend.Backend, ch backend.Change, id int64, opt backend.ReconcileOptions, cause error, msg changeMsg, done func()) tea.Cmd {
	return func() tea.Msg {
		defer done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), changeTimeout)
		defer cancel()
		msg.settled, msg.id = true, id
		if db == nil || id == 0 {
			applied, o, err := b.Verify(ctx, ch)
			switch {
			case err != nil:
				msg.action, msg.err = backend.ReconcileDeferred, fmt.Errorf("the store could not be asked: %w", err)
			case applied:
				msg.action, msg.res = backend.ReconcileConfirmed, o
			default:
				msg.action, msg.err = backend.ReconcileFailed, fmt.Errorf("not applied (checked with the store): %w", cause)
			}
			return msg
		}
		outs, err := db.Reconcile(ctx, b, opt)
		if err != nil {
			msg.action, msg.err = backend.ReconcileDeferred, err
			return msg
		}
		for _, o := range outs {
			if o.Entry.ID == id {
				msg.action, msg.err = o.Action, o.Err
				if o.Action == backend.ReconcileNeedsDecision && o.Err == nil && o.Entry.Error != "" {
					msg.err = errors.New(o.Entry.Error)
				}
				return msg
			}
		}
		// Another reconciliation settled it first: the journal says how.
		e, err := db.Change(ctx, id)
		if err != nil {
			msg.action, msg.err = backend.ReconcileDeferred, err
			return msg
		}
		msg.action, msg.err = actionOf(e)
		return msg
	}
}

// actionOf reads where a journal entry stands as a reconciliation's action.
func actionOf(e backend.JournalEntry) (backend.ReconcileAction, error) {
	var why error
	if e.Error != "" {
		why = errors.New(e.Error)
	}
	switch {
	case e.State == backend.StateConfirmed:
		return backend.ReconcileConfirmed, nil
	case e.State == backend.StateFailed:
		return backend.ReconcileFailed, why
	case e.State == backend.StateDropped:
		return backend.ReconcileFailed, errors.New("dropped: nothing was sent")
	case e.NeedsDecision:
		return backend.ReconcileNeedsDecision, why
	case e.State == backend.StateUnknown:
		return backend.ReconcileUnknown, why
	}
	return backend.ReconcileDeferred, errors.New("still being sent")
}
