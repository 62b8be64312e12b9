package pgstore

import (
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// Text views (View.Text: the `/` filter, `orderdash search`, the go-to
// prompt's search) as conditions, and how their queries are planned.
//
// A text view has two good plans, and which one depends on the text: a
// common word ("maria", one order in eight) is found by walking the
// view's order and testing each row, stopping once the window is full (a
// few hundred rows, whatever the mirror's size); a rare one (an e-mail)
// by pg_trgm's index, reading only its matches, then sorting them. A
// plan cached for "some LIKE pattern" (pgx's statement cache: after five
// runs PostgreSQL may switch to a generic plan made for 0.5% of the rows)
// takes the index for every text and sorts all of a common word's
// matches: `orderdash search maria` read all 12,460 of 100k orders (108
// ms, and growing with the mirror) where the walk reads about 1,400 rows
// (3 ms, BenchmarkPGMirrorSearch). So which plan a text gets is decided
// in Go from the column's statistics (mirror_textplan.go): a common text
// walks, bounded, on a cached statement; a rare one is planned for its
// values (planned), its most distinctive piece in the index.

// textConds are a view's text as conditions: the words' pieces
// (storage.TextPieces) as LIKE, which pg_trgm's index answers, and each
// folded word that is not one of them inside the search column (strpos,
// byte for byte as SQLite's instr). The pieces, not the words, drive the
// index: a whole e-mail's trigrams would read ~50 times more postings
// (31 ms against 0.6 ms at 100k orders). A word that is its own piece is
// tested once: LIKE on a "C" column compares bytes, as strpos does, and a
// second test of the same text would make the planner think it three
// times rarer than it is. none: the text can match nothing.
func textConds(text string, a *args) (where []string, none bool) {
	words, ok := backend.SearchWords(text)
	if !ok {
		return nil, true
	}
	pieces := storage.TextPieces(words)
	for _, p := range pieces {
		where = append(where, "search LIKE "+a.add("%"+likeEscape(p)+"%"))
	}
	for _, w := range words {
		if !slices.Contains(pieces, w) {
			where = append(where, "strpos(search, "+a.add(w)+") > 0")
		}
	}
	return where, false
}

// likeEscape makes w a literal inside a LIKE pattern (the default escape
// character is the backslash).
func likeEscape(w string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(w)
}

// planned is a query's arguments such that PostgreSQL plans it for
// their values each time (an unnamed statement, its description cached
// by pgx), when the view has text; else the arguments as they are, and
// the statement cached with its plan.
func planned(v backend.View, a args) args {
	if words, ok := backend.SearchWords(v.Text); ok && len(words) == 0 {
		return a
	}
	return append(args{pgx.QueryExecModeCacheDescribe}, a...)
}
