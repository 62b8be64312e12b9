package pgstore

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// Claims live in the claims table, one row per order ever claimed; a row
// whose holder is '' or whose until has passed is free. Expiries are the
// server's clock.

// Claim claims orders for opt.Operator (storage.Claims). Orders claimed
// by others are Held unless opt.TakeOver. Orders another process is
// claiming at this very moment are skipped first (FOR UPDATE SKIP
// LOCKED), so two bulk changes on one filter split it rather than queue
// behind each other; then, once that other claim is committed, read
// again for who holds them (or claimed, if it let them go).
func (s *Store) Claim(ctx context.Context, orders []backend.OrderRef, opt storage.ClaimOptions) (storage.ClaimResult, error) {
	const op = "claim orders"
	refs := storage.UniqueRefs(orders)
	var res storage.ClaimResult
	if len(refs) == 0 {
		return res, nil
	}
	ttl := opt.TTL
	if ttl <= 0 {
		ttl = storage.DefaultClaimTTL
	}
	stores, ids := split(refs)
	// Every order gets its row first, so the claim below only updates
	// rows, and SKIP LOCKED sees every one of them.
	if _, err := s.pool.Exec(ctx, `INSERT INTO claims (store, order_id)
		SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`, stores, ids); err != nil {
		return res, s.wrap(op, err)
	}
	skipped, err := s.claim(ctx, stores, ids, opt, ttl, &res, true)
	if err != nil {
		return res, err
	}
	if len(skipped) > 0 {
		stores, ids := split(skipped)
		if _, err := s.claim(ctx, stores, ids, opt, ttl, &res, false); err != nil {
			return res, err
		}
	}
	storage.SortClaims(res.Claimed)
	storage.SortClaims(res.Held)
	return res, nil
}

// claim takes the free rows among (stores, ids), in key order, and
// reports the held ones; with skip, rows locked by another claim are
// left out and returned.
func (s *Store) claim(ctx context.Context, stores, ids []string, opt storage.ClaimOptions, ttl time.Duration, res *storage.ClaimResult, skip bool) ([]backend.OrderRef, error) {
	lock := `FOR UPDATE`
	if skip {
		lock += ` SKIP LOCKED`
	}
	var skipped []backend.OrderRef
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT c.store, c.order_id, c.operator, c.holder, c.until, c.until > now()
			FROM claims c JOIN unnest($1::text[], $2::text[]) AS want(store, order_id) USING (store, order_id)
			ORDER BY c.store, c.order_id `+lock, stores, ids)
		if err != nil {
			return err
		}
		var take []backend.OrderRef
		seen := map[backend.OrderRef]bool{}
		held := []backend.Claim{}
		for rows.Next() {
			var c backend.Claim
			var live bool
			if err := rows.Scan(&c.Store, &c.ID, &c.Operator, &c.Holder, &c.Until, &live); err != nil {
				rows.Close()
				return err
			}
			seen[c.OrderRef] = true
			if live && c.Holder != "" && c.Holder != s.id && !opt.TakeOver {
				c.Until = c.Until.UTC()
				held = append(held, c)
				continue
			}
			take = append(take, c.OrderRef)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range stores {
			if r := (backend.OrderRef{Store: stores[i], ID: ids[i]}); !seen[r] {
				skipped = append(skipped, r)
			}
		}
		var claimed []backend.Claim
		if len(take) > 0 {
			ts, is := split(take)
			rows, err := tx.Query(ctx, `UPDATE claims c SET operator = $3, holder = $4, until = now() + $5 * interval '1 millisecond'
				FROM unnest($1::text[], $2::text[]) AS t(store, order_id)
				WHERE c.store = t.store AND c.order_id = t.order_id
				RETURNING c.store, c.order_id, c.operator, c.holder, c.until`,
				ts, is, strings.TrimSpace(opt.Operator), s.id, ms(ttl))
			if err != nil {
				return err
			}
			for rows.Next() {
				var c backend.Claim
				if err := rows.Scan(&c.Store, &c.ID, &c.Operator, &c.Holder, &c.Until); err != nil {
					rows.Close()
					return err
				}
				c.Until = c.Until.UTC()
				claimed = append(claimed, c)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			if err := s.notify(ctx, tx, backend.Notice{Kind: backend.NoticeClaim}); err != nil {
				return err
			}
		}
		// Only once committed: a retried transaction starts afresh.
		res.Claimed = append(res.Claimed, claimed...)
		res.Held = append(res.Held, held...)
		return nil
	})
	if err != nil {
		return nil, s.wrap("claim orders", err)
	}
	return skipped, nil
}

// Release gives up this process's claims on orders.
func (s *Store) Release(ctx context.Context, orders []backend.OrderRef) error {
	refs := storage.UniqueRefs(orders)
	if len(refs) == 0 {
		return nil
	}
	stores, ids := split(refs)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE claims c SET holder = '', until = 'epoch'
			FROM unnest($1::text[], $2::text[]) AS t(store, order_id)
			WHERE c.store = t.store AND c.order_id = t.order_id AND c.holder = $3`, stores, ids, s.id)
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		return s.notify(ctx, tx, backend.Notice{Kind: backend.NoticeClaim})
	})
	return s.wrap("release orders", err)
}

// Claimed lists the claims in force on a store's orders ("" for all).
func (s *Store) Claimed(ctx context.Context, store string) ([]backend.Claim, error) {
	rows, err := s.pool.Query(ctx, `SELECT store, order_id, operator, holder, until FROM claims
		WHERE holder <> '' AND until > now() AND ($1 = '' OR store = $1) ORDER BY store, order_id`, store)
	if err != nil {
		return nil, s.wrap("read claims", err)
	}
	defer rows.Close()
	var out []backend.Claim
	for rows.Next() {
		var c backend.Claim
		if err := rows.Scan(&c.Store, &c.ID, &c.Operator, &c.Holder, &c.Until); err != nil {
			return nil, s.wrap("read claims", err)
		}
		c.Until = c.Until.UTC()
		out = append(out, c)
	}
	return out, s.wrap("read claims", rows.Err())
}

func split(refs []backend.OrderRef) (stores, ids []string) {
	stores, ids = make([]string, len(refs)), make([]string, len(refs))
	for i, r := range refs {
		stores[i], ids[i] = r.Store, r.ID
	}
	return stores, ids
}
