package lunasoft

import (
	"strings"
	"unicode/utf8"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/wire"
)

// Store data is untrusted: every text field is cleaned of escape sequences
// and control characters here, once, and bounded in length, so nothing
// downstream can be tricked by what a store sent.
const (
	maxLine = 512      // names, cities, SKUs: bytes
	maxText = 64 << 10 // notes
)

func line(s wire.String) string {
	return clip(strings.TrimSpace(backend.CleanLine(string(s))), maxLine)
}
func text(s wire.String) string {
	return clip(strings.TrimSpace(backend.CleanText(string(s))), maxText)
}

func joinName(parts ...wire.String) string {
	var out []string
	for _, p := range parts {
		if l := line(p); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, " ")
}

// clip cuts s to at most n bytes on a character boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
