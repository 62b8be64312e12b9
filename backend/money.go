package backend

import "strings"

// Amount is a money value as people read it: at least two decimals
// ("17.9" → "17.90", "5" → "5.00"), never rounded (a third decimal a
// platform sent is kept), and cleaned like any store text. Orders keep
// the platform's own text; Amount is only for display.
func Amount(s string) string {
	s = strings.TrimSpace(CleanLine(s))
	if s == "" || !isPlainDecimal(s) {
		return s
	}
	dot := strings.IndexByte(s, '.')
	switch {
	case dot < 0:
		return s + ".00"
	case len(s)-dot-1 == 0:
		return s + "00"
	case len(s)-dot-1 == 1:
		return s + "0"
	}
	return s
}

// isPlainDecimal accepts an optional sign, digits and at most one dot
// with digits around it: anything else (exponents, words) is shown as sent.
func isPlainDecimal(s string) bool {
	if s[0] == '-' || s[0] == '+' {
		s = s[1:]
	}
	digits, dots := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}
