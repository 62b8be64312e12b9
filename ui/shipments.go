package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// Shipments in the detail pane. A platform that keeps tracking numbers in
// shipments of their own (backend.ShipmentLister: CS-Cart) is asked for
// the order's shipments whenever its detail is read, in a command; the
// pane lists carrier, tracking number and date under "Shipments".

// shipmentsState is the detail pane's order's shipments.
type shipmentsState struct {
	key     orderKey
	req     int64
	loading bool
	list    []backend.Shipment
	err     error
}

// shipmentsMsg answers a read of an order's shipments.
type shipmentsMsg struct {
	key  orderKey
	req  int64
	list []backend.Shipment
	err  error
}

// loadShipments asks the detail's store for the order's shipments, when
// it keeps them apart from the order.
func (m *Model) loadShipments() tea.Cmd {
	r := m.orders[m.detail.key]
	if r == nil {
		return nil
	}
	s := m.stores[r.key.store]
	lister := backend.ShipmentListerOf(s.b)
	if lister == nil {
		m.shipments = shipmentsState{}
		return nil
	}
	if m.shipments.key != r.key {
		m.shipments = shipmentsState{key: r.key}
	}
	if s.offline {
		return nil
	}
	m.shipments.req, m.shipments.loading = m.nextID(), true
	msg := shipmentsMsg{key: r.key, req: m.shipments.req}
	ctx, id := m.ctx, r.o.ID
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, backend.DefaultFindTimeout)
		defer cancel()
		msg.list, msg.err = lister.Shipments(ctx, id)
		return msg
	}
}

func (m *Model) onShipments(msg shipmentsMsg) tea.Cmd {
	if msg.key != m.shipments.key || msg.req != m.shipments.req {
		return nil
	}
	m.shipments.loading = false
	if msg.err != nil {
		m.shipments.err = msg.err // a list read before stays on show
	} else {
		m.shipments.list, m.shipments.err = msg.list, nil
	}
	if r := m.orders[msg.key]; r != nil {
		r.touch() // the pane's lines are cached per order version
	}
	return nil
}

// shipmentLines is the pane's Shipments section; nil for a store that
// keeps none.
func (m *Model) shipmentLines(r *order, w int) []string {
	if m.shipments.key != r.key || backend.ShipmentListerOf(m.stores[r.key.store].b) == nil {
		return nil
	}
	st := m.st
	out := []string{"", st.Section.Render("Shipments")}
	sh := m.shipments
	switch {
	case len(sh.list) == 0 && sh.loading:
		return append(out, st.Faint.Render(glyphPending+" loading…"))
	case len(sh.list) == 0 && sh.err != nil:
		return append(out, wrapStyled(st.Error, glyphFailed+" could not be read: "+errorLine(sh.err), w)...)
	case len(sh.list) == 0:
		return append(out, st.Faint.Render("none"))
	}
	for _, s := range sh.list {
		carrier := backend.CleanLine(s.Carrier)
		if carrier == "" {
			carrier = "—"
		}
		when := ""
		if !s.At.IsZero() {
			when = m.fmtTime(s.At)
		}
		tracking := backend.CleanLine(s.Tracking)
		if tracking == "" {
			tracking = "no tracking number"
		}
		cw := min(width(carrier), 10) + 2
		ww := width(when)
		tw := max(w-cw-ww-1, 8)
		out = append(out, st.Label.Render(fit(carrier, cw))+st.Value.Render(fit(tracking, tw))+" "+st.Muted.Render(when))
	}
	if sh.err != nil {
		out = append(out, st.Faint.Render("(as read before: "+errorLine(sh.err)+")"))
	}
	return out
}
