package ui

import (
	"context"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// New orders without losing one's place. Each tab keeps a mark of where
// the mirror stood when it was last visited; after every sync report the
// orders of its view that arrived since are counted ("3 new" on its
// title), reading only those rows; the orders a store's first fill
// brings are not new (newsAfterSync). Visiting the tab, or reaching the top
// of its view (where the new orders are), clears it. [ui] bell_on_new
// rings the terminal's bell once for a report that brought new orders to
// any tab.

// Arrivals is what the mirror answers about new orders; *storage.DB
// implements it. A Mirror without it shows no "N new".
type Arrivals interface {
	MirrorMark(ctx context.Context) (backend.ArrivalMark, error)
	CountNew(ctx context.Context, v backend.View, mark backend.ArrivalMark, limit int) (int, error)
}

// newsLimit bounds a tab's count of new orders: past it the title says
// "999+ new" and the count reads no further.
const newsLimit = 999

// newRows is a tab's mark and count of new orders.
type newRows struct {
	mark    backend.ArrivalMark
	marked  bool
	marking bool   // a mark read is in flight
	gen     uint64 // goes up with each mark: older counts are dropped
	n       int
}

// newsText is the title's "3 new", "" for none.
func (t *tab) newsText() string {
	switch n := t.news.n; {
	case n <= 0:
		return ""
	case n > newsLimit:
		return thousands(newsLimit) + "+ new"
	default:
		return thousands(n) + " new"
	}
}

func (m *Model) arrivals() Arrivals {
	a, _ := m.mirror.(Arrivals)
	return a
}

// markMsg answers a mark read for some tabs.
type markMsg struct {
	tabs []int
	gens []uint64
	mark backend.ArrivalMark
	err  error
}

// markTabs reads the mirror's mark for the given tabs: they have been
// seen as the mirror stands now.
func (m *Model) markTabs(tabs ...int) tea.Cmd {
	a := m.arrivals()
	if a == nil || len(tabs) == 0 {
		return nil
	}
	msg := markMsg{}
	for _, i := range tabs {
		t := m.tabs[i]
		t.news.gen++
		t.news.marking = true
		msg.tabs, msg.gens = append(msg.tabs, i), append(msg.gens, t.news.gen)
	}
	ctx := m.ctx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, cacheTimeout)
		defer cancel()
		msg.mark, msg.err = a.MirrorMark(ctx)
		return msg
	}
}

func (m *Model) onMark(msg markMsg) {
	if msg.err != nil {
		m.log.Debug("read the mirror's mark", "err", msg.err)
	}
	for k, i := range msg.tabs {
		if i < 0 || i >= len(m.tabs) {
			continue
		}
		t := m.tabs[i]
		if t.news.gen != msg.gens[k] {
			continue
		}
		t.news.marking = false
		if msg.err == nil {
			t.news.mark, t.news.marked, t.news.n = msg.mark, true, 0
		}
	}
}

// newsMsg answers a count of every marked tab's new orders.
type newsMsg struct {
	req    int64
	tabs   []int
	gens   []uint64
	counts []int
	err    error
}

// countNews counts the new orders of every marked tab, one count at a
// time (one more queued).
func (m *Model) countNews() tea.Cmd {
	a := m.arrivals()
	if a == nil {
		return nil
	}
	if m.newsReads.busy() {
		m.newsReads.again = true
		return nil
	}
	msg := newsMsg{}
	var views []backend.View
	var marks []backend.ArrivalMark
	for i, t := range m.tabs {
		// A tab being marked again would be counted from its old mark,
		// and the count could land after the new mark.
		if !t.news.marked || t.news.marking {
			continue
		}
		msg.tabs, msg.gens = append(msg.tabs, i), append(msg.gens, t.news.gen)
		views, marks = append(views, m.viewOf(t)), append(marks, t.news.mark)
	}
	if len(views) == 0 {
		return nil
	}
	m.newsReads.req, m.newsReads.again = m.nextID(), false
	msg.req = m.newsReads.req
	ctx := m.ctx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, cacheTimeout)
		defer cancel()
		for i, v := range views {
			n, err := a.CountNew(ctx, v, marks[i], newsLimit+1)
			if err != nil {
				msg.err = err
				return msg
			}
			msg.counts = append(msg.counts, n)
		}
		return msg
	}
}

// newsAfterSync counts the new orders after a sync report. The orders a
// store's first fill brings are not new to the operator: a tab showing a
// store on its first fill (fills: no pass has completed yet), or whose
// first fill has just ended, is marked again instead, so only orders
// arriving after the fill count. Reports are merged while the dashboard
// is busy, so a quick fill may be seen only as it ends, as the store's
// first report (firsts): a tab marked on an empty mirror, or not marked
// yet, is marked again then too.
func (m *Model) newsAfterSync(fills, firsts []int) tea.Cmd {
	var again []int
	for i, t := range m.tabs {
		unmarked := !t.news.marked || t.news.marking || t.news.mark.Row == 0
		if slices.ContainsFunc(fills, t.shows) || (unmarked && slices.ContainsFunc(firsts, t.shows)) {
			again = append(again, i)
		}
	}
	mark := m.markTabs(again...) // before the count, which then leaves them out
	return tea.Batch(mark, m.countNews())
}

// onNews shows the counts, and rings the bell once when they brought new
// orders.
func (m *Model) onNews(msg newsMsg) tea.Cmd {
	if msg.req != m.newsReads.req {
		return nil
	}
	m.newsReads.req = 0
	var cmds []tea.Cmd
	if msg.err != nil {
		m.log.Debug("count new orders", "err", msg.err)
	} else {
		more := false
		for k, i := range msg.tabs {
			if i >= len(m.tabs) || m.tabs[i].news.gen != msg.gens[k] {
				continue
			}
			t := m.tabs[i]
			more = more || msg.counts[k] > t.news.n
			t.news.n = msg.counts[k]
		}
		if more && m.cfg.BellOnNew {
			m.bells++
			cmds = append(cmds, tea.Raw("\a"))
		}
	}
	if m.newsReads.again {
		cmds = append(cmds, m.countNews())
	}
	return tea.Batch(cmds...)
}

// seenNews marks the active tab again once the operator has taken the
// cursor to the view's first row, where the new orders are. Only after a
// key: a window that has not caught up with the count yet would clear it
// before the new rows were ever shown.
func (m *Model) seenNews() tea.Cmd {
	t := m.tab()
	if t.news.n == 0 || t.news.marking || !t.loaded || t.position() != 0 {
		return nil
	}
	return m.markTabs(m.active)
}
