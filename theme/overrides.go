package theme

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Overrides is one [themes.NAME] table of the config file. Every field is
// optional: a theme overrides only what it sets and takes the rest from
// Base.
//
//	[themes.warehouse]
//	base = "dark"
//	accent = "#ff8800"
//	kinds = { shipped = "#00ff00" }
type Overrides struct {
	// Base is the built-in theme to start from: dark, light or
	// high-contrast; "" or "auto" follows the terminal's background.
	Base string `toml:"base" check:"oneof=auto|dark|light|high-contrast"`

	Text       string `toml:"text"`
	Muted      string `toml:"muted"`
	Faint      string `toml:"faint"`
	Accent     string `toml:"accent"`
	Border     string `toml:"border"`
	HeaderBg   string `toml:"header_bg"`
	SelectedBg string `toml:"selected_bg"`
	SelectedFg string `toml:"selected_fg"`
	Marked     string `toml:"marked"`
	Success    string `toml:"success"`
	Warning    string `toml:"warning"`
	Error      string `toml:"error"`
	Pending    string `toml:"pending"`

	// Kinds sets the colour of status kinds by name (on_hold = "#ffaa00").
	Kinds map[string]string `toml:"kinds"`
}

// Validate checks the base name, every colour and every kind name, and
// names the first offending key.
func (o Overrides) Validate() error {
	switch o.Base {
	case "", Auto, Dark, Light, HighContrast:
	default:
		return fmt.Errorf("base = %q: want one of auto, dark, light, high-contrast", o.Base)
	}
	for _, f := range o.fields() {
		if err := checkColor(*f.val); err != nil {
			return fmt.Errorf("%s = %q: %w", f.key, *f.val, err)
		}
	}
	keys := make([]string, 0, len(o.Kinds))
	for k := range o.Kinds {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !knownKind(k) {
			return fmt.Errorf("kinds.%s: unknown status kind (want one of %s)", k, strings.Join(KindNames, ", "))
		}
		if err := checkColor(o.Kinds[k]); err != nil {
			return fmt.Errorf("kinds.%s = %q: %w", k, o.Kinds[k], err)
		}
	}
	return nil
}

// Apply returns p with every colour o sets replaced.
func (p Palette) Apply(o Overrides) Palette {
	out := p
	out.Kinds = make(map[string]string, len(p.Kinds))
	for k, v := range p.Kinds {
		out.Kinds[k] = v
	}
	dst := out.fields()
	for i, f := range o.fields() {
		if *f.val != "" {
			*dst[i].val = *f.val
		}
	}
	for k, v := range o.Kinds {
		if v != "" {
			out.Kinds[normKind(k)] = v
		}
	}
	return out
}

type field struct {
	key string
	val *string
}

// fields lists the colour roles in one fixed order, shared by Overrides and
// Palette so Apply can pair them up.
func (o *Overrides) fields() []field {
	return []field{{"text", &o.Text}, {"muted", &o.Muted}, {"faint", &o.Faint}, {"accent", &o.Accent},
		{"border", &o.Border}, {"header_bg", &o.HeaderBg}, {"selected_bg", &o.SelectedBg},
		{"selected_fg", &o.SelectedFg}, {"marked", &o.Marked}, {"success", &o.Success},
		{"warning", &o.Warning}, {"error", &o.Error}, {"pending", &o.Pending}}
}

func (p *Palette) fields() []field {
	return []field{{"text", &p.Text}, {"muted", &p.Muted}, {"faint", &p.Faint}, {"accent", &p.Accent},
		{"border", &p.Border}, {"header_bg", &p.HeaderBg}, {"selected_bg", &p.SelectedBg},
		{"selected_fg", &p.SelectedFg}, {"marked", &p.Marked}, {"success", &p.Success},
		{"warning", &p.Warning}, {"error", &p.Error}, {"pending", &p.Pending}}
}

func normKind(k string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(k)), "-", "_")
}

func knownKind(k string) bool {
	n := normKind(k)
	for _, name := range KindNames {
		if name == n {
			return true
		}
	}
	return false
}

// checkColor accepts "", "#rgb", "#rrggbb" and ANSI numbers 0-255.
func checkColor(s string) error {
	if s == "" {
		return nil
	}
	if strings.HasPrefix(s, "#") {
		hex := s[1:]
		if len(hex) != 3 && len(hex) != 6 {
			return fmt.Errorf("want #rgb or #rrggbb")
		}
		if _, err := strconv.ParseUint(hex, 16, 32); err != nil {
			return fmt.Errorf("want #rgb or #rrggbb")
		}
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 255 {
		return fmt.Errorf("want a hex colour (#rrggbb) or an ANSI colour number 0-255")
	}
	return nil
}
