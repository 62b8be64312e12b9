package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/theme"
)

// Claims: opening the change picker claims its orders for the operator
// (renewed while it, or the change it leads to, is open; let go once
// nothing needs them). An order another operator claims shows "ann is
// changing this" on its row and in the picker; the picker refuses it, or
// takes it over once the operator says so (the default is No). A bulk
// change leaves out the orders others claim and says which.

// Claims is the database's claims as the dashboard uses them
// (storage.Claims: per process on SQLite, shared on PostgreSQL). Every
// method does I/O and is called from a command, never from Update.
type Claims interface {
	Claim(ctx context.Context, orders []backend.OrderRef, opt backend.ClaimOptions) (backend.ClaimResult, error)
	Release(ctx context.Context, orders []backend.OrderRef) error
	Claimed(ctx context.Context, store string) ([]backend.Claim, error)
	// Holder names this process's claims.
	Holder() string
}

// claimRenewEvery renews the claims while they are needed: a third of
// their life, so one late renewal does not lose them.
const claimRenewEvery = backend.DefaultClaimTTL / 3

// claimState is the model's part of the claims.
type claimState struct {
	// others are the claims in force held by other processes.
	others map[orderKey]backend.Claim
	// mine are the orders this dashboard claims now.
	mine     map[orderKey]bool
	req      int64 // the last claim asked for; older answers are dropped
	renewSeq int64
}

type claimsMsg struct {
	claims []backend.Claim
	holder string
	err    error
}

// claimMsg answers a claim: for a picker (req), or a take-over.
type claimMsg struct {
	req      int64
	targets  []orderKey
	res      backend.ClaimResult
	err      error
	takeOver bool
}

type claimRenewMsg struct{ seq int64 }

// takeOverChosen is the operator's Yes to taking orders over.
type takeOverChosen struct{ targets []orderKey }

func (m *Model) refsOf(keys []orderKey) []backend.OrderRef {
	refs := make([]backend.OrderRef, 0, len(keys))
	for _, k := range keys {
		if k.store >= 0 && k.store < len(m.stores) {
			refs = append(refs, backend.OrderRef{Store: m.stores[k.store].b.Name(), ID: k.id})
		}
	}
	return refs
}

// loadClaims reads who claims what, for the rows and the picker.
func (m *Model) loadClaims() tea.Cmd {
	c, ctx := m.opts.Claims, m.ctx
	if c == nil {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, liveTimeout)
		defer cancel()
		cs, err := c.Claimed(ctx, "")
		return claimsMsg{claims: cs, holder: c.Holder(), err: err}
	}
}

func (m *Model) onClaims(msg claimsMsg) {
	if msg.err != nil {
		m.log.Debug("read claims", "err", msg.err)
		return
	}
	others := map[orderKey]backend.Claim{}
	now := m.env.now()
	for _, c := range msg.claims {
		if c.Holder == msg.holder || !c.Until.After(now) {
			continue
		}
		if k, ok := m.keyOf(c.Store, c.ID); ok {
			others[k] = c
		}
	}
	m.setOthers(others)
}

// setOthers replaces the others' claims, redrawing the rows whose note
// changes.
func (m *Model) setOthers(others map[orderKey]backend.Claim) {
	for k := range m.team.claims.others {
		if _, ok := others[k]; !ok {
			m.touchOrder(k)
		}
	}
	for k, c := range others {
		if old, ok := m.team.claims.others[k]; !ok || old.Operator != c.Operator {
			m.touchOrder(k)
		}
	}
	m.team.claims.others = others
}

func (m *Model) touchOrder(k orderKey) {
	if r := m.orders[k]; r != nil {
		r.touch()
	}
}

// glyphClaimed marks an order another operator is changing.
const glyphClaimed = "✎"

// claimedBy is who else is changing an order, "" when nobody.
func (m *Model) claimedBy(k orderKey) string {
	c, ok := m.team.claims.others[k]
	if !ok || !c.Until.After(m.env.now()) {
		return ""
	}
	return cmpOr(c.Operator, "another operator")
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// claimPicker claims the targets of the change picker just opened.
func (m *Model) claimPicker() tea.Cmd {
	p := m.changePicker()
	if p == nil || m.opts.Claims == nil {
		return nil
	}
	if len(p.targets) == 1 {
		if c, ok := m.team.claims.others[p.targets[0]]; ok && c.Until.After(m.env.now()) {
			// Known already: refused without asking the database.
			m.dialogs.pop()
			m.open(m.takeOverConfirm(p.targets, c))
			return nil
		}
	}
	m.team.claims.req = m.nextID()
	return m.claimCmd(m.team.claims.req, p.targets, false)
}

func (m *Model) claimCmd(req int64, targets []orderKey, takeOver bool) tea.Cmd {
	c, ctx, refs := m.opts.Claims, m.ctx, m.refsOf(targets)
	opt := backend.ClaimOptions{Operator: m.opts.Operator, TakeOver: takeOver}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, liveTimeout)
		defer cancel()
		res, err := c.Claim(ctx, refs, opt)
		return claimMsg{req: req, targets: targets, res: res, err: err, takeOver: takeOver}
	}
}

// changePicker is the change picker on top, or nil.
func (m *Model) changePicker() *picker {
	if len(m.dialogs) == 0 {
		return nil
	}
	if p, ok := m.dialogs[len(m.dialogs)-1].(*picker); ok && !p.filterMode {
		return p
	}
	return nil
}

func (m *Model) onClaim(msg claimMsg) tea.Cmd {
	if msg.err != nil {
		// No claim, no harm to the change itself: the journal and the
		// store still guard it. Said once, in the log.
		m.log.Warn("claim orders", "err", msg.err)
		return nil
	}
	if m.team.claims.mine == nil {
		m.team.claims.mine = map[orderKey]bool{}
	}
	for _, c := range msg.res.Claimed {
		if k, ok := m.keyOf(c.Store, c.ID); ok {
			m.team.claims.mine[k] = true
			if _, ok := m.team.claims.others[k]; ok {
				delete(m.team.claims.others, k)
				m.touchOrder(k)
			}
		}
	}
	if m.team.claims.others == nil {
		m.team.claims.others = map[orderKey]backend.Claim{}
	}
	held := map[orderKey]backend.Claim{}
	for _, c := range msg.res.Held {
		if k, ok := m.keyOf(c.Store, c.ID); ok {
			held[k] = c
			m.team.claims.others[k] = c
			m.touchOrder(k)
		}
	}
	cmds := []tea.Cmd{m.scheduleRenew()}
	if msg.takeOver {
		if len(held) == 0 {
			cmds = append(cmds, m.openPicker(), m.flash("✓ taken over", true))
		}
		return tea.Batch(cmds...)
	}
	p := m.changePicker()
	if p == nil || msg.req != m.team.claims.req || len(held) == 0 {
		return tea.Batch(cmds...)
	}
	if len(p.targets) == 1 {
		// The picker refuses an order someone else is changing, or takes
		// it over once the operator says so.
		m.dialogs.pop()
		m.open(m.takeOverConfirm(p.targets, held[p.targets[0]]))
		return tea.Batch(cmds...)
	}
	// A bulk change leaves them out, and says which.
	var keep []orderKey
	var skipped []string
	for _, k := range p.targets {
		if c, ok := held[k]; ok {
			who := cmpOr(c.Operator, "another operator")
			skipped = append(skipped, m.orderLabel(k)+" ("+who+")")
			p.left = append(p.left, leftOut{key: k, why: who + " is changing it"})
			continue
		}
		keep = append(keep, k)
	}
	if len(keep) == 0 {
		m.dialogs.pop()
		return tea.Batch(append(cmds, m.flash("others are changing all of these orders: "+strings.Join(skipped, ", "), false))...)
	}
	p.targets = keep
	if p.store < 0 {
		// Marks across stores: the kinds are offered for the rest.
		p.say = m.skippedSummary(m.storesPickerSummary(keep), skipped)
		if !p.loading {
			m.fillStoresPicker(p)
		}
		m.addError(fmt.Sprintf("left out of the change: %s, which others are changing", strings.Join(skipped, ", ")))
		return tea.Batch(cmds...)
	}
	s := m.stores[p.store]
	p.say = m.skippedSummary(m.pickerSummary(s, keep), skipped)
	if s.statuses != nil {
		m.fillChangePicker(p, s)
	}
	m.addError(fmt.Sprintf("left out of the change on %s: %s, which others are changing", s.name, strings.Join(skipped, ", ")))
	return tea.Batch(cmds...)
}

// leftOut is an order a bulk change leaves out, and why.
type leftOut struct {
	key orderKey
	why string
}

// othersChanging is why a change leaves out an order another operator
// claims, "" when nobody else does (or this dashboard took it over).
func (m *Model) othersChanging(k orderKey) string {
	if m.team.claims.mine[k] {
		return ""
	}
	if who := m.claimedBy(k); who != "" {
		return who + " is changing it"
	}
	return ""
}

// orderLabel is "#number" of an order the dashboard holds, or its id.
func (m *Model) orderLabel(k orderKey) string {
	if r := m.orders[k]; r != nil && r.disp.number != "" {
		return "#" + r.disp.number
	}
	return "#" + k.id
}

// skippedSummary adds the orders left out to a picker's summary.
func (m *Model) skippedSummary(say func(*theme.Styles, int) []string, skipped []string) func(*theme.Styles, int) []string {
	line := fmt.Sprintf("%s left out: others are changing them", plural(len(skipped), "order", "orders"))
	return func(st *theme.Styles, w int) []string {
		return append(say(st, w), st.Warning.Render(clip(line, w)))
	}
}

// takeOverConfirm asks before taking over an order another operator is
// changing; No (the default) leaves it to them.
func (m *Model) takeOverConfirm(targets []orderKey, c backend.Claim) *confirm {
	who, label := cmpOr(c.Operator, "another operator"), m.orderLabel(targets[0])
	until := c.Until.In(m.env.loc).Format("15:04")
	say := func(st *theme.Styles, w int) []string {
		return []string{
			st.Warning.Render(clip(fmt.Sprintf("%s is changing %s (claimed until %s).", who, label, until), w)),
			st.Muted.Render(clip("Taking it over lets you change it; "+who+" is refused from then on.", w)),
		}
	}
	return newConfirm("Take it over?", say, "Yes, take it over",
		func(confirmAnswer) effect { return takeOverChosen{targets: targets} },
		closeDialog{flash: who + " is changing " + label + ": left to them", ok: false})
}

// applyTeam carries out team mode's effects.
func (m *Model) applyTeam(e effect) (tea.Cmd, bool) {
	switch e := e.(type) {
	case takeOverChosen:
		m.dialogs.pop()
		if m.opts.Claims == nil {
			return nil, true
		}
		return m.claimCmd(m.nextID(), e.targets, true), true
	}
	return nil, false
}

func (m *Model) scheduleRenew() tea.Cmd {
	if len(m.team.claims.mine) == 0 {
		return nil
	}
	m.team.claims.renewSeq = m.nextID()
	return m.env.after(claimRenewEvery, claimRenewMsg{seq: m.team.claims.renewSeq})
}

// onClaimRenew renews the claims still needed.
func (m *Model) onClaimRenew(msg claimRenewMsg) tea.Cmd {
	if msg.seq != m.team.claims.renewSeq || len(m.team.claims.mine) == 0 || m.opts.Claims == nil {
		return nil
	}
	return m.claimCmd(0, m.mineKeys(), false)
}

func (m *Model) mineKeys() []orderKey {
	keys := make([]orderKey, 0, len(m.team.claims.mine))
	for k := range m.team.claims.mine {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].store != keys[j].store {
			return keys[i].store < keys[j].store
		}
		return keys[i].id < keys[j].id
	})
	return keys
}

// releaseIdleClaims lets the claims go once no picker or confirmation
// is open and no change is in flight.
func (m *Model) releaseIdleClaims() tea.Cmd {
	if len(m.team.claims.mine) == 0 || m.opts.Claims == nil || m.inflight > 0 {
		return nil
	}
	for _, d := range m.dialogs {
		switch d.(type) {
		case *picker, *confirm:
			return nil
		}
	}
	keys := m.mineKeys()
	m.team.claims.mine = nil
	m.team.claims.renewSeq = 0
	c, ctx, refs := m.opts.Claims, m.ctx, m.refsOf(keys)
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), liveTimeout)
		defer cancel()
		_ = c.Release(ctx, refs) // a claim not released lapses by itself
		return nil
	}
}

// claimCell is the status cell of an order another operator is
// changing: "✎ ann is changing this", or "✎ ann" where that does not fit.
func (m *Model) claimCell(k orderKey, w int) string {
	if s := glyphClaimed + " " + m.claimNote(k); width(s) <= w {
		return s
	}
	return glyphClaimed + " " + m.claimedBy(k)
}

// claimNote is a row's "ann is changing this", "" when nobody else is.
func (m *Model) claimNote(k orderKey) string {
	if who := m.claimedBy(k); who != "" {
		return who + " is changing this"
	}
	return ""
}
