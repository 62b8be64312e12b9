package mirror_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/api2cart"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/cscart"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/lunasoft"
	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/api2cartsim"
	"github.com/orderdash/orderdash/backend/sim/cscartsim"
	"github.com/orderdash/orderdash/backend/sim/lunasoftsim"
	"github.com/orderdash/orderdash/mirror"
	"github.com/orderdash/orderdash/storage"
)

// newClock is the time source a simulator and the sync share (or, with
// Offset, the clocks of two machines that disagree).
func newClock() *backendtest.Clock { return backendtest.NewClock(sim.DefaultNow.Add(time.Hour)) }

// No mirror test makes a store hang, so the clients' timeout is long: under
// -race on a loaded machine a 250-order page can take seconds, and a timed
// out read that is retried would add to the request counts the tests check.
var fast = httpx.Options{Retries: 2, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond, MaxWait: 500 * time.Millisecond}

func openDB(t testing.TB) (*storage.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), storage.FileName)
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

// opts are sync options on the test clock, reaching back past every
// generated order (they span 90 days).
func opts(c func() time.Time) mirror.Options {
	return mirror.Options{Now: c, SyncDays: 100, Keep: 365 * 24 * time.Hour}
}

func startAPI2Cart(t testing.TB, orders int, storeClock func() time.Time) (*api2cartsim.Server, *api2cart.Client) {
	t.Helper()
	srv, err := api2cartsim.Start(api2cartsim.Options{Seed: 11, Orders: orders, Clock: storeClock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	c, err := api2cart.New(api2cart.Config{
		StoreConfig: backend.StoreConfig{Name: "A2C", Platform: api2cart.Platform, URL: srv.URL(), Timeout: 60 * time.Second},
		APIKey:      api2cartsim.DefaultAPIKey, StoreKey: api2cartsim.DefaultStoreKey,
	}, fast)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func startCSCart(t testing.TB, orders int, storeClock func() time.Time) (*cscartsim.Server, *cscart.Client) {
	t.Helper()
	const email, key = "ops@example.com", "cs-key"
	srv, err := cscartsim.Start(cscartsim.Options{Seed: 12, Orders: orders, Clock: storeClock, Email: email, APIKey: key})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	c, err := cscart.New(cscart.Config{
		StoreConfig: backend.StoreConfig{Name: "CS", Platform: cscart.Platform, URL: srv.URL(), Timeout: 60 * time.Second},
		Email:       email, APIKey: key,
	}, fast)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func startLunasoft(t testing.TB, orders int, storeClock func() time.Time) (*lunasoftsim.Server, *lunasoft.Client) {
	t.Helper()
	const key = "luna-key"
	srv, err := lunasoftsim.Start(lunasoftsim.Options{Seed: 13, Orders: orders, Clock: storeClock, AuthHeader: key})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	c, err := lunasoft.New(lunasoft.Config{
		StoreConfig: backend.StoreConfig{Name: "Luna", Platform: lunasoft.Platform, URL: srv.URL(), Timeout: 60 * time.Second},
		APIKey:      key, Statuses: srv.Statuses(),
	}, fast)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// requests counts the logged requests whose path ends in suffix.
func requests(log []sim.Request, suffix string) int {
	n := 0
	for _, r := range log {
		if strings.HasSuffix(r.Path, suffix) {
			n++
		}
	}
	return n
}

func mustSync(t testing.TB, db *storage.DB, b backend.Backend, o mirror.Options) mirror.Result {
	t.Helper()
	r := mirror.Sync(context.Background(), db, b, o)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	return r
}

// mirrored is every order the mirror holds for store, by id.
func mirrored(t testing.TB, db *storage.DB, store string) map[string]backend.Order {
	t.Helper()
	out := map[string]backend.Order{}
	v := backend.View{Stores: []string{store}}
	w := backend.Window{View: v, After: 1000}
	for {
		r, err := db.Window(context.Background(), w)
		if err != nil {
			t.Fatal(err)
		}
		for i, o := range r.Orders {
			if i == 0 && !w.Anchor.IsZero() {
				continue // the anchor, already counted
			}
			if _, dup := out[o.ID]; dup {
				t.Fatalf("order %s twice in the mirror", o.ID)
			}
			out[o.ID] = o
		}
		if r.Last {
			return out
		}
		w.Anchor = v.Key(r.Orders[len(r.Orders)-1])
		w.After = 1001
	}
}

// changeStatus moves an order to another settable status through the
// real client, as an operator elsewhere would.
func changeStatus(t testing.TB, b backend.Backend, id string) backend.Status {
	t.Helper()
	ctx := context.Background()
	o, err := b.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	sts, err := b.Statuses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range sts {
		if to.Code != o.Status.Code && b.CanSet(o, to) == "" {
			if _, err := b.SetStatus(ctx, backend.Change{Store: b.Name(), OrderID: id, From: o.Status, To: to, Operator: "elsewhere", IdempotencyKey: "k-" + id + "-" + to.Code}); err != nil {
				t.Fatal(err)
			}
			return to
		}
	}
	t.Fatalf("order %s: no status to move to from %s", id, o.Status.Code)
	return backend.Status{}
}

func itoa(n int) string { return strconv.Itoa(n) }

func syncOnce(ctx context.Context, db *storage.DB, b backend.Backend, o mirror.Options) mirror.Result {
	return mirror.Sync(ctx, db, b, o)
}
