package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// lookupTimeout bounds the wait for each store when an order is looked up
// by what the operator typed.
const lookupTimeout = 15 * time.Second

// findOrder resolves what the operator typed (an order's id, its number or
// a platform ref such as Kornit X's CG31000741 or an external ref) to one
// order of one store: in the store named, or in every store. The local
// mirror answers first where it has the order; else every store is asked
// at once with its own reads (backend.FindAll). A store that cannot answer
// is said on stderr when another one found the order; when none did, the
// error says where it looked and which could not answer. Several matches
// are an error listing them, to be told apart with --store.
func (a *app) findOrder(ctx context.Context, storeName, typed string) (store, backend.Order, error) {
	useDemo := a.useDemo()
	var stores []store
	if storeName != "" {
		s, err := a.openStore(ctx, storeName)
		if err != nil {
			return store{}, backend.Order{}, err
		}
		stores = []store{s}
	} else {
		var err error
		if stores, err = a.openStores(ctx, useDemo); err != nil {
			return store{}, backend.Order{}, err
		}
	}
	bs := make([]backend.Backend, len(stores))
	for i, s := range stores {
		bs[i] = s.Backend
	}
	opt := backend.FindOptions{Timeout: lookupTimeout}
	if db, err := a.journalStore(ctx, useDemo); err == nil {
		opt.Mirror = db.MirrorFind
	}
	res, err := backend.FindAll(ctx, bs, typed, opt)
	if err != nil {
		return store{}, backend.Order{}, err
	}
	if err := res.Err(); err != nil {
		return store{}, backend.Order{}, err
	}
	for _, f := range res.Failed {
		fmt.Fprintf(a.err, "orderdash: not looked in %s: %s\n", f.Store, backend.CleanLine(f.Err.Error()))
	}
	if len(res.Matches) > 1 {
		return store{}, backend.Order{}, ambiguous(res, storeName)
	}
	o := res.Matches[0]
	for _, s := range stores {
		if s.Name() == o.Store {
			return s, o, nil
		}
	}
	return store{}, backend.Order{}, fmt.Errorf("order %s was found in %s, which is not one of the stores opened", o.Ref(), o.Store)
}

// ambiguous lists the orders one lookup matched, for the operator to pick
// one with --store (or, within one store, by its id).
func ambiguous(res backend.FindResult, storeName string) error {
	parts := make([]string, len(res.Matches))
	for i, o := range res.Matches {
		desc := o.Store + " order " + o.Ref()
		if o.ID != o.Ref() {
			desc += " (id " + o.ID + ")"
		}
		parts[i] = desc
	}
	hint := "name the store with --store"
	if storeName != "" {
		hint = "give the id of the one meant"
	}
	return fmt.Errorf("%s names %d orders: %s; %s", res.Text, len(res.Matches), strings.Join(parts, ", "), hint)
}

// orderError names the order by its number in an error about it, where
// the store's error named it by its id.
func orderError(o backend.Order, err error) error {
	if err == nil || o.Ref() == o.ID || strings.Contains(err.Error(), o.Ref()) {
		return err
	}
	return fmt.Errorf("order %s: %w", o.Ref(), err)
}
