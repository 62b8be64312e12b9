package ui

import (
	"regexp"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
)

// Golden views are drawn in the 16-colour ANSI profile, so they do not
// depend on the terminal running the tests; each view also has a plain
// text golden that is easy to read in a diff. Regenerate with
// go test ./ui -run TestGolden -update.
func TestGolden(t *testing.T) {
	t.Parallel()
	stores := func() Options {
		o := opts(cscartLike("Marketplace EU", 640, 1), lunasoftLike("Lunasoft site", 120, 2))
		o.Demo = true
		return o
	}
	longStores := func() Options {
		o := opts(kornitLike("demo-kornitx", 30, 5), longFieldsStore(t))
		o.Demo = true
		return o
	}
	cases := []struct {
		name  string
		w, h  int
		keys  []string
		extra []harnessOpt
		o     func() Options
	}{
		{name: "dashboard_80x24", w: 80, h: 24},
		{name: "dashboard_160x45", w: 160, h: 45},
		{name: "store_tab_160x45", w: 160, h: 45, keys: []string{"2", "n", "j"}},
		{name: "detail_80x24", w: 80, h: 24, keys: []string{"3", "enter"}},
		{name: "detail_160x45", w: 160, h: 45, keys: []string{"3", "j", "enter"}},
		{name: "picker_160x45", w: 160, h: 45, keys: []string{"3", "j", "enter", "s"}},
		{name: "picker_greyed_160x45", w: 160, h: 45, keys: []string{"3", "enter", "s"}},
		{name: "confirm_160x45", w: 160, h: 45, keys: []string{"3", "j", "enter", "s", "enter"}},
		{name: "confirm_80x24", w: 80, h: 24, keys: []string{"3", "j", "s", "enter"}},
		{name: "help_80x24", w: 80, h: 24, keys: []string{"?"}},
		{name: "help_160x45", w: 160, h: 45, keys: []string{"?"}},
		{name: "nocolor_80x24", w: 80, h: 24, keys: []string{"j", "space"}, extra: []harnessOpt{withNoColor()}},
		{name: "small_60x20", w: 60, h: 20},
		// Issue 14: the picker, the detail pane and the table grow with
		// the terminal and cut nothing that fits.
		{name: "picker_80x24", w: 80, h: 24, keys: []string{"3", "j", "enter", "s"}},
		{name: "picker_250x70", w: 250, h: 70, keys: []string{"3", "j", "enter", "s"}},
		{name: "detail_250x70", w: 250, h: 70, keys: []string{"3", "j", "enter"}},
		{name: "dashboard_250x70", w: 250, h: 70},
		{name: "picker_long_80x24", w: 80, h: 24, keys: []string{"2", "s", "down", "down", "down", "down"}, o: longStores},
		{name: "picker_long_160x45", w: 160, h: 45, keys: []string{"2", "s", "down", "down", "down", "down"}, o: longStores},
		{name: "picker_long_250x70", w: 250, h: 70, keys: []string{"2", "s", "down", "down", "down", "down"}, o: longStores},
		{name: "detail_long_80x24", w: 80, h: 24, keys: []string{"3", "enter", "J", "J", "J", "J", "J", "J"}, o: longStores},
		{name: "detail_long_160x45", w: 160, h: 45, keys: []string{"3", "enter"}, o: longStores},
		// Issue 14 item 8: marks on two stores, changed by kind, the
		// confirm step grouped by store.
		{name: "confirm_stores_80x24", w: 80, h: 24, keys: []string{"j", "space", "j", "j", "space", "space", "s", "down", "down", "enter"}},
		{name: "confirm_stores_160x45", w: 160, h: 45, keys: []string{"j", "space", "j", "j", "space", "space", "s", "down", "down", "enter"}},
		{name: "detail_long_250x70", w: 250, h: 70, keys: []string{"3", "enter"}, o: longStores},
		// The orders table with Kornit X's long statuses, at the three sizes.
		{name: "table_kornitx_80x24", w: 80, h: 24, keys: []string{"2"}, o: longStores},
		{name: "table_kornitx_160x45", w: 160, h: 45, keys: []string{"2"}, o: longStores},
		{name: "table_kornitx_250x70", w: 250, h: 70, keys: []string{"2"}, o: longStores},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := stores()
			if c.o != nil {
				o = c.o()
			}
			h := newHarness(t, o, c.w, c.h, c.extra...)
			h.press(c.keys...)
			h.fire(isDebounce)
			t.Run("ansi", func(t *testing.T) { golden.RequireEqual(t, h.styled(colorprofile.ANSI)) })
			t.Run("text", func(t *testing.T) { golden.RequireEqual(t, h.view()) })
		})
	}
}

var colourSGR = regexp.MustCompile(`\x1b\[(?:[0-9]+;)*(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9:]+)*m`)

func TestNoColorDrawsNoColour(t *testing.T) {
	h := newHarness(t, opts(cscartLike("Cart", 60, 1)), 120, 40, withNoColor())
	h.press("j", "space", "enter", "s")
	if loc := colourSGR.FindStringIndex(h.m.View().Content); loc != nil {
		t.Errorf("NO_COLOR view holds a colour sequence: %q", h.m.View().Content[loc[0]:loc[1]])
	}
	h.mustSee("●", "▌") // marks and the cursor still show, by shape
}

func TestThemeFollowsTerminalBackground(t *testing.T) {
	o := opts(cscartLike("Cart", 5, 1))
	o.Config.Theme = "auto"
	h := newHarness(t, o, 120, 40)
	if h.m.st.Palette.Name != "dark" {
		t.Fatalf("auto theme starts as %q, want dark", h.m.st.Palette.Name)
	}
	before := h.m.styleGen
	h.send(tea.BackgroundColorMsg{Color: white{}})
	if h.m.st.Palette.Name != "light" || h.m.styleGen == before {
		t.Errorf("after a light background the theme is %q", h.m.st.Palette.Name)
	}
	o.Config.Theme = "high-contrast"
	h2 := newHarness(t, o, 120, 40)
	h2.send(tea.BackgroundColorMsg{Color: white{}})
	if h2.m.st.Palette.Name != "high-contrast" {
		t.Error("a fixed theme changed with the background")
	}
}

type white struct{}

func (white) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

func TestNewRejectsBadOptions(t *testing.T) {
	s := cscartLike("Cart", 1, 1)
	for name, o := range map[string]Options{
		"no stores":   {},
		"dup names":   opts(s, cscartLike("Cart", 1, 2)),
		"bad preview": func() Options { o := opts(s); o.Config.Preview = "left"; return o }(),
		"bad theme":   func() Options { o := opts(s); o.Config.Theme = "neon"; return o }(),
		"bad keys":    func() Options { o := opts(s); o.Keys = KeyBindings{"nope": {"x"}}; return o }(),
		"bad refresh": func() Options { o := opts(s); o.Config.Refresh = -1; return o }(),
		"no mirror":   func() Options { o := opts(s); return o }(),
	} {
		if _, err := New(o); err == nil {
			t.Errorf("%s: New accepted it", name)
		}
	}
	o := opts(s)
	o.Mirror = memoryDB(t)
	o.Config = Config{} // zero config: every default
	m, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	if m.cfg.PageSize != DefaultPageSize || !*m.cfg.Confirm || m.cfg.Preview != "auto" {
		t.Errorf("defaults not applied: %+v", m.cfg)
	}
}
