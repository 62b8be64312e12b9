package backend

import (
	"strings"
	"testing"
)

func TestFoldSearch(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain 123", "plain 123"},
		{"Müller", "muller"},
		{"Émile Zoë", "emile zoe"},
		{"Straße", "strasse"},
		{"Søren Łukasz", "soren lukasz"},
		{"ÇA", "ca"},
		{"Иван", "иван"}, // other scripts: lower case only
		{"ＡＢ", "ａｂ"},
	} {
		if got := FoldSearch(c.in); got != c.want {
			t.Errorf("FoldSearch(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSearchWords(t *testing.T) {
	long := strings.Repeat("x", MaxSearchWord+1)
	for _, c := range []struct {
		in   string
		want []string
		ok   bool
	}{
		{"", nil, true},
		{"   ", nil, true},
		{"Maria  ROSSI", []string{"maria", "rossi"}, true},
		{"a\tb\nc", []string{"a", "b", "c"}, true},
		{"\x1b[31mred\x00", []string{"red"}, true},
		{`"*" NEAR(-:)`, []string{`"*"`, "near(-:)"}, true},
		{long, nil, false},
		{strings.Repeat("w ", MaxSearchWords), strings.Fields(strings.Repeat("w ", MaxSearchWords)), true},
		{strings.Repeat("w ", MaxSearchWords+1), nil, false},
	} {
		got, ok := SearchWords(c.in)
		if ok != c.ok || strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("SearchWords(%q) = %q %v, want %q %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestSearchText(t *testing.T) {
	o := Order{ID: "42", Number: "CG3000042", VendorRef: "EXT-1", Tracking: "1ZABC",
		Customer: Customer{Name: "Jürgen Groß", Email: "J.Gross@Example.org", Phone: "+49 151 123"},
		ShipTo:   Address{Phone: "+49 30 999"}, Items: []Item{{SKU: "TSHIRT-BLK-M"}, {SKU: ""}},
		Notes: "Ring\ntwice", AdminNotes: strings.Repeat("n", 300)}
	got := SearchText(o)
	want := "42\ncg3000042\next-1\njurgen gross\nj.gross@example.org\n+49 151 123\n+49 30 999\ntshirt-blk-m\n1zabc\nring twice\n" +
		strings.Repeat("n", MaxSearchWord)
	if got != want {
		t.Errorf("SearchText =\n%q\nwant\n%q", got, want)
	}
}
