package backend

import (
	"strings"
)

// Looking an order up by its customer's e-mail. A platform with an
// e-mail filter of its own (CS-Cart's GET /orders?email=) is asked for
// text that looks like an address, so an order placed a minute ago (not
// yet in the mirror) is found by the address on the packing slip.

// LooksLikeEmail reports whether text is one e-mail address: one '@'
// with something before it and a dotted domain after it, no spaces.
func LooksLikeEmail(text string) bool {
	t := strings.TrimSpace(text)
	at := strings.IndexByte(t, '@')
	if at <= 0 || at != strings.LastIndexByte(t, '@') || strings.ContainsAny(t, " \t\r\n,;<>") {
		return false
	}
	domain := t[at+1:]
	dot := strings.IndexByte(domain, '.')
	return dot > 0 && dot < len(domain)-1
}

// matchesEmail reports whether text is an e-mail address and o's
// customer's, but for case: a platform's e-mail filter is looser (CS-Cart
// matches a substring), so its answer is narrowed to the address itself.
func matchesEmail(o Order, text string) bool {
	return LooksLikeEmail(text) && strings.EqualFold(strings.TrimSpace(o.Customer.Email), strings.TrimSpace(text))
}

// EmailFindLimit is the page size a client's e-mail lookup asks for: the
// newest orders of one customer, enough for a person at the packing
// table, bounded so a shared address (a marketplace relay) costs one page.
const EmailFindLimit = 50
