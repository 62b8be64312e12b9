package demo

import (
	"context"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// In the demo, Kornit X keeps pushing orders; one can be dispatched with a
// tracking number, and the dispatch and its timeline survive a restart.
func TestKornitXPushesAndDispatches(t *testing.T) {
	old := kornitXPushEvery
	kornitXPushEvery = 20 * time.Millisecond
	defer func() { kornitXPushEvery = old }()
	dir := t.TempDir()
	ctx := context.Background()
	find := func(d *Demo) backend.Backend {
		for _, s := range d.Stores() {
			if s.Name() == "demo-kornitx" {
				return s
			}
		}
		t.Fatal("no demo-kornitx")
		return nil
	}
	d := start(t, Options{DataDir: dir, Latency: -1})
	kx := find(d)
	deadline := time.Now().Add(10 * time.Second)
	for {
		p, err := kx.List(ctx, backend.Query{PageSize: 1})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total > kornitXBacklog+2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no new pushes: %d orders", p.Total)
		}
		time.Sleep(20 * time.Millisecond)
	}
	p, _ := kx.List(ctx, backend.Query{PageSize: 1, Statuses: []string{"1"}})
	o, err := kx.Get(ctx, p.Orders[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	sts, _ := kx.Statuses(ctx)
	to, _ := backend.FindStatus(sts, "8")
	if why := kx.CanSet(o, to); why != "" {
		t.Fatal(why)
	}
	got, err := backend.Apply(ctx, kx, nil, backend.Change{OrderID: o.ID, From: o.Status, To: to, Tracking: "DEMO123", Operator: "sam"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status.Code != "8" || len(got.History) != 2 || got.History[0].Actor != "sam" {
		t.Fatalf("after dispatch: %+v %+v", got.Status, got.History)
	}
	if why := kx.CanSet(got, backend.Status{Code: "128"}); why == "" {
		t.Fatal("a dispatched order offers a cancel")
	}
	d.Close()

	again := start(t, Options{DataDir: dir, Latency: -1})
	o2, err := find(again).Get(ctx, o.ID)
	if err != nil || o2.Status.Code != "8" || o2.Tracking != "DEMO123" || len(o2.History) != 2 {
		t.Fatalf("after a restart: %v %+v", err, o2)
	}
}
