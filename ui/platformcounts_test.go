package ui

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// countingStore is a memory store whose platform counts per status
// (backend.StatusCounter), with figures the mirror cannot have.
type countingStore struct {
	*backendtest.Store
	mu     sync.Mutex
	counts map[string]int
	err    error
	asked  int
}

func (c *countingStore) Unwrap() backend.Backend { return c.Store }

func (c *countingStore) CountByStatus(_ context.Context, statuses []string) (map[string]int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.asked++
	if c.err != nil {
		return nil, c.err
	}
	out := map[string]int{}
	for _, s := range statuses {
		out[s] = c.counts[s]
	}
	return out, nil
}

func (c *countingStore) set(counts map[string]int, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts, c.err = counts, err
}

func (c *countingStore) times() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.asked
}

// stripOf is the counts strip's line on screen.
func stripOf(h *harness) string {
	for _, l := range strings.Split(h.view(), "\n") {
		if strings.Contains(l, " late") {
			return l
		}
	}
	return ""
}

// On a store tab of a store that counts, the strip shows the store's own
// figures (per kind, from its statuses' kinds) and says so; All stores
// keeps the mirror's; a refresh asks again, a tab switch does not; a
// store that cannot count leaves the mirror's figures, labelled.
func TestStripShowsStoreCounts(t *testing.T) {
	base := cscartLike("A", 30, 1)
	statuses, err := base.Statuses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	var pending string
	for _, st := range statuses {
		if st.Kind == backend.KindPending && pending == "" {
			pending = st.Code
			counts[st.Code] = 12345
		}
	}
	if pending == "" {
		t.Fatal("no pending status in the test store")
	}
	cs := &countingStore{Store: base, counts: counts}
	h := newHarness(t, opts(cs, cscartLike("B", 10, 2)), 160, 45)
	h.settle()
	if s := stripOf(h); strings.Contains(s, "12,345") || strings.Contains(s, "store counts") {
		t.Fatalf("All stores shows store counts: %q", s)
	}
	h.press("tab")
	if h.m.tab().all || h.m.tab().store != 0 {
		t.Fatal("tab did not move to the store's tab")
	}
	s := stripOf(h)
	if !strings.Contains(s, "pending 12,345") || !strings.Contains(s, "store counts") {
		t.Fatalf("store tab strip %q: want the store's pending 12,345 and the mark", s)
	}
	n := cs.times()
	h.press("tab", "tab", "tab")
	if cs.times() != n {
		t.Errorf("switching tabs asked the store again (%d, then %d)", n, cs.times())
	}
	cs.set(nil, &backend.Error{Kind: backend.KindRateLimited, Message: "slow down"})
	h.press("r")
	if cs.times() == n {
		t.Fatalf("a refresh did not ask the store again")
	}
	s = stripOf(h)
	if strings.Contains(s, "12,345") || !strings.Contains(s, "mirror counts (store: rate limited)") {
		t.Fatalf("after the store failed, strip %q: want the mirror's figures and why", s)
	}
	if strings.Contains(h.view(), "slow down") {
		t.Errorf("the count's failure is shown beyond the strip")
	}
}
