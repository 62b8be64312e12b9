package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// confirmDialog is the last step before a change is sent: what will
// change, the options the platform supports (notify the customer, a note,
// a tracking number), and No / Yes with No as the default. Enter never
// confirms unless Yes has been chosen on purpose.
type confirmDialog struct {
	store    int
	targets  []orderKey
	to       backend.Status
	retry    *task // set when confirming a retry of a bulk task's failures
	notify   bool
	note     lineInput
	tracking lineInput
	fields   []confirmField
	focus    int
}

type confirmField int

const (
	fieldNotify confirmField = iota
	fieldNote
	fieldTracking
	fieldNo
	fieldYes
)

func newConfirm(s *store, targets []orderKey, to backend.Status) confirmDialog {
	c := confirmDialog{store: s.idx, targets: targets, to: to, note: newLineInput(500), tracking: newLineInput(80)}
	if s.caps.Notify {
		c.fields = append(c.fields, fieldNotify)
	}
	if s.caps.Notes {
		c.fields = append(c.fields, fieldNote)
	}
	if s.caps.Tracking && to.Kind == backend.KindShipped {
		c.fields = append(c.fields, fieldTracking)
	}
	c.fields = append(c.fields, fieldNo, fieldYes)
	return c
}

func newRetryConfirm(t *task) confirmDialog {
	c := confirmDialog{store: t.store, to: t.to, retry: t, notify: t.notify}
	c.note.set(t.note)
	c.tracking.set(t.tracking)
	c.fields = []confirmField{fieldNo, fieldYes}
	return c
}

func (c *confirmDialog) focused() confirmField { return c.fields[c.focus] }

func (c *confirmDialog) move(d int) {
	c.focus = (c.focus + d + len(c.fields)) % len(c.fields)
}

func (c *confirmDialog) paste(s string) {
	switch c.focused() {
	case fieldNote:
		c.note.insert(s)
	case fieldTracking:
		c.tracking.insert(s)
	}
}

func (c *confirmDialog) key(m *Model, k tea.KeyPressMsg) tea.Cmd {
	f := c.focused()
	switch k.String() {
	case "esc":
		return c.cancel(m)
	case "tab", "down":
		c.move(1)
		return nil
	case "shift+tab", "up":
		c.move(-1)
		return nil
	case "enter":
		switch f {
		case fieldYes:
			return c.accept(m)
		case fieldNo:
			return c.cancel(m)
		case fieldNotify:
			c.notify = !c.notify
		default:
			c.move(1)
		}
		return nil
	}
	switch f {
	case fieldNote:
		c.note.key(k)
		return nil
	case fieldTracking:
		c.tracking.key(k)
		return nil
	}
	switch k.String() {
	case "space", "x":
		if f == fieldNotify {
			c.notify = !c.notify
		}
	case "left", "right", "h", "l":
		if f == fieldNo || f == fieldYes {
			c.setFocus(map[confirmField]confirmField{fieldNo: fieldYes, fieldYes: fieldNo}[f])
		}
	case "y", "Y":
		return c.accept(m)
	case "n", "N":
		return c.cancel(m)
	}
	return nil
}

func (c *confirmDialog) setFocus(f confirmField) {
	for i, x := range c.fields {
		if x == f {
			c.focus = i
		}
	}
}

func (c *confirmDialog) cancel(m *Model) tea.Cmd {
	if c.retry != nil {
		m.report = c.retry
		m.overlay = overlayReport
		return nil
	}
	m.overlay = overlayNone
	return m.flash("no change sent", true)
}

func (c *confirmDialog) accept(m *Model) tea.Cmd {
	m.overlay = overlayNone
	s := m.stores[c.store]
	if why := m.writesOff(s); why != "" {
		return m.flash("no change sent: "+why, false)
	}
	if c.retry != nil {
		return m.retryFailed(c.retry)
	}
	bulk := len(c.targets) > 1
	if bulk {
		// Marks have done their job; the report lists the orders.
		t := m.tab()
		t.marks = map[orderKey]bool{}
		t.markStore = -1
	}
	return m.startTask(s, c.targets, c.to, c.notify, c.note.value(), c.tracking.value(), bulk, taskOptions{})
}

// view draws the dialog's lines (inside the box) for a box w cells wide.
func (c *confirmDialog) view(m *Model, w int) (title string, lines []string) {
	st := m.st
	s := m.stores[c.store]
	to := backend.CleanLine(c.to.Label())
	if c.retry != nil {
		_, failed, _, _ := c.retry.counts()
		title = "Retry failed changes?"
		lines = append(lines, clip(fmt.Sprintf("Send %s to %s again for %s on %s.", "the change", to, plural(failed, "order", "orders"), s.name), w))
		lines = append(lines, st.Muted.Render(clip("Orders whose outcome is unknown are checked first.", w)))
	} else {
		title = "Change status?"
		if len(c.targets) == 1 {
			r := m.orders[c.targets[0]]
			from := ""
			var kind backend.StatusKind
			if r != nil {
				from, kind = r.disp.status, r.disp.kind
				lines = append(lines, st.Bold.Render(clip("Order #"+r.disp.number, w/2))+st.Muted.Render(clip(" · "+s.name, w-w/2)))
			}
			lines = append(lines, st.KindStyle(string(kind), false).Render(kindGlyph(kind)+" "+from)+
				st.Muted.Render("  →  ")+st.KindStyle(string(c.to.Kind), false).Render(kindGlyph(c.to.Kind)+" "+to))
		} else {
			lines = append(lines, st.Bold.Render(clip(fmt.Sprintf("%d orders on %s", len(c.targets), s.name), w)))
			lines = append(lines, st.Muted.Render("all  →  ")+st.KindStyle(string(c.to.Kind), false).Render(kindGlyph(c.to.Kind)+" "+to))
		}
	}
	lines = append(lines, "")
	for i, f := range c.fields {
		focus := i == c.focus
		marker := "  "
		if focus {
			marker = st.Accent.Render("› ")
		}
		switch f {
		case fieldNotify:
			box := "[ ]"
			if c.notify {
				box = "[x]"
			}
			lines = append(lines, marker+st.Value.Render(box+" notify the customer"))
		case fieldNote:
			lines = append(lines, marker+st.Label.Render(fit("Note", 10))+c.note.view(st, max(w-12, 4), focus))
		case fieldTracking:
			lines = append(lines, marker+st.Label.Render(fit("Tracking", 10))+c.tracking.view(st, max(w-12, 4), focus))
		}
	}
	if c.retry == nil && len(c.fields) == 2 {
		lines = append(lines, st.Faint.Render(clip("This store takes no note or notification with a change.", w)))
	}
	lines = append(lines, "")
	// The focused button is marked by brackets as well as by colour.
	no, yes := st.Button.Render("  No  "), st.Button.Render("  Yes, send it  ")
	if c.focused() == fieldNo {
		no = st.ButtonFocused.Render("[ No ]")
	}
	if c.focused() == fieldYes {
		yes = st.ButtonFocused.Render("[ Yes, send it ]")
	}
	lines = append(lines, no+" "+yes)
	lines = append(lines, "", st.Faint.Render(clip("tab next · enter choose · y yes · esc cancel", w)))
	return title, lines
}
