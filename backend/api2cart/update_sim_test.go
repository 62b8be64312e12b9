package api2cart_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/api2cart"
	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/api2cartsim"
)

// pickOrder finds an order whose status is not `not`.
func pickOrder(t *testing.T, srv *api2cartsim.Server, not string) api2cartsim.Order {
	t.Helper()
	for _, id := range srv.IDs() {
		if o, _ := srv.Order(id); o.Status != not {
			return o
		}
	}
	t.Fatal("no order to change")
	return api2cartsim.Order{}
}

var shipped = backend.Status{Code: "3", Name: "Shipped", Kind: backend.KindShipped}

func TestSetStatus(t *testing.T) {
	srv, clk := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv)
	before := pickOrder(t, srv, "3")
	ch := backend.Change{OrderID: before.ID, From: backend.Status{Code: before.Status}, To: shipped,
		Notify: true, Note: "Parcel left the warehouse", IdempotencyKey: "journal-key-1"}

	o, err := c.SetStatus(context.Background(), ch)
	if err != nil {
		t.Fatal(err)
	}
	if o.Status != shipped || !o.Detailed {
		t.Errorf("returned %+v", o.Status)
	}
	h := o.History[0]
	if h.Status.Code != "3" || h.Note != ch.Note || !h.Notified || !h.At.Equal(clk.Now()) {
		t.Errorf("newest history entry %+v", h)
	}
	if !o.Updated.Equal(clk.Now()) {
		t.Errorf("Updated %v, want %v", o.Updated, clk.Now())
	}
	ups := srv.Updates()
	if len(ups) != 1 || ups[0].From != before.Status || ups[0].To != "3" || !ups[0].Notify ||
		ups[0].Comment != ch.Note || ups[0].IdempotencyKey != "journal-key-1" {
		t.Fatalf("updates %+v", ups)
	}
	reqs := requestsTo(srv, "order.update")
	if len(reqs) != 1 || reqs[0].Method != "PUT" || len(reqs[0].Body) != 0 {
		t.Fatalf("order.update requests %+v", reqs)
	}
	q := query(t, reqs[0])
	for k, want := range map[string]string{"order_id": before.ID, "order_status": "3", "send_notifications": "true",
		"comment": ch.Note, "idempotency_key": "journal-key-1"} {
		if q.Get(k) != want {
			t.Errorf("%s = %q, want %q", k, q.Get(k), want)
		}
	}
	if n := len(requestsTo(srv, "order.info")); n != 1 {
		t.Errorf("%d order.info requests, want 1 (the confirmation)", n)
	}
	if len(srv.Shipments()) != 0 {
		t.Error("a shipment without a tracking number")
	}

	ok, v, err := c.Verify(context.Background(), ch)
	if err != nil || !ok || v.Status != shipped {
		t.Errorf("Verify = %v %+v %v", ok, v.Status, err)
	}
	other := ch
	other.To = backend.Status{Code: "5"}
	if ok, _, err := c.Verify(context.Background(), other); err != nil || ok {
		t.Errorf("Verify of a change not made = %v, %v", ok, err)
	}
}

// Without a note or notification the update says so; an empty key is
// derived from the change, the same for every retry of it.
func TestSetStatusDerivedKey(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv)
	before := pickOrder(t, srv, "5")
	ch := backend.Change{ID: 7, OrderID: before.ID, To: backend.Status{Code: "5"}, Requested: time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)}
	if _, err := c.SetStatus(context.Background(), ch); err != nil {
		t.Fatal(err)
	}
	q := query(t, requestsTo(srv, "order.update")[0])
	if q.Get("send_notifications") != "false" || q.Has("comment") {
		t.Errorf("query %v", q)
	}
	if key := q.Get("idempotency_key"); key == "" || key != api2cart.IdempotencyKey(ch) {
		t.Errorf("key %q, want the derived %q", key, api2cart.IdempotencyKey(ch))
	}
	// Sending the same change again replays; a new change gets a new key.
	if _, err := c.SetStatus(context.Background(), ch); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Updates()); n != 1 {
		t.Errorf("%d updates after resending one change, want 1", n)
	}
	next := ch
	next.ID, next.To = 8, backend.Status{Code: "2"}
	if api2cart.IdempotencyKey(next) == api2cart.IdempotencyKey(ch) {
		t.Error("two changes share a key")
	}
}

// A tracking number goes through order.shipment.add with its own key,
// before the status; a resend adds no second shipment.
func TestSetStatusWithTracking(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv)
	before := pickOrder(t, srv, "3")
	ch := backend.Change{OrderID: before.ID, To: shipped, Notify: true, Tracking: "00340434161094022115", IdempotencyKey: "k-track"}
	for range 2 {
		if _, err := c.SetStatus(context.Background(), ch); err != nil {
			t.Fatal(err)
		}
	}
	shs := srv.Shipments()
	if len(shs) != 1 || len(shs[0].Tracking) != 1 || shs[0].Tracking[0].Number != ch.Tracking ||
		shs[0].Tracking[0].CarrierID != "dhl" || !shs[0].Notify || shs[0].OrderID != before.ID {
		t.Fatalf("shipments %+v", shs)
	}
	if shs[0].IdempotencyKey == "" || shs[0].IdempotencyKey == "k-track" {
		t.Errorf("shipment key %q: want one derived from the change's", shs[0].IdempotencyKey)
	}
	if n := len(srv.Updates()); n != 1 {
		t.Errorf("%d updates, want 1", n)
	}
	reqs := srv.Requests()
	var order []string
	for _, r := range reqs {
		if r.Method != "GET" {
			order = append(order, r.Path[strings.LastIndex(r.Path, "/")+1:])
		}
	}
	if len(order) < 2 || order[0] != "order.shipment.add.json" || order[1] != "order.update.json" {
		t.Errorf("writes in order %v, want the shipment first", order)
	}
	if s, _ := srv.Order(before.ID); len(s.Tracking) != 1 {
		t.Errorf("order tracking %+v", s.Tracking)
	}
}

// The platform's refusals come back typed, with its words, and change
// nothing.
func TestSetStatusRefused(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv)
	o := pickOrder(t, srv, "")
	tests := []struct {
		name  string
		ch    backend.Change
		kind  *backend.Error
		words string
	}{
		{"unknown status", backend.Change{OrderID: o.ID, To: backend.Status{Code: "99"}}, backend.ErrInvalidRequest, "allowed: 2, 3, 7"},
		{"unknown order", backend.Change{OrderID: "424242", To: shipped}, backend.ErrNotFound, "424242 not found"},
		{"tracking on an unknown order", backend.Change{OrderID: "424242", To: shipped, Tracking: "T1"}, backend.ErrNotFound, "424242 not found"},
		{"no status", backend.Change{OrderID: o.ID}, backend.ErrInvalidRequest, "status code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.SetStatus(context.Background(), tt.ch)
			if !errors.Is(err, tt.kind) || !strings.Contains(err.Error(), tt.words) {
				t.Fatalf("got %v, want kind %v saying %q", err, tt.kind.Kind, tt.words)
			}
			if backend.IsUncertain(err) {
				t.Errorf("a refusal is not uncertain: %v", err)
			}
			assertClean(t, err)
		})
	}
	if n := len(srv.Updates()); n != 0 {
		t.Errorf("%d updates applied", n)
	}
	if n := len(srv.Shipments()); n != 0 {
		t.Errorf("%d shipments applied", n)
	}

	// A status refused after its tracking number was added says so.
	_, err := c.SetStatus(context.Background(), backend.Change{OrderID: o.ID, To: backend.Status{Code: "99"}, Tracking: "T2"})
	if !errors.Is(err, backend.ErrInvalidRequest) || !strings.Contains(err.Error(), "tracking number was added") {
		t.Fatalf("got %v", err)
	}
}

func TestReadOnlyStore(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv, func(cfg *api2cartConfig) { cfg.ReadOnly = true })
	o := pickOrder(t, srv, "3")
	if why := c.CanSet(backend.Order{Status: backend.Status{Code: o.Status}}, shipped); why == "" {
		t.Error("CanSet allows a change on a read-only store")
	}
	_, err := c.SetStatus(context.Background(), backend.Change{OrderID: o.ID, To: shipped})
	if !errors.Is(err, backend.ErrUnsupported) {
		t.Fatalf("got %v", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent for a read-only store", n)
	}
}

func TestCanSet(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv)
	o := backend.Order{Status: shipped}
	if c.CanSet(o, shipped) == "" {
		t.Error("moving to the current status is allowed")
	}
	if c.CanSet(o, backend.Status{Code: "5"}) != "" {
		t.Error("a new status is refused")
	}
	if c.CanSet(o, backend.Status{}) == "" {
		t.Error("an empty status is allowed")
	}
}

// A write whose answer never comes (the store may apply it and answer
// late) is sent exactly once by SetStatus: the order is re-read and the
// change confirmed if it shows, else left unknown for reconciliation. The
// idempotency key is not trusted to make an immediate resend safe: the
// documents promise only that a repeat gets the cached answer of a
// finished request; what a repeat meets while the first is still being
// worked on is not documented. A later resend (reconciliation, after
// Verify) carries the same keys, so the platform can replay it.
func TestOpenOutcomeIsNeverResent(t *testing.T) {
	cases := []struct {
		name      string
		method    string // the write that gets the fault: PUT order.update, POST order.shipment.add
		fault     sim.Fault
		tracking  string
		updates   int // order.update requests the store received
		shipments int // order.shipment.add requests
		applied   bool
	}{
		{name: "update applied, answer lost", method: "PUT", fault: sim.FaultHangAfterApply, updates: 1, applied: true},
		{name: "update not applied, answer lost", method: "PUT", fault: sim.FaultHang, updates: 1},
		{name: "shipment added, answer lost", method: "POST", fault: sim.FaultHangAfterApply, tracking: "1Z-LATE", shipments: 1},
		{name: "shipment not added, answer lost", method: "POST", fault: sim.FaultHang, tracking: "1Z-LOST", shipments: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := startSim(t, api2cartsim.Options{})
			c := newClient(t, srv, func(cfg *api2cartConfig) { cfg.Timeout = 200 * time.Millisecond })
			before := pickOrder(t, srv, "3")
			ch := backend.Change{OrderID: before.ID, To: shipped, Tracking: tc.tracking, IdempotencyKey: "k-late"}
			srv.Faults().SetFor(tc.method, tc.fault, 1)

			j := &outcomes{}
			o, err := backend.Apply(context.Background(), c, j, ch)
			if n := len(requestsTo(srv, "order.update")); n != tc.updates {
				t.Errorf("%d order.update requests, want %d", n, tc.updates)
			}
			if n := len(requestsTo(srv, "order.shipment.add")); n != tc.shipments {
				t.Errorf("%d order.shipment.add requests, want %d", n, tc.shipments)
			}
			if j.sends != tc.updates+tc.shipments {
				t.Errorf("%d attempts journaled, want %d (the writes sent)", j.sends, tc.updates+tc.shipments)
			}
			if tc.applied {
				if err != nil || o.Status.Code != "3" || j.state != backend.StateConfirmed {
					t.Fatalf("Apply: %+v %v, journal %s", o.Status, err, j.state)
				}
				return
			}
			if !errors.Is(err, backend.ErrUnavailable) || !backend.IsUncertain(err) || j.state != backend.StateUnknown {
				t.Fatalf("got %v (uncertain %v, journal %s), want an open outcome", err, backend.IsUncertain(err), j.state)
			}
			if !strings.HasSuffix(err.Error(), "("+backend.UncertainNote+")") || strings.Contains(err.Error(), "did not apply") {
				t.Errorf("message %q", err)
			}
			assertClean(t, err)

			// Reconciliation's resend (the same change) carries the same keys.
			first := map[string]string{}
			for _, m := range []string{"order.update", "order.shipment.add"} {
				if reqs := requestsTo(srv, m); len(reqs) > 0 {
					first[m] = requestKey(t, reqs[0])
				}
			}
			if _, err := c.SetStatus(context.Background(), ch); err != nil {
				t.Fatalf("resend: %v", err)
			}
			for m, key := range first {
				reqs := requestsTo(srv, m)
				if got := requestKey(t, reqs[len(reqs)-1]); got != key || key == "" {
					t.Errorf("%s resent with key %q, first sent with %q", m, got, key)
				}
			}
			if n := len(srv.Updates()); n != 1 {
				t.Errorf("%d updates applied, want 1", n)
			}
			if tc.tracking != "" && len(srv.Shipments()) != 1 {
				t.Errorf("%d shipments applied, want 1", len(srv.Shipments()))
			}
		})
	}
}

// outcomes is a journal that keeps the outcome Apply wrote.
type outcomes struct {
	backend.NopJournal
	state backend.ChangeState
	sends int
}

func (j *outcomes) Confirmed(_ context.Context, _ int64, sends int, _ backend.Order) error {
	j.state, j.sends = backend.StateConfirmed, sends
	return nil
}
func (j *outcomes) Failed(_ context.Context, _ int64, sends int, _ error) error {
	j.state, j.sends = backend.StateFailed, sends
	return nil
}
func (j *outcomes) Unknown(_ context.Context, _ int64, sends int, _ error) error {
	j.state, j.sends = backend.StateUnknown, sends
	return nil
}

// requestKey is the idempotency key a write carried: in the query string
// (order.update) or the JSON body (order.shipment.add).
func requestKey(t *testing.T, r sim.Request) string {
	t.Helper()
	if k := query(t, r).Get("idempotency_key"); k != "" {
		return k
	}
	var body struct {
		Key string `json:"idempotency_key"`
	}
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatalf("body %q: %v", r.Body, err)
	}
	return body.Key
}

// A write whose answer is mangled has an open outcome: the order is
// re-read, shows the change, and that confirms it; nothing is resent.
func TestMangledAnswerSettledByReRead(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv)
	before := pickOrder(t, srv, "3")
	ch := backend.Change{OrderID: before.ID, To: shipped, IdempotencyKey: "k-mangled"}
	srv.Faults().SetFor("PUT", sim.FaultMalformed, 1)
	o, err := c.SetStatus(context.Background(), ch)
	if err != nil || o.Status.Code != "3" {
		t.Fatalf("SetStatus: %+v %v", o.Status, err)
	}
	if n, m := len(srv.Updates()), len(requestsTo(srv, "order.update")); n != 1 || m != 1 {
		t.Errorf("%d updates applied, %d sent; want 1 and 1", n, m)
	}
}

// Through Apply and a journal: a throttled store delays the change, never
// doubles it.
func TestApplyThrottled(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv)
	before := pickOrder(t, srv, "3")
	srv.Throttle(110, 2)
	o, err := backend.Apply(context.Background(), c, nil, backend.Change{OrderID: before.ID, To: shipped})
	if err != nil || o.Status.Code != "3" {
		t.Fatalf("Apply: %+v %v", o.Status, err)
	}
	if n := len(srv.Updates()); n != 1 {
		t.Errorf("%d updates, want 1", n)
	}
	if n := len(requestsTo(srv, "order.update")); n != 3 {
		t.Errorf("%d order.update requests, want 2 throttled and 1 applied", n)
	}
}

// The first attempt is applied but its answer is lost, and the store then
// throttles everything. Nothing is sent again; the re-read is throttled
// too, so the change stays uncertain, and Verify later finds it applied.
func TestLostAnswerThenThrottledIsUncertain(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv, func(cfg *api2cartConfig) { cfg.Timeout = 300 * time.Millisecond })
	before := pickOrder(t, srv, "3")
	srv.Faults().SetFor("PUT", sim.FaultHangAfterApply, 1)
	srv.Faults().SetFor("GET", sim.Fault429, 0)
	ch := backend.Change{OrderID: before.ID, To: shipped, IdempotencyKey: "k-lost"}
	_, err := c.SetStatus(context.Background(), ch)
	if !backend.IsUncertain(err) {
		t.Fatalf("got %v (uncertain %v)", err, backend.IsUncertain(err))
	}
	if n := len(requestsTo(srv, "order.update")); n != 1 {
		t.Errorf("%d order.update requests, want 1", n)
	}
	srv.Faults().Clear()
	// A second client: the first is backing off after the throttle.
	if ok, _, err := newClient(t, srv).Verify(context.Background(), ch); !ok || err != nil {
		t.Fatalf("Verify = %v, %v", ok, err)
	}
	if n := len(srv.Updates()); n != 1 {
		t.Errorf("%d updates, want 1", n)
	}
}
