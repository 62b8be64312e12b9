package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// Team mode, live: with a shared database (PostgreSQL) every orderdash is
// told what the others do (backend.Notice), and the dashboard re-reads
// what a notice touches: the order's row (its new status in the mirror
// the tables read: PostgreSQL's has it from the confirming transaction,
// a mirror of this machine's alone is written here), the open detail's
// timeline, the journal view, the open tab's window when another
// orderdash's sync wrote a page of its stores. Nothing polls: the notices
// arrive on a connection of their own.

// Live is the shared database as the live dashboard uses it
// (pgstore.Store implements it). Every method but Sender does I/O and is
// called from a command, never from Update.
type Live interface {
	// Subscribe delivers notices until ctx ends, then closes; after a
	// lost connection it reconnects by itself and sends NoticeResync.
	// This process's own notices come too.
	Subscribe(ctx context.Context) (<-chan backend.Notice, error)
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	// Sender is the id this process's notices carry (Notice.From); no
	// I/O.
	Sender() string
}

const (
	// liveBatch caps the notices one message carries: a burst (a bulk
	// change by another operator) costs one re-read, not one each.
	liveBatch = 256
	// liveOrders caps the orders one burst re-reads one by one; past it
	// the store's mirror is brought up to date by a sync pass instead.
	liveOrders = 64
	// liveRetry is how long after a failed subscription it is tried
	// again (the database being offline is said meanwhile).
	liveRetry   = 5 * time.Second
	liveTimeout = 5 * time.Second
)

// liveState is the subscription's part of the model.
type liveState struct {
	gen int64 // the subscription's generation: a stale one's messages are dropped
	// on: notices are arriving (what happened before is on screen from
	// the reads since).
	on bool
	// self is this process's id in the notices (Live.Sender): its own
	// synced notices are skipped.
	self string
}

type liveSubscribedMsg struct {
	gen int64
	ch  <-chan backend.Notice
	err error
}

type liveRetryMsg struct{ gen int64 }

// noticesMsg is a burst of notices; closed says the subscription ended.
type noticesMsg struct {
	gen    int64
	ch     <-chan backend.Notice
	ns     []backend.Notice
	closed bool
}

// subscribe starts (or starts again) the subscription, in a command.
func (m *Model) subscribe() tea.Cmd {
	live := m.opts.Live
	if live == nil {
		return nil
	}
	m.team.live.gen++
	m.team.live.self = live.Sender()
	gen, ctx := m.team.live.gen, m.ctx
	return func() tea.Msg {
		ch, err := live.Subscribe(ctx)
		return liveSubscribedMsg{gen: gen, ch: ch, err: err}
	}
}

// waitNotices waits for the next notices in a command of its own, so that
// Update never waits; it takes what else is waiting too, up to liveBatch.
func (m *Model) waitNotices(ch <-chan backend.Notice) tea.Cmd {
	gen, ctx := m.team.live.gen, m.ctx
	return func() tea.Msg {
		var first backend.Notice
		var ok bool
		select {
		case first, ok = <-ch:
		case <-ctx.Done():
			return nil
		}
		if !ok {
			return noticesMsg{gen: gen, closed: true}
		}
		ns := []backend.Notice{first}
		for len(ns) < liveBatch {
			select {
			case n, ok := <-ch:
				if !ok {
					return noticesMsg{gen: gen, ch: ch, ns: ns, closed: true}
				}
				ns = append(ns, n)
			default:
				return noticesMsg{gen: gen, ch: ch, ns: ns}
			}
		}
		return noticesMsg{gen: gen, ch: ch, ns: ns}
	}
}

func (m *Model) onLiveSubscribed(msg liveSubscribedMsg) tea.Cmd {
	if msg.gen != m.team.live.gen {
		return nil
	}
	if msg.err != nil {
		m.log.Debug("live notices unavailable", "err", msg.err)
		return tea.Batch(m.dbOffline(msg.err), m.env.after(liveRetry, liveRetryMsg{gen: msg.gen}))
	}
	m.team.live.on = true
	return m.waitNotices(msg.ch)
}

func (m *Model) onNotices(msg noticesMsg) tea.Cmd {
	if msg.gen != m.team.live.gen || m.ctx.Err() != nil {
		return nil
	}
	var cmds []tea.Cmd
	if msg.closed {
		// The subscription ended without the dashboard closing: start it
		// again after a pause.
		m.team.live.on = false
		cmds = append(cmds, m.env.after(liveRetry, liveRetryMsg{gen: msg.gen}))
	} else {
		cmds = append(cmds, m.waitNotices(msg.ch))
	}
	if len(msg.ns) > 0 {
		cmds = append(cmds, m.applyNotices(msg.ns))
	}
	return tea.Batch(cmds...)
}

// applyNotices re-reads what a burst of notices touches.
func (m *Model) applyNotices(ns []backend.Notice) tea.Cmd {
	var cmds []tea.Cmd
	var changes []int64
	var pushed []backend.OrderRef
	seen := map[backend.OrderRef]bool{}
	touched := map[orderKey]bool{}
	journal, claims := false, false
	synced, shown := false, false
	var filling []int // stores another process is filling for the first time
	for _, n := range ns {
		switch n.Kind {
		case backend.NoticeResync:
			// Notices were missed: everything on screen may be stale.
			return tea.Batch(m.backOnlineDB(), m.refreshVisible(false), m.loadJournal(), m.loadClaims(), m.rereadOthers())
		case backend.NoticeChange:
			journal = true
			if k, ok := m.keyOf(n.Store, n.OrderID); ok {
				touched[k] = true
			}
			if n.State == backend.StateConfirmed && n.ChangeID > 0 {
				changes = append(changes, n.ChangeID)
			}
		case backend.NoticePush:
			ref := backend.OrderRef{Store: n.Store, ID: n.OrderID}
			if k, ok := m.keyOf(n.Store, n.OrderID); ok && !seen[ref] {
				seen[ref] = true
				touched[k] = true
				pushed = append(pushed, ref)
			}
		case backend.NoticeClaim:
			claims = true
		case backend.NoticeSynced:
			// Another orderdash's sync wrote a page of the store into the
			// shared mirror (or pruned it): the tables read their windows
			// again, once for the burst however many pages it tells of.
			// This process's own sync reported the page already, and its
			// report read the windows (onSync).
			if m.ownNotice(n) {
				continue
			}
			if s := m.storeNamed(n.Store); s != nil {
				synced = true
				shown = shown || m.tab().shows(s.idx)
				if !s.mirrorKnown || s.mirror.Synced.IsZero() {
					filling = append(filling, s.idx)
				}
			}
		case backend.NoticeOffline:
			cmds = append(cmds, m.noticeOffline())
		}
	}
	cmds = append(cmds, m.othersNotices(ns))
	if len(changes) > 0 || len(pushed) > 0 {
		cmds = append(cmds, m.liveOrders(changes, pushed))
	}
	if m.detail.open && touched[m.detail.key] {
		if r := m.orders[m.detail.key]; r != nil && r.pending == nil {
			cmds = append(cmds, m.loadDetail(true))
		}
	}
	// A first fill's orders are not new to the operator (newsAfterSync).
	switch {
	case shown:
		cmds = append(cmds, m.reread(), m.newsAfterSync(filling, nil))
	case synced:
		cmds = append(cmds, m.readStoreCounts(), m.newsAfterSync(filling, nil))
	}
	if journal && m.journal() != nil {
		cmds = append(cmds, m.loadJournal())
	}
	if claims {
		cmds = append(cmds, m.loadClaims())
	}
	return tea.Batch(cmds...)
}

// ownNotice says whether this process sent n. A notice without a sender
// (an older orderdash's) is another's.
func (m *Model) ownNotice(n backend.Notice) bool {
	return n.From != "" && n.From == m.team.live.self
}

// keyOf is the dashboard's key of a store's order, when it shows the store.
func (m *Model) keyOf(store, id string) (orderKey, bool) {
	i, ok := m.storeIdx[store]
	if !ok || id == "" {
		return orderKey{}, false
	}
	return orderKey{store: i, id: id}, true
}

// liveOrders writes into the mirror what other processes did to orders:
// a confirmed change's new status (from its journal entry), a pushed
// order (read from its store, the shared inbox). The tables then read
// their windows again (mirroredMsg). Past liveOrders orders, the stores
// concerned are brought up to date by a sync pass instead.
func (m *Model) liveOrders(changes []int64, pushed []backend.OrderRef) tea.Cmd {
	if len(changes)+len(pushed) > liveOrders {
		stores := map[string]bool{}
		for _, p := range pushed {
			stores[p.Store] = true
		}
		for _, s := range m.stores {
			if stores[s.b.Name()] || len(changes) > 0 {
				m.syncNow(s)
			}
		}
		if len(changes) > liveOrders {
			changes = changes[:liveOrders]
		}
		pushed = nil
	}
	db, mr, ctx := m.db, m.mirror, m.ctx
	backends := map[string]backend.Backend{}
	idx := map[string]int{}
	for _, s := range m.stores {
		backends[s.b.Name()] = s.b
		idx[s.b.Name()] = s.idx
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, liveTimeout)
		defer cancel()
		var orders []backend.Order
		stores := map[int]bool{}
		if db != nil {
			for _, id := range changes {
				e, err := db.Change(ctx, id)
				if err != nil {
					continue
				}
				o, write, held := confirmedOrder(ctx, mr, e)
				if write {
					orders = append(orders, o)
				}
				if held {
					// Written already where the mirror is shared (in the
					// confirming transaction): the tables read it again
					// all the same.
					stores[idx[e.Store]] = true
				}
			}
		}
		for _, p := range pushed {
			b := backends[p.Store]
			if b == nil {
				continue
			}
			o, err := b.Get(ctx, p.ID)
			if err != nil {
				continue
			}
			if o.Store == "" {
				o.Store = p.Store
			}
			orders = append(orders, o)
			stores[idx[p.Store]] = true
		}
		if len(stores) == 0 {
			return nil
		}
		var err error
		if len(orders) > 0 {
			_, err = mr.MirrorPut(ctx, orders)
		}
		msg := mirroredMsg{err: err}
		for s := range stores {
			msg.stores = append(msg.stores, s)
		}
		return msg
	}
}

// confirmedOrder is the mirror's copy of a confirmed change's order with
// the status the store showed (or the one asked for), as new as the
// change, and whether it must be written (held: the mirror has the
// order; write: not with that status yet). An order the mirror lacks
// waits for the sync; a shared mirror has the status already (the
// confirming transaction wrote it).
func confirmedOrder(ctx context.Context, mr Mirror, e backend.JournalEntry) (o backend.Order, write, held bool) {
	o, _, err := mr.MirrorOrder(ctx, e.Store, e.OrderID)
	if err != nil {
		return backend.Order{}, false, false
	}
	st := e.To
	if e.Result != nil {
		st = *e.Result
	}
	if o.Status == st {
		return o, false, true
	}
	o.Status = st
	if e.Updated.After(o.Updated) {
		o.Updated = e.Updated
	}
	if o.Store == "" {
		o.Store = e.Store
	}
	return o, true, true
}
