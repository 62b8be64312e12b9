package backend

import (
	"context"
	"slices"
)

// StatusCatalog is implemented by a client whose orders may be in
// statuses an operator cannot set (Kornit X's own 1 Received and 4 In
// Production): KnownStatuses lists every status it may report, so a
// filter by kind can be sent as the codes of that kind. It does no I/O.
type StatusCatalog interface {
	KnownStatuses() []Status
}

// as finds an optional interface on b or on what it wraps.
func as[T any](b Backend) (T, bool) {
	for i := 0; b != nil && i < 8; i++ {
		if t, ok := b.(T); ok {
			return t, true
		}
		u, ok := b.(unwrapper)
		if !ok {
			break
		}
		b = u.Unwrap()
	}
	var zero T
	return zero, false
}

// CodesOfKinds returns the codes of b's statuses of any of kinds, in the
// order the store lists them: those an operator may set (Statuses) and
// those it may report besides (StatusCatalog).
func CodesOfKinds(ctx context.Context, b Backend, kinds []StatusKind) ([]string, error) {
	all, err := b.Statuses(ctx)
	if err != nil {
		return nil, err
	}
	if c, ok := as[StatusCatalog](b); ok {
		all = append(all, c.KnownStatuses()...)
	}
	var codes []string
	for _, s := range all {
		if slices.Contains(kinds, s.Kind) && !slices.Contains(codes, s.Code) {
			codes = append(codes, s.Code)
		}
	}
	return codes, nil
}

// KindRank is where a kind stands in an order's life (Kinds' order):
// pending first, then processing, on hold, shipped, completed, then the
// ends that are not a delivery (cancelled, refunded, failed), other last.
// An unknown kind ranks with other.
func KindRank(k StatusKind) int {
	if i := slices.Index(Kinds, k); i >= 0 {
		return i
	}
	return len(Kinds) - 1
}

// ByLifecycle returns statuses ordered by their kind's place in an order's
// life (KindRank), keeping the platform's order among statuses of one
// kind. Platforms list statuses in their own order (API2Cart: Processing,
// Shipped, Canceled, Complete, Pending…); every list an operator reads
// (the picker, `orderdash statuses`) uses this one. The input is not
// changed.
func ByLifecycle(statuses []Status) []Status {
	out := slices.Clone(statuses)
	slices.SortStableFunc(out, func(a, b Status) int { return KindRank(a.Kind) - KindRank(b.Kind) })
	return out
}
