package demo

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

var fixed = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func start(t *testing.T, o Options) *Demo {
	t.Helper()
	if o.Latency == 0 {
		o.Latency = -1 // no added latency in tests
	}
	d, err := Start(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func TestStoresMatchCatalog(t *testing.T) {
	d := start(t, Options{Clock: func() time.Time { return fixed }})
	cat := Catalog()
	if len(d.Stores()) != len(cat) || len(cat) < 3 {
		t.Fatalf("%d stores, catalog %d", len(d.Stores()), len(cat))
	}
	ctx := context.Background()
	for i, s := range d.Stores() {
		if s.Name() != cat[i].Name || s.Platform() != cat[i].Platform {
			t.Errorf("store %d = %s/%s, catalog %s/%s", i, s.Name(), s.Platform(), cat[i].Name, cat[i].Platform)
		}
		p, err := s.List(ctx, backend.Query{PageSize: 5})
		if err != nil || len(p.Orders) == 0 {
			t.Errorf("%s: list: %d orders, %v", s.Name(), len(p.Orders), err)
		}
	}
}

// The same seed and clock give everyone the same demo.
func TestDeterministic(t *testing.T) {
	clock := func() time.Time { return fixed }
	ctx := context.Background()
	a := start(t, Options{Clock: clock})
	b := start(t, Options{Clock: clock})
	for i := range a.Stores() {
		pa, err1 := a.Stores()[i].List(ctx, backend.Query{PageSize: 5})
		pb, err2 := b.Stores()[i].List(ctx, backend.Query{PageSize: 5})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		for j := range pa.Orders {
			x, y := pa.Orders[j], pb.Orders[j]
			if x.ID != y.ID || x.Total != y.Total || !x.Created.Equal(y.Created) || x.Customer != y.Customer {
				t.Errorf("%s: order %d differs: %+v / %+v", a.Stores()[i].Name(), j, x.ID, y.ID)
			}
		}
	}
}

// A change survives a restart; Reset forgets it.
func TestStateBetweenRuns(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	clock := func() time.Time { return fixed }
	find := func(d *Demo, name string) backend.Backend {
		for _, s := range d.Stores() {
			if s.Name() == name {
				return s
			}
		}
		t.Fatalf("no store %s", name)
		return nil
	}

	d := start(t, Options{DataDir: dir, Clock: clock})
	s := find(d, "demo-cscart")
	p, err := s.List(ctx, backend.Query{PageSize: 20})
	if err != nil {
		t.Fatal(err)
	}
	var o backend.Order
	for _, x := range p.Orders {
		if x.Status.Code != "C" {
			o = x
			break
		}
	}
	sts, _ := s.Statuses(ctx)
	to, err := backend.FindStatus(sts, "C")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := backend.Apply(ctx, s, nil, backend.Change{OrderID: o.ID, From: o.Status, To: to}); err != nil {
		t.Fatal(err)
	}
	d.Close()
	if _, err := os.Stat(filepath.Join(dir, "demo", "demo-cscart.json")); err != nil {
		t.Fatalf("no state file: %v", err)
	}

	again := start(t, Options{DataDir: dir, Clock: clock})
	got, err := find(again, "demo-cscart").Get(ctx, o.ID)
	if err != nil || got.Status.Code != "C" {
		t.Fatalf("after a restart: %s, %v", got.Status.Code, err)
	}
	again.Close()

	reset := start(t, Options{DataDir: dir, Clock: clock, Reset: true})
	got, err = find(reset, "demo-cscart").Get(ctx, o.ID)
	if err != nil || got.Status.Code != o.Status.Code {
		t.Fatalf("after a reset: %s, %v; want %s", got.Status.Code, err, o.Status.Code)
	}
}

// Without a clock, the generation time follows the real clock until a
// change is recorded, then stays put.
func TestEpoch(t *testing.T) {
	dir := t.TempDir()
	first := epoch(dir, nil)
	if time.Since(first) > time.Minute {
		t.Fatalf("fresh epoch %v is not now", first)
	}
	pinned := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.WriteFile(filepath.Join(dir, epochFile), []byte(pinned.Format(time.RFC3339)), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := epoch(dir, nil); !got.After(pinned) {
		t.Errorf("with nothing recorded the epoch stayed pinned at %v", got)
	}
	if err := os.WriteFile(filepath.Join(dir, epochFile), []byte(pinned.Format(time.RFC3339)), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, sims[0].name+".json"), []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := epoch(dir, nil); !got.Equal(pinned) {
		t.Errorf("with a change recorded the epoch moved to %v", got)
	}
}

func TestStartCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Start(ctx, Options{}); err == nil {
		t.Error("Start with a cancelled context: no error")
	}
}

// Only starts one store, the same one a full demo has.
func TestStartOnly(t *testing.T) {
	clock := func() time.Time { return fixed }
	ctx := context.Background()
	all := start(t, Options{Clock: clock})
	for i, c := range Catalog() {
		one := start(t, Options{Clock: clock, Only: c.Name})
		if len(one.Stores()) != 1 || one.Stores()[0].Name() != c.Name {
			t.Fatalf("Only %s started %d stores", c.Name, len(one.Stores()))
		}
		pa, err1 := all.Stores()[i].List(ctx, backend.Query{PageSize: 3})
		po, err2 := one.Stores()[0].List(ctx, backend.Query{PageSize: 3})
		if err1 != nil || err2 != nil || len(pa.Orders) == 0 || len(pa.Orders) != len(po.Orders) || pa.Orders[0].ID != po.Orders[0].ID {
			t.Errorf("%s alone lists other orders: %v %v", c.Name, err1, err2)
		}
	}
	if _, err := Start(ctx, Options{Clock: clock, Only: "demo-nope", Latency: -1}); err == nil {
		t.Error("Only an unknown store: no error")
	}
}
