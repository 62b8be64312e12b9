package storagetest

import (
	"context"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage/internal/fake"
	"github.com/orderdash/orderdash/storage/mirrortest"
)

// The confirming transaction gives the mirror's row the new status and
// the store's time of it (the order as the store answered the change):
// with the old time, the row was older than a detail read from the store
// since (dashboards dropped that detail for it), and a read from before
// the change, written late with that same time, turned the row back to
// the old status. An answer without a time keeps the row's.
func testConfirmedRowTakesTheStoresTime(t *testing.T, fresh Fresh) {
	ctx := context.Background()
	db := fresh(t)(t)
	before := mirrortest.Orders([]string{"Shop"}, 1, 1)["Shop"][0]
	before.Status = backend.Status{Code: "P", Name: "Pending", Kind: backend.KindPending}
	if _, err := db.MirrorPut(ctx, []backend.Order{before}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		updated time.Time // of the order the store answered with
		want    time.Time
	}{
		{"the store's newer time", before.Updated.Add(time.Minute), before.Updated.Add(time.Minute)},
		{"no time in the answer", time.Time{}, before.Updated.Add(time.Minute)},
		{"an older time than the row's", before.Updated.Add(-time.Hour), before.Updated.Add(time.Minute)},
	} {
		j := db.Journal("ann")
		ch := backend.Change{Store: "Shop", OrderID: before.ID, From: before.Status, To: fake.Shipped}
		if err := j.Record(ctx, &ch); err != nil {
			t.Fatal(err)
		}
		if err := j.Sent(ctx, ch.ID); err != nil {
			t.Fatal(err)
		}
		after := before
		after.Status, after.Updated = fake.Shipped, tc.updated
		if err := j.Confirmed(ctx, ch.ID, 1, after); err != nil {
			t.Fatal(err)
		}
		got, _, err := db.MirrorOrder(ctx, "Shop", before.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status.Code != fake.Shipped.Code || !got.Updated.Equal(tc.want) {
			t.Errorf("%s: the mirror has %s at %v, want %s at %v", tc.name, got.Status.Code, got.Updated, fake.Shipped.Code, tc.want)
		}
		// A dashboard's read from before the change, written late.
		if _, err := db.MirrorPut(ctx, []backend.Order{before}); err != nil {
			t.Fatal(err)
		}
		if got, _, _ := db.MirrorOrder(ctx, "Shop", before.ID); got.Status.Code != fake.Shipped.Code {
			t.Errorf("%s: a late copy from before the change turned the row back to %s", tc.name, got.Status.Code)
		}
		w, err := db.Window(ctx, backend.Window{View: backend.View{Stores: []string{"Shop"}}, After: 5})
		if err != nil || len(w.Orders) != 1 || !w.Orders[0].Updated.Equal(tc.want) || w.Orders[0].Status.Code != fake.Shipped.Code {
			t.Errorf("%s: the window reads %+v (%v)", tc.name, w.Orders, err)
		}
	}
}
