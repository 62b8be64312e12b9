package storage

import (
	"context"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Tally counts what TimingOf says of every row: per kind, and late
// (by limit or by dispatch-by date), under every filter.
func TestTallyMatchesTiming(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	all := mirrorOrders(mirrorStores, 300, 3)
	fillMirror(t, db, all)
	sla := &backend.SLAs{Default: backend.DefaultSLA(), Stores: map[string]backend.SLA{
		"Gamma": backend.DefaultSLA().With(backend.SLA{Pending: span(2 * time.Hour), Shipped: span(24 * time.Hour)}),
	}}
	for _, now := range []time.Time{
		time.Date(2026, 8, 21, 0, 0, 0, 0, time.UTC), // few late yet
		time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), // every open one late
	} {
		for name, v := range map[string]backend.View{
			"all":         {},
			"two stores":  {Stores: []string{"Gamma", "Beta"}},
			"kinds":       {Kinds: []backend.StatusKind{backend.KindPending, backend.KindShipped}},
			"statuses":    {Stores: []string{"Alpha", "Gamma"}, Statuses: []string{"O", "H", "C"}},
			"text is not": {Text: "lee", Stores: []string{"Gamma"}},
		} {
			v.SLA = sla
			ref := v
			ref.Text = ""
			want := backend.Tally{Kinds: map[backend.StatusKind]int{}}
			for _, o := range refView(all, ref) {
				want.Kinds[o.Status.Kind]++
				want.Total++
				if backend.TimingOf(rowOf(o), sla.For(o.Store), now).Late {
					want.Late++
				}
			}
			got, err := db.Tally(ctx, v, now)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != want.Total || got.Late != want.Late || len(got.Kinds) != len(want.Kinds) {
				t.Errorf("%s at %s: got %+v, want %+v", name, now.Format(time.DateOnly), got, want)
			}
			for k, n := range want.Kinds {
				if got.Kinds[k] != n {
					t.Errorf("%s: %s = %d, want %d", name, k, got.Kinds[k], n)
				}
			}
		}
	}
}

// A status change restarts the time in status; a re-read in the same
// status keeps it.
func TestSinceFollowsStatusChanges(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	o := mirrorOrders([]string{"Alpha"}, 1, 9)["Alpha"][0]
	o.Status = mirrorStatuses[1] // processing: since = updated
	fillMirror(t, db, map[string][]backend.Order{"Alpha": {o}})
	since := func() time.Time {
		r, err := db.Window(ctx, backend.Window{After: 1})
		if err != nil || len(r.Orders) != 1 {
			t.Fatal(r, err)
		}
		return r.Orders[0].StatusSince
	}
	first := o.Updated
	if got := since(); !got.Equal(first) {
		t.Fatalf("since %s, want %s", got, first)
	}
	o.Updated = o.Updated.Add(time.Hour) // same status, newer copy
	fillMirror(t, db, map[string][]backend.Order{"Alpha": {o}})
	if got := since(); !got.Equal(first) {
		t.Errorf("a re-read moved since to %s", got)
	}
	o.Updated, o.Status = o.Updated.Add(time.Hour), mirrorStatuses[3] // shipped
	fillMirror(t, db, map[string][]backend.Order{"Alpha": {o}})
	if got := since(); !got.Equal(o.Updated) {
		t.Errorf("after a status change since = %s, want %s", got, o.Updated)
	}
}
