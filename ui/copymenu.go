package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// Copying: y copies what the row shows (the order's number, its id when
// it has none); Y opens a menu of the order's other handles. Both go
// through the terminal's clipboard (OSC 52, tea.SetClipboard). Every
// value is cleaned first: store data must not reach the terminal as
// escape sequences, clipboard or not.

// copyChosen copies text, named what in the status bar.
type copyChosen struct{ what, text string }

func (m *Model) copyID() tea.Cmd {
	r := m.tab().selected()
	if r == nil {
		return nil
	}
	what := "order number"
	if backend.CleanLine(r.o.Number) == "" {
		what = "order id"
	}
	return m.copyText(what, r.disp.number)
}

func (m *Model) copyText(what, text string) tea.Cmd {
	shown := text
	if i := strings.IndexByte(shown, '\n'); i >= 0 {
		shown = shown[:i] + " …"
	}
	return tea.Batch(tea.SetClipboard(text), m.flash("✓ copied "+what+" "+clip(shown, 48), true))
}

// openCopyMenu lists what Y can copy of the selected order: what it does
// not have is listed, greyed, so the menu keeps its shape.
func (m *Model) openCopyMenu() tea.Cmd {
	r := m.tab().selected()
	if r == nil {
		return m.flash("no order selected", false)
	}
	o := r.full()
	addr := strings.Join(addressLines(o.ShipTo), "\n")
	phone := backend.CleanLine(o.Customer.Phone)
	if phone == "" {
		phone = backend.CleanLine(o.ShipTo.Phone)
	}
	vals := []struct{ what, text string }{
		{"number", backend.CleanLine(o.Number)},
		{"id", backend.CleanLine(o.ID)},
		{"platform ref", backend.CleanLine(o.VendorRef)},
		{"tracking", backend.CleanLine(o.Tracking)},
		{"e-mail", backend.CleanLine(o.Customer.Email)},
		{"phone", phone},
		{"ship-to address", addr},
		{"all as text", orderText(m.stores[r.key.store].name, o, addr, phone)},
	}
	items := make([]chooseItem, 0, len(vals))
	for _, v := range vals {
		it := chooseItem{cols: []string{v.what, strings.ReplaceAll(v.text, "\n", ", ")}, pick: copyChosen(v)}
		if v.text == "" {
			it.reason = "none"
			if !o.Detailed && v.what != "number" && v.what != "id" {
				it.reason = "none in the list row; open the detail (enter) to load it"
			}
		}
		items = append(items, it)
	}
	return m.openChooser(newChooser("Copy", "Order #"+r.disp.number+" · "+m.stores[r.key.store].name, items))
}

func (m *Model) openChooser(c *chooser) tea.Cmd {
	m.open(c)
	return nil
}

// orderText is an order as plain text for a message or a ticket.
func orderText(store string, o backend.Order, addr, phone string) string {
	var b strings.Builder
	line := func(label, v string) {
		if v != "" {
			b.WriteString(label + ": " + v + "\n")
		}
	}
	line("Order", "#"+backend.CleanLine(o.Ref()))
	if o.Number != "" && o.Number != o.ID {
		line("Id", backend.CleanLine(o.ID))
	}
	line("Ref", backend.CleanLine(o.VendorRef))
	line("Store", backend.CleanLine(store))
	line("Status", backend.CleanLine(o.Status.Label()))
	line("Customer", backend.CleanLine(o.Customer.Name))
	line("E-mail", backend.CleanLine(o.Customer.Email))
	line("Phone", phone)
	line("Tracking", backend.CleanLine(o.Tracking))
	if addr != "" {
		b.WriteString("Ship to:\n" + addr + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}
