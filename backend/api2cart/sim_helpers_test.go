package api2cart_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/api2cart"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/api2cartsim"
)

// The tests in this package's *_sim_test.go files run the client against
// the simulator: two independent readings of the API2Cart documents.

const (
	testAPIKey   = "sim-api-key-7f3a91c2"
	testStoreKey = "sim-store-key-0b5d22e8"
)

func startSim(t testing.TB, opts api2cartsim.Options) (*api2cartsim.Server, *backendtest.Clock) {
	t.Helper()
	clk := backendtest.NewClock(time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC))
	if opts.APIKey == "" {
		opts.APIKey = testAPIKey
	}
	if opts.StoreKey == "" {
		opts.StoreKey = testStoreKey
	}
	if opts.Orders == 0 {
		opts.Orders = 300
	}
	if opts.Clock == nil {
		opts.Clock = clk.Now
	}
	srv, err := api2cartsim.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv, clk
}

// fastRetries keeps back-off waits to milliseconds.
var fastRetries = httpx.Options{Retries: 2, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond, MaxWait: 500 * time.Millisecond}

func newClient(t testing.TB, srv *api2cartsim.Server, mod ...func(*api2cart.Config)) *api2cart.Client {
	t.Helper()
	cfg := api2cart.Config{
		StoreConfig: backend.StoreConfig{Name: "A2C test", Platform: api2cart.Platform, URL: srv.URL(), Timeout: 2 * time.Second},
		APIKey:      testAPIKey,
		StoreKey:    testStoreKey,
		Carrier:     "dhl",
	}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := api2cart.New(cfg, fastRetries)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// requestsTo filters the simulator's log by API2Cart method.
func requestsTo(srv *api2cartsim.Server, method string) []sim.Request {
	var out []sim.Request
	for _, r := range srv.Requests() {
		if strings.HasSuffix(r.Path, "/"+method+".json") {
			out = append(out, r)
		}
	}
	return out
}

func query(t testing.TB, r sim.Request) url.Values {
	t.Helper()
	v, err := url.ParseQuery(r.RawQuery)
	if err != nil {
		t.Fatalf("query %q: %v", r.RawQuery, err)
	}
	return v
}

// snapshots returns every simulated order, oldest first.
func snapshots(srv *api2cartsim.Server) []api2cartsim.Order {
	var out []api2cartsim.Order
	for _, id := range srv.IDs() {
		o, _ := srv.Order(id)
		out = append(out, o)
	}
	return out
}

// assertClean checks an error is one line and shows neither key.
func assertClean(t testing.TB, err error) {
	t.Helper()
	s := err.Error()
	if strings.ContainsAny(s, "\r\n") {
		t.Errorf("error is not one line: %q", s)
	}
	for _, k := range []string{testAPIKey, testStoreKey} {
		if strings.Contains(s, k) {
			t.Errorf("error shows a key: %q", s)
		}
	}
}

type api2cartConfig = api2cart.Config
