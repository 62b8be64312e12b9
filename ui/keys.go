package ui

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/orderdash/orderdash/config"
)

// action names one thing an operator can do from the order table. The
// names are the keys of the config file's [keys] table.
type action string

const (
	actDown       action = "down"
	actUp         action = "up"
	actFirst      action = "first"
	actLast       action = "last"
	actScrollDown action = "scroll_down"
	actScrollUp   action = "scroll_up"
	actNextPage   action = "next_page"
	actPrevPage   action = "prev_page"
	actNextTab    action = "next_tab"
	actPrevTab    action = "prev_tab"
	actDetail     action = "detail"
	actDetailDown action = "detail_down"
	actDetailUp   action = "detail_up"
	actPreview    action = "preview_position"
	actStatus     action = "status"
	actMark       action = "mark"
	actMarkAll    action = "mark_all"
	actFilter     action = "filter"
	actStatusFilt action = "status_filter"
	actBack       action = "back"
	actRefresh    action = "refresh"
	actRefreshAll action = "refresh_all"
	actCopy       action = "copy"
	actHelp       action = "help"
	actQuit       action = "quit"
	actReport     action = "report"
	actJournal    action = "journal"
)

// tabAction is the action that jumps to tab n (1-based).
func tabAction(n int) action { return action(fmt.Sprintf("tab_%d", n)) }

// actionInfo describes an action for the keymap and the help screen.
type actionInfo struct {
	name   action
	group  string
	help   string
	keys   []string
	writes bool // hidden in read-only mode
}

// actions is every action with its default keys (DESIGN.md "Default
// keys"), in the order help lists them.
var actions = func() []actionInfo {
	a := []actionInfo{
		{actDown, "Move", "down", []string{"j", "down"}, false},
		{actUp, "Move", "up", []string{"k", "up"}, false},
		{actFirst, "Move", "first row", []string{"g", "home"}, false},
		{actLast, "Move", "last loaded row", []string{"G", "end"}, false},
		{actScrollDown, "Move", "scroll down a screen", []string{"pgdown", "ctrl+d"}, false},
		{actScrollUp, "Move", "scroll up a screen", []string{"pgup", "ctrl+u"}, false},
		{actNextPage, "Move", "next page", []string{"n", "right"}, false},
		{actPrevPage, "Move", "previous page", []string{"p", "left"}, false},
		{actNextTab, "Tabs", "next tab", []string{"tab"}, false},
		{actPrevTab, "Tabs", "previous tab", []string{"shift+tab"}, false},
	}
	for i := 1; i <= 9; i++ {
		a = append(a, actionInfo{tabAction(i), "Tabs", fmt.Sprintf("tab %d", i), []string{fmt.Sprint(i)}, false})
	}
	a = append(a,
		actionInfo{actDetail, "Orders", "open / close the detail pane", []string{"enter"}, false},
		actionInfo{actDetailDown, "Orders", "scroll the detail pane down", []string{"J"}, false},
		actionInfo{actDetailUp, "Orders", "scroll the detail pane up", []string{"K"}, false},
		actionInfo{actPreview, "Orders", "detail pane right / bottom", []string{"P"}, false},
		actionInfo{actCopy, "Orders", "copy the order id", []string{"y"}, false},
		actionInfo{actStatus, "Orders", "change status", []string{"s"}, true},
		actionInfo{actMark, "Orders", "mark row for a bulk change", []string{"space"}, true},
		actionInfo{actMarkAll, "Orders", "mark every row shown", []string{"a"}, true},
		actionInfo{actReport, "Orders", "show the last bulk report", []string{"b"}, false},
		actionInfo{actJournal, "Orders", "change journal: resend, drop", []string{"L"}, false},
		actionInfo{actFilter, "View", "filter loaded rows", []string{"/"}, false},
		actionInfo{actStatusFilt, "View", "filter by status", []string{"f"}, false},
		actionInfo{actBack, "View", "back, clear marks and filter", []string{"esc"}, false},
		actionInfo{actRefresh, "View", "refresh this page", []string{"r"}, false},
		actionInfo{actRefreshAll, "View", "refresh every store", []string{"R"}, false},
		actionInfo{actHelp, "View", "help", []string{"?"}, false},
		actionInfo{actQuit, "View", "quit", []string{"q", "ctrl+c"}, false},
	)
	return a
}()

func lookupAction(name string) (actionInfo, bool) {
	for _, a := range actions {
		if string(a.name) == name {
			return a, true
		}
	}
	return actionInfo{}, false
}

// KeyBindings is the [keys] table of the config file: action -> keys. A
// value may be one key or a list; an empty list unbinds the action.
//
//	[keys]
//	down = ["j", "down"]
//	status = "S"
type KeyBindings map[string][]string

// UnmarshalTOML accepts a string or a list of strings for every action.
func (k *KeyBindings) UnmarshalTOML(v any) error {
	table, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("keys: want a table of action = key or [keys], got %T", v)
	}
	out := make(KeyBindings, len(table))
	for name, val := range table {
		switch x := val.(type) {
		case string:
			out[name] = []string{x}
		case []any:
			keys := make([]string, 0, len(x))
			for i, e := range x {
				s, ok := e.(string)
				if !ok {
					return fmt.Errorf("keys.%s[%d]: want a key name in quotes, got %v", name, i, e)
				}
				keys = append(keys, s)
			}
			out[name] = keys
		default:
			return fmt.Errorf("keys.%s: want a key or a list of keys, got %v", name, val)
		}
	}
	*k = out
	return nil
}

// Validate reports the first problem with the table: an unknown action
// (naming the nearest valid one), a key name that is not a key, or a key
// that ends up bound to two actions once the table is applied to the
// default keys (naming both).
func (k KeyBindings) Validate() error {
	_, err := newKeymap(k)
	return err
}

// reservedQuit always quits, whatever the config says, so an operator can
// never be trapped.
const reservedQuit = "ctrl+c"

// keymap is the effective keymap: defaults with the config applied.
type keymap struct {
	keys  map[action][]string
	byKey map[string]action
}

func newKeymap(overrides KeyBindings) (*keymap, error) {
	km := &keymap{keys: make(map[action][]string, len(actions)), byKey: map[string]action{}}
	for _, a := range actions {
		km.keys[a.name] = a.keys
	}
	names := make([]string, 0, len(overrides))
	for n := range overrides {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		a, ok := lookupAction(n)
		if !ok {
			return nil, fmt.Errorf("keys: unknown action %q%s", n, didYouMean(n, actionNames()))
		}
		seen := map[string]bool{}
		var keys []string
		for _, raw := range overrides[n] {
			key, err := normalizeKey(raw)
			if err != nil {
				return nil, fmt.Errorf("keys.%s: %w", n, err)
			}
			if key == reservedQuit && a.name != actQuit {
				return nil, fmt.Errorf("keys.%s: %q is reserved: it always quits", n, reservedQuit)
			}
			if !seen[key] {
				seen[key] = true
				keys = append(keys, key)
			}
		}
		km.keys[a.name] = keys
	}
	for _, a := range actions {
		for _, key := range km.keys[a.name] {
			if other, dup := km.byKey[key]; dup {
				return nil, fmt.Errorf("keys: %q is bound to both %s and %s; bind one of them to another key", key, other, a.name)
			}
			km.byKey[key] = a.name
		}
	}
	if _, ok := km.byKey[reservedQuit]; !ok {
		km.byKey[reservedQuit] = actQuit
	}
	return km, nil
}

// lookup returns the action bound to a key press, trying the typed text
// first ("G", "?") and then the spelled-out keystroke ("shift+tab").
func (km *keymap) lookup(str, stroke string) (action, bool) {
	if a, ok := km.byKey[str]; ok {
		return a, true
	}
	a, ok := km.byKey[stroke]
	return a, ok
}

// first returns the first key bound to a, for the footer and hints.
func (km *keymap) first(a action) string {
	if ks := km.keys[a]; len(ks) > 0 {
		return ks[0]
	}
	return ""
}

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
		known := false
		for _, o := range modOrder {
			if o == m {
				known = true
			}
		}
		if !known {
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

func isNamedKey(s string) bool {
	for _, n := range namedKeys {
		if n == s {
			return true
		}
	}
	return false
}

func actionNames() []string {
	names := make([]string, len(actions))
	for i, a := range actions {
		names[i] = string(a.name)
	}
	return names
}

// didYouMean suggests the valid name nearest to s, with config's one
// edit-distance rule, or says nothing when none is near.
func didYouMean(s string, valid []string) string {
	if n := config.Nearest(s, valid); n != "" {
		return fmt.Sprintf(" (did you mean %q?)", n)
	}
	return ""
}
