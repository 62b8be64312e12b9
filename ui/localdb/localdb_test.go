package localdb

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/ui"
)

func TestNewNil(t *testing.T) {
	if d := New(nil); d != nil {
		t.Errorf("New(nil) = %#v, want a nil interface (the dashboard checks for nil)", d)
	}
}

// The dashboard names reconciliation's actions itself; they must be
// storage's, word for word.
func TestActionsMatchStorage(t *testing.T) {
	for s, u := range map[storage.Action]ui.ReconcileAction{
		storage.ActionConfirmed:     ui.ReconcileConfirmed,
		storage.ActionResent:        ui.ReconcileResent,
		storage.ActionFailed:        ui.ReconcileFailed,
		storage.ActionUnknown:       ui.ReconcileUnknown,
		storage.ActionNeedsDecision: ui.ReconcileNeedsDecision,
		storage.ActionDeferred:      ui.ReconcileDeferred,
	} {
		if string(s) != string(u) {
			t.Errorf("storage %q is ui %q", s, u)
		}
	}
}

// store is a platform that applies every change.
type store struct {
	backend.Backend
	o backend.Order
}

func (s *store) Name() string                       { return "Cart" }
func (s *store) Capabilities() backend.Capabilities { return backend.Capabilities{} }
func (s *store) SetStatus(_ context.Context, ch backend.Change) (backend.Order, error) {
	s.o.Status = ch.To
	return s.o, nil
}
func (s *store) Verify(_ context.Context, ch backend.Change) (bool, backend.Order, error) {
	return s.o.Status.Code == ch.To.Code, s.o, nil
}

func TestAdapter(t *testing.T) {
	ctx := context.Background()
	db, err := storage.OpenInMemory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	d := New(db)
	if d.Path() != "" {
		t.Errorf("in-memory path %q", d.Path())
	}

	// The cache: "never cached" is ui.ErrNotCached.
	if _, err := d.LoadPage(ctx, "Cart", "all", 1); !errors.Is(err, ui.ErrNotCached) {
		t.Errorf("LoadPage of nothing: %v", err)
	}
	if _, _, err := d.LoadOrder(ctx, "Cart", "1"); !errors.Is(err, ui.ErrNotCached) {
		t.Errorf("LoadOrder of nothing: %v", err)
	}
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	o := backend.Order{Store: "Cart", ID: "1", Number: "1", Status: backend.Status{Code: "O", Name: "Open"}}
	if err := d.SavePage(ctx, "Cart", "all", 1, backend.Page{Orders: []backend.Order{o}, Next: "2", Total: 9}, at); err != nil {
		t.Fatal(err)
	}
	p, err := d.LoadPage(ctx, "Cart", "all", 1)
	if err != nil || len(p.Orders) != 1 || p.Next != "2" || p.Total != 9 || !p.Fetched.Equal(at) {
		t.Errorf("LoadPage = %+v, %v", p, err)
	}
	o.Detailed = true
	if err := d.SaveOrder(ctx, o, at); err != nil {
		t.Fatal(err)
	}
	if got, when, err := d.LoadOrder(ctx, "Cart", "1"); err != nil || !got.Detailed || !when.Equal(at) {
		t.Errorf("LoadOrder = %+v, %v, %v", got, when, err)
	}

	// The journal: a refused change, resent; another dropped.
	b := &store{o: o}
	j := db.Journal("sam")
	var ids []int64
	for range 2 {
		ch := backend.Change{Store: "Cart", OrderID: "1", From: o.Status, To: backend.Status{Code: "P", Name: "Processed"}}
		if err := j.Record(ctx, &ch); err != nil {
			t.Fatal(err)
		}
		_ = j.Sent(ctx, ch.ID)
		_ = j.Failed(ctx, ch.ID, 1, errors.New("refused"))
		ids = append(ids, ch.ID)
	}
	es, err := d.Changes(ctx, ui.ChangeQuery{})
	if err != nil || len(es) != 2 {
		t.Fatalf("Changes = %d, %v", len(es), err)
	}
	if e := es[0]; e.ID != ids[1] || e.State != backend.StateFailed || !e.Open || !e.CanResend || !e.CanDrop || e.Error == "" {
		t.Errorf("entry %+v", e)
	}
	if _, err := d.Resend(ctx, b, ids[0], "kim"); err != nil {
		t.Fatal(err)
	}
	if err := d.Drop(ctx, ids[1], "kim"); err != nil {
		t.Fatal(err)
	}
	es, _ = d.Changes(ctx, ui.ChangeQuery{})
	states := map[int64]backend.ChangeState{}
	for _, e := range es {
		states[e.ID] = e.State
	}
	if states[ids[0]] != backend.StateConfirmed || states[ids[1]] != backend.StateDropped {
		t.Errorf("states %v", states)
	}
	steps, err := d.Steps(ctx, ids[0])
	if err != nil || len(steps) < 4 || steps[len(steps)-1].State != backend.StateConfirmed {
		t.Errorf("Steps = %+v, %v", steps, err)
	}
	// An outcome lost on the way: the store shows it, so it is confirmed.
	ch := backend.Change{Store: "Cart", OrderID: "1", From: o.Status, To: backend.Status{Code: "P", Name: "Processed"}}
	_ = j.Record(ctx, &ch)
	_ = j.Sent(ctx, ch.ID)
	_ = j.Unknown(ctx, ch.ID, 1, errors.New("connection reset"))
	outs, err := d.Reconcile(ctx, map[string]backend.Backend{"Cart": b}, ui.ReconcileOptions{Operator: "kim"})
	if err != nil || len(outs) != 1 || outs[0].Action != ui.ReconcileConfirmed || outs[0].Entry.ID != ch.ID || outs[0].Entry.State != backend.StateConfirmed {
		t.Errorf("Reconcile = %+v, %v", outs, err)
	}
}
