package storage

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// MergeWindow is how far apart in time a local entry and a platform entry
// may be and still be taken for the same change: the platform stamps it
// when it applies it, we when we send it, and the two clocks differ.
const MergeWindow = 15 * time.Minute

// LocalHistory is the timeline orderdash itself recorded for an order: its
// confirmed changes, newest first, as events with Source local and Actor
// the operator. CS-Cart and Kornit X keep no history, so for them this is
// the whole timeline; for the others, pass it to MergeHistory.
func (db *DB) LocalHistory(ctx context.Context, store, orderID string) ([]backend.Event, error) {
	q, err := db.st.localHistory.QueryContext(ctx, store, orderID)
	if err != nil {
		return nil, wrap("read local history", db.path, err)
	}
	rows, err := scanEntries(q)
	if err != nil {
		return nil, wrap("read local history", db.path, err)
	}
	return HistoryEvents(entries(rows)), nil
}

// HistoryEvents turns confirmed journal entries, newest first, into the
// timeline's local events (every implementation of the contract uses it).
func HistoryEvents(entries []backend.JournalEntry) []backend.Event {
	out := make([]backend.Event, 0, len(entries))
	for _, e := range entries {
		at := e.Sent // when the platform applied it, as near as we know
		if at.IsZero() {
			at = e.Requested
		}
		status := e.To
		if e.Result != nil && strings.EqualFold(e.Result.Code, e.To.Code) && e.Result.Name != "" {
			status = *e.Result // the platform's own name and kind for it
		}
		out = append(out, backend.Event{At: at, Status: status, Note: e.Note, Notified: e.Notify,
			Source: backend.SourceLocal, Actor: e.Operator, Tracking: e.Tracking})
	}
	return out
}

// MergeHistory is an order's timeline: the platform's history and the
// local one, newest first. A local entry that matches a platform entry
// (the same status, within MergeWindow, notes that agree) is the same
// change seen twice: the platform's entry is kept, with the operator filled
// in as its Actor (and the tracking number if it had none). Each platform
// entry absorbs at most one local entry, so a change the platform really
// applied twice still shows twice.
//
// The result is nil only when platform is nil (history not loaded) and
// there are no local entries.
func MergeHistory(platform, local []backend.Event) []backend.Event {
	if platform == nil && len(local) == 0 {
		return nil
	}
	out := make([]backend.Event, len(platform), len(platform)+len(local))
	copy(out, platform)
	taken := make([]bool, len(platform))
	for _, l := range local {
		best, bestGap := -1, time.Duration(0)
		for i, p := range platform {
			if taken[i] || !sameStatus(p.Status, l.Status) || !notesAgree(p.Note, l.Note) {
				continue
			}
			gap := p.At.Sub(l.At).Abs()
			if gap > MergeWindow {
				continue
			}
			if best < 0 || gap < bestGap {
				best, bestGap = i, gap
			}
		}
		if best < 0 {
			out = append(out, l)
			continue
		}
		taken[best] = true
		if out[best].Actor == "" {
			out[best].Actor = l.Actor
		}
		if out[best].Tracking == "" {
			out[best].Tracking = l.Tracking
		}
	}
	// Stable, so entries at the same instant keep the platform's order.
	slices.SortStableFunc(out, func(a, b backend.Event) int { return b.At.Compare(a.At) })
	return out
}

func sameStatus(a, b backend.Status) bool {
	if a.Code != "" && b.Code != "" {
		return strings.EqualFold(a.Code, b.Code)
	}
	return a.Name != "" && strings.EqualFold(a.Name, b.Name)
}

// notesAgree accepts notes that are equal, missing on one side, or one
// inside the other (platforms add the tracking number to the note).
func notesAgree(a, b string) bool {
	a, b = normSpace(a), normSpace(b)
	return a == "" || b == "" || strings.Contains(a, b) || strings.Contains(b, a)
}

func normSpace(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
