package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// fakeClaims is the contract's claims with another operator ("ann")
// holding some orders.
type fakeClaims struct {
	mu       sync.Mutex
	ann      map[backend.OrderRef]bool
	mine     map[backend.OrderRef]bool
	released []backend.OrderRef
}

func newFakeClaims(annHolds ...backend.OrderRef) *fakeClaims {
	f := &fakeClaims{ann: map[backend.OrderRef]bool{}, mine: map[backend.OrderRef]bool{}}
	for _, r := range annHolds {
		f.ann[r] = true
	}
	return f
}

func (f *fakeClaims) Holder() string { return "me" }

func (f *fakeClaims) Claim(_ context.Context, refs []backend.OrderRef, opt backend.ClaimOptions) (backend.ClaimResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var res backend.ClaimResult
	until := testNow.Add(2 * time.Minute)
	for _, r := range refs {
		if f.ann[r] && !opt.TakeOver {
			res.Held = append(res.Held, backend.Claim{OrderRef: r, Operator: "ann", Holder: "ann-1", Until: until})
			continue
		}
		delete(f.ann, r)
		f.mine[r] = true
		res.Claimed = append(res.Claimed, backend.Claim{OrderRef: r, Operator: opt.Operator, Holder: "me", Until: until})
	}
	return res, nil
}

func (f *fakeClaims) Release(_ context.Context, refs []backend.OrderRef) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range refs {
		delete(f.mine, r)
		f.released = append(f.released, r)
	}
	return nil
}

func (f *fakeClaims) Claimed(context.Context, string) ([]backend.Claim, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []backend.Claim
	for r := range f.ann {
		out = append(out, backend.Claim{OrderRef: r, Operator: "ann", Holder: "ann-1", Until: testNow.Add(2 * time.Minute)})
	}
	for r := range f.mine {
		out = append(out, backend.Claim{OrderRef: r, Operator: "sam", Holder: "me", Until: testNow.Add(2 * time.Minute)})
	}
	return out, nil
}

func (f *fakeClaims) holdsMine(r backend.OrderRef) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.mine[r]
}

// Another operator's claim shows on the row; the picker refuses the
// order, and takes it over only after a Yes (the default is No).
func TestPickerRefusesOrderClaimedByOther(t *testing.T) {
	s := lunasoftLike("Luna", 30, 2)
	o := opts(s)
	first := allOrders(t, s)[0]
	ref := backend.OrderRef{Store: "Luna", ID: first.ID}
	fc := newFakeClaims(ref)
	o.Claims = fc
	h := newHarness(t, o, 160, 45)
	for h.selected().key.id != first.ID {
		h.press("j")
	}
	h.mustSee(glyphClaimed + " ann")
	h.press("s")
	if h.top() != "confirm" {
		t.Fatalf("the picker opened on an order ann is changing:\n%s", h.view())
	}
	h.mustSee("Take it over?", "ann is changing #")
	if h.confirm().focused() != fieldNo {
		t.Fatalf("the take-over's default answer is not No")
	}
	h.press("enter")
	if h.top() != "" || fc.holdsMine(ref) {
		t.Fatalf("No took the order over (top %q)", h.top())
	}
	h.press("s")
	for h.confirm().focused() != fieldYes {
		h.press("tab")
	}
	h.press("enter")
	if !fc.holdsMine(ref) {
		t.Fatal("Yes did not take the order over")
	}
	if h.top() != "picker" {
		t.Fatalf("after taking over, the picker is not open (top %q)", h.top())
	}
	// Closing the picker lets the claim go.
	h.press("esc")
	if fc.holdsMine(ref) {
		t.Error("closing the picker kept the claim")
	}
}

// A bulk change leaves out the orders others claim, and says which.
func TestBulkChangeSkipsOrdersClaimedByOthers(t *testing.T) {
	s := lunasoftLike("Luna", 30, 2)
	o := opts(s)
	fc := newFakeClaims()
	o.Claims = fc
	h := newHarness(t, o, 160, 45)
	rows := h.m.tab().rows
	held := backend.OrderRef{Store: "Luna", ID: rows[1].key.id}
	fc.ann[held] = true
	h.press("space", "space", "space") // mark three rows
	h.press("s")
	p := h.picker()
	if p == nil {
		t.Fatalf("no picker:\n%s", h.view())
	}
	if len(p.targets) != 2 {
		t.Fatalf("picker targets %d orders, want 2 (one is ann's)", len(p.targets))
	}
	for _, k := range p.targets {
		if k.id == held.ID {
			t.Errorf("the picker kept %s, which ann is changing", held.ID)
		}
	}
	h.mustSee("1 order left out: others are changing them")
	if !strings.Contains(strings.Join(h.m.errs, "\n"), "(ann)") {
		t.Errorf("the left-out orders are not listed: %q", h.m.errs)
	}
}

// The shared database going offline refuses changes with one line, and
// its return lets them through again.
func TestDatabaseOfflineRefusesChanges(t *testing.T) {
	s := lunasoftLike("Luna", 30, 2)
	o := opts(s)
	o.Live = &fakeLive{}
	h := newHarness(t, o, 160, 45)
	// A subscription that has ended: waiting on it again returns at once.
	ended := make(chan backend.Notice)
	close(ended)
	h.send(noticesMsg{gen: h.m.team.live.gen, ch: ended, ns: []backend.Notice{{Kind: backend.NoticeOffline}}})
	h.settle()
	h.mustSee("database offline")
	h.press("s")
	if h.top() == "picker" {
		t.Fatal("the picker opened while the database is offline")
	}
	h.mustSee("database offline: changes are refused")
	h.send(noticesMsg{gen: h.m.team.live.gen, ch: ended, ns: []backend.Notice{{Kind: backend.NoticeResync}}})
	h.settle()
	h.press("s")
	if h.top() != "picker" {
		t.Fatalf("the picker did not open once the database answered again (top %q)", h.top())
	}
}

// fakeLive is a shared database whose subscription never delivers (the
// tests send notices themselves); sender is this process's id in them.
type fakeLive struct{ sender string }

func (fakeLive) Subscribe(ctx context.Context) (<-chan backend.Notice, error) {
	return nil, errFakeLive
}
func (fakeLive) Ping(context.Context) error { return nil }
func (f fakeLive) Sender() string           { return f.sender }

var errFakeLive = fakeErr("no subscription in this test")

type fakeErr string

func (e fakeErr) Error() string { return string(e) }
