package mirror

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

func TestReportsKeepEachStoresLatest(t *testing.T) {
	r := NewReports()
	for i := range 1000 { // a reader away for a long time: one report a store is held
		r.Report(backend.SyncProgress{Store: "a", Phase: backend.SyncFilling, Done: i})
	}
	r.Report(backend.SyncProgress{Store: "b", Phase: backend.SyncUpdating})
	r.Report(backend.SyncProgress{Store: "a", Phase: backend.SyncIdle, Done: 1000})
	got, err := r.Wait(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []backend.SyncProgress{
		{Store: "a", Phase: backend.SyncIdle, Done: 1000},
		{Store: "b", Phase: backend.SyncUpdating},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Wait = %+v, want %+v", got, want)
	}
	if len(r.latest) != 0 {
		t.Errorf("%d reports still held after Wait", len(r.latest))
	}
}

func TestReportsWaitBlocksUntilAReport(t *testing.T) {
	r := NewReports()
	got := make(chan []backend.SyncProgress)
	go func() {
		ps, _ := r.Wait(context.Background())
		got <- ps
	}()
	r.Report(backend.SyncProgress{Store: "a", Phase: backend.SyncIdle})
	if ps := <-got; len(ps) != 1 || ps[0].Store != "a" {
		t.Errorf("Wait = %+v", ps)
	}
	// A wake-up left over from a report already taken does not return an
	// empty batch: Wait goes on waiting until ctx ends.
	r.Report(backend.SyncProgress{Store: "b"})
	if ps := r.take(); len(ps) != 1 {
		t.Fatalf("take = %+v", ps)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if ps, err := r.Wait(ctx); !errors.Is(err, context.Canceled) || ps != nil {
		t.Errorf("Wait after cancel = %+v, %v", ps, err)
	}
}
