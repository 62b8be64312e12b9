package theme

import (
	"fmt"
	"sort"
	"strings"
)

// Resolve picks the palette a config's `theme =` names. "auto" (and "")
// follow the terminal: dark when dark is true, else light. A name found in
// custom starts from its Base (itself resolved against dark) and applies
// its overrides; a custom table may not shadow a built-in name.
func Resolve(name string, dark bool, custom map[string]Overrides) (Palette, error) {
	auto := lightPalette()
	if dark {
		auto = darkPalette()
	}
	switch name {
	case "", Auto:
		return auto, nil
	}
	if p, ok := Builtin(name); ok {
		if _, shadow := custom[name]; shadow {
			return Palette{}, fmt.Errorf("theme %q: [themes.%s] may not redefine a built-in theme; give it another name", name, name)
		}
		return p, nil
	}
	o, ok := custom[name]
	if !ok {
		return Palette{}, fmt.Errorf("theme %q: not a built-in theme (%s) and no [themes.%s] table", name, strings.Join(BuiltinNames, ", "), name)
	}
	if err := o.Validate(); err != nil {
		return Palette{}, fmt.Errorf("[themes.%s] %w", name, err)
	}
	base := auto
	if b, ok := Builtin(o.Base); ok {
		base = b
	}
	p := base.Apply(o)
	p.Name = name
	return p, nil
}

// Follows reports whether the theme called name changes with the
// terminal's background (so the UI should ask for it).
func Follows(name string, custom map[string]Overrides) bool {
	switch name {
	case "", Auto:
		return true
	}
	if _, ok := Builtin(name); ok {
		return false
	}
	o, ok := custom[name]
	return ok && (o.Base == "" || o.Base == Auto)
}

// ValidateAll checks every [themes] table, in name order.
func ValidateAll(custom map[string]Overrides) error {
	names := make([]string, 0, len(custom))
	for n := range custom {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if _, ok := Builtin(n); ok || n == Auto {
			return fmt.Errorf("[themes.%s] may not redefine a built-in theme; give it another name", n)
		}
		if err := custom[n].Validate(); err != nil {
			return fmt.Errorf("[themes.%s] %w", n, err)
		}
	}
	return nil
}
