package storage

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/orderdash/orderdash/backend"
)

// Claims on SQLite live in the process: SQLite serves one operator on one
// machine, where a claim only keeps two dialogs of one dashboard apart.
// Team mode (pgstore) keeps them in the shared database, where every
// terminal sees them. The contract (Claims) is the same.
type claimTable struct {
	mu sync.Mutex
	m  map[backend.OrderRef]backend.Claim
}

// Claim claims orders for opt.Operator in this process.
func (db *DB) Claim(ctx context.Context, orders []backend.OrderRef, opt ClaimOptions) (ClaimResult, error) {
	if err := ctx.Err(); err != nil {
		return ClaimResult{}, err
	}
	ttl := opt.TTL
	if ttl <= 0 {
		ttl = DefaultClaimTTL
	}
	now := db.now()
	t := &db.claims
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil {
		t.m = map[backend.OrderRef]backend.Claim{}
	}
	var res ClaimResult
	for _, ref := range UniqueRefs(orders) {
		c, ok := t.m[ref]
		if ok && c.Holder != db.sess.id && c.Until.After(now) && !opt.TakeOver {
			res.Held = append(res.Held, c)
			continue
		}
		c = backend.Claim{OrderRef: ref, Operator: strings.TrimSpace(opt.Operator), Holder: db.sess.id, Until: now.Add(ttl)}
		t.m[ref] = c
		res.Claimed = append(res.Claimed, c)
	}
	return res, nil
}

// Holder is this process's name on its claims.
func (db *DB) Holder() string { return db.sess.id }

// Release gives up this process's claims on orders.
func (db *DB) Release(ctx context.Context, orders []backend.OrderRef) error {
	t := &db.claims
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, ref := range orders {
		if c, ok := t.m[ref]; ok && c.Holder == db.sess.id {
			delete(t.m, ref)
		}
	}
	return ctx.Err()
}

// Claimed lists the claims in force on a store's orders.
func (db *DB) Claimed(ctx context.Context, store string) ([]backend.Claim, error) {
	now := db.now()
	t := &db.claims
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []backend.Claim
	for ref, c := range t.m {
		switch {
		case !c.Until.After(now):
			delete(t.m, ref)
		case store == "" || ref.Store == store:
			out = append(out, c)
		}
	}
	SortClaims(out)
	return out, ctx.Err()
}

// SortClaims orders claims by store, then order id.
func SortClaims(cs []backend.Claim) {
	slices.SortFunc(cs, func(a, b backend.Claim) int {
		if c := strings.Compare(a.Store, b.Store); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// UniqueRefs drops repeats and empty refs, keeping the first order.
func UniqueRefs(orders []backend.OrderRef) []backend.OrderRef {
	seen := make(map[backend.OrderRef]bool, len(orders))
	out := make([]backend.OrderRef, 0, len(orders))
	for _, r := range orders {
		if r.Store == "" || r.ID == "" || seen[r] {
			continue
		}
		seen[r] = true
		out = append(out, r)
	}
	return out
}
