package ui

import (
	"context"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/mirror"
)

// In team mode the dashboard's database is PostgreSQL's, mirror and all
// (cmd gives it the pgstore.Store as it is): what another process's sync
// wrote is what the table shows, in the mirror's order.
func TestDashboardReadsTheSharedMirror(t *testing.T) {
	ctx := context.Background()
	url, schema := pgSchema(t)
	syncer, mine := openPG(t, url, schema), openPG(t, url, schema)
	s := cscartLike("Shop", 40, 3)
	if r := mirror.Sync(ctx, syncer, s, mirror.Options{Now: func() time.Time { return testNow }}); r.Err != nil || r.Added == 0 {
		t.Fatalf("the other process's sync: %+v", r)
	}
	want, err := mine.Window(ctx, backend.Window{After: 10})
	if err != nil || len(want.Orders) == 0 {
		t.Fatalf("the shared mirror: %d rows, %v", len(want.Orders), err)
	}
	o := opts(s)
	o.DB, o.Journal, o.Claims = mine, mine.Journal("bob"), mine
	m, err := newModel(o, env{})
	if err != nil {
		t.Fatal(err)
	}
	d := newLiveDriver(t, m)
	if !d.until(func() bool { return len(m.tab().rows) >= len(want.Orders) }, 10*time.Second) {
		t.Fatalf("the table shows %d rows of the shared mirror", len(m.tab().rows))
	}
	for i, w := range want.Orders {
		if got := m.tab().rows[i].o; got.Store != w.Store || got.ID != w.ID {
			t.Fatalf("row %d is %s/%s, the mirror's %s/%s", i, got.Store, got.ID, w.Store, w.ID)
		}
	}
}
