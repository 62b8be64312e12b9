package backend_test

import (
	"testing"
	"unicode/utf8"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// What stores have sent and what an attacker would: escape sequences of
// every family, C1 controls, bidi tricks, broken UTF-8, and the newline
// forms CleanText keeps.
var cleanSeeds = []string{
	"Ann Lee, 10 Main St.", "Émilie Köln 東京 🍬", "שלום",
	"\x1b[31mred\x1b[0m text", "a\x1b[2J\x1b[1;1Hb\x1b[K", "x\x1b[?25ly",
	"\x1b]0;pwned\x07name", "\x1b]52;c;ZXZpbA==\x1b\\name", "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\",
	"a\x1bP1;2|secret\x1b\\b", "a\x1b]0;title", "abc\x1b", "a\u009b2Jb", "a\u009d0;t\u009cb",
	"a\u0085b\u0080c", "a\x00b\x07c\x08d\x7fe", "a\r\nb\nc\rd\te", "a\r\r\nb",
	"\u202egnp.exe\u202c \u2066x\u2069 \u200fy\u061c", "\ufeffname", "a\u2028b\u2029c",
	"a\xffb\xc3", "\x1b[31日本", "a\x1b[3\nb", "\xc2\x9b\xc2", "\x1b\xc2\x9c", "\x1bP\x1b\\", "",
}

// checkClean asserts what CleanLine and CleanText promise of any input.
func checkClean(t *testing.T, name string, clean func(string) string, in string, newlines bool) string {
	t.Helper()
	out := clean(in)
	if !utf8.ValidString(out) {
		t.Fatalf("%s(%q) = %q: invalid UTF-8", name, in, out)
	}
	if err := backendtest.CheckText(out, newlines); err != nil {
		t.Fatalf("%s(%q) = %q: %v", name, in, out, err)
	}
	if again := clean(out); again != out {
		t.Fatalf("%s is not idempotent: %q -> %q -> %q", name, in, out, again)
	}
	// Only an invalid byte grows (into U+FFFD, 3 bytes); all else keeps
	// its size or shrinks.
	if len(out) > 3*len(in) {
		t.Fatalf("%s(%q) grew to %d bytes", name, in, len(out))
	}
	if isPrintableASCII(in) && out != in {
		t.Fatalf("%s changed plain text %q to %q", name, in, out)
	}
	return out
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

func FuzzCleanLine(f *testing.F) {
	for _, s := range cleanSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkClean(t, "CleanLine", backend.CleanLine, in, false)
		line := backend.FieldLine(in)
		if len(line) > backend.MaxFieldLine+len("…") || backendtest.CheckText(line, false) != nil {
			t.Fatalf("FieldLine(%q) = %q", in, line)
		}
	})
}

func FuzzCleanText(f *testing.F) {
	for _, s := range cleanSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := checkClean(t, "CleanText", backend.CleanText, in, true)
		// CleanText differs from CleanLine only in keeping a line break
		// (CR LF one byte) where CleanLine writes a space per CR and LF.
		if line := backend.CleanLine(in); len(line) < len(out) {
			t.Fatalf("CleanLine(%q) = %q is shorter than CleanText's %q", in, line, out)
		}
		text := backend.FieldText(in)
		if len(text) > backend.MaxFieldText+len("…") || backendtest.CheckText(text, true) != nil {
			t.Fatalf("FieldText(%q) = %q", in, text)
		}
	})
}
