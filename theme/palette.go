// Package theme holds orderdash's colours and the Lip Gloss styles built
// from them. A Palette names colours by role (text, accent, one colour per
// status kind ...); NewStyles turns a palette into a Styles value once, so
// nothing on the drawing path creates styles per row.
package theme

// Palette is a theme's colours by role. Each is a Lip Gloss colour string:
// "#rrggbb", "#rgb", or an ANSI number "0".."255". "" leaves the terminal's
// own colour.
type Palette struct {
	Name string

	Text   string // ordinary text
	Muted  string // secondary text: labels, dates
	Faint  string // tertiary text: separators, hints, disabled items
	Accent string // the app name, focused borders, the active tab
	Border string // pane and dialog borders, rules

	HeaderBg   string // the column header row
	SelectedBg string
	SelectedFg string
	Marked     string // rows marked for a bulk change

	Success string
	Warning string
	Error   string
	Pending string // a change in flight

	// Kinds colours each status kind ("pending", "processing", "on_hold",
	// "shipped", "completed", "cancelled", "refunded", "failed", "other").
	Kinds map[string]string
}

// KindNames lists the status kinds a palette colours, in workflow order.
// It mirrors backend.Kinds; theme does not import backend.
var KindNames = []string{"pending", "processing", "on_hold", "shipped", "completed",
	"cancelled", "refunded", "failed", "other"}

// Names of the built-in themes.
const (
	Auto         = "auto"
	Dark         = "dark"
	Light        = "light"
	HighContrast = "high-contrast"
)

// BuiltinNames lists the themes that need no [themes] table.
var BuiltinNames = []string{Auto, Dark, Light, HighContrast}

func darkPalette() Palette {
	return Palette{
		Name:       Dark,
		Text:       "#cdd6f4",
		Muted:      "#a6adc8",
		Faint:      "#6c7086",
		Accent:     "#89b4fa",
		Border:     "#45475a",
		HeaderBg:   "#1e1e2e",
		SelectedBg: "#313244",
		SelectedFg: "#f5f7ff",
		Marked:     "#cba6f7",
		Success:    "#a6e3a1",
		Warning:    "#f9e2af",
		Error:      "#f38ba8",
		Pending:    "#fab387",
		Kinds: map[string]string{
			"pending":    "#f9e2af",
			"processing": "#89b4fa",
			"on_hold":    "#fab387",
			"shipped":    "#94e2d5",
			"completed":  "#a6e3a1",
			"cancelled":  "#9399b2",
			"refunded":   "#f5c2e7",
			"failed":     "#f38ba8",
			"other":      "#bac2de",
		},
	}
}

func lightPalette() Palette {
	return Palette{
		Name:       Light,
		Text:       "#4c4f69",
		Muted:      "#5c5f77",
		Faint:      "#8c8fa1",
		Accent:     "#1e66f5",
		Border:     "#bcc0cc",
		HeaderBg:   "#e6e9ef",
		SelectedBg: "#ccd0da",
		SelectedFg: "#11111b",
		Marked:     "#8839ef",
		Success:    "#40a02b",
		Warning:    "#df8e1d",
		Error:      "#d20f39",
		Pending:    "#fe640b",
		Kinds: map[string]string{
			"pending":    "#df8e1d",
			"processing": "#1e66f5",
			"on_hold":    "#fe640b",
			"shipped":    "#179299",
			"completed":  "#40a02b",
			"cancelled":  "#7c7f93",
			"refunded":   "#ea76cb",
			"failed":     "#d20f39",
			"other":      "#5c5f77",
		},
	}
}

// highContrastPalette uses only full-strength colours and no greys darker
// than light grey, for bright rooms and tired eyes.
func highContrastPalette() Palette {
	return Palette{
		Name:       HighContrast,
		Text:       "#ffffff",
		Muted:      "#ffffff",
		Faint:      "#d0d0d0",
		Accent:     "#00ffff",
		Border:     "#ffffff",
		HeaderBg:   "#000000",
		SelectedBg: "#ffff00",
		SelectedFg: "#000000",
		Marked:     "#ff5fff",
		Success:    "#00ff00",
		Warning:    "#ffff00",
		Error:      "#ff3030",
		Pending:    "#ff8700",
		Kinds: map[string]string{
			"pending":    "#ffff00",
			"processing": "#00afff",
			"on_hold":    "#ff8700",
			"shipped":    "#00ffff",
			"completed":  "#00ff00",
			"cancelled":  "#ffffff",
			"refunded":   "#ff87ff",
			"failed":     "#ff3030",
			"other":      "#ffffff",
		},
	}
}

// Builtin returns a built-in palette by name ("dark", "light",
// "high-contrast"); "auto" is resolved by Resolve, not here.
func Builtin(name string) (Palette, bool) {
	switch name {
	case Dark:
		return darkPalette(), true
	case Light:
		return lightPalette(), true
	case HighContrast:
		return highContrastPalette(), true
	}
	return Palette{}, false
}

// Kind returns the colour of a status kind, falling back to "other".
func (p Palette) Kind(kind string) string {
	if c, ok := p.Kinds[kind]; ok {
		return c
	}
	return p.Kinds["other"]
}
