package ui

import (
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// errNotCachedOffline ends offline browsing where the cache ends.
var errNotCachedOffline = errors.New("this page was never loaded while the store answered, and the store is offline now")

// fetchNext asks for a feed's next page unless one is on its way. While
// the store is offline the page comes from the cache alone: asking a store
// that does not answer would hold every page flip for its timeouts.
func (m *Model) fetchNext(f *feed) tea.Cmd {
	return m.fetch(f, false)
}

// fetch asks for a feed's next page; live asks the store even when it is
// offline (the operator's retry).
func (m *Model) fetch(f *feed, live bool) tea.Cmd {
	if f.done || f.loading != 0 {
		return nil
	}
	s := m.stores[f.store]
	q := f.query
	q.Cursor = f.next
	f.started = true
	f.err = nil
	f.loading = m.nextID()
	ref := pageRef{store: s.b.Name(), tab: f.tab, index: len(f.pages) + 1, fallback: m.db != nil,
		cacheOnly: m.db != nil && s.offline && !live}
	if !ref.cacheOnly {
		s.inflight++
	}
	m.log.Debug("list", "store", s.b.Name(), "cursor", q.Cursor, "req", f.loading, "cache_only", ref.cacheOnly)
	return listCmd(m.ctx, m.env.loader, s.b, q, ref, pageMsg{store: f.store, feed: f.id, req: f.loading, page: -1, cursor: q.Cursor, cacheOnly: ref.cacheOnly})
}

// paintCached asks the cache for a feed's first page, to paint it before
// the store answers. The store's own first page, already on its way,
// replaces it when it lands.
func (m *Model) paintCached(f *feed) tea.Cmd {
	if m.db == nil {
		return nil
	}
	s := m.stores[f.store]
	ref := pageRef{store: s.b.Name(), tab: f.tab, index: 1}
	return cachedPageCmd(m.ctx, m.env.loader, ref, pageMsg{store: f.store, feed: f.id, req: f.loading, page: -1})
}

// refreshPage fetches page i of a feed again, in place. It always asks
// the store: the background refresh is how an offline store is found to
// be back.
func (m *Model) refreshPage(f *feed, i int) tea.Cmd {
	if i < 0 || i >= len(f.pages) || f.refreshing[i] != 0 {
		return nil
	}
	s := m.stores[f.store]
	q := f.query
	q.Cursor = f.pages[i].cursor
	req := m.nextID()
	f.refreshing[i] = req
	s.inflight++
	m.log.Debug("refresh page", "store", s.b.Name(), "page", i, "req", req)
	ref := pageRef{store: s.b.Name(), tab: f.tab, index: i + 1}
	return listCmd(m.ctx, m.env.loader, s.b, q, ref, pageMsg{store: f.store, feed: f.id, req: req, page: i, cursor: q.Cursor})
}

// feedByID finds the feed a reply is meant for; nil when it was replaced.
func (m *Model) feedByID(store int, id int64) *feed {
	s := m.stores[store]
	if s.base.id == id {
		return s.base
	}
	for _, t := range m.tabs {
		if t.feed != nil && t.feed.id == id {
			return t.feed
		}
	}
	return nil
}

// feedsOfStore lists every feed of a store: its base feed and the
// status-filtered feeds of its tab.
func (m *Model) feedsOfStore(store int) []*feed {
	out := []*feed{m.stores[store].base}
	for _, t := range m.tabs {
		if t.feed != nil && t.feed.store == store && t.feed != out[0] {
			out = append(out, t.feed)
		}
	}
	return out
}

func (m *Model) onPage(msg pageMsg) tea.Cmd {
	if msg.store < 0 || msg.store >= len(m.stores) {
		return nil
	}
	if msg.start {
		return m.onCachedStart(msg)
	}
	s := m.stores[msg.store]
	if s.inflight > 0 && !msg.cacheOnly {
		s.inflight--
	}
	now := m.env.now()
	f := m.feedByID(msg.store, msg.feed)
	if f == nil {
		m.log.Debug("stale page dropped", "store", s.b.Name(), "req", msg.req)
		return nil
	}
	if msg.page < 0 {
		if f.loading != msg.req {
			return nil
		}
		f.loading = 0
	} else {
		if f.refreshing[msg.page] != msg.req {
			return nil
		}
		delete(f.refreshing, msg.page)
	}
	if msg.err != nil && !msg.cacheOnly {
		m.log.Info("list failed", "store", s.b.Name(), "err", msg.err, "cached", msg.cached)
		s.fail(msg.err)
	}
	if msg.cached {
		// The store did not answer (or was not asked: it is offline) and
		// the cache had the page: browse it, marked with its age.
		rows := m.ingestCached(msg.store, msg.res.Orders)
		f.append(msg.cursor, msg.res, rows, msg.fetched, true)
		m.changed()
		return m.afterPage(f)
	}
	if msg.err != nil {
		f.resetting = false // what is on screen stays
		if msg.page < 0 {
			f.err = msg.err
		}
		m.changed()
		if msg.page >= 0 {
			return m.flash(fmt.Sprintf("✗ %s: refresh failed: %s", s.name, s.errText(msg.err)), false)
		}
		if t := m.tab(); !t.all && t.feed == f && t.jump >= 0 {
			// The operator is waiting for this page: say why it is not coming.
			t.jump = -1
			return m.flash(fmt.Sprintf("✗ %s: page %d: %s", s.name, len(f.pages)+1, s.errText(msg.err)), false)
		}
		return nil
	}
	back := s.ok(now)
	m.log.Debug("page", "store", s.b.Name(), "rows", len(msg.res.Orders), "next", msg.res.Next, "took", msg.took)
	rows := m.ingest(msg.store, msg.res.Orders)
	idx := msg.page
	if msg.page < 0 {
		f.append(msg.cursor, msg.res, rows, now, false)
		idx = len(f.pages) - 1
	} else {
		f.replace(msg.page, msg.res, rows, now)
	}
	m.changed()
	cmds := []tea.Cmd{m.savePage(f, idx, msg.res, now), m.afterPage(f)}
	if back {
		cmds = append(cmds, m.backOnline(s))
	}
	return tea.Batch(cmds...)
}

// onCachedStart paints a feed's cached first page, unless the store has
// answered already.
func (m *Model) onCachedStart(msg pageMsg) tea.Cmd {
	f := m.feedByID(msg.store, msg.feed)
	if f == nil || len(f.pages) > 0 || f.loading != msg.req || f.loading == 0 {
		return nil
	}
	rows := m.ingestCached(msg.store, msg.res.Orders)
	f.append("", msg.res, rows, msg.fetched, true)
	// The store's first page is on its way: it replaces every cached page.
	f.resetting = true
	f.done = false
	m.changed()
	m.log.Debug("painted from the cache", "store", m.stores[msg.store].b.Name(), "rows", len(rows), "fetched", msg.fetched)
	return nil
}

// backOnline starts the feeds of a store that came back from the first
// page, so the cached pages make way for the store's own.
func (m *Model) backOnline(s *store) tea.Cmd {
	var cmds []tea.Cmd
	for _, f := range m.feedsOfStore(s.idx) {
		if f.hasCached() && !f.resetting {
			cmds = append(cmds, m.resetFeed(f))
		}
	}
	m.log.Info("store back online", "store", s.b.Name())
	return tea.Batch(append(cmds, m.flash("✓ "+s.name+" answers again", true))...)
}

// savePage keeps page i of a feed in the cache, unless the same page was
// written a moment ago.
func (m *Model) savePage(f *feed, i int, p backend.Page, at time.Time) tea.Cmd {
	if m.db == nil || i < 0 || i >= len(f.pages) {
		return nil
	}
	fp := &f.pages[i]
	sig := pageSig(p)
	if sig == fp.sig && at.Sub(fp.saved) < cacheResave {
		return nil
	}
	fp.sig, fp.saved = sig, at
	s := m.stores[f.store]
	return savePageCmd(m.ctx, m.env.loader, pageRef{store: s.b.Name(), tab: f.tab, index: i + 1}, p, at)
}

// cacheResave is how long an unchanged page goes without being written
// again (Kornit X pages are read every few seconds).
const cacheResave = 5 * time.Minute

// ingest stores a page's orders, cleaned for the screen, and returns the
// shared values.
func (m *Model) ingest(store int, os []backend.Order) []*order {
	rows := make([]*order, 0, len(os))
	for _, o := range os {
		if o.ID == "" {
			continue // nothing could be done with it, not even shown reliably
		}
		k := orderKey{store: store, id: o.ID}
		r := m.orders[k]
		if r == nil {
			r = &order{key: k}
			m.orders[k] = r
		}
		if r.pending != nil {
			// A change is in flight: its answer wins over a list that may
			// have been read before it applied.
			r.o = mergeListRow(r.o, o)
		} else {
			r.set(o)
		}
		rows = append(rows, r)
	}
	m.layout.note(rows)
	return rows
}

// ingestCached stores cached orders for the screen. An order the store has
// already answered for this session keeps its newer data; a cached detail
// becomes a list row again, so opening the order still asks the store.
func (m *Model) ingestCached(store int, os []backend.Order) []*order {
	rows := make([]*order, 0, len(os))
	fresh := make([]*order, 0, len(os))
	for _, o := range os {
		if o.ID == "" {
			continue
		}
		k := orderKey{store: store, id: o.ID}
		r := m.orders[k]
		if r == nil {
			r = &order{key: k}
			m.orders[k] = r
			o.Detailed = false
			o.History = nil
			r.set(o)
			fresh = append(fresh, r)
		}
		rows = append(rows, r)
	}
	m.layout.note(fresh)
	return rows
}

// mergeListRow keeps the status of a row with a change in flight.
func mergeListRow(old, o backend.Order) backend.Order {
	o.Status = old.Status
	return o
}

// afterPage finishes a page jump the operator asked for while it loaded.
func (m *Model) afterPage(f *feed) tea.Cmd {
	t := m.tab()
	if t.all || t.feed != f || t.jump < 0 {
		return nil
	}
	if t.jump < len(f.pages) {
		m.syncTab()
		m.gotoRow(f.pages[t.jump].start)
		t.jump = -1
		return m.followDetail()
	}
	if f.done {
		t.jump = -1
	}
	return nil
}

// prefetch loads the next page of whatever the active tab is about to
// need: the operator's page is the last loaded one, so the next is asked
// for now, before they reach it.
func (m *Model) prefetch() tea.Cmd {
	t := m.tab()
	if t.all {
		var cmds []tea.Cmd
		for _, f := range m.baseFeeds() {
			if !f.started {
				cmds = append(cmds, m.fetchNext(f))
			}
		}
		ps := m.pageSize()
		if len(t.view)-t.cursor <= ps+m.tableRows() {
			if f := frontierFeed(m.baseFeeds()); f != nil && f.wantsNext(len(f.rows)) {
				cmds = append(cmds, m.fetchNext(f))
			}
		}
		return tea.Batch(cmds...)
	}
	f := t.feed
	idx := len(f.rows)
	if r := t.selected(); r != nil {
		if t.filtered() {
			// A filter can hide most rows: load on when the operator
			// nears the end of what matches.
			if len(t.view)-t.cursor > m.tableRows() {
				return nil
			}
		} else {
			idx = t.cursor
		}
	}
	if f.wantsNext(idx) {
		return m.fetchNext(f)
	}
	return nil
}

func (m *Model) pageSize() int { return m.cfg.PageSize }
