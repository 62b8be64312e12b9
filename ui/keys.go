package ui

import (
	"fmt"
	"sort"
	"strings"
)

// action names one thing an operator can do, in the order table or in a
// dialog. The names are the keys of the config file's [keys] table; every
// key of the dashboard is one of them, so every key can be rebound.
type action string

// The order table's actions.
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
	actSort       action = "sort"
	actSortRev    action = "sort_reverse"
	actBack       action = "back"
	actRefresh    action = "refresh"
	actRefreshAll action = "refresh_all"
	actCopy       action = "copy"
	actHelp       action = "help"
	actQuit       action = "quit"
	actReport     action = "report"
	actJournal    action = "journal"
	actGoto       action = "goto"
	actScan       action = "scan"
	actCopyMenu   action = "copy_menu"
)

// The dialogs' actions.
const (
	actFilterKeep       action = "filter_keep"
	actFilterClear      action = "filter_clear"
	actFilterDown       action = "filter_down"
	actFilterUp         action = "filter_up"
	actFilterScrollDown action = "filter_scroll_down"
	actFilterScrollUp   action = "filter_scroll_up"

	actPickerDown   action = "picker_down"
	actPickerUp     action = "picker_up"
	actPickerChoose action = "picker_choose"
	actPickerCancel action = "picker_cancel"
	actPickerToggle action = "picker_toggle"

	actConfirmNext   action = "confirm_next"
	actConfirmPrev   action = "confirm_prev"
	actConfirmChoose action = "confirm_choose"
	actConfirmCancel action = "confirm_cancel"
	actConfirmYes    action = "confirm_yes"
	actConfirmNo     action = "confirm_no"
	actConfirmToggle action = "confirm_toggle"
	actConfirmSwitch action = "confirm_switch"
	// The list of orders a bulk change's confirm step shows.
	actConfirmScrollDown action = "confirm_scroll_down"
	actConfirmScrollUp   action = "confirm_scroll_up"

	actReportClose action = "report_close"
	actReportRetry action = "report_retry"
	actReportDown  action = "report_down"
	actReportUp    action = "report_up"

	actHelpDown action = "help_down"
	actHelpUp   action = "help_up"

	actJournalSteps  action = "journal_steps"
	actJournalResend action = "journal_resend"
	actJournalDrop   action = "journal_drop"
	actJournalCheck  action = "journal_check"
	actJournalClose  action = "journal_close"

	actGotoOpen   action = "goto_open"
	actGotoCancel action = "goto_cancel"
	actGotoScan   action = "goto_scan"
)

// tabAction is the action that jumps to tab n (1-based).
func tabAction(n int) action { return action(fmt.Sprintf("tab_%d", n)) }

// mode is where a key press goes: the order table or one kind of dialog.
// A key may mean different things in different modes, never two things in
// one.
type mode string

const (
	modeTable   mode = "table"
	modeFilter  mode = "filter"
	modePicker  mode = "picker"
	modeConfirm mode = "confirm"
	modeReport  mode = "report"
	modeHelp    mode = "help"
	modeJournal mode = "journal"
	modeGoto    mode = "goto"
)

// dialogModes are the dialogs' modes with the title help gives their keys,
// in the order help lists them.
var dialogModes = []struct {
	mode  mode
	title string
}{
	{modeFilter, "Filter prompt"},
	{modeGoto, "Go to / scan prompt"},
	{modePicker, "Status picker"},
	{modeConfirm, "Confirm step"},
	{modeReport, "Bulk report"},
	{modeJournal, "Journal"},
	{modeHelp, "Help"},
}

func modeTitle(md mode) string {
	for _, d := range dialogModes {
		if d.mode == md {
			return d.title
		}
	}
	return "order table"
}

// shared are the table's actions a dialog answers as well: the journal is
// moved through, closed and left for help with the table's own keys.
var shared = map[mode][]action{
	modeJournal: {actDown, actUp, actFirst, actLast, actScrollDown, actScrollUp, actJournal, actBack, actHelp},
}

// actionInfo describes an action for the keymap and the help screen.
type actionInfo struct {
	name   action
	mode   mode
	group  string // the help group of a table action
	help   string
	keys   []string // the defaults (DESIGN.md "Default keys")
	writes bool     // hidden in read-only mode
	// typing: the action works while a text field has focus, so a key that
	// types a character would never reach the field; the keymap refuses one.
	typing bool
}

// actions is every action with its default keys, in the order help lists
// them.
var actions = func() []actionInfo {
	table := func(name action, group, help string, writes bool, keys ...string) actionInfo {
		return actionInfo{name: name, mode: modeTable, group: group, help: help, keys: keys, writes: writes}
	}
	a := []actionInfo{
		table(actDown, "Move", "down", false, "j", "down"),
		table(actUp, "Move", "up", false, "k", "up"),
		table(actFirst, "Move", "first row", false, "g", "home"),
		table(actLast, "Move", "last loaded row", false, "G", "end"),
		table(actScrollDown, "Move", "scroll down a screen", false, "pgdown", "ctrl+d"),
		table(actScrollUp, "Move", "scroll up a screen", false, "pgup", "ctrl+u"),
		table(actNextPage, "Move", "next page", false, "n", "right"),
		table(actPrevPage, "Move", "previous page", false, "p", "left"),
		table(actNextTab, "Tabs", "next tab", false, "tab"),
		table(actPrevTab, "Tabs", "previous tab", false, "shift+tab"),
	}
	for i := 1; i <= 9; i++ {
		a = append(a, table(tabAction(i), "Tabs", fmt.Sprintf("tab %d", i), false, fmt.Sprint(i)))
	}
	a = append(a,
		table(actDetail, "Orders", "open / close the detail pane", false, "enter"),
		table(actDetailDown, "Orders", "scroll the detail pane down", false, "J"),
		table(actDetailUp, "Orders", "scroll the detail pane up", false, "K"),
		table(actPreview, "Orders", "detail pane right / bottom", false, "P"),
		table(actCopy, "Orders", "copy the order number", false, "y"),
		table(actCopyMenu, "Orders", "copy id, number, tracking, e-mail, address…", false, "Y"),
		table(actOpenAdmin, "Orders", "open in the store's admin", false, "w"),
		table(actGoto, "Orders", "go to an order: id, number, ref or barcode", false, ":"),
		table(actScan, "Orders", "scan mode: each scan opens its status change", true, "ctrl+s"),
		table(actStatus, "Orders", "change status", true, "s"),
		table(actMark, "Orders", "mark / unmark the row and move down (bulk change; any stores)", true, "space"),
		table(actMarkAll, "Orders", "mark every row of the view", true, "a"),
		table(actReport, "Orders", "show the last bulk report", false, "b"),
		table(actJournal, "Orders", "change journal: resend, drop", false, "L"),
		table(actFilter, "View", "filter by text", false, "/"),
		table(actStatusFilt, "View", "filter by status", false, "f"),
		table(actSort, "View", "sort by the next column", false, "o"),
		table(actSortRev, "View", "reverse the sort", false, "O"),
		table(actBack, "View", "back, clear marks and filter", false, "esc"),
		table(actRefresh, "View", "sync this tab's stores now", false, "r"),
		table(actRefreshAll, "View", "sync every store now", false, "R"),
		table(actHelp, "View", "help", false, "?"),
		table(actQuit, "View", "quit", false, "q", "ctrl+c"),
	)
	// typed: works while the operator types into the dialog's field.
	typed := func(md mode, name action, help string, keys ...string) actionInfo {
		return actionInfo{name: name, mode: md, help: help, keys: keys, typing: true}
	}
	dlg := func(md mode, name action, help string, keys ...string) actionInfo {
		return actionInfo{name: name, mode: md, help: help, keys: keys}
	}
	a = append(a,
		typed(modeFilter, actFilterKeep, "keep the filter", "enter"),
		typed(modeFilter, actFilterClear, "clear the filter", "esc"),
		typed(modeFilter, actFilterDown, "move down the matches", "down"),
		typed(modeFilter, actFilterUp, "move up the matches", "up"),
		typed(modeFilter, actFilterScrollDown, "scroll the matches down", "pgdown"),
		typed(modeFilter, actFilterScrollUp, "scroll the matches up", "pgup"),

		typed(modeGoto, actGotoOpen, "look it up (in scan mode: the next order)", "enter"),
		typed(modeGoto, actGotoCancel, "close", "esc"),
		typed(modeGoto, actGotoScan, "scan mode: choose the status first", "ctrl+s"),

		typed(modePicker, actPickerDown, "next status", "down", "ctrl+n", "tab"),
		typed(modePicker, actPickerUp, "previous status", "up", "ctrl+p", "shift+tab"),
		typed(modePicker, actPickerChoose, "choose", "enter"),
		typed(modePicker, actPickerCancel, "cancel", "esc"),
		// Not typed: the f picker takes its key from the search field
		// (space marks there); the s picker lets it type.
		dlg(modePicker, actPickerToggle, "mark a status (f: several)", "space"),

		typed(modeConfirm, actConfirmNext, "next", "tab", "down"),
		typed(modeConfirm, actConfirmPrev, "previous", "shift+tab", "up"),
		typed(modeConfirm, actConfirmChoose, "choose (No is the default)", "enter"),
		typed(modeConfirm, actConfirmCancel, "cancel", "esc"),
		dlg(modeConfirm, actConfirmYes, "yes", "y", "Y"),
		dlg(modeConfirm, actConfirmNo, "no", "n", "N", "q"),
		dlg(modeConfirm, actConfirmToggle, "tick / untick", "space", "x"),
		dlg(modeConfirm, actConfirmSwitch, "No ↔ Yes", "left", "right", "h", "l"),
		typed(modeConfirm, actConfirmScrollDown, "scroll the orders of a bulk change down", "pgdown"),
		typed(modeConfirm, actConfirmScrollUp, "scroll the orders of a bulk change up", "pgup"),

		dlg(modeReport, actReportClose, "close", "esc", "enter", "q"),
		dlg(modeReport, actReportRetry, "retry the failed", "r"),
		dlg(modeReport, actReportDown, "scroll down", "j", "down"),
		dlg(modeReport, actReportUp, "scroll up", "k", "up"),

		dlg(modeJournal, actJournalSteps, "steps of the change", "enter"),
		dlg(modeJournal, actJournalResend, "resend (asks first)", "r"),
		dlg(modeJournal, actJournalDrop, "drop (asks first)", "d"),
		dlg(modeJournal, actJournalCheck, "check now", "c"),
		dlg(modeJournal, actJournalClose, "close", "q"),

		dlg(modeHelp, actHelpDown, "scroll down", "j", "down"),
		dlg(modeHelp, actHelpUp, "scroll up", "k", "up"),
	)
	for i := range a {
		if a[i].name == actJournalResend || a[i].name == actJournalDrop {
			a[i].writes = true
		}
	}
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

func actionNames() []string {
	names := make([]string, len(actions))
	for i, a := range actions {
		names[i] = string(a.name)
	}
	return names
}

// KeyBindings is the [keys] table of the config file: action -> keys. A
// value may be one key or a list; an empty list unbinds the action.
//
//	[keys]
//	down = ["j", "down"]
//	status = "S"
//	confirm_yes = ["y", "enter"]
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
// (naming the nearest valid one), a key name that is not a key, a key that
// ends up bound to two actions of one mode once the table is applied to
// the default keys (naming both), a reserved key, or a key that would be
// typed into a field rather than act.
func (k KeyBindings) Validate() error {
	_, err := newKeymap(k)
	return err
}

// reservedQuit always quits, whatever the config says and whatever is
// open, so an operator can never be trapped.
const reservedQuit = "ctrl+c"

// effectiveKeys applies the config's table to the default keys, checking
// each key on its own.
func effectiveKeys(overrides KeyBindings) (map[action][]string, error) {
	keys := make(map[action][]string, len(actions))
	for _, a := range actions {
		keys[a.name] = a.keys
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
		var ks []string
		for _, raw := range overrides[n] {
			key, err := normalizeKey(raw)
			if err != nil {
				return nil, fmt.Errorf("keys.%s: %w", n, err)
			}
			if key == reservedQuit && a.name != actQuit {
				return nil, fmt.Errorf("keys.%s: %q is reserved: it always quits", n, reservedQuit)
			}
			if a.typing && printable(key) {
				return nil, fmt.Errorf("keys.%s: %q would be typed into the %s's field; bind a named key (enter, down, f2) or one with ctrl or alt", n, raw, strings.ToLower(modeTitle(a.mode)))
			}
			if !seen[key] {
				seen[key] = true
				ks = append(ks, key)
			}
		}
		keys[a.name] = ks
	}
	return keys, nil
}

// actionTyping reports whether a works while a text field has focus.
func actionTyping(a action) bool {
	info, ok := lookupAction(string(a))
	return ok && info.typing
}
