package storage

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/orderdash/orderdash/backend"
)

// Windows and counts of a view with text (mirror_search.go has the
// indexes). Two plans, chosen per query by how many rows the text's
// words select in mirror_fts, counted up to ftsRare:
//
//   - rare (an e-mail, an order number): read those candidates, check
//     each one's text, filters and keyset on its row, sort them, keep the
//     window. At most ftsRare row reads.
//   - common (a first name, the first letters typed): walk the view's
//     order (the covering text index, or a kind's or a status's index) from
//     the anchor, testing each row, until the window is full. A common
//     word fills it within a few hundred rows. The walk gives up after
//     scanRows rows (scanLookups where each row is read from the table):
//     the matches are then bunched somewhere far from the anchor (the
//     first digits of an order number: a block of old orders), and the
//     rare plan answers instead, with no bound but the matches' number.
//
// A text whose words are all shorter than three characters has no
// trigram: it is always walked, to the end of the view when it matches
// little (the one unbounded case; such words match most rows).

// The plans' bounds; variables so tests can drive each plan on a small
// mirror.
var (
	ftsRare     = 2000
	scanRows    = 40_000
	scanLookups = 4_000
)

// What of a word goes to the index: a word of up to shortPhrase runes
// whole (an exact substring test: the index keeps each trigram's
// position), a longer one as three pieces of piece runes (its most
// distinctive, its start, its end). The rows are checked after anyway.
const (
	shortPhrase  = 8
	piece        = 5
	queryPhrases = 6
)

// textSearch is a view's text, parsed once per window or count.
type textSearch struct {
	words []string // folded; each must be contained in the row's search text
	match string   // FTS5 query for the words of three runes or more; "" for none
	none  bool     // the text can match nothing (backend.SearchWords)

	probed bool
	rare   bool    // match selects at most ftsRare candidates
	ids    []int64 // those candidates, when rare
}

// newTextSearch parses a view's text; nil when it filters nothing (only
// spaces or control characters).
func newTextSearch(text string) *textSearch {
	words, ok := backend.SearchWords(text)
	if ok && len(words) == 0 {
		return nil
	}
	return &textSearch{words: words, none: !ok, match: strings.Join(ftsPieces(words), " AND ")}
}

// hasText reports whether a view filters on text.
func hasText(v backend.View) bool { return newTextSearch(v.Text) != nil }

// ftsPieces are the FTS5 phrases every row containing all the words
// matches (as do, for long words, some that do not: the rows are checked
// after); joined by AND they are the text's FTS5 query. Each piece is a quoted string, so nothing the operator typed is
// FTS syntax: `"`, `*`, `NEAR`, `-`, `:` and parentheses are text like
// any other.
func ftsPieces(words []string) []string {
	terms := TextPieces(words)
	for i, p := range terms {
		terms[i] = `"` + strings.ReplaceAll(p, `"`, `""`) + `"`
	}
	return terms
}

// TextPieces are the pieces of a text's folded words that go to a
// trigram index: a word of up to shortPhrase runes whole, a longer one as
// its most distinctive piece and its ends (queryPhrases at most). Every
// row containing all the words contains all the pieces; the rows must be
// checked for the words after. An index driven by a few distinctive
// pieces reads far fewer postings than one driven by every trigram of a
// long e-mail.
func TextPieces(words []string) []string {
	var terms []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] && len(terms) < queryPhrases {
			seen[p] = true
			terms = append(terms, p)
		}
	}
	for _, w := range words {
		n := utf8.RuneCountInString(w)
		switch {
		case n < 3:
		case n <= shortPhrase:
			add(w)
		default:
			// The most distinctive piece first (digits and signs: "i43@w"
			// of an e-mail, where "freya" and "eb.de" match thousands),
			// then the ends.
			r := []rune(w)
			best, score := 0, -1
			for at := 0; at+piece <= n; at++ {
				if sc := signs(r[at : at+piece]); sc > score {
					best, score = at, sc
				}
			}
			for _, at := range []int{best, 0, n - piece} {
				add(string(r[at : at+piece]))
			}
		}
	}
	return terms
}

// signs counts the runes of p that are not letters.
func signs(p []rune) int {
	n := 0
	for _, r := range p {
		if !unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// textConds are the conditions every matching row meets: each word in
// its search text.
func (t *textSearch) textConds() (where []string, args []any) {
	for _, w := range t.words {
		where = append(where, "instr(search, ?) > 0")
		args = append(args, w)
	}
	return where, args
}

// isRare reads the text's candidates, up to ftsRare+1, once: when there
// are no more than ftsRare, the rare plan reads them (t.ids). The pieces
// go in one AND query: the index intersects them driven by the rarest,
// so one distinctive piece makes it cheap however common the others are.
func (db *DB) isRare(ctx context.Context, t *textSearch) (bool, error) {
	if t.match == "" || t.probed {
		return t.rare, nil
	}
	ids, err := db.ftsCandidates(ctx, t.match, ftsRare+1)
	if err != nil {
		return false, err
	}
	t.probed, t.rare = true, len(ids) <= ftsRare
	if t.rare {
		t.ids = ids
	}
	return t.rare, nil
}

// ftsCandidates is up to n rows a phrase matches.
func (db *DB) ftsCandidates(ctx context.Context, phrase string, n int) ([]int64, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT rowid FROM mirror_fts WHERE mirror_fts MATCH ? LIMIT ?`, phrase, n)
	if err != nil {
		return nil, wrap("search the mirror", db.path, err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, wrap("search the mirror", db.path, err)
		}
		ids = append(ids, id)
	}
	return ids, wrap("search the mirror", db.path, rows.Err())
}

// candidates is the condition that keeps a text's candidates: the ones
// read when it is rare, else all its index matches.
func (t *textSearch) candidates() (string, any) {
	if t.rare {
		b := make([]byte, 0, 12*len(t.ids)+2)
		b = append(b, '[')
		for i, id := range t.ids {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, id, 10)
		}
		return "rowid IN (SELECT value FROM json_each(?))", string(append(b, ']'))
	}
	return "rowid IN (SELECT rowid FROM mirror_fts WHERE mirror_fts MATCH ?)", t.match
}

// viewFilters are a view's filters as conditions on a row (or on the
// covering text index, which holds these columns).
func viewFilters(v backend.View) (where []string, args []any) {
	in := func(column string, vals []string) {
		if len(vals) == 0 {
			return
		}
		where = append(where, column+" IN (?"+strings.Repeat(",?", len(vals)-1)+")")
		for _, s := range vals {
			args = append(args, s)
		}
	}
	in("store", dedupe(v.Stores))
	in("status", dedupe(v.Statuses))
	in("kind", toStrings(dedupe(v.Kinds)))
	return where, args
}

// queryText is query for a view with text.
func (db *DB) queryText(ctx context.Context, v backend.View, pairs []storeKind, t *textSearch, k backend.RowKey, up, incl bool, n int) ([]backend.Order, error) {
	if t.none {
		return nil, nil
	}
	rare, err := db.isRare(ctx, t)
	if err != nil || rare {
		if err != nil {
			return nil, err
		}
		return db.textFromFTS(ctx, v, t, k, up, incl, n)
	}
	rows, cut, err := db.textWalk(ctx, v, pairs, t, k, up, incl, n, true)
	if err != nil || !cut {
		return rows, err
	}
	if t.match != "" {
		return db.textFromFTS(ctx, v, t, k, up, incl, n)
	}
	rows, _, err = db.textWalk(ctx, v, pairs, t, k, up, incl, n, false)
	return rows, err
}

// textFromFTS is the rare plan: the text's candidates, checked, filtered
// and sorted. NOT INDEXED keeps SQLite from walking a sort index instead
// and probing the candidates for each row.
func (db *DB) textFromFTS(ctx context.Context, v backend.View, t *textSearch, k backend.RowKey, up, incl bool, n int) ([]backend.Order, error) {
	if v.SortKey() == backend.SortDue {
		return db.textFromFTSDue(ctx, v, t, k, up, incl, n)
	}
	spec := specOf(v)
	c, carg := t.candidates()
	conds, args := []string{c}, []any{carg}
	tw, targs := t.textConds()
	fw, fargs := viewFilters(v)
	conds, args = append(append(conds, tw...), fw...), append(append(args, targs...), fargs...)
	if !k.IsZero() {
		c, cargs := keyCond(arm{}, spec, k, up, incl)
		conds, args = append(conds, c), append(args, cargs...)
	}
	q := "SELECT " + rowCols + ", 0 FROM mirror NOT INDEXED WHERE " + strings.Join(conds, " AND ") +
		" ORDER BY " + orderBy(spec, false, up) + " LIMIT ?"
	return db.readRows(ctx, q, append(args, n), n)
}

// textFromFTSDue is textFromFTS for SortDue, whose value has no column:
// every candidate that matches is read, and the keyset applied and the
// rows sorted here (the candidates of a rare text are few; a common one
// that the walk gave up on is read whole).
func (db *DB) textFromFTSDue(ctx context.Context, v backend.View, t *textSearch, k backend.RowKey, up, incl bool, n int) ([]backend.Order, error) {
	c, carg := t.candidates()
	conds, args := []string{c}, []any{carg}
	tw, targs := t.textConds()
	fw, fargs := viewFilters(v)
	conds, args = append(append(conds, tw...), fw...), append(append(args, targs...), fargs...)
	q := "SELECT " + rowCols + ", 0 FROM mirror NOT INDEXED WHERE " + strings.Join(conds, " AND ")
	rows, err := db.readRows(ctx, q, args, 0)
	if err != nil {
		return nil, err
	}
	if !k.IsZero() {
		rows = slices.DeleteFunc(rows, func(o backend.Order) bool {
			c := compareKeys(v, v.Key(o), k)
			if !up {
				c = -c
			}
			return c < 0 || (c == 0 && !incl)
		})
	}
	sortRows(rows, v, up)
	return rows[:min(len(rows), n)], nil
}

// textWalk is the common plan: each of the view's arms walked in order
// from the anchor, testing each row, n rows at most per arm, merged.
// With bounded, an arm reads at most scanRows (scanLookups) rows; cut
// reports that one stopped there short of n matches, so rows after it may
// be missing and the answer is not to be used.
func (db *DB) textWalk(ctx context.Context, v backend.View, pairs []storeKind, t *textSearch, k backend.RowKey, up, incl bool, n int, bounded bool) (out []backend.Order, cut bool, err error) {
	arms, where, args, err := plan(v, pairs)
	if err != nil {
		return nil, false, err
	}
	spec := specOf(v)
	tw, targs := t.textConds()
	where, args = append(tw, where...), append(targs, args...)
	for _, a := range arms {
		limit := -1 // no limit
		if bounded {
			limit = armBound(a)
		}
		inner := append([]string{}, a.eq...)
		iargs := append([]any{}, a.args...)
		if !k.IsZero() {
			c, cargs := keyCond(a, spec, k, up, incl)
			inner, iargs = append(inner, c), append(iargs, cargs...)
		}
		from := "mirror INDEXED BY " + a.index
		if len(inner) > 0 {
			from += " WHERE " + strings.Join(inner, " AND ")
		}
		from += " ORDER BY " + orderBy(spec, false, up)
		// The innermost query walks the arm's index in order, limit rows
		// at most; the middle one keeps the first n that match (SQLite
		// reads a LIMITed subquery in its order, stopping when the outer
		// LIMIT is met); the outer one reads their rows.
		q := "SELECT " + rowCols + ", 0 FROM mirror WHERE rowid IN (SELECT r FROM (SELECT rowid AS r, store, status, kind, search FROM " +
			from + " LIMIT ?) WHERE " + strings.Join(where, " AND ") + " LIMIT ?)"
		rows, err := db.readRows(ctx, q, append(append(iargs, limit), append(args, n)...), n)
		if err != nil {
			return nil, false, err
		}
		if bounded && len(rows) < n {
			var seen int
			err := db.r.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM "+from+" LIMIT ?)", append(iargs, limit)...).Scan(&seen)
			if err != nil {
				return nil, false, wrap("read window", db.path, err)
			}
			if seen == limit {
				return nil, true, nil
			}
		}
		out = append(out, rows...)
	}
	sortRows(out, v, up)
	return out[:min(len(out), n)], false, nil
}

// armBound is how many rows a bounded walk of an arm reads: the covering
// text indexes test a row on the index alone, the others read each row.
func armBound(a arm) int {
	if strings.HasPrefix(a.index, "mirror_text_") {
		return scanRows
	}
	return scanLookups
}

// sortRows puts rows in a view's order, ascending keys when up.
func sortRows(rows []backend.Order, v backend.View, up bool) {
	slices.SortFunc(rows, func(a, b backend.Order) int {
		c := compareKeys(v, v.Key(a), v.Key(b))
		if !up {
			c = -c
		}
		return c
	})
}

// readRows runs a query of rowCols.
func (db *DB) readRows(ctx context.Context, q string, args []any, n int) ([]backend.Order, error) {
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, wrap("read window", db.path, err)
	}
	defer rows.Close()
	out := make([]backend.Order, 0, n)
	for rows.Next() {
		o, err := scanRow(rows)
		if err != nil {
			return nil, wrap("read window", db.path, err)
		}
		out = append(out, o)
	}
	return out, wrap("read window", db.path, rows.Err())
}

// countText counts a view with text up to backend.TextCountLimit+1.
func (db *DB) countText(ctx context.Context, v backend.View) (int, error) {
	t := newTextSearch(v.Text)
	if t == nil || t.none {
		return 0, nil
	}
	limit := backend.TextCountLimit + 1
	rare, err := db.isRare(ctx, t)
	if err != nil {
		return 0, err
	}
	if !rare {
		n, cut, err := db.countWalk(ctx, v, t, limit, true)
		if err != nil || !cut {
			return n, err
		}
		if t.match == "" {
			n, _, err := db.countWalk(ctx, v, t, limit, false)
			return n, err
		}
	}
	// The candidates in the index's order, each checked on its row, until
	// the limit: CROSS JOIN keeps SQLite from reading every candidate
	// first.
	tw, targs := t.textConds()
	fw, fargs := viewFilters(v)
	conds, args := append(tw, fw...), append(targs, fargs...)
	from := "(SELECT rowid AS fid FROM mirror_fts WHERE mirror_fts MATCH ?) CROSS JOIN mirror ON mirror.rowid = fid WHERE 1"
	if rare {
		c, carg := t.candidates()
		from, args = "mirror NOT INDEXED WHERE "+c, append([]any{carg}, args...)
	} else {
		args = append([]any{t.match}, args...)
	}
	var n int
	err = db.r.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM "+from+" AND "+strings.Join(conds, " AND ")+" LIMIT ?)",
		append(args, limit)...).Scan(&n)
	return n, wrap("count view", db.path, err)
}

// countWalk counts like textWalk reads: each arm walked up to its bound,
// the sum capped at limit; cut when an arm stopped at its bound short of
// the limit.
func (db *DB) countWalk(ctx context.Context, v backend.View, t *textSearch, limit int, bounded bool) (int, bool, error) {
	pairs, err := db.storeKinds(ctx, v)
	if err != nil {
		return 0, false, err
	}
	arms, where, args, err := plan(v, pairs)
	if err != nil {
		return 0, false, err
	}
	tw, targs := t.textConds()
	where, args = append(tw, where...), append(targs, args...)
	total := 0
	for _, a := range arms {
		bound := -1
		if bounded {
			bound = armBound(a)
		}
		from := "mirror INDEXED BY " + a.index
		if len(a.eq) > 0 {
			from += " WHERE " + strings.Join(a.eq, " AND ")
		}
		var n int
		err := db.r.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM (SELECT store, status, kind, search FROM "+
			from+" LIMIT ?) WHERE "+strings.Join(where, " AND ")+" LIMIT ?)",
			append(append(append([]any{}, a.args...), bound), append(args, limit-total)...)...).Scan(&n)
		if err != nil {
			return 0, false, wrap("count view", db.path, err)
		}
		total += n
		if total >= limit {
			return limit, false, nil
		}
		if bounded {
			var scanned int
			if err := db.r.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM "+from+" LIMIT ?)", append(append([]any{}, a.args...), bound)...).Scan(&scanned); err != nil {
				return 0, false, wrap("count view", db.path, err)
			}
			if scanned == bound {
				return 0, true, nil
			}
		}
	}
	return total, false, nil
}
