package pgstore

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

// Which plan a text query gets, decided in Go from the search column's
// statistics (pg_stats: the sample of about a hundred rows PostgreSQL's
// planner tests a LIKE pattern on), read once a minute:
//
//   - common (a walk expected to fill the window within walkExpected rows
//     and cheaper than reading the matches, "maria"): a walk of the
//     view's order with the words as strpos tests, which no index
//     answers, so its cached generic plan is the walk (no planning per
//     query). At most textWalk rows per arm: a walk whose matches do not
//     fill the window reads its textWalk-th row too (an arm's second
//     part, run only then), marked cut; when that row is among the
//     window's, the matches sit together far from the anchor and the
//     query is read again as rare.
//   - rare (an e-mail, an order number): through pg_trgm's index,
//     planned for its values (a cached statement would not save it:
//     PostgreSQL keeps custom plans when the generic one looks dearer),
//     with only the piece the sample does not hold as LIKE when there is
//     one. An e-mail's other pieces ("x.net", "fatim") would make the
//     index read thousands of postings; they are tested as words.
//
// Without statistics (a mirror not analyzed yet) every text query is
// planned for its values, every piece in the index.

// The plans' bounds; variables so tests can drive each plan on a small
// mirror: a walk reads textWalk rows at most, and is chosen when it is
// expected to fill its window within walkExpected rows and within
// rareWeight times the rows the index would read (a match found through
// the index, read from the table and sorted, costs a few rows walked).
var (
	textWalk   = 10_000
	rareWeight = 4.0
)

const walkExpected = 5000

// textStatsTTL is how long the column's statistics are trusted before
// they are read again (autovacuum's analyze refreshes them).
const textStatsTTL = time.Minute

type textClass int

const (
	textNone    textClass = iota // the view has no text
	textPlanned                  // no statistics: planned for its values
	textRareCls
	textCommon
)

// textStats is a sample of the search column, as pg_stats keeps it.
type textStats struct {
	mu       sync.Mutex
	read     time.Time
	ok       bool
	rows     float64 // the table's estimated rows
	nullFrac float64
	mcv      []string
	freqs    []float64
	hist     []string
}

// share estimates the fraction of rows whose search text holds every
// word, as the planner would from the sample; ok is false without one.
func (t *textStats) share(words ...string) (float64, bool) {
	if !t.ok || len(t.hist) == 0 && len(t.mcv) == 0 {
		return 0, false
	}
	all := func(s string) bool {
		for _, w := range words {
			if !strings.Contains(s, w) {
				return false
			}
		}
		return true
	}
	var f, mcvSum float64
	for i, v := range t.mcv {
		mcvSum += t.freqs[i]
		if all(v) {
			f += t.freqs[i]
		}
	}
	if len(t.hist) > 0 {
		hits := 0
		for _, v := range t.hist {
			if all(v) {
				hits++
			}
		}
		f += float64(hits) / float64(len(t.hist)) * max(0, 1-t.nullFrac-mcvSum)
	}
	return f, true
}

// textStatsNow are the search column's statistics, read again when
// older than textStatsTTL.
func (s *Store) textStatsNow(ctx context.Context) (*textStats, error) {
	t := &s.textStats
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.read.IsZero() && time.Since(t.read) < textStatsTTL {
		return t, nil
	}
	var mcv, hist []string
	var freqs []float32
	var nullFrac float32
	var rows float32
	// pg_stats filtered by its own columns: joined to pg_class instead,
	// the view costs 15 ms a read.
	err := s.pool.QueryRow(ctx, `SELECT c.reltuples, st.null_frac,
		coalesce(st.most_common_vals::text::text[], '{}'), coalesce(st.most_common_freqs, '{}'),
		coalesce(st.histogram_bounds::text::text[], '{}')
		FROM pg_class c, pg_stats st WHERE c.oid = 'mirror'::regclass
		AND st.schemaname = (SELECT nspname FROM pg_namespace WHERE oid = c.relnamespace)
		AND st.tablename = 'mirror' AND st.attname = 'search'`).Scan(&rows, &nullFrac, &mcv, &freqs, &hist)
	if errors.Is(err, pgx.ErrNoRows) {
		err, rows = nil, 0 // not analyzed yet
	}
	if err != nil {
		return nil, s.wrap("read the search statistics", err)
	}
	t.read, t.rows, t.nullFrac, t.mcv, t.hist = time.Now(), float64(rows), float64(nullFrac), mcv, hist
	t.freqs = make([]float64, len(freqs))
	for i, f := range freqs {
		t.freqs[i] = float64(f)
	}
	t.ok = rows > 0 && len(t.freqs) == len(t.mcv)
	return t, nil
}

// classify is the plan of a view's text for a read of n rows: common
// when a walk to find n of them is expected to cost less than reading
// its matches through the index, and to read at most walkExpected rows. A rare text's index reads the pieces (pieces) the
// sample finds least: one absent from it alone (an e-mail's "s72@g",
// where "x.net" has thousands of rows to read), else all of them.
func (s *Store) classify(ctx context.Context, v backend.View, n int) (class textClass, pieces []string, err error) {
	words, ok := backend.SearchWords(v.Text)
	if ok && len(words) == 0 {
		return textNone, nil, nil
	}
	if !ok {
		return textRareCls, nil, nil // matches nothing: textConds says so
	}
	pieces = storage.TextPieces(words)
	if len(pieces) == 0 {
		// No trigram to read the index by: walked, as on SQLite.
		return textCommon, nil, nil
	}
	st, err := s.textStatsNow(ctx)
	if err != nil {
		return textNone, nil, err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	f, known := st.share(words...)
	if !known {
		return textPlanned, nil, nil
	}
	if walk := float64(n) / f; f > 0 && walk <= min(rareWeight*f*st.rows, walkExpected) {
		return textCommon, nil, nil
	}
	best, bestF := 0, 2.0
	for i, p := range pieces {
		if pf, _ := st.share(p); pf < bestF {
			best, bestF = i, pf
		}
	}
	if bestF == 0 {
		return textRareCls, pieces[best : best+1], nil
	}
	return textRareCls, pieces, nil
}

// rareConds are a rare text's conditions: the pieces given as LIKE (the
// index's), every word not among them inside the search column.
func rareConds(text string, pieces []string, a *args) []string {
	words, _ := backend.SearchWords(text)
	var where []string
	for _, p := range pieces {
		where = append(where, "search LIKE "+a.add("%"+likeEscape(p)+"%"))
	}
	for _, w := range words {
		if !slices.Contains(pieces, w) {
			where = append(where, "strpos(search, "+a.add(w)+") > 0")
		}
	}
	return where
}

// strposConds are the words as tests no index answers (the walk's).
func strposConds(text string, a *args) []string {
	words, _ := backend.SearchWords(text)
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = "strpos(search, " + a.add(w) + ") > 0"
	}
	return out
}

// countText counts a view's orders with text, up to
// backend.TextCountLimit+1, by the text's plan: where are its filters
// (on a).
func (s *Store) countText(ctx context.Context, v backend.View, where []string, a args) (int, error) {
	var n int
	limit := backend.TextCountLimit + 1
	class, pieces, err := s.classify(ctx, v, limit)
	if err != nil {
		return 0, err
	}
	if class == textCommon {
		// A walk of at most textWalk rows, then (run only when its
		// matches are too few) its textWalk-th row marked cut; cut, the
		// count is read as rare.
		b := slices.Clone(a)
		w := strings.Join(append(slices.Clone(where), "true"), " AND ")
		var cut bool
		err := s.pool.QueryRow(ctx, "SELECT count(*) FILTER (WHERE NOT cut), coalesce(bool_or(cut), false) FROM (SELECT * FROM ("+
			"(SELECT false AS cut FROM (SELECT search FROM mirror WHERE "+w+" LIMIT "+b.add(textWalk)+"::bigint) AS x WHERE "+
			strings.Join(strposConds(v.Text, &b), " AND ")+") UNION ALL (SELECT true FROM mirror WHERE "+w+" OFFSET "+
			b.add(textWalk-1)+"::bigint LIMIT 1)) AS u LIMIT "+b.add(limit)+") AS m", b...).Scan(&n, &cut)
		if err != nil || !cut {
			return n, s.wrap("count view", err)
		}
		class, pieces = textRareCls, nil
	}
	tw, none := textConds(v.Text, &a)
	if none {
		return 0, nil
	}
	if class == textRareCls && pieces != nil {
		a = a[:len(a)-len(tw)]
		tw = rareConds(v.Text, pieces, &a)
	}
	q := "SELECT count(*) FROM (SELECT 1 FROM mirror WHERE " + strings.Join(append(where, tw...), " AND ") + " LIMIT " + a.add(limit) + ") AS m"
	a = planned(v, a)
	err = s.pool.QueryRow(ctx, q, a...).Scan(&n)
	return n, s.wrap("count view", err)
}
