package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

// shippingStore is a memory store that keeps shipments apart from its
// orders, as CS-Cart does.
type shippingStore struct {
	*backendtest.Store
	mu    sync.Mutex
	byID  map[string][]backend.Shipment
	err   error
	asked []string
}

func (s *shippingStore) Unwrap() backend.Backend { return s.Store }

func (s *shippingStore) Shipments(_ context.Context, id string) ([]backend.Shipment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.asked = append(s.asked, id)
	if s.err != nil {
		return nil, s.err
	}
	return s.byID[id], nil
}

// The detail pane lists the order's shipments: carrier, tracking, date;
// "none" for an order without; one line when the store cannot say.
func TestDetailShowsShipments(t *testing.T) {
	s := &shippingStore{Store: cscartLike("Cart", 30, 1), byID: map[string][]backend.Shipment{}}
	h := newHarness(t, opts(s), 160, 45)
	h.press("j")
	r := h.selected()
	s.byID[r.key.id] = []backend.Shipment{
		{ID: "2", Carrier: "dhl", Tracking: "00340434161094042557", At: testNow.Add(-2 * time.Hour)},
		{ID: "1", Carrier: "ups", Tracking: "1Z999AA10123456784", At: testNow.Add(-26 * time.Hour)},
	}
	h.press("enter")
	if !h.m.detail.open {
		t.Fatal("enter did not open the detail pane")
	}
	h.mustSee("Shipments", "00340434161094042557", "1Z999AA10123456784")
	line := h.line("00340434161094042557")
	if !strings.Contains(line, "dhl") || !strings.Contains(line, h.m.fmtTime(testNow.Add(-2*time.Hour))) {
		t.Errorf("shipment line %q lacks its carrier or date", line)
	}
	if len(s.asked) == 0 || s.asked[len(s.asked)-1] != r.key.id {
		t.Fatalf("shipments asked for %v, want order %s", s.asked, r.key.id)
	}

	// Another order, none: said so.
	h.press("j")
	h.fire(isDebounce)
	h.mustSee("Shipments", "none")
	h.mustNotSee("00340434161094042557")

	// The store cannot say: one line, no shipments made up.
	s.mu.Lock()
	s.err = &backend.Error{Kind: backend.KindUnavailable, Store: "Cart", Message: "timeout"}
	s.mu.Unlock()
	h.press("j")
	h.fire(isDebounce)
	h.mustSee("Shipments", "could not be read")
}

// A store without shipments has no Shipments section.
func TestDetailWithoutShipmentLister(t *testing.T) {
	h := newHarness(t, opts(cscartLike("Cart", 10, 1)), 160, 45)
	h.press("enter")
	h.mustSee("Ship to")
	h.mustNotSee("Shipments")
}

// A store that takes tracking with a completed status (CS-Cart's Complete)
// offers the tracking field there; one that takes it with shipped only
// does not.
func TestTrackingFieldForTheStoresKinds(t *testing.T) {
	for _, tc := range []struct {
		kinds []backend.StatusKind
		want  bool
	}{
		{[]backend.StatusKind{backend.KindShipped, backend.KindCompleted}, true},
		{nil, false},
	} {
		s := backendtest.New(backendtest.Config{Name: "Cart", Platform: "cscart", Orders: 30, Seed: 1,
			Caps: backend.Capabilities{Notify: true, StatusFilter: true, Tracking: true, TrackingKinds: tc.kinds}})
		h := newHarness(t, opts(s), 160, 45)
		for h.selected().disp.kind == backend.KindCompleted || h.selected().disp.kind == backend.KindRefunded {
			h.press("j")
		}
		pick(h, "Delivered") // of kind completed
		if h.top() != "confirm" {
			t.Fatalf("kinds %v: %q open, want the confirm step:\n%s", tc.kinds, h.top(), h.view())
		}
		if got := strings.Contains(h.view(), "Tracking"); got != tc.want {
			t.Errorf("kinds %v: tracking field shown %v, want %v", tc.kinds, got, tc.want)
		}
	}
}
