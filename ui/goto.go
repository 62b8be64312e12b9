package ui

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// Going to an order (:): a one-line "order or barcode" prompt in the
// footer. Enter looks the text up as an id, number or platform ref, the
// mirror first and then every store at once (backend.FindAll), in a
// command; one match opens its detail on its tab, several give a chooser,
// none says where it looked. In scan mode (S, or ctrl+s in the prompt)
// the prompt stays open and each match opens its status change instead
// (scan.go).
//
// Keys that arrive while a lookup is in flight (a scanner types the next
// barcode at once) are held by the prompt, never given to whatever is
// under or above it: when the answer opens a scan's confirm step they are
// typed into it (the tracking field), in every other case they are dropped
// and the status bar says so. Esc cancels the lookup.

// maxQueued bounds the keys held during one lookup: two barcodes and
// their Enters fit many times over.
const maxQueued = 512

// gotoPrompt is the go-to / scan prompt.
type gotoPrompt struct {
	input field
	// scan is the status each scan moves its order to; nil for a plain
	// go-to.
	scan *scanTarget
	// req is the lookup in flight (0: none), looking its text.
	req     int64
	looking string
	// queued are the keys that arrived during the lookup, in order.
	queued  []tea.Msg
	dropped int // keys beyond maxQueued
}

func newGotoPrompt() *gotoPrompt { return &gotoPrompt{input: newField(backend.MaxLookup + 8)} }

func (p *gotoPrompt) kind() string             { return "goto" }
func (p *gotoPrompt) place() placement         { return placeFooter }
func (p *gotoPrompt) fit(*dialogCtx, int, int) {}

// busy reports whether a lookup is in flight.
func (p *gotoPrompt) busy() bool { return p.req != 0 }

// takeQueued hands the held keys over and ends the lookup.
func (p *gotoPrompt) takeQueued() ([]tea.Msg, int) {
	q, d := p.queued, p.dropped
	p.req, p.looking, p.queued, p.dropped = 0, "", nil, 0
	return q, d
}

func (p *gotoPrompt) update(msg tea.Msg, c *dialogCtx) effect {
	k, isKey := msg.(tea.KeyPressMsg)
	var a action
	if isKey {
		a, _ = c.keys.lookup(modeGoto, k)
	}
	if p.busy() {
		if a == actGotoCancel {
			return gotoCancelled{}
		}
		if len(p.queued) < maxQueued {
			p.queued = append(p.queued, msg)
		} else {
			p.dropped++
		}
		return nil
	}
	switch a {
	case actGotoOpen:
		text := p.input.value()
		if _, err := backend.ParseLookup(text); err != nil {
			if text == "" {
				return nil // an Enter on its own (a scanner's spare one)
			}
			return flash{text: "✗ " + err.Error()}
		}
		p.input.set("")
		return gotoAsked{text: text}
	case actGotoCancel:
		return closeDialog{}
	case actGotoScan:
		return scanAsked{}
	}
	p.input.update(msg)
	return nil
}

func (p *gotoPrompt) view(c *dialogCtx, w, _ int) dialogView {
	st := c.st
	km := c.keys
	lead := st.Accent.Render(" : ")
	if p.scan != nil {
		lead = st.Accent.Render(" scan → " + clip(p.scan.label, 20) + " : ")
	}
	var hint string
	switch {
	case p.busy():
		hint = st.Faint.Render("  " + hintLine(km.hint("cancel", actGotoCancel)))
	case p.scan != nil:
		hint = st.Faint.Render("  " + hintLine(km.hint("look up", actGotoOpen), km.hint("change status", actGotoScan), km.hint("stop scanning", actGotoCancel)))
	default:
		hint = st.Faint.Render("  " + hintLine(km.hint("go", actGotoOpen), km.hint("scan mode", actGotoScan), km.hint("close", actGotoCancel)))
	}
	if p.busy() {
		text := st.Muted.Render(clip(glyphPending+" looking up "+p.looking+"…", max(w-width(lead)-width(hint), 10)))
		return dialogView{lines: []string{padLine(lead+text+hint, w)}}
	}
	fw := max(w-width(lead)-width(hint), 10)
	text, x := p.input.view(st, fw, true)
	if p.input.value() == "" {
		text = st.Faint.Render(fit("order or barcode", fw))
		x = 0
	}
	return dialogView{lines: []string{padLine(lead+text+hint, w)}, caret: &tea.Position{X: width(lead) + x}}
}

// The prompt's effects.
type (
	// gotoAsked looks text up.
	gotoAsked struct{ text string }
	// gotoCancelled closes the prompt, dropping a lookup in flight.
	gotoCancelled struct{}
	// gotoChosen is the order picked in the chooser of several matches.
	gotoChosen struct{ o backend.Order }
)

// gotoMsg answers a lookup.
type gotoMsg struct {
	req  int64
	text string
	res  backend.FindResult
	err  error // the text is no lookup (backend.ParseLookup's)
	// putErr is why the matches read from a store could not be written
	// to the mirror (the window then cannot anchor on them).
	putErr error
}

// gotoTimeout bounds a lookup in each store: a person at a scanner waits.
const gotoTimeout = 8 * time.Second

// openGoto opens the go-to prompt, or brings an open one back to the top.
func (m *Model) openGoto() tea.Cmd {
	m.open(newGotoPrompt())
	return nil
}

// startLookup asks the mirror and then the stores for text, in a command.
func (m *Model) startLookup(text string) tea.Cmd {
	p, ok := findDialog[*gotoPrompt](m.dialogs)
	if !ok {
		return nil
	}
	p.req, p.looking = m.nextID(), backend.CleanLine(text)
	bs := make([]backend.Backend, len(m.stores))
	for i, s := range m.stores {
		bs[i] = s.b
	}
	m.log.Debug("goto", "text", p.looking, "req", p.req)
	return lookupCmd(m.ctx, m.mirror, bs, text, gotoMsg{req: p.req, text: p.looking})
}

func lookupCmd(ctx context.Context, mr Mirror, stores []backend.Backend, text string, msg gotoMsg) tea.Cmd {
	return func() tea.Msg {
		msg.res, msg.err = backend.FindAll(ctx, stores, text, backend.FindOptions{Timeout: gotoTimeout, Mirror: mr.MirrorFind})
		if msg.err == nil && !msg.res.FromMirror && len(msg.res.Matches) > 0 {
			// The window is read from the mirror: what a store found goes
			// there first, so the table can anchor on it.
			pctx, cancel := context.WithTimeout(ctx, cacheTimeout)
			_, msg.putErr = mr.MirrorPut(pctx, msg.res.Matches)
			cancel()
		}
		return msg
	}
}

// onGoto acts on a lookup's answer, if the prompt still waits for it.
func (m *Model) onGoto(msg gotoMsg) tea.Cmd {
	p, ok := findDialog[*gotoPrompt](m.dialogs)
	if !ok || p.req != msg.req {
		return nil // cancelled, or the prompt was closed
	}
	queued, dropped := p.takeQueued()
	if msg.putErr != nil {
		m.onDBErr(dbErrMsg{err: fmt.Errorf("write a found order to the mirror: %w", msg.putErr)})
	}
	var cmds []tea.Cmd
	res := msg.res
	if msg.err == nil && len(res.Matches) == 0 && len(res.Failed) > 0 {
		// Where the mirror and a store could not be asked (in team mode
		// both may be the database that went away), the orders this
		// dashboard holds still answer.
		res.Matches = m.heldMatches(res.Text)
	}
	switch {
	case msg.err != nil:
		cmds = append(cmds, m.flash("✗ "+errorLine(msg.err), false))
	case len(res.Matches) == 0:
		cmds = append(cmds, m.flash("✗ "+errorLine(res.Err()), false))
	case len(res.Matches) == 1:
		if p.scan == nil {
			m.dialogs.remove(p.kind())
		}
		cmds = append(cmds, m.showFound(res.Matches[0]), m.failedNote(res))
		if p.scan != nil {
			cmd, took := m.scanFound(p, res.Matches[0], queued)
			cmds = append(cmds, cmd)
			if took {
				queued = nil
			}
		}
	default:
		if p.scan == nil {
			m.dialogs.remove(p.kind())
		}
		m.open(m.matchChooser(res))
		cmds = append(cmds, m.failedNote(res))
	}
	if n := len(queued) + dropped; n > 0 {
		// Typed while the lookup ran: they were meant for a dialog that did
		// not open (or for the prompt before the answer), so none of them
		// acts on what is on screen now.
		m.log.Info("keys typed during a lookup dropped", "n", n)
		cmds = append(cmds, m.flash(fmt.Sprintf("%s typed during the lookup of %s dropped", plural(n, "key", "keys"), msg.text), false))
	}
	return tea.Batch(cmds...)
}

// heldMatches are the orders this dashboard holds that answer to text
// (as ParseLookup returns it), in the stores' order, each store's by id.
func (m *Model) heldMatches(text string) []backend.Order {
	var keys []orderKey
	for k, r := range m.orders {
		if backend.MatchesLookup(r.o, text) {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b orderKey) int {
		return cmp.Or(cmp.Compare(a.store, b.store), cmp.Compare(a.id, b.id))
	})
	out := make([]backend.Order, len(keys))
	for i, k := range keys {
		out[i] = m.orders[k].o
	}
	return out
}

// failedNote says which stores could not be asked while others answered.
func (m *Model) failedNote(res backend.FindResult) tea.Cmd {
	if len(res.Failed) == 0 {
		return nil
	}
	names := make([]string, len(res.Failed))
	for i, f := range res.Failed {
		names[i] = f.Store
	}
	text := fmt.Sprintf("⚠ %s could not be asked (%s)", joinNames(names), errorLine(res.Failed[0].Err))
	m.log.Info("lookup: stores failed", "stores", names)
	return m.flash(text, false)
}

func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	s := names[0]
	for _, n := range names[1 : len(names)-1] {
		s += ", " + n
	}
	return s + " and " + names[len(names)-1]
}

// showFound puts the found order on screen: on the active tab when it
// shows the order's store unfiltered (All stores does), else on the
// store's own tab (its filters cleared); the tab's window anchored on
// the order, its detail open.
func (m *Model) showFound(o backend.Order) tea.Cmd {
	rows := m.ingest([]backend.Order{o})
	if len(rows) == 0 {
		return m.flash("✗ order "+backend.CleanLine(o.Ref())+" is of a store not shown ("+backend.CleanLine(o.Store)+")", false)
	}
	r := rows[0]
	si := r.key.store
	ti := m.active
	if t := m.tab(); !t.shows(si) || t.filtered() {
		ti = m.storeTab(si)
	}
	if ti < 0 {
		return nil
	}
	m.active = ti
	t := m.tabs[ti]
	var cmds []tea.Cmd
	if t.filtered() {
		t.filter, t.status = "", nil
		cmds = append(cmds, m.flash("filter cleared to show order "+r.disp.number, true))
	}
	// A new read of the view, anchored on the order: replies for the
	// view before it are dropped.
	t.gen++
	t.reads, t.counts = reader{}, reader{}
	t.moved, t.pendingMove = true, 0
	if i := indexOf(t.rows, r.key); i >= 0 {
		// Held already: the cursor is on it at once, whether or not the
		// mirror answers the read below.
		t.cursor, t.offset = i, i-m.tableRows()/3
	}
	cmds = append(cmds, m.readWindowAt(t, r), m.readCount(t))
	m.detail.open = true
	m.detail.key = r.key
	m.detail.top()
	m.detail.err = ""
	m.detail.loading, m.detail.req = false, 0
	cmds = append(cmds, m.loadDetail(false))
	return tea.Batch(cmds...)
}

// storeTab is the index of store si's own tab, -1 when it has none.
func (m *Model) storeTab(si int) int {
	for i, t := range m.tabs {
		if !t.all && t.store == si {
			return i
		}
	}
	return -1
}

// readWindowAt reads t's window around order r and puts the cursor on
// it (atOrder).
func (m *Model) readWindowAt(t *tab, r *order) tea.Cmd {
	t.reads.req, t.reads.again = m.nextID(), false
	margin := m.windowMargin()
	w := backend.Window{View: m.viewOf(t)}
	w.Anchor = w.View.Key(r.o)
	w.Before, w.After = margin, margin+1
	msg := windowMsg{tab: m.tabIndex(t), gen: t.gen, req: t.reads.req, mode: atOrder, anchor: r.key}
	return windowCmd(m.ctx, m.mirror, w, msg)
}

// placeAtOrder puts the cursor of a window read atOrder on its order (on
// the row where it would be when the view no longer holds it), a third
// of the way down the screen.
func (m *Model) placeAtOrder(t *tab, msg windowMsg) {
	i := indexOf(t.rows, msg.anchor)
	if i < 0 {
		i = min(msg.rows.Anchor, len(t.rows)-1)
	}
	t.cursor = max(i, 0)
	t.base = -1
	switch {
	case t.first:
		t.base = 0
	case t.last && t.exactCount():
		t.base = max(t.count-len(t.rows), 0)
	}
	t.offset = t.cursor - m.tableRows()/3
}

// matchChooser lists several matches: store, number, customer, status.
func (m *Model) matchChooser(res backend.FindResult) *chooser {
	items := make([]chooseItem, 0, len(res.Matches))
	for _, o := range res.Matches {
		d := newDisplay(o)
		items = append(items, chooseItem{
			cols: []string{backend.CleanLine(o.Store), "#" + d.number, d.customer, kindGlyph(d.kind) + " " + d.status},
			pick: gotoChosen{o: o},
		})
	}
	say := fmt.Sprintf("%d orders answer to %q:", len(res.Matches), res.Text)
	return newChooser("Which order?", say, items)
}

// onGotoChosen shows the order picked among several; in scan mode its
// status change opens.
func (m *Model) onGotoChosen(e gotoChosen) tea.Cmd {
	cmd := m.showFound(e.o)
	if p, ok := findDialog[*gotoPrompt](m.dialogs); ok && p.scan != nil {
		c, _ := m.scanFound(p, e.o, nil)
		return tea.Batch(cmd, c)
	}
	return cmd
}
