package storage

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/orderdash/orderdash/backend"
)

// Search over the mirror for `orderdash search`: the `/` filter's text
// match (mirror_text.go: every word inside one of the order's searched
// fields, trigram index first), ranked rather than in a tab's order.

// SearchLimit is the most matches a search reads before ranking them: the
// newest SearchLimit text matches, plus exact id matches wherever they are.
const SearchLimit = backend.TextCountLimit

// Match says why a search found an order.
type Match string

const (
	// MatchExact: the query is the order's id, number or platform ref
	// (backend.MatchesLookup).
	MatchExact Match = "exact"
	// MatchText: every word of the query is inside one of its fields.
	MatchText Match = "text"
)

// Found is one search result.
type Found struct {
	backend.Order
	Match Match
	// Starts counts the query's words found at the start of a field
	// ("rossi" in "Rossi Maria", not in "Carossi"): a better match.
	Starts int
}

// MirrorSearch finds the orders of the stores (every store when empty)
// that the query matches, best first: exact id, number or ref matches,
// then the orders with more words at the start of a field, then the
// newest. The query is the `/` text: quotes, `*`, `-`, `NEAR` are plain
// characters; a query that can match nothing (a word over
// backend.MaxSearchWord runes, over backend.MaxSearchWords words) finds
// nothing. more reports that matches past SearchLimit were not read.
func (db *DB) MirrorSearch(ctx context.Context, query string, stores []string) (found []Found, more bool, err error) {
	return Search(ctx, db, query, stores)
}

// SearchSource is what Search reads: a mirror's windows, and its orders
// by id in the stores given (every store when none), as typed or in lower
// case, through the (store, id) key.
type SearchSource interface {
	Window(ctx context.Context, w backend.Window) (backend.Rows, error)
	OrdersByID(ctx context.Context, id string, stores []string) ([]backend.Order, error)
}

// Search is MirrorSearch over any mirror, so SQLite's and PostgreSQL's
// rank their matches alike.
func Search(ctx context.Context, db SearchSource, query string, stores []string) (found []Found, more bool, err error) {
	words, ok := backend.SearchWords(query)
	if !ok || len(words) == 0 {
		return nil, false, nil
	}
	lookup, lerr := backend.ParseLookup(query)
	if lerr == nil && len(words) == 1 {
		query = lookup // "#1042" is how people write order 1042
	}
	v := backend.View{Stores: stores, Text: query}
	rows, err := db.Window(ctx, backend.Window{View: v, After: SearchLimit + 1})
	if err != nil {
		return nil, false, err
	}
	if len(rows.Orders) > SearchLimit {
		rows.Orders, more = rows.Orders[:SearchLimit], true
	}
	// An exact id among more text matches than were read: by each
	// store's (store, id) index.
	if lerr == nil {
		byID, err := db.OrdersByID(ctx, lookup, stores)
		if err != nil {
			return nil, false, err
		}
		for _, o := range byID {
			if !slices.ContainsFunc(rows.Orders, func(r backend.Order) bool { return r.Store == o.Store && r.ID == o.ID }) {
				rows.Orders = append(rows.Orders, o)
			}
		}
	}
	for _, o := range rows.Orders {
		f := Found{Order: o, Match: MatchText, Starts: wordStarts(backend.SearchText(o), words)}
		if lerr == nil && backend.MatchesLookup(o, lookup) {
			f.Match = MatchExact
		}
		found = append(found, f)
	}
	slices.SortStableFunc(found, func(a, b Found) int {
		return cmp.Or(
			cmp.Compare(rank(a.Match), rank(b.Match)),
			cmp.Compare(b.Starts, a.Starts),
			b.Created.Compare(a.Created),
			cmp.Compare(a.Store, b.Store),
			cmp.Compare(a.ID, b.ID))
	})
	return found, more, nil
}

func rank(m Match) int {
	if m == MatchExact {
		return 0
	}
	return 1
}

// wordStarts counts the words found at the start of a line of text (one
// field a line) or after a space, dot, @, - or _ in it.
func wordStarts(text string, words []string) int {
	n := 0
	for _, w := range words {
		for i := 0; ; {
			j := strings.Index(text[i:], w)
			if j < 0 {
				break
			}
			j += i
			if j == 0 || strings.ContainsRune("\n .@-_+", rune(text[j-1])) {
				n++
				break
			}
			i = j + 1
		}
	}
	return n
}

// OrdersByID reads the orders whose id is id (as typed, or in lower
// case), in the stores given (every store when none).
func (db *DB) OrdersByID(ctx context.Context, id string, stores []string) ([]backend.Order, error) {
	ids := []any{id}
	if l := strings.ToLower(id); l != id {
		ids = append(ids, l)
	}
	if len(stores) == 0 {
		// The stores the mirror holds, from its counts (a few rows), so
		// each is one probe of the (store, id) index.
		rows, err := db.r.QueryContext(ctx, `SELECT DISTINCT store FROM mirror_counts WHERE n > 0`)
		if err != nil {
			return nil, wrap("search the mirror", db.path, err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				rows.Close()
				return nil, wrap("search the mirror", db.path, err)
			}
			stores = append(stores, s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, wrap("search the mirror", db.path, err)
		}
		if len(stores) == 0 {
			return nil, nil
		}
	}
	args := ids
	for _, s := range stores {
		args = append(args, s)
	}
	q := "SELECT " + rowCols + ", 0 FROM mirror WHERE id IN (?" + strings.Repeat(",?", len(ids)-1) + ") AND store IN (?" + strings.Repeat(",?", len(stores)-1) + ")"
	return db.readRows(ctx, q+" LIMIT 100", args, 4)
}
