package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/orderdash/orderdash/backend"
)

// Store counts for the counts strip. The mirror knows only the orders it
// has synced (a recent window of a big store); a store whose platform
// counts per status (backend.StatusCounter: API2Cart, CS-Cart) is asked
// for its own figures on a single-store tab, once per refresh (r, R, the
// [ui] refresh), one request per status, a few at a time, within
// backend.DefaultCountTimeout. The strip says where its figures come
// from: "store counts", or "mirror counts" with the store's reason when
// the store could not count; late is always the mirror's (the platform
// knows nothing of our SLA).

// platformCounts caches the stores' own counts. epoch goes up with every
// refresh: an entry of an older epoch is still shown, and asked again.
type platformCounts struct {
	epoch   uint64
	entries map[string]*countEntry
}

// countEntry is one store's counts of one set of statuses.
type countEntry struct {
	epoch  uint64
	req    int64
	busy   bool
	counts map[string]int // by status code; nil until an answer came
	err    error          // the last ask's failure, nil after a success
}

// platformCountsMsg answers a count of a store's statuses.
type platformCountsMsg struct {
	key    string
	req    int64
	counts map[string]int
	err    error
}

// countPlan is what a tab's store counts ask: the store and its
// statuses, and the cache key; ok false when the tab has none.
func (m *Model) countPlan(t *tab) (s *store, codes []string, key string, ok bool) {
	if t.all || t.preset != nil || t.store < 0 || t.store >= len(m.stores) {
		return nil, nil, "", false
	}
	s = m.stores[t.store]
	if backend.StatusCounterOf(s.b) == nil {
		return nil, nil, "", false
	}
	if t.status != nil && len(t.status.codes) > 0 {
		codes = slices.Clone(t.status.codes)
	} else {
		for _, st := range s.statuses {
			codes = append(codes, st.Code)
		}
	}
	if len(codes) == 0 {
		return nil, nil, "", false // statuses not known yet: asked once they are
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	return s, codes, strconv.Itoa(s.idx) + "\x00" + strings.Join(codes, "\x00"), true
}

// readPlatformCounts asks the tab's store for its counts, unless they
// were asked in this refresh already.
func (m *Model) readPlatformCounts(t *tab) tea.Cmd {
	s, codes, key, ok := m.countPlan(t)
	if !ok {
		return nil
	}
	if m.pcounts.entries == nil {
		m.pcounts.entries = map[string]*countEntry{}
	}
	e := m.pcounts.entries[key]
	if e == nil {
		e = &countEntry{}
		m.pcounts.entries[key] = e
	}
	if e.busy || (e.req != 0 && e.epoch == m.pcounts.epoch) {
		return nil
	}
	e.epoch, e.req, e.busy = m.pcounts.epoch, m.nextID(), true
	counter, ctx := backend.StatusCounterOf(s.b), m.ctx
	msg := platformCountsMsg{key: key, req: e.req}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, backend.DefaultCountTimeout)
		defer cancel()
		msg.counts, msg.err = counter.CountByStatus(ctx, codes)
		return msg
	}
}

func (m *Model) onPlatformCounts(msg platformCountsMsg) tea.Cmd {
	e := m.pcounts.entries[msg.key]
	if e == nil || e.req != msg.req {
		return nil
	}
	e.busy = false
	if msg.err != nil {
		// Said once on the strip, not flashed: the mirror's figures stand in.
		if e.err == nil {
			m.log.Info("store counts failed; the strip shows the mirror's", "err", msg.err)
		}
		e.err = msg.err
		return nil
	}
	e.counts, e.err = msg.counts, nil
	return nil
}

// platformCountsAfterStatuses asks for the active tab's store counts once
// its store's statuses are known (the first tally is read before).
func (m *Model) platformCountsAfterStatuses(store int) tea.Cmd {
	if t := m.tab(); !t.all && t.store == store {
		return m.readPlatformCounts(t)
	}
	return nil
}

// newCountsEpoch starts a refresh: the store counts are asked again.
func (m *Model) newCountsEpoch() { m.pcounts.epoch++ }

// stripKindsOf is what the strip shows per kind: the store's own counts
// when it gave them (label "store counts"), else the mirror's, labelled
// "mirror counts (…)" when the store could not count and "" when the
// tab has no store counts.
func (m *Model) stripKindsOf(t *tab) (kinds map[backend.StatusKind]int, label string) {
	kinds = t.tally.Kinds
	s, _, key, ok := m.countPlan(t)
	if !ok {
		return kinds, ""
	}
	e := m.pcounts.entries[key]
	switch {
	case e == nil:
		return kinds, ""
	case e.err != nil:
		why := backend.KindOf(e.err).String()
		if why == "" {
			why = "failed"
		}
		return kinds, "mirror counts (store: " + why + ")"
	case e.counts == nil:
		return kinds, ""
	}
	byCode := map[string]backend.StatusKind{}
	for _, st := range s.statuses {
		byCode[st.Code] = st.Kind
	}
	kinds = map[backend.StatusKind]int{}
	for code, n := range e.counts {
		k, ok := byCode[code]
		if !ok {
			k = backend.KindOther
		}
		kinds[k] += n
	}
	return kinds, "store counts"
}
