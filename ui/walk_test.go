package ui

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// loopingStore is a cursor store whose third page names the second one's
// cursor as the next: A→B→A, as a broken API2Cart cart can.
type loopingStore struct {
	*backendtest.Store
	mu     sync.Mutex
	lists  int
	second string
}

func (s *loopingStore) List(ctx context.Context, q backend.Query) (backend.Page, error) {
	p, err := s.Store.List(ctx, q)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lists++
	switch {
	case q.Cursor == "":
		s.second = p.Next
	case q.Cursor != s.second && p.Next != "":
		p.Next = s.second
	}
	return p, err
}

func (s *loopingStore) listCalls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lists
}

// The dashboard stops paging where the cursors go round: the list ends at
// page 3 with one line saying why, instead of fetching the same pages
// again and again.
func TestCursorLoopEndsTheList(t *testing.T) {
	s := &loopingStore{Store: cursorStore("Loop", 400, 3)}
	h := newHarness(t, opts(s), 160, 40)
	for range 8 {
		h.press("n")
	}
	f := h.m.tab().feed
	if !f.done || f.err == nil || !strings.Contains(f.err.Error(), "a cursor loop") {
		t.Fatalf("after the loop: done %v err %v", f.done, f.err)
	}
	if len(f.pages) != 3 {
		t.Errorf("%d pages loaded, want 3", len(f.pages))
	}
	if n := s.listCalls(); n > 3 {
		t.Errorf("%d list calls, want 3", n)
	}
	h.mustSee("page 3/3", "this is the last page", "✗ Loop list orders: malformed answer: the")
}
