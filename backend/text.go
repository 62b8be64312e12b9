package backend

import (
	"strings"
	"unicode/utf8"
)

// Store data is untrusted: a customer name or a note can hold terminal
// escape sequences that would move the cursor, change colours, set the
// window title or write to the clipboard if printed. CleanLine and
// CleanText remove every escape sequence and control character, so what a
// store sent can be drawn or printed safely.

// CleanLine returns s as one line of plain text: escape sequences and
// control characters removed, newlines and tabs turned into spaces, and
// invalid UTF-8 replaced.
func CleanLine(s string) string { return clean(s, false) }

// CleanText is CleanLine that keeps newlines (CR LF and CR become LF).
func CleanText(s string) string { return clean(s, true) }

func clean(s string, keepNewlines bool) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
			i++
			continue
		case r == 0x1b: // ESC: skip the whole sequence
			i = skipEscape(s, i+1)
			continue
		case r == 0x9b: // 8-bit CSI
			i = skipCSI(s, i+size)
			continue
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // 8-bit OSC, DCS, SOS, PM, APC
			i = skipString(s, i+size)
			continue
		case r == '\r':
			if keepNewlines {
				if i+1 < len(s) && s[i+1] == '\n' {
					i++
				}
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\n':
			if keepNewlines {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			// other C0 and C1 controls: drop
		case IsBidiControl(r) || r == 0xfeff || r == 0x2028 || r == 0x2029:
			// bidi overrides and isolates reorder the rest of the line (and
			// can disguise text); right-to-left text itself is kept.
			if r == 0x2028 || r == 0x2029 {
				if keepNewlines {
					b.WriteByte('\n')
				} else {
					b.WriteByte(' ')
				}
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// IsBidiControl reports whether r is a bidirectional override, embedding,
// isolate or mark: invisible runes that reorder the rest of a line.
func IsBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

// skipEscape returns the index after the escape sequence whose ESC was just
// before i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: until BEL or ST
		return skipString(s, i+1)
	}
	// ESC followed by intermediates (0x20-0x2f) then one final byte.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) {
		i++
	}
	return i
}

// skipCSI skips parameter and intermediate bytes and the final byte. A
// byte that cannot be part of a CSI (a control, or the start of a non-ASCII
// character) ends it without being consumed, so the text after a broken
// sequence is kept.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < 0x20 || c > 0x7e {
			return i
		}
		i++
		if c >= 0x40 {
			return i
		}
	}
	return i
}

// skipString skips a control string ended by BEL, ESC \ or 8-bit ST.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i + 1
		case s[i] == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c: // U+009C ST
			return i + 2
		}
		i++
	}
	return i
}
