package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// actOpenAdmin opens the selected order in its store's own admin
// ([[stores]] admin_url), in the browser.
const actOpenAdmin action = "open_admin"

// adminOpenedMsg is the opener's answer for one link.
type adminOpenedMsg struct {
	link string
	err  error
}

// openAdmin builds the selected order's admin link and opens it in a
// command: starting a browser is I/O, never done in Update.
func (m *Model) openAdmin() tea.Cmd {
	r := m.tab().selected()
	if r == nil {
		return m.flash("no order selected", false)
	}
	store := m.stores[r.key.store].name
	tmpl := m.opts.AdminURLs[store]
	if tmpl == "" {
		return m.flash(store+" has no admin_url: set one in its [[stores]] entry", false)
	}
	link := backend.AdminLink(tmpl, r.full())
	open := m.opts.OpenURL
	if open == nil {
		m.addError("open in a browser: " + link)
		return nil
	}
	ctx := m.ctx
	return func() tea.Msg { return adminOpenedMsg{link: link, err: open(ctx, link)} }
}

// onAdminOpened says where the order went. When no browser could be
// opened (SSH, no display) the link is copied to the clipboard (OSC 52,
// which reaches the operator's own terminal over SSH) and leads the
// error line.
func (m *Model) onAdminOpened(msg adminOpenedMsg) tea.Cmd {
	if msg.err != nil {
		// The link first: a narrow status bar cuts the reason, not it.
		m.addError("open " + msg.link + " (copied; no browser: " + backend.CleanLine(msg.err.Error()) + ")")
		return tea.SetClipboard(msg.link)
	}
	return m.flash("opened in the browser: "+clip(msg.link, 60), true)
}
