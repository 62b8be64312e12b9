package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// keymap is the effective keymap: the defaults with the config's [keys]
// applied, as one bubbles key.Binding per action and, per mode, the action
// of each key. Help, the footer and every dialog's hint line are built
// from it, so none of them can disagree with what the keys do.
type keymap struct {
	bind  map[action]key.Binding
	byKey map[mode]map[string]action
}

func newKeymap(overrides KeyBindings) (*keymap, error) {
	keys, err := effectiveKeys(overrides)
	if err != nil {
		return nil, err
	}
	km := &keymap{bind: make(map[action]key.Binding, len(actions)), byKey: map[mode]map[string]action{}}
	for _, a := range actions {
		ks := keys[a.name]
		km.bind[a.name] = key.NewBinding(key.WithKeys(ks...), key.WithHelp(strings.Join(ks, " "), a.help))
	}
	for _, a := range actions {
		if err := km.add(a.mode, a.name); err != nil {
			return nil, err
		}
	}
	for md, acts := range shared {
		for _, a := range acts {
			if err := km.add(md, a); err != nil {
				return nil, err
			}
		}
	}
	if _, ok := km.byKey[modeTable][reservedQuit]; !ok {
		km.byKey[modeTable][reservedQuit] = actQuit
	}
	return km, nil
}

// add binds a's keys in mode md, refusing a key another action of the
// mode has.
func (km *keymap) add(md mode, a action) error {
	by := km.byKey[md]
	if by == nil {
		by = map[string]action{}
		km.byKey[md] = by
	}
	for _, k := range km.bind[a].Keys() {
		if other, dup := by[k]; dup {
			where := ""
			if md != modeTable {
				where = " in the " + strings.ToLower(modeTitle(md))
			}
			return fmt.Errorf("keys: %q is bound to both %s and %s%s; bind one of them to another key", k, other, a, where)
		}
		by[k] = a
	}
	return nil
}

// lookup returns the action a key press means in mode md, trying the
// typed text first ("G", "?") and then the spelled-out keystroke
// ("shift+tab").
func (km *keymap) lookup(md mode, k tea.KeyPressMsg) (action, bool) {
	by := km.byKey[md]
	if a, ok := by[k.String()]; ok {
		return a, true
	}
	a, ok := by[k.Keystroke()]
	return a, ok
}

// keys are the keys bound to a.
func (km *keymap) keys(a action) []string { return km.bind[a].Keys() }

// first returns the first key bound to a, for hints; "" when unbound.
func (km *keymap) first(a action) string {
	if ks := km.keys(a); len(ks) > 0 {
		return ks[0]
	}
	return ""
}

// hint is a short-help binding: the first key of each action (arrows
// drawn as arrows, "↑↓" rather than "up/down") and what they do together.
// Actions without keys are left out; with none left the hint is disabled,
// and the footer and hint lines skip it.
func (km *keymap) hint(desc string, acts ...action) key.Binding {
	var labels []string
	arrows := true
	for _, a := range acts {
		if k := km.first(a); k != "" {
			l := keyLabel(k)
			arrows = arrows && l != k
			labels = append(labels, l)
		}
	}
	sep := "/"
	if arrows {
		sep = ""
	}
	b := key.NewBinding(key.WithKeys(labels...), key.WithHelp(strings.Join(labels, sep), desc))
	if len(labels) == 0 {
		b.SetEnabled(false)
	}
	return b
}

// hintLine joins short-help bindings into a dialog's hint line.
func hintLine(hints ...key.Binding) string {
	var parts []string
	for _, h := range hints {
		if h.Enabled() {
			parts = append(parts, h.Help().Key+" "+h.Help().Desc)
		}
	}
	return strings.Join(parts, " · ")
}

// helpEntry is one line of help: keys and what they do.
type helpEntry struct {
	group string
	keys  string
	desc  string
}

// helpEntries lists the actions available now, grouped: the table's, then
// each dialog's. Those that write are left out in read-only mode.
func (km *keymap) helpEntries(readOnly bool) []helpEntry {
	var out []helpEntry
	var tabKeys []string
	for _, a := range actions {
		if a.mode != modeTable || (a.writes && readOnly) {
			continue
		}
		keys := km.keys(a.name)
		if strings.HasPrefix(string(a.name), "tab_") {
			if len(keys) > 0 {
				tabKeys = append(tabKeys, keys[0])
			}
			if a.name == tabAction(9) && len(tabKeys) > 0 {
				ks := strings.Join(tabKeys, " ")
				if strings.Join(tabKeys, "") == "123456789" {
					ks = "1–9"
				}
				out = append(out, helpEntry{a.group, ks, "jump to tab"})
			}
			continue
		}
		if len(keys) > 0 {
			out = append(out, helpEntry{a.group, km.bind[a.name].Help().Key, a.help})
		}
	}
	// Keep each group together, in the order groups first appear.
	var order []string
	byGroup := map[string][]helpEntry{}
	for _, e := range out {
		if _, ok := byGroup[e.group]; !ok {
			order = append(order, e.group)
		}
		byGroup[e.group] = append(byGroup[e.group], e)
	}
	out = out[:0]
	for _, g := range order {
		out = append(out, byGroup[g]...)
	}
	for _, d := range dialogModes {
		for _, a := range actions {
			if a.mode != d.mode || (a.writes && readOnly) || len(km.keys(a.name)) == 0 {
				continue
			}
			out = append(out, helpEntry{d.title, km.bind[a.name].Help().Key, a.help})
		}
	}
	return out
}
