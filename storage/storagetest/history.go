package storagetest

import (
	"context"
	"testing"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/internal/fake"
)

func testLocalHistory(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	f := fake.NewStore("Shop", true)
	backend.Apply(ctx, f, db.Journal("sam"), fake.Change("Shop", "1"))
	f.SetErr = fake.ErrRefused
	backend.Apply(ctx, f, db.Journal("sam"), fake.Change("Shop", "1")) // failed: not history
	f.SetErr = nil
	second := fake.Change("Shop", "1")
	second.To, second.Note, second.Tracking, second.Notify = fake.Open, "", "", false
	backend.Apply(ctx, f, db.Journal("ann"), second)
	backend.Apply(ctx, f, db.Journal("sam"), fake.Change("Shop", "2")) // another order

	h, err := db.LocalHistory(ctx, "Shop", "1")
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 2 {
		t.Fatalf("history %+v", h)
	}
	if h[0].Actor != "ann" || h[0].Status != fake.Open || h[1].Actor != "sam" || h[1].Status != fake.Shipped {
		t.Errorf("newest first, with actors: %+v", h)
	}
	e := h[1]
	if e.Source != backend.SourceLocal || e.Note != "boxed" || e.Tracking != "1Z999" || !e.Notified || e.At.IsZero() || h[0].At.Before(e.At) {
		t.Errorf("event: %+v", e)
	}
	if h, err := db.LocalHistory(ctx, "Shop", "3"); err != nil || len(h) != 0 || h == nil {
		t.Errorf("no history: %#v %v", h, err)
	}
}

func testWithLocalHistory(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	tests := []struct {
		name        string
		history     bool // the platform keeps a history of its own
		wantEntries int  // timeline length after one change
		wantSource  backend.Source
	}{
		// CS-Cart and Kornit X: the journal is the whole timeline.
		{"no platform history", false, 1, backend.SourceLocal},
		// The platform shows the change too: one entry, the operator filled in.
		{"platform history", true, 1, backend.SourcePlatform},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := fresh(t)(t)
			f := fake.NewStore("Shop", true)
			f.Caps.History = tt.history
			var inner backend.Backend = f
			if !tt.history {
				inner = noHistory{f}
			}
			b := storage.WithLocalHistory(inner, db)
			got, err := backend.Apply(ctx, b, db.Journal("sam"), fake.Change("Shop", "1"))
			if err != nil {
				t.Fatal(err)
			}
			// SetStatus runs before the journal confirms the change.
			if n := countActor(got.History, "sam"); n != 0 {
				t.Errorf("SetStatus's order already has the change being applied: %+v", got.History)
			}

			o, err := b.Get(ctx, "1")
			if err != nil {
				t.Fatal(err)
			}
			if len(o.History) != tt.wantEntries {
				t.Fatalf("timeline %+v, want %d entries", o.History, tt.wantEntries)
			}
			ev := o.History[0]
			if ev.Actor != "sam" || ev.Source != tt.wantSource || ev.Status.Code != fake.Shipped.Code || ev.Tracking != "1Z999" {
				t.Errorf("entry %+v", ev)
			}
			applied, vo, err := b.Verify(ctx, fake.Change("Shop", "1"))
			if err != nil || !applied || countActor(vo.History, "sam") != 1 {
				t.Errorf("Verify: applied %v, history %+v, err %v", applied, vo.History, err)
			}

			// The next change's SetStatus carries the earlier one.
			second := fake.Change("Shop", "1")
			second.To = fake.Open
			got, err = backend.Apply(ctx, b, db.Journal("ann"), second)
			if err != nil || countActor(got.History, "sam") != 1 {
				t.Errorf("SetStatus lacks the earlier change: %+v (%v)", got.History, err)
			}

			// Another order has none of it.
			if o, err := b.Get(ctx, "2"); err != nil || len(o.History) != 0 {
				t.Errorf("order 2: %+v %v", o.History, err)
			}
		})
	}
}

// noHistory is a platform that keeps no status history (CS-Cart).
type noHistory struct{ *fake.Store }

func (n noHistory) Get(ctx context.Context, id string) (backend.Order, error) {
	o, err := n.Store.Get(ctx, id)
	o.History = []backend.Event{}
	return o, err
}

func (n noHistory) SetStatus(ctx context.Context, ch backend.Change) (backend.Order, error) {
	o, err := n.Store.SetStatus(ctx, ch)
	o.History = []backend.Event{}
	return o, err
}

func (n noHistory) Verify(ctx context.Context, ch backend.Change) (bool, backend.Order, error) {
	o, err := n.Get(ctx, ch.OrderID)
	return err == nil && o.Status.Code == ch.To.Code, o, err
}

func countActor(h []backend.Event, actor string) int {
	n := 0
	for _, e := range h {
		if e.Actor == actor {
			n++
		}
	}
	return n
}

func testWithLocalHistoryKeepsUnloadedHistory(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	f := fake.NewStore("Shop", true)
	b := storage.WithLocalHistory(f, db)
	if _, err := backend.Apply(ctx, b, db.Journal("sam"), fake.Change("Shop", "1")); err != nil {
		t.Fatal(err)
	}
	f.EditOrder("1", func(o *backend.Order) { o.History = nil }) // the platform keeps one, but did not send it
	o, err := b.Get(ctx, "1")
	if err != nil || o.History != nil {
		t.Errorf("an unloaded history was filled with local entries: %+v %v", o.History, err)
	}
}

func testWithLocalHistoryDatabaseGone(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	f := fake.NewStore("Shop", true)
	b := storage.WithLocalHistory(f, db)
	db.Close()
	o, err := b.Get(ctx, "1")
	if err != nil || o.ID != "1" {
		t.Errorf("a database that cannot be read failed the store's answer: %+v %v", o, err)
	}
}
