package backend

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Search over the mirror (View.Text). An order's searchable text is one
// line per field, folded (lower case, Latin accents removed) so that a
// query is a plain substring test on both sides: the database's
// full-text index and a row-by-row test give the same answer.

// SearchText is the folded text View.Text looks in: id, number, vendor
// ref, customer name, e-mail and phone, ship-to phone, each item's SKU,
// tracking, and the customer's and the staff's notes. One field a line,
// so a word never matches across two fields; each line is cut to
// MaxSearchWord runes (a longer word cannot match anyway).
//
// This is the one list of searched fields: the mirror stores it per order
// and reindexes on a schema change (a new field means a new storage
// migration that recomputes it).
func SearchText(o Order) string {
	fields := []string{o.ID, o.Number, o.VendorRef, o.Customer.Name, o.Customer.Email, o.Customer.Phone}
	if o.ShipTo.Phone != "" && o.ShipTo.Phone != o.Customer.Phone {
		fields = append(fields, o.ShipTo.Phone)
	}
	for _, it := range o.Items {
		fields = append(fields, it.SKU)
	}
	fields = append(fields, o.Tracking, o.Notes, o.AdminNotes)
	var b strings.Builder
	for _, f := range fields {
		f = FoldSearch(CleanLine(f))
		if f == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(cutRunes(f, MaxSearchWord))
	}
	return b.String()
}

// Bounds of a search query: a word longer than MaxSearchWord runes, or a
// query of more than MaxSearchWords words, matches nothing (no stored
// line is that long; nobody types that many words: it is a paste gone
// wrong, answered with an empty table rather than a slow one).
const (
	MaxSearchWord  = 128
	MaxSearchWords = 16
)

// TextCountLimit bounds the count of a view with Text. Counting every
// order a common word matches means reading all of them (a tenth of a
// second and more at a million orders) on every keystroke, and even
// counting to a thousand the orders of a rare status that hold a common
// name reads tens of thousands; so a text view's count stops there: a
// count above TextCountLimit means "more than TextCountLimit" ("200+").
const TextCountLimit = 200

// SearchWords splits a query into its folded words, each of which an
// order's SearchText must contain. ok is false when the query can match
// nothing (see MaxSearchWord); no words and ok means no text filter.
func SearchWords(q string) (words []string, ok bool) {
	for _, w := range strings.Fields(FoldSearch(CleanLine(q))) {
		if utf8.RuneCountInString(w) > MaxSearchWord || len(words) == MaxSearchWords {
			return nil, false
		}
		words = append(words, w)
	}
	return words, true
}

// FoldSearch is s in lower case with the accents of Latin letters
// removed (é→e, ü→u, ß→ss, ø→o, ł→l), so "Muller" finds "Müller" and a
// search typed without accents finds names written with them.
func FoldSearch(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if f, ok := foldRunes[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldRunes are the lower-case Latin letters with diacritics (Latin-1
// Supplement and Latin Extended-A) and what they fold to.
var foldRunes = func() map[rune]string {
	m := map[rune]string{}
	for base, letters := range map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "d": "ďđð", "e": "èéêëēĕėęě", "g": "ĝğġģ", "h": "ĥħ",
		"i": "ìíîïĩīĭįı", "j": "ĵ", "k": "ķ", "l": "ĺļľŀł", "n": "ñńņňŉ", "o": "òóôõöøōŏő",
		"r": "ŕŗř", "s": "śŝşšſ", "t": "ţťŧ", "u": "ùúûüũūŭůűų", "w": "ŵ", "y": "ýÿŷ", "z": "źżž",
		"ss": "ß", "ae": "æ", "oe": "œ", "th": "þ", "ij": "ĳ",
	} {
		for _, r := range letters {
			m[r] = base
		}
	}
	return m
}()

func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}
