package pgstore

import "context"

// Info is what the team's database holds, for `orderdash info` (the
// mirror's part is MirrorStats).
type Info struct {
	Changes       int // the journal's changes
	OpenChanges   int // pending, sent, unknown or failed
	NeedsDecision int // of those, waiting for an operator's decision
	KornitX       int // orders in the Kornit X inbox
}

// Info counts what the database holds; it needs the schema (Version > 0).
func (s *Store) Info(ctx context.Context) (Info, error) {
	var in Info
	err := s.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM changes),
		(SELECT count(*) FROM changes WHERE state IN `+openStates+`),
		(SELECT count(*) FROM changes WHERE state IN `+openStates+` AND needs_decision),
		(SELECT count(*) FROM kx_orders)`).Scan(&in.Changes, &in.OpenChanges, &in.NeedsDecision, &in.KornitX)
	return in, s.wrap("read database info", err)
}
