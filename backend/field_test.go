package backend

import (
	"reflect"
	"strings"
	"testing"
)

// wireString stands for a client's lenient wire type.
type wireString string

func TestFieldLine(t *testing.T) {
	long := strings.Repeat("é", MaxFieldLine) // 2 bytes each: the bound falls on a character
	cases := []struct {
		name, in, want string
	}{
		{"plain", "Ann Lee", "Ann Lee"},
		{"trimmed after cleaning", " \x1b[31m Ann \t\n", "Ann"},
		{"one line", "a\nb", "a b"},
		{"short enough", strings.Repeat("x", MaxFieldLine), strings.Repeat("x", MaxFieldLine)},
		{"clipped", strings.Repeat("x", MaxFieldLine+1), strings.Repeat("x", MaxFieldLine) + "…"},
		{"clipped on a character boundary", long, strings.Repeat("é", MaxFieldLine/2) + "…"},
	}
	for _, c := range cases {
		if got := FieldLine(wireString(c.in)); got != c.want {
			t.Errorf("%s: FieldLine(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestFieldText(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"keeps newlines", " line 1\r\nline 2\n", "line 1\nline 2"},
		{"cleaned", "a\x1b]0;title\x07b", "ab"},
		{"clipped", strings.Repeat("x", MaxFieldText+5), strings.Repeat("x", MaxFieldText) + "…"},
	}
	for _, c := range cases {
		if got := FieldText(c.in); got != c.want {
			t.Errorf("%s: FieldText = %.60q, want %.60q", c.name, got, c.want)
		}
	}
}

func TestFieldLists(t *testing.T) {
	if got := FieldLines[wireString](); got == nil || len(got) != 0 {
		t.Errorf("FieldLines() = %#v, want an empty, non-nil slice", got)
	}
	if got, want := FieldLines(wireString(" 1 Main St "), "", "\x1b[2J", "Flat 2"), []string{"1 Main St", "Flat 2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("FieldLines = %q, want %q", got, want)
	}
	cases := []struct {
		name  string
		parts []wireString
		first string
		join  string
	}{
		{"none", nil, "", ""},
		{"both", []wireString{"Ann", "Lee"}, "Ann", "Ann Lee"},
		{"first blank", []wireString{" ", "Lee"}, "Lee", "Lee"},
		{"controls only count as blank", []wireString{"\x07", "Lee"}, "Lee", "Lee"},
	}
	for _, c := range cases {
		if got := FirstField(c.parts...); got != c.first {
			t.Errorf("%s: FirstField = %q, want %q", c.name, got, c.first)
		}
		if got := JoinFields(c.parts...); got != c.join {
			t.Errorf("%s: JoinFields = %q, want %q", c.name, got, c.join)
		}
	}
}

func TestClip(t *testing.T) {
	cases := []struct {
		in   string
		n    int
		want string
	}{
		{"abc", 3, "abc"},
		{"abcd", 3, "abc…"},
		{"aé", 2, "a…"}, // é starts at byte 1 and ends at byte 3
		{"é", 0, "…"},
	}
	for _, c := range cases {
		if got := Clip(c.in, c.n); got != c.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}

func TestFieldID(t *testing.T) {
	long := strings.Repeat("7", MaxFieldID)
	for _, tc := range []struct {
		in, want string
		err      bool
	}{
		{" 98 ", "98", false}, {"", "", false}, {"a\x1b[31mb", "ab", false},
		{long, long, false}, {long + "7", "", true}, {strings.Repeat("9", 200000), "", true},
	} {
		got, err := FieldID(tc.in)
		if got != tc.want || (err != nil) != tc.err {
			t.Errorf("FieldID(%.20q) = %.20q, %v", tc.in, got, err)
		}
		if err != nil && (len(err.Error()) > 120 || !strings.Contains(err.Error(), "at most 128")) {
			t.Errorf("FieldID(%.20q): error %q is not one short line", tc.in, err)
		}
	}
}

func TestFieldNumberAndCode(t *testing.T) {
	if got := FieldNumber(strings.Repeat("n", 1000)); len(got) != MaxFieldID+len("…") {
		t.Errorf("FieldNumber kept %d bytes", len(got))
	}
	if got := FieldCode(" eur "); got != "EUR" {
		t.Errorf("FieldCode = %q", got)
	}
	if got := FieldCode(strings.Repeat("x", 1000)); len(got) != MaxFieldCode+len("…") {
		t.Errorf("FieldCode kept %d bytes", len(got))
	}
}
