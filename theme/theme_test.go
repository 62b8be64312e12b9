package theme

import (
	"regexp"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"strings"
	"testing"
)

// colourSGR matches an SGR sequence that sets a foreground or background
// colour.
var colourSGR = regexp.MustCompile(`\x1b\[(?:[0-9]+;)*(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9]+)*m`)

func TestResolveBuiltins(t *testing.T) {
	for _, c := range []struct {
		name string
		dark bool
		want string
	}{{"auto", true, Dark}, {"auto", false, Light}, {"", true, Dark}, {"dark", false, Dark}, {"light", true, Light}, {"high-contrast", true, HighContrast}} {
		p, err := Resolve(c.name, c.dark, nil)
		if err != nil || p.Name != c.want {
			t.Errorf("Resolve(%q, dark=%v) = %q, %v; want %q", c.name, c.dark, p.Name, err, c.want)
		}
	}
	if _, err := Resolve("solarized", true, nil); err == nil || !strings.Contains(err.Error(), "[themes.solarized]") {
		t.Errorf("unknown theme error = %v", err)
	}
}

func TestOverridesChangeOnlyWhatTheySet(t *testing.T) {
	custom := map[string]Overrides{"bench": {Base: "light", Accent: "#ff8800", Kinds: map[string]string{"on-hold": "#123456"}}}
	p, err := Resolve("bench", true, custom)
	if err != nil {
		t.Fatal(err)
	}
	light := lightPalette()
	if p.Accent != "#ff8800" || p.Kinds["on_hold"] != "#123456" {
		t.Errorf("overrides not applied: accent %q, on_hold %q", p.Accent, p.Kinds["on_hold"])
	}
	if p.Text != light.Text || p.Kinds["shipped"] != light.Kinds["shipped"] || p.SelectedBg != light.SelectedBg {
		t.Error("a colour the table did not set changed")
	}
	if p.Name != "bench" {
		t.Errorf("name = %q", p.Name)
	}
	if light.Accent == "#ff8800" || lightPalette().Kinds["on_hold"] == "#123456" {
		t.Error("Apply changed the built-in palette")
	}
	// No base: follows the terminal.
	auto := map[string]Overrides{"mine": {Error: "9"}}
	if p, _ := Resolve("mine", false, auto); p.Text != light.Text || p.Error != "9" {
		t.Errorf("base-less theme on a light terminal: text %q error %q", p.Text, p.Error)
	}
	if !Follows("mine", auto) || Follows("bench", custom) || Follows("dark", nil) || !Follows("auto", nil) {
		t.Error("Follows is wrong")
	}
}

func TestOverridesValidate(t *testing.T) {
	for _, c := range []struct {
		o    Overrides
		want string
	}{
		{Overrides{Base: "darkest"}, "base"},
		{Overrides{Accent: "orange"}, "accent"},
		{Overrides{Text: "#12345"}, "text"},
		{Overrides{Error: "300"}, "error"},
		{Overrides{Kinds: map[string]string{"shiped": "#fff"}}, "kinds.shiped"},
		{Overrides{Kinds: map[string]string{"shipped": "#ggg"}}, "kinds.shipped"},
	} {
		err := c.o.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want one naming %q", c.o, err, c.want)
		}
	}
	ok := Overrides{Base: "high-contrast", Accent: "#fff", Faint: "244", Kinds: map[string]string{"On-Hold": "#abcdef"}}
	if err := ok.Validate(); err != nil {
		t.Errorf("valid overrides: %v", err)
	}
	if err := ValidateAll(map[string]Overrides{"dark": {}}); err == nil {
		t.Error("a [themes.dark] table shadowing the built-in was accepted")
	}
	if _, err := Resolve("x", true, map[string]Overrides{"x": {Accent: "nope"}}); err == nil {
		t.Error("Resolve accepted an invalid table")
	}
}

func TestStylesNoColorCarryNoColour(t *testing.T) {
	p, _ := Builtin(Dark)
	s := NewStyles(p, true)
	for name, out := range map[string]string{
		"row": s.Row.Render("x"), "selected": s.RowSelected.Render("x"), "kind": s.KindStyle("shipped", false).Render("x"),
		"kind selected": s.KindStyle("failed", true).Render("x"), "error": s.Error.Render("x"), "accent": s.Accent.Render("x"),
	} {
		if colourSGR.MatchString(out) {
			t.Errorf("%s: NO_COLOR style carries a colour: %q", name, out)
		}
	}
	if !strings.Contains(s.RowSelected.Render("x"), "7") {
		t.Error("the selected row is not in reverse video without colour")
	}
	c := NewStyles(p, false)
	if !strings.Contains(c.KindStyle("shipped", false).Render("x"), "38;2;") {
		t.Error("a coloured theme renders no colour")
	}
	if c.KindStyle("nonsense", false).Render("x") != c.KindStyle("other", false).Render("x") {
		t.Error("an unknown kind does not fall back to other")
	}
	for _, k := range KindNames {
		for _, pal := range []Palette{darkPalette(), lightPalette(), highContrastPalette()} {
			if pal.Kinds[k] == "" {
				t.Errorf("%s has no colour for %s", pal.Name, k)
			}
		}
	}
}

func TestPaintMatchesLipGloss(t *testing.T) {
	p, _ := Builtin(Dark)
	for _, st := range []lipgloss.Style{
		lipgloss.NewStyle(), lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color(p.Accent)),
		lipgloss.NewStyle().Underline(true).Foreground(lipgloss.Color("#ff0000")).Background(lipgloss.Color("#000000")),
		lipgloss.NewStyle().Reverse(true).Italic(true),
	} {
		for _, text := range []string{"abc", "Ann Lee", "山田 太郎", "✓ Complete"} {
			got := PaintOf(st).Render(text)
			want := st.Render(text)
			if ansi.Strip(got) != ansi.Strip(want) {
				t.Errorf("paint of %q: text %q, want %q", text, ansi.Strip(got), ansi.Strip(want))
			}
			if (got == text) != (want == text) {
				t.Errorf("paint of %q styled %q, lip gloss %q", text, got, want)
			}
		}
	}
}
