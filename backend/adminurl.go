package backend

import "strings"

// AdminLink fills a store's admin_url template ([[stores]] admin_url) for
// one order: {id} becomes the order's id and {number} its number (its id
// when it has none). Both come from the store, so every byte outside the
// URL's unreserved characters is percent-encoded: an id cannot add a
// query parameter, a path segment or a scheme to the link. "" when the
// template is empty.
func AdminLink(template string, o Order) string {
	if template == "" {
		return ""
	}
	return strings.NewReplacer("{id}", escapeAll(o.ID), "{number}", escapeAll(o.Ref())).Replace(template)
}

// escapeAll percent-encodes every byte but RFC 3986's unreserved ones.
func escapeAll(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
