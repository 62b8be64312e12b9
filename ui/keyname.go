package ui

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/orderdash/orderdash/config"
)

// Key names as the config writes them and as Bubble Tea reports them.

// namedKeys are the key names Bubble Tea v2 reports (KeyPressMsg.String).
var namedKeys = []string{"enter", "tab", "backspace", "esc", "space", "up", "down", "left", "right",
	"begin", "find", "insert", "delete", "select", "pgup", "pgdown", "home", "end",
	"f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12",
	"f13", "f14", "f15", "f16", "f17", "f18", "f19", "f20"}

var keyAliases = map[string]string{
	" ": "space", "escape": "esc", "return": "enter", "pagedown": "pgdown", "pageup": "pgup",
	"pgdn": "pgdown", "page_down": "pgdown", "page_up": "pgup",
	"del": "delete", "ins": "insert",
}

var modOrder = []string{"ctrl", "alt", "shift", "meta", "hyper", "super"}

// normalizeKey turns a key as written in config into the form Bubble Tea
// reports: lower-case names, modifiers in Bubble Tea's order, "shift+g" as
// "G". Unknown names are errors with a suggestion.
func normalizeKey(raw string) (string, error) {
	if raw == "" {
		return "", fmt.Errorf("empty key name")
	}
	if raw == " " {
		return "space", nil
	}
	if utf8.RuneCountInString(raw) == 1 {
		return raw, nil
	}
	parts := strings.Split(raw, "+")
	base := parts[len(parts)-1]
	if strings.HasSuffix(raw, "++") { // "ctrl++"
		base = "+"
		parts = parts[:len(parts)-1]
	}
	if base == "" {
		return "", fmt.Errorf("%q: no key after the modifier", raw)
	}
	mods := map[string]bool{}
	for _, p := range parts[:len(parts)-1] {
		m := strings.ToLower(p)
		if m == "control" {
			m = "ctrl"
		}
		if m == "option" {
			m = "alt"
		}
		if !slices.Contains(modOrder, m) {
			return "", fmt.Errorf("%q: unknown modifier %q (want ctrl, alt, shift, meta, hyper or super)", raw, p)
		}
		mods[m] = true
	}
	if utf8.RuneCountInString(base) != 1 {
		b := strings.ToLower(base)
		if a, ok := keyAliases[b]; ok {
			b = a
		}
		if !isNamedKey(b) {
			return "", fmt.Errorf("%q is not a key name%s", raw, didYouMean(b, namedKeys))
		}
		base = b
	} else if mods["shift"] && len(mods) == 1 && base >= "a" && base <= "z" {
		return strings.ToUpper(base), nil
	} else if len(mods) > 0 && base >= "A" && base <= "Z" {
		base = strings.ToLower(base)
	}
	var b strings.Builder
	for _, o := range modOrder {
		if mods[o] {
			b.WriteString(o)
			b.WriteByte('+')
		}
	}
	b.WriteString(base)
	return b.String(), nil
}

func isNamedKey(s string) bool { return slices.Contains(namedKeys, s) }

// printable reports whether a key (normalized) types a character into a
// text field: one rune without modifiers, or space.
func printable(key string) bool {
	return key == "space" || utf8.RuneCountInString(key) == 1
}

// keyLabel is how hints show a key: arrows as arrows.
func keyLabel(key string) string {
	switch key {
	case "up":
		return "↑"
	case "down":
		return "↓"
	case "left":
		return "←"
	case "right":
		return "→"
	}
	return key
}

// didYouMean suggests the valid name nearest to s, with config's one
// edit-distance rule, or says nothing when none is near.
func didYouMean(s string, valid []string) string {
	if n := config.Nearest(s, valid); n != "" {
		return fmt.Sprintf(" (did you mean %q?)", n)
	}
	return ""
}
