package backend

import (
	"fmt"
	"sort"
	"strings"
)

// Status is a platform status: Code is what the platform's API takes
// ("P", "Shipped", "8"), Name what people read, Kind the shared meaning.
type Status struct {
	Code string     `json:"code"`
	Name string     `json:"name"`
	Kind StatusKind `json:"kind"`
}

// Label is the name, or the code when the platform gave no name.
func (s Status) Label() string {
	if s.Name != "" {
		return s.Name
	}
	return s.Code
}

// StatusKind is the cross-platform meaning of a status. It drives colours,
// filters and the merged "All stores" view.
type StatusKind string

const (
	KindPending    StatusKind = "pending"
	KindProcessing StatusKind = "processing"
	KindOnHold     StatusKind = "on_hold"
	KindShipped    StatusKind = "shipped"
	KindCompleted  StatusKind = "completed"
	KindCancelled  StatusKind = "cancelled"
	KindRefunded   StatusKind = "refunded"
	KindFailed     StatusKind = "failed"
	KindOther      StatusKind = "other"
)

// Kinds lists every kind in workflow order.
var Kinds = []StatusKind{KindPending, KindProcessing, KindOnHold, KindShipped,
	KindCompleted, KindCancelled, KindRefunded, KindFailed, KindOther}

// ParseKind accepts a kind name as written in config ("on_hold", "On-Hold").
func ParseKind(s string) (StatusKind, error) {
	norm := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "_")
	for _, k := range Kinds {
		if string(k) == norm {
			return k, nil
		}
	}
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return "", fmt.Errorf("unknown status kind %q (want one of %s)", s, strings.Join(names, ", "))
}

// KindMap maps platform status codes onto kinds. Lookups try the exact code
// first, then the code without regard to case.
type KindMap map[string]StatusKind

// Kind returns the kind of code, or KindOther when the map does not know it.
func (m KindMap) Kind(code string) StatusKind {
	if k, ok := m[code]; ok {
		return k
	}
	// Two codes may differ only by case ("shipped", "Shipped"); take the
	// smallest so the answer does not depend on map order.
	best, kind := "", KindOther
	for c, k := range m {
		if strings.EqualFold(c, code) && (best == "" || c < best) {
			best, kind = c, k
		}
	}
	return kind
}

// With returns a copy of m with the overrides applied on top; a store's
// `status_kinds` table in config uses it to correct a platform's defaults.
func (m KindMap) With(overrides map[string]StatusKind) KindMap {
	out := make(KindMap, len(m)+len(overrides))
	for c, k := range m {
		out[c] = k
	}
	for c, k := range overrides {
		out[c] = k
	}
	return out
}

// GuessKind infers a kind from a free-text status name, for platforms whose
// status lists are per shop (API2Cart carts, Lunasoft sites). It looks for
// well-known words; anything it cannot place is KindOther.
func GuessKind(name string) StatusKind {
	n := strings.ToLower(name)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(n, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("refund", "chargeback", "reversed", "returned", "return complete"):
		return KindRefunded
	case has("cancel", "void", "declin", "denied", "expired", "reject"):
		return KindCancelled
	case has("fail", "error"):
		return KindFailed
	case has("hold", "query", "backorder", "suspend", "dispute", "return in progress", "return request"):
		return KindOnHold
	// Negated words next, before the words they contain ("unpaid" holds
	// "paid", "incomplete" holds "complete", "unshipped" holds "ship").
	case has("unpaid", "not paid", "incomplete", "awaiting payment"):
		return KindPending
	case has("unshipped", "not shipped", "unfulfilled", "to ship", "awaiting shipment", "awaiting fulfil"):
		return KindProcessing
	case has("complete", "delivered", "closed", "finished", "fulfilled"):
		return KindCompleted
	case has("ship", "dispatch", "sent", "transit", "received by shipper", "awaiting pickup"):
		return KindShipped
	case has("process", "paid", "production", "preparing", "packed", "picking", "accepted", "confirmed", "in progress", "awaiting fulfil", "unshipped", "supplier", "to ship"):
		return KindProcessing
	case has("pending", "new", "open", "unpaid", "await", "placed", "created", "incomplete"):
		return KindPending
	}
	return KindOther
}

// FindStatus resolves what an operator typed (a code such as "P", "8",
// "Shipped", or failing that a name without regard to case) against a
// store's statuses. An ambiguous or unknown value is an error that lists
// what would have matched.
func FindStatus(statuses []Status, typed string) (Status, error) {
	t := strings.TrimSpace(typed)
	for _, s := range statuses {
		if s.Code == t {
			return s, nil
		}
	}
	var found []Status
	for _, s := range statuses {
		if strings.EqualFold(s.Name, t) || strings.EqualFold(s.Code, t) {
			found = append(found, s)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		codes := make([]string, 0, len(statuses))
		for _, s := range statuses {
			codes = append(codes, fmt.Sprintf("%s (%s)", s.Code, s.Label()))
		}
		sort.Strings(codes)
		return Status{}, fmt.Errorf("no status %q; valid: %s", typed, strings.Join(codes, ", "))
	default:
		return Status{}, fmt.Errorf("status %q is ambiguous: matches %s and %s", typed, found[0].Code, found[1].Code)
	}
}

// Final reports whether an order in a status of this kind is done with:
// nothing more will happen to it in the normal course.
func (k StatusKind) Final() bool {
	switch k {
	case KindCompleted, KindCancelled, KindRefunded, KindFailed:
		return true
	}
	return false
}
