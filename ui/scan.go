package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// Scan mode: the operator chooses a target status once (a status of the
// tab's store, or a kind on All stores), then each order scanned into the
// prompt opens its confirm step with that status chosen and the tracking
// field focused. The confirm step is the one every change passes through:
// Enter never sends (a scanner ends each barcode with one), y does. When
// it closes, sent or not, the prompt below it takes the next scan. Scan
// mode always asks, whatever [ui] confirm says: a scanner must not send.

// scanTarget is the status scan mode moves orders to.
type scanTarget struct {
	label string
	// kind: each order's store's first status of this kind (All stores).
	kind backend.StatusKind
	// store and status: that store's status; another store's order moves
	// to its own status of the same code.
	store  int
	status backend.Status
}

type (
	// scanAsked opens the choice of the status to scan orders to.
	scanAsked struct{}
	// scanTargetChosen starts scanning to a status.
	scanTargetChosen struct{ target scanTarget }
)

// resolve is the status of store s a scanned order of it moves to, or
// why there is none.
func (t scanTarget) resolve(s *store) (backend.Status, string) {
	if s.statuses == nil {
		return backend.Status{}, "its statuses are not loaded yet; scan it again in a moment"
	}
	if t.kind == "" && t.store == s.idx {
		return t.status, ""
	}
	for _, st := range s.statuses {
		if (t.kind != "" && st.Kind == t.kind) || (t.kind == "" && st.Code == t.status.Code) {
			return st, ""
		}
	}
	if t.kind != "" {
		return backend.Status{}, s.name + " has no status of kind " + kindTitle(t.kind)
	}
	return backend.Status{}, fmt.Sprintf("%s does not take the status %q", s.name, t.label)
}

// openScan opens the prompt in scan mode: the status first (S).
func (m *Model) openScan() tea.Cmd {
	if m.opts.ReadOnly {
		return m.flash(readOnlyText("scan mode changes statuses, and status changes are off"), false)
	}
	if _, ok := findDialog[*gotoPrompt](m.dialogs); !ok {
		m.open(newGotoPrompt())
	}
	return m.openScanTargets()
}

// openScanTargets lists the statuses to scan to: the tab's store's (the
// first store's as well on All stores would mislead: their codes differ),
// else the kinds.
func (m *Model) openScanTargets() tea.Cmd {
	if m.opts.ReadOnly {
		return m.flash(readOnlyText("scan mode changes statuses, and status changes are off"), false)
	}
	var items []chooseItem
	var cmds []tea.Cmd
	if s := m.tabStore(); s != nil {
		if s.statuses == nil {
			cmds = append(cmds, m.loadStatuses(s))
		}
		for _, st := range s.statuses {
			label := backend.CleanLine(st.Label())
			items = append(items, chooseItem{cols: []string{kindGlyph(st.Kind) + " " + label, s.name},
				pick: scanTargetChosen{scanTarget{label: label, store: s.idx, status: st}}})
		}
	}
	for _, k := range backend.Kinds {
		items = append(items, chooseItem{cols: []string{kindGlyph(k) + " " + kindTitle(k), "each store's first status of this kind"},
			pick: scanTargetChosen{scanTarget{label: kindTitle(k), kind: k, store: -1}}})
	}
	m.open(newChooser("Scan orders to which status?", "Each order scanned then opens this change; y sends it, Enter never does.", items))
	return tea.Batch(cmds...)
}

// startScanning puts the prompt in scan mode.
func (m *Model) startScanning(t scanTarget) tea.Cmd {
	p, ok := findDialog[*gotoPrompt](m.dialogs)
	if !ok {
		p = newGotoPrompt()
		m.open(p)
	}
	p.scan = &t
	var cmds []tea.Cmd
	for _, s := range m.stores {
		if s.statuses == nil {
			cmds = append(cmds, m.loadStatuses(s))
		}
	}
	cmds = append(cmds, m.flash("scan mode: each order scanned opens its change to "+t.label+"; "+m.keys.first(actConfirmYes)+" sends", true))
	return tea.Batch(cmds...)
}

// scanFound opens a scanned order's change to the scan's status, and
// types the keys held during the lookup into its tracking field (took:
// they were used). It says in one line why it cannot.
func (m *Model) scanFound(p *gotoPrompt, o backend.Order, queued []tea.Msg) (cmd tea.Cmd, took bool) {
	si, ok := m.storeIdx[o.Store]
	if !ok || p.scan == nil {
		return nil, false
	}
	k := orderKey{store: si, id: o.ID}
	r := m.orders[k]
	if r == nil {
		return nil, false
	}
	s := m.stores[si]
	name := "#" + r.disp.number + " on " + s.name
	if why := m.writesOff(s); why != "" {
		return m.flash("✗ "+name+": "+why, false), false
	}
	if r.pending != nil {
		return m.flash("✗ "+name+": a change of it is being sent", false), false
	}
	to, why := p.scan.resolve(s)
	if why != "" {
		if s.statuses == nil {
			return tea.Batch(m.loadStatuses(s), m.flash("✗ "+name+": "+why, false)), false
		}
		return m.flash("✗ "+name+": "+why, false), false
	}
	if r.o.Status.Code == to.Code {
		return m.flash("✗ "+name+" is "+backend.CleanLine(to.Label())+" already", false), false
	}
	if why := s.b.CanSet(r.full(), to); why != "" {
		return m.flash("✗ "+name+": "+backend.CleanLine(why), false), false
	}
	c := m.changeConfirm(statusChosen{store: si, targets: []orderKey{k}, to: to})
	c.title = "Scanned: change status?"
	c.setFocus(fieldNo)
	c.setFocus(fieldTracking) // where the store takes one
	m.open(c)
	// Keys typed during the lookup go to the tracking field, and only
	// while it has focus: once an Enter leaves it, what follows is
	// dropped, so that no held key can ever answer Yes or No.
	if c.focused() != fieldTracking {
		return nil, false
	}
	var cmds []tea.Cmd
	n := 0
	for _, q := range queued {
		if m.dialogs.top() != c || c.focused() != fieldTracking {
			break
		}
		cmds = append(cmds, m.dialogMsg(q))
		n++
	}
	if rest := len(queued) - n; rest > 0 {
		cmds = append(cmds, m.flash(fmt.Sprintf("%s typed after the tracking number dropped", plural(rest, "key", "keys")), false))
	}
	return tea.Batch(cmds...), true
}
