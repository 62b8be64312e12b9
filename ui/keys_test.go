package ui

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestKeyBindingsFromTOML(t *testing.T) {
	var cfg struct {
		Keys KeyBindings `toml:"keys"`
	}
	md, err := toml.Decode(`
[keys]
down = ["j", "ctrl+n"]
status = "S"
up = ["k", "up"]
`, &cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(md.Undecoded()) != 0 {
		t.Errorf("undecoded keys: %v", md.Undecoded())
	}
	if got := cfg.Keys["status"]; len(got) != 1 || got[0] != "S" {
		t.Errorf("status = %v, want [S]", got)
	}
	if got := cfg.Keys["down"]; len(got) != 2 || got[1] != "ctrl+n" {
		t.Errorf("down = %v", got)
	}
	if err := cfg.Keys.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	for _, bad := range []string{"[keys]\ndown = 3\n", "[keys]\ndown = [\"j\", 2]\n"} {
		if _, err := toml.Decode(bad, &cfg); err == nil {
			t.Errorf("%q decoded without error", bad)
		}
	}
}

func TestKeyBindingsValidate(t *testing.T) {
	cases := []struct {
		keys KeyBindings
		want []string // substrings of the error; nil for no error
	}{
		{KeyBindings{}, nil},
		{KeyBindings{"down": {"J"}, "detail_down": {"ctrl+j"}}, nil},
		{KeyBindings{"dwn": {"x"}}, []string{`unknown action "dwn"`, `"down"`}},
		{KeyBindings{"refersh": {"x"}}, []string{`"refresh"`}},
		{KeyBindings{"up": {"j"}}, []string{`"j"`, "down", "up"}},
		{KeyBindings{"status": {"q"}}, []string{`"q"`, "status", "quit"}},
		{KeyBindings{"scroll_down": {"pgdn", "ctrl+d"}}, nil},
		{KeyBindings{"next_page": {"entr"}}, []string{`"entr"`, `"enter"`}},
		{KeyBindings{"copy": {"ctrl+c"}}, []string{"reserved"}},
		{KeyBindings{"copy": {"hyper+super+x"}}, nil},
		{KeyBindings{"copy": {"cmd+x"}}, []string{"modifier"}},
		{KeyBindings{"quit": {}}, nil},
		// Nothing is near: no made-up suggestion.
		{KeyBindings{"zzzzzzzz": {"x"}}, []string{`unknown action "zzzzzzzz"`}},
	}
	for _, c := range cases {
		err := c.keys.Validate()
		if err != nil && strings.Contains(err.Error(), "zzzz") && strings.Contains(err.Error(), "did you mean") {
			t.Errorf("%v: suggests a name that is not near: %v", c.keys, err)
		}
		switch {
		case c.want == nil && err != nil:
			t.Errorf("%v: %v", c.keys, err)
		case c.want != nil && err == nil:
			t.Errorf("%v: no error", c.keys)
		case err != nil:
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%v: error %q lacks %q", c.keys, err, w)
				}
			}
		}
	}
}

func TestNormalizeKey(t *testing.T) {
	for in, want := range map[string]string{
		"j": "j", "G": "G", " ": "space", "Space": "space", "Enter": "enter", "ESC": "esc",
		"shift+g": "G", "shift+Tab": "shift+tab", "Ctrl+D": "ctrl+d", "alt+ctrl+x": "ctrl+alt+x",
		"PageDown": "pgdown", "ctrl++": "ctrl++", "?": "?", "ü": "ü", "control+a": "ctrl+a",
	} {
		got, err := normalizeKey(in)
		if err != nil || got != want {
			t.Errorf("normalizeKey(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "pgdwn", "ctrl+", "enterr", "foo+a"} {
		if got, err := normalizeKey(bad); err == nil {
			t.Errorf("normalizeKey(%q) = %q, want an error", bad, got)
		}
	}
}

func TestReboundKeysDriveTheUIAndHelp(t *testing.T) {
	s := cscartLike("Cart", 30, 1)
	o := opts(s)
	o.Keys = KeyBindings{"status": {"S"}, "down": {"ctrl+n", "down"}, "help": {"f1", "?"}}
	h := newHarness(t, o, 160, 60) // tall enough for help's every entry
	h.press("j")
	if h.m.tab().cursor != 0 {
		t.Error("j still moves after down was rebound")
	}
	h.press("ctrl+n")
	if h.m.tab().cursor != 1 {
		t.Error("ctrl+n does not move down")
	}
	h.press("s")
	if h.top() != "" {
		t.Error("s still opens the picker")
	}
	h.press("S")
	if h.top() != "picker" {
		t.Fatal("S does not open the picker")
	}
	h.press("esc", "?")
	h.mustSee("Keys", "S  ", "change status", "ctrl+n down", "f1 ?")
	if l := h.line("change status"); strings.Contains(l, " s ") {
		t.Errorf("help still shows the default key: %q", l)
	}
	h.press("x") // any key closes help
	if h.top() != "" {
		t.Error("help did not close")
	}
	// The footer uses the effective keys too.
	if !strings.Contains(h.line("help"), "S status") {
		t.Errorf("footer does not show the rebound key: %q", h.line("help"))
	}
}

func TestHelpListsEveryAction(t *testing.T) {
	h := newHarness(t, opts(cscartLike("Cart", 5, 1)), 160, 60)
	entries := h.m.helpEntries()
	text := ""
	for _, e := range entries {
		text += e.keys + " " + e.desc + "\n"
	}
	for _, a := range actions {
		if strings.HasPrefix(string(a.name), "tab_") {
			continue
		}
		if !strings.Contains(text, a.help) {
			t.Errorf("help lacks %s (%q)", a.name, a.help)
		}
	}
	if !strings.Contains(text, "1–9 jump to tab") {
		t.Error("help lacks the tab keys")
	}
}

// config.example.toml lists every action with its default keys, so the
// example is also the reference of what can be rebound.
func TestExampleConfigListsEveryAction(t *testing.T) {
	var cfg struct {
		Keys map[string]any `toml:"keys"`
	}
	if _, err := toml.DecodeFile("../config.example.toml", &cfg); err != nil {
		t.Fatal(err)
	}
	for _, a := range actions {
		v, ok := cfg.Keys[string(a.name)]
		if !ok {
			t.Errorf("config.example.toml [keys] lacks %s", a.name)
			continue
		}
		var got []string
		for _, k := range v.([]any) {
			got = append(got, k.(string))
		}
		if strings.Join(got, " ") != strings.Join(a.keys, " ") {
			t.Errorf("config.example.toml: %s = %q, the default is %q", a.name, got, a.keys)
		}
	}
}
