package storage

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/orderdash/orderdash/backend"
)

// FuzzTextQuery feeds any text (typed, pasted, scanned) to a text view:
// it never makes an SQL or FTS error, both plans agree, and an order
// whose note holds the text is found by it.
func FuzzTextQuery(f *testing.F) {
	for _, s := range []string{"maria", `"`, `""`, `"*"`, "NEAR(a b)", "-x", "a:b", "(", ")", "a OR b", "x AND", "NOT y",
		"^abc", "a*", "{col}:x", "\x00abc", "ab\x00c", "\xff\xfe", "é", "ß", "İstanbul", "a\nb", strings.Repeat("q", 10_000),
		strings.Repeat("a ", 5000), "10443100", "+49 151", "💥💥💥"} {
		f.Add(s)
	}
	ctx := context.Background()
	db := openTest(f)
	fillMirror(f, db, fixtureOrders(30))
	at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text string) {
		at = at.Add(time.Second)
		o := FixtureOrder("Delta", 0, 1)
		o.Notes, o.Updated = text, at
		if _, err := db.MirrorPut(ctx, []backend.Order{o}); err != nil {
			t.Fatal(err)
		}
		defer func(a int) { ftsRare = a }(ftsRare)
		var answers []string
		for _, rare := range []int{-1, 1 << 30} {
			ftsRare = rare
			v := backend.View{Text: text}
			r, err := db.Window(ctx, backend.Window{View: v, After: 200})
			if err != nil {
				t.Fatalf("window of %q: %v", text, err)
			}
			if _, err := db.Count(ctx, v); err != nil {
				t.Fatalf("count of %q: %v", text, err)
			}
			answers = append(answers, rowIDs(r.Orders))
			words, ok := backend.SearchWords(text)
			if ok && len(words) > 0 && utf8.RuneCountInString(backend.FoldSearch(backend.CleanLine(text))) <= backend.MaxSearchWord &&
				!strings.Contains(rowIDs(r.Orders), "Delta/"+o.ID+" ") {
				t.Errorf("%q does not find the order whose note it is (plan %d)", text, rare)
			}
		}
		if answers[0] != answers[1] {
			t.Errorf("%q: the plans differ:\n%s\n%s", text, answers[0], answers[1])
		}
	})
}
