// Package localdb connects the dashboard to the local database: it adapts
// *storage.DB to ui.Database, so the ui package itself imports only
// backend and theme, while the journal view, reconciliation and the order
// cache run on the storage package's own code (nothing here re-implements
// them).
package localdb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/ui"
)

// New returns db as the dashboard's database, or nil when db is nil (the
// dashboard then runs without a cache or a journal view).
func New(db *storage.DB) ui.Database {
	if db == nil {
		return nil
	}
	return &database{db: db}
}

type database struct{ db *storage.DB }

func (d *database) Path() string { return d.db.Path() }

func (d *database) LoadPage(ctx context.Context, store, tab string, index int) (ui.CachedPage, error) {
	p, err := d.db.LoadPage(ctx, store, tab, index)
	if err != nil {
		return ui.CachedPage{}, notCached(err)
	}
	return ui.CachedPage{Page: p.Page, Fetched: p.Fetched}, nil
}

func (d *database) SavePage(ctx context.Context, store, tab string, index int, p backend.Page, at time.Time) error {
	return d.db.SavePage(ctx, store, tab, index, p, at)
}

func (d *database) LoadOrder(ctx context.Context, store, id string) (backend.Order, time.Time, error) {
	o, at, err := d.db.LoadOrder(ctx, store, id)
	return o, at, notCached(err)
}

func (d *database) SaveOrder(ctx context.Context, o backend.Order, at time.Time) error {
	return d.db.SaveOrder(ctx, o, at)
}

func (d *database) Changes(ctx context.Context, q ui.ChangeQuery) ([]ui.JournalEntry, error) {
	es, err := d.db.Changes(ctx, storage.ChangeFilter{Store: q.Store, Limit: q.Limit, BeforeID: q.BeforeID})
	if err != nil {
		return nil, err
	}
	out := make([]ui.JournalEntry, len(es))
	for i, e := range es {
		out[i] = entry(e)
	}
	return out, nil
}

func (d *database) Change(ctx context.Context, id int64) (ui.JournalEntry, error) {
	e, err := d.db.Change(ctx, id)
	if err != nil {
		return ui.JournalEntry{}, err
	}
	return entry(e), nil
}

func (d *database) Steps(ctx context.Context, id int64) ([]ui.JournalStep, error) {
	log, err := d.db.Log(ctx, id)
	if err != nil {
		return nil, err
	}
	out := make([]ui.JournalStep, len(log))
	for i, l := range log {
		out[i] = ui.JournalStep{At: l.At, State: l.State, Operator: l.Operator, Message: l.Message}
	}
	return out, nil
}

func (d *database) Resend(ctx context.Context, b backend.Backend, id int64, operator string) (backend.Order, error) {
	return storage.Resend(ctx, d.db, b, id, operator)
}

func (d *database) Drop(ctx context.Context, id int64, operator string) error {
	return d.db.Drop(ctx, id, operator)
}

func (d *database) Reconcile(ctx context.Context, stores map[string]backend.Backend, opt ui.ReconcileOptions) ([]ui.Reconciled, error) {
	outs, err := storage.Reconcile(ctx, d.db, stores, storage.ReconcileOptions{Store: opt.Store, Operator: opt.Operator, NoResend: opt.NoResend})
	if err != nil {
		return nil, err
	}
	res := make([]ui.Reconciled, len(outs))
	for i, o := range outs {
		res[i] = ui.Reconciled{Entry: entry(o.Entry), Action: ui.ReconcileAction(o.Action), Err: o.Err}
	}
	return res, nil
}

func entry(e storage.Entry) ui.JournalEntry {
	return ui.JournalEntry{
		Change: e.Change, State: e.State, NeedsDecision: e.NeedsDecision, Error: e.Error, Result: e.Result,
		Attempts: e.Attempts, Sent: e.Sent, Updated: e.Updated,
		Open: e.Open(), CanResend: e.CanResend(), CanDrop: e.CanDrop(),
	}
}

// notCached lets the dashboard tell "never cached" from a failure without
// knowing the storage package.
func notCached(err error) error {
	if errors.Is(err, storage.ErrNotCached) {
		return fmt.Errorf("%w: %w", ui.ErrNotCached, err)
	}
	return err
}
