package backend

import (
	"context"
	"fmt"
	"strings"
)

// One identity per order: every order has the id its platform's API takes
// (Order.ID) and the number people quote (Order.Number, Kornit X's `ref`
// such as CG31000741), and may carry a platform ref (Order.VendorRef:
// CS-Cart's vendor_ref, Kornit X's external_ref). What a person types or
// scans to reach an order may be any of the three; the helpers here read
// it the same way for every platform and every caller.

// Lookup text bounds: an id, number or ref is at most MaxFieldLine bytes
// (a vendor ref is a FieldLine), so anything longer names no order and is
// refused before any store is asked.
const MaxLookup = MaxFieldLine

// ParseLookup cleans what a person typed or scanned: one line, trimmed of
// space, with one leading '#' dropped ("#1042" is how people write order
// 1042). An empty or over-long value is an error that says so in words.
func ParseLookup(s string) (string, error) {
	t := strings.TrimSpace(CleanLine(s))
	if len(t) > MaxLookup {
		return "", fmt.Errorf("an order id, number or ref of %d bytes: orderdash looks up at most %d", len(t), MaxLookup)
	}
	t = strings.TrimSpace(strings.TrimPrefix(t, "#"))
	if t == "" {
		return "", fmt.Errorf("no order id, number or ref given")
	}
	return t, nil
}

// lookupKey is the form ids, numbers and refs are compared in: trimmed,
// without a leading '#', without regard to case (a scanner may send
// lower case, a person may type it).
func lookupKey(s string) string {
	return strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "#")))
}

// LookupKey is lookupKey for other packages that must match as
// MatchesLookup does (a SQL query over the mirror compares these).
func LookupKey(s string) string { return lookupKey(s) }

// MatchesLookup reports whether text (as ParseLookup returns it) is o's
// id, number or platform ref, exactly but for case and a leading '#'.
func MatchesLookup(o Order, text string) bool {
	k := lookupKey(text)
	if k == "" {
		return false
	}
	for _, f := range []string{o.ID, o.Number, o.VendorRef} {
		if f != "" && lookupKey(f) == k {
			return true
		}
	}
	return false
}

// Ref is how an order is named to people: its number, else its id.
func (o Order) Ref() string {
	if o.Number != "" {
		return o.Number
	}
	return o.ID
}

// Finder is what a client implements to find its orders from an id, a
// number or a platform ref, with the platform's own reads: its by-id read
// where text can be an id, its list filters or search where text can be a
// number or ref. It returns every match (several orders may share an
// external ref), an empty list when there is none, and an error only when
// the store could not be asked; a value that cannot be any of its ids or
// refs is no match, not an error, and costs no request.
//
// It is optional: a Backend without it is asked with Get(text). Use Find,
// which also looks through wrappers (storage.WithLocalHistory), rather
// than a type assertion.
type Finder interface {
	Find(ctx context.Context, text string) ([]Order, error)
}

// unwrapper is what a wrapping Backend implements to expose the one it
// wraps (storage.WithLocalHistory does).
type unwrapper interface{ Unwrap() Backend }

// FinderOf returns b's Finder, looking through wrappers; nil when
// neither b nor what it wraps has one.
func FinderOf(b Backend) Finder {
	f, _ := as[Finder](b)
	return f
}

// Find looks text up in one store (see Finder). text is cleaned with
// ParseLookup first. Every match carries the store's name, and matches
// that are not the text's (a platform search is looser) are dropped: an
// order matches by id, number or ref, or, for text that looks like an
// e-mail address, by its customer's address (LooksLikeEmail).
func Find(ctx context.Context, b Backend, text string) ([]Order, error) {
	t, err := ParseLookup(text)
	if err != nil {
		return nil, err
	}
	var found []Order
	if f := FinderOf(b); f != nil {
		found, err = f.Find(ctx, t)
	} else {
		var o Order
		o, err = b.Get(ctx, t)
		switch {
		case err == nil:
			found = []Order{o}
		case KindOf(err) == KindNotFound || KindOf(err) == KindInvalidRequest:
			// Not an id this store has, or not one it could have.
			err = nil
		}
	}
	if err != nil {
		return nil, err
	}
	out := make([]Order, 0, len(found))
	seen := map[string]bool{}
	for _, o := range found {
		if o.Store == "" {
			o.Store = b.Name()
		}
		if !(MatchesLookup(o, t) || matchesEmail(o, t)) || seen[o.ID] {
			continue
		}
		seen[o.ID] = true
		out = append(out, o)
	}
	sortMatches(out, nil)
	return out, nil
}
