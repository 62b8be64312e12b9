package main

import (
	"context"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/kornitx"
)

// Kornit X pushes its orders to `orderdash receive`, which keeps them in
// the local database; the client reads them from there, so it needs the
// run's database, not only its config.
func init() {
	platforms[kornitx.Platform] = platform{
		newConfig: func() any { return new(kornitx.Config) },
		open: func(a *app, cfg any, opt httpx.Options) (backend.Backend, error) {
			var orders kornitx.OrderStore
			db, err := a.journalStore(context.Background(), false)
			if err != nil {
				// The other stores still open: this one reports, on every
				// read, why its orders cannot be shown.
				a.warnDatabase(err)
				orders = noOrders{err: err}
			} else {
				orders = db.KornitXInbox()
			}
			return kornitx.New(*cfg.(*kornitx.Config), orders, opt)
		},
		// A store with an hmac_key is one `receive` serves: its key must
		// pass before the day a push comes.
		check: func(cfg any) error {
			if c := cfg.(*kornitx.Config); c.HMACKey.IsSet() {
				return c.CheckReceiver()
			}
			return nil
		},
	}
}

// noOrders stands in for the pushed-order store when the database cannot
// be opened.
type noOrders struct{ err error }

func (n noOrders) SavePush(context.Context, string, backend.Order, []byte, time.Time) (bool, error) {
	return false, n.err
}
func (n noOrders) List(context.Context, string, backend.Query) (backend.Page, error) {
	return backend.Page{}, n.err
}
func (n noOrders) Get(context.Context, string, string) (backend.Order, error) {
	return backend.Order{}, n.err
}
func (n noOrders) SetStatus(context.Context, string, string, backend.Status, string, backend.Event) error {
	return n.err
}
