package backend

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanLine(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"plain ASCII is untouched", "Ann Lee, 10 Main St.", "Ann Lee, 10 Main St."},
		{"non-ASCII letters are kept", "Émilie Köln 東京 🍬", "Émilie Köln 東京 🍬"},
		{"right-to-left text is kept", "שלום", "שלום"},
		{"SGR colour", "\x1b[31mred\x1b[0m text", "red text"},
		{"cursor movement and erase", "a\x1b[2J\x1b[1;1Hb\x1b[K", "ab"},
		{"private CSI", "x\x1b[?25ly", "xy"},
		{"OSC title ended by BEL", "\x1b]0;pwned\x07name", "name"},
		{"OSC 52 clipboard ended by ST", "\x1b]52;c;ZXZpbA==\x1b\\name", "name"},
		{"OSC 8 hyperlink", "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"DCS", "a\x1bP1;2|secret\x1b\\b", "ab"},
		{"APC, PM, SOS", "a\x1b_x\x1b\\b\x1b^y\x1b\\c\x1bXz\x1b\\d", "abcd"},
		{"unterminated OSC eats the rest, safely", "a\x1b]0;title", "a"},
		{"two-byte escapes", "a\x1bcb\x1b7c\x1b(Bd", "abcd"},
		{"ESC at the end", "abc\x1b", "abc"},
		{"8-bit CSI (U+009B)", "a\u009b2Jb", "ab"},
		{"8-bit OSC ended by 8-bit ST", "a\u009d0;t\u009cb", "ab"},
		{"8-bit DCS, SOS, PM, APC", "a\u0090x\u009cb\u0098y\u009cc\u009ez\u009cd\u009fw\u009ce", "abcde"},
		{"other C1 controls dropped", "a\u0085b\u0080c", "abc"},
		{"C0 controls dropped", "a\x00b\x07c\x08d\x7fe", "abcde"},
		{"newlines and tabs become spaces", "a\r\nb\nc\rd\te", "a  b c d e"},
		{"bidi overrides and isolates dropped", "\u202egnp.exe\u202c \u2066x\u2069 \u200fy\u061c", "gnp.exe x y"},
		{"BOM dropped", "\ufeffname", "name"},
		{"line and paragraph separators", "a\u2028b\u2029c", "a b c"},
		{"invalid UTF-8 replaced", "a\xffb\xc3", "a\ufffdb\ufffd"},
		{"a broken CSI keeps the text after it", "\x1b[31日本", "日本"},
		{"a broken CSI keeps a newline as a space", "a\x1b[3\nb", "a b"},
		{"empty", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := CleanLine(tc.in)
			if got != tc.want {
				t.Errorf("CleanLine(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if !utf8.ValidString(got) || strings.ContainsAny(got, "\x1b\n\r\t\x07") {
				t.Errorf("result not clean: %q", got)
			}
		})
	}
}

func TestCleanText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a\r\nb\rc\nd", "a\nb\nc\nd"},
		{"a\u2028b", "a\nb"},
		{"tab\there", "tab here"},
		{"\x1b[1Aup\n\x1b[2Kline", "up\nline"},
		{"keep\n\nblank lines", "keep\n\nblank lines"},
	}
	for _, tc := range cases {
		if got := CleanText(tc.in); got != tc.want {
			t.Errorf("CleanText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func BenchmarkCleanLine(b *testing.B) {
	plain := "George Nills, 44 Main street, Boston MA 02125"
	dirty := "\x1b[31mGeorge\x1b[0m Nills\u202e, 44 Main\tstreet"
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			CleanLine(plain)
		}
	})
	b.Run("dirty", func(b *testing.B) {
		for b.Loop() {
			CleanLine(dirty)
		}
	})
}
