package api2cart_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/api2cart"
	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/api2cartsim"
)

// calls are the four ways the dashboard reaches a store.
var calls = []struct {
	name  string
	write bool
	do    func(*api2cart.Client) error
}{
	{"list", false, func(c *api2cart.Client) error { _, err := c.List(context.Background(), backend.Query{}); return err }},
	{"get", false, func(c *api2cart.Client) error { _, err := c.Get(context.Background(), "5"); return err }},
	{"statuses", false, func(c *api2cart.Client) error { _, err := c.Statuses(context.Background()); return err }},
	{"set status", true, func(c *api2cart.Client) error {
		_, err := c.SetStatus(context.Background(), backend.Change{OrderID: "5", To: shipped, IdempotencyKey: "k"})
		return err
	}},
}

// Every return code the issue names, injected by the simulator on every
// call, reaches the caller as its domain error: one line, no key, and no
// change applied.
func TestReturnCodesFromSim(t *testing.T) {
	codes := map[int]*backend.Error{
		2: backend.ErrUnauthorized, 4: backend.ErrUnauthorized, 5: backend.ErrUnauthorized, 6: backend.ErrUnauthorized,
		112: backend.ErrNotFound, 109: backend.ErrInvalidRequest, 114: backend.ErrInvalidRequest,
		7: backend.ErrRateLimited, 10: backend.ErrRateLimited, 110: backend.ErrRateLimited,
		1: backend.ErrUnavailable, 9: backend.ErrUnavailable, 106: backend.ErrUnavailable, 107: backend.ErrUnavailable,
	}
	srv, _ := startSim(t, api2cartsim.Options{})
	for code, want := range codes {
		for _, call := range calls {
			t.Run(fmt.Sprintf("%d/%s", code, call.name), func(t *testing.T) {
				srv.Fail(code, 0)
				defer srv.Fail(0, 0)
				srv.ResetRequests()
				err := call.do(newClient(t, srv))
				if !errors.Is(err, want) {
					t.Fatalf("got %v, want kind %v", err, want.Kind)
				}
				if !strings.Contains(err.Error(), fmt.Sprintf("return code %d", code)) {
					t.Errorf("%q does not name the code", err)
				}
				assertClean(t, err)
				// Temporary failures are retried (twice here); the rest are not.
				wantTries := 1
				if backend.Temporary(err) {
					wantTries = 3
				}
				if n := len(srv.Requests()); n < wantTries {
					t.Errorf("%d requests, want at least %d", n, wantTries)
				}
				if call.write && backend.IsUncertain(err) != (code == 9) {
					t.Errorf("uncertain = %v for code %d", backend.IsUncertain(err), code)
				}
			})
		}
	}
	if n := len(srv.Updates()); n != 0 {
		t.Errorf("%d updates applied while every call failed", n)
	}
}

// Wrong keys: the simulator answers HTTP 200 with 2 or 101, and even
// when it echoes the key back the error does not show it.
func TestWrongKeys(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	for _, tt := range []struct {
		name     string
		api, str string
		code     string
	}{
		{"api key", "wrong-api-key-123456", testStoreKey, "2"},
		{"store key", testAPIKey, "wrong-store-key-654321", "101"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, srv, func(cfg *api2cartConfig) {
				cfg.APIKey, cfg.StoreKey = backend.Secret(tt.api), backend.Secret(tt.str)
			})
			_, err := c.Statuses(context.Background())
			var be *backend.Error
			if !errors.As(err, &be) || be.Kind != backend.KindUnauthorized || be.Code != tt.code || be.HTTPStatus != 200 {
				t.Fatalf("got %#v", err)
			}
			for _, k := range []string{tt.api, tt.str} {
				if strings.Contains(err.Error(), k) {
					t.Errorf("error shows a key: %v", err)
				}
			}
		})
	}
}

// Transport faults from the shared simulator core.
func TestFaultsFromSim(t *testing.T) {
	tests := []struct {
		name      string
		fault     sim.Fault
		times     int
		call      int            // index into calls
		kind      *backend.Error // nil: the call succeeds after a retry
		uncertain bool
	}{
		{"5xx once on a read is retried", sim.Fault5xx, 1, 2, nil, false},
		{"5xx on every read", sim.Fault5xx, 0, 2, backend.ErrUnavailable, false},
		{"5xx on every write is uncertain", sim.Fault5xx, 0, 3, backend.ErrUnavailable, true},
		{"truncated read is retried", sim.FaultTruncated, 1, 1, nil, false},
		{"malformed read", sim.FaultMalformed, 1, 1, backend.ErrMalformed, false},
		{"hang on every read", sim.FaultHang, 0, 2, backend.ErrUnavailable, false},
		{"hang once on a write is not resent: re-read, left open", sim.FaultHang, 1, 3, backend.ErrUnavailable, true},
		{"401 answered the API2Cart way", sim.Fault401, 1, 2, backend.ErrUnauthorized, false},
		{"429 answered the API2Cart way", sim.Fault429, 0, 0, backend.ErrRateLimited, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := startSim(t, api2cartsim.Options{})
			c := newClient(t, srv, func(cfg *api2cartConfig) { cfg.Timeout = 250 * time.Millisecond })
			srv.Faults().Set(tt.fault, tt.times)
			err := calls[tt.call].do(c)
			if tt.kind == nil {
				if err != nil {
					t.Fatalf("got %v, want success after a retry", err)
				}
				return
			}
			if !errors.Is(err, tt.kind) {
				t.Fatalf("got %v, want kind %v", err, tt.kind.Kind)
			}
			if backend.IsUncertain(err) != tt.uncertain {
				t.Errorf("uncertain = %v", backend.IsUncertain(err))
			}
			assertClean(t, err)
		})
	}
}

// A throttled store: the client backs off (with jitter, store-wide), then
// goes on; a longer throttle comes back as a rate-limit error with the
// wait, and the back-off is visible for the status bar.
func TestThrottledStore(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv)
	srv.Throttle(7, 2)
	if _, err := c.Statuses(context.Background()); err != nil {
		t.Fatalf("after two throttled answers: %v", err)
	}
	if n := len(requestsTo(srv, "order.status.list")); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	srv.Throttle(10, 0)
	_, err := c.Statuses(context.Background())
	if !errors.Is(err, backend.ErrRateLimited) || backend.RetryAfter(err) < 0 {
		t.Fatalf("got %v", err)
	}
	if c.BackoffUntil().IsZero() {
		t.Error("no back-off recorded")
	}
	srv.Throttle(0, 0)
}

// Concurrent pages, details and changes on one client (run with -race).
func TestConcurrentUse(t *testing.T) {
	srv, _ := startSim(t, api2cartsim.Options{})
	c := newClient(t, srv)
	ids := srv.IDs()
	errs := make(chan error, 30)
	for i := range 10 {
		go func() {
			_, err := c.List(context.Background(), backend.Query{Statuses: []string{fmt.Sprint(i%3 + 1)}})
			errs <- err
		}()
		go func() { _, err := c.Get(context.Background(), ids[i]); errs <- err }()
		go func() {
			_, err := c.SetStatus(context.Background(), backend.Change{OrderID: ids[i+20], To: backend.Status{Code: "15"}, IdempotencyKey: fmt.Sprint("c", i)})
			errs <- err
		}()
	}
	for range 30 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if n := len(srv.Updates()); n != 10 {
		t.Errorf("%d updates, want 10", n)
	}
}
