package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// loader is the one seam through which the dashboard reads from stores.
// The direct loader calls the backend; an order cache can wrap it (answer
// from the cache first, then from the store) without the rest of the UI
// changing.
type loader interface {
	List(ctx context.Context, b backend.Backend, q backend.Query) (backend.Page, error)
	Get(ctx context.Context, b backend.Backend, id string) (backend.Order, error)
	Statuses(ctx context.Context, b backend.Backend) ([]backend.Status, error)
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

// Reads give up after readTimeout so a hung store cannot keep a request
// (and its spinner) alive forever; the clients have their own, shorter
// timeouts and retries inside it.
const (
	readTimeout   = 90 * time.Second
	changeTimeout = 2 * time.Minute
)

// pageMsg answers a list request for one feed.
type pageMsg struct {
	store  int
	feed   int64 // the feed's id: a reset feed drops replies meant for the old one
	req    int64
	page   int // index of the page refreshed, or -1 for the next page
	cursor string
	res    backend.Page
	err    error
	took   time.Duration
}

// detailMsg answers a detail request.
type detailMsg struct {
	key orderKey
	req int64
	res backend.Order
	err error
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
	// verified is set when the outcome came from Backend.Verify after an
	// uncertain answer; applied says what Verify found.
	verified bool
	applied  bool
}

func listCmd(ctx context.Context, ld loader, b backend.Backend, q backend.Query, msg pageMsg) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, readTimeout)
		defer cancel()
		start := time.Now()
		msg.res, msg.err = ld.List(ctx, b, q)
		msg.took = time.Since(start)
		return msg
	}
}

func detailCmd(ctx context.Context, ld loader, b backend.Backend, msg detailMsg) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, readTimeout)
		defer cancel()
		msg.res, msg.err = ld.Get(ctx, b, msg.key.id)
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

// applyCmd sends one change through the journal. It runs on a context
// that quitting does not cancel: a change that has started is carried to
// its end and its outcome recorded. done is called when it returns.
func applyCmd(ctx context.Context, b backend.Backend, j backend.Journal, ch backend.Change, msg changeMsg, done func()) tea.Cmd {
	return func() tea.Msg {
		defer done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), changeTimeout)
		defer cancel()
		msg.res, msg.err = backend.Apply(ctx, b, j, ch)
		return msg
	}
}

// verifyCmd asks the store whether a change of unknown outcome applied.
func verifyCmd(ctx context.Context, b backend.Backend, ch backend.Change, msg changeMsg, done func()) tea.Cmd {
	return func() tea.Msg {
		defer done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), changeTimeout)
		defer cancel()
		msg.verified = true
		msg.applied, msg.res, msg.err = b.Verify(ctx, ch)
		return msg
	}
}
