package lunasoft

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/lunasoftsim"
)

// Tests against the simulated Lunasoft site: two independent readings of
// seed 002 checked against each other.

func startSim(t *testing.T, opts lunasoftsim.Options) *lunasoftsim.Server {
	t.Helper()
	if opts.Orders == 0 {
		opts.Orders = 120
	}
	srv, err := lunasoftsim.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

func simClient(t *testing.T, srv *lunasoftsim.Server, mods ...func(*Config, *httpx.Options)) *Client {
	t.Helper()
	cfg := Config{
		StoreConfig: backend.StoreConfig{Name: "Luna Site", Platform: Platform, URL: srv.URL(), Timeout: 2 * time.Second},
		APIKey:      "demo-lunasoft-key",
		Statuses:    srv.Statuses(),
	}
	opt := fastOpts
	for _, m := range mods {
		m(&cfg, &opt)
	}
	c, err := New(cfg, opt)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// hangTimeout is the short per-request timeout of the tests whose store
// hangs on purpose; every other test keeps a timeout that a loaded machine
// (the race detector on two shared cores) still meets.
func hangTimeout(cfg *Config, _ *httpx.Options) { cfg.Timeout = 250 * time.Millisecond }

// orderIn finds an order whose current status is not one of avoid.
func orderIn(t *testing.T, srv *lunasoftsim.Server, status string) lunasoftsim.Order {
	t.Helper()
	for _, id := range srv.IDs() {
		if o, _ := srv.Order(id); o.CurrentStatus == status {
			return o
		}
	}
	t.Fatalf("the sim has no order in %s", status)
	return lunasoftsim.Order{}
}

func posts(srv *lunasoftsim.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == "POST" {
			n++
		}
	}
	return n
}

func TestSimListPagesThroughEveryOrder(t *testing.T) {
	srv := startSim(t, lunasoftsim.Options{})
	c := simClient(t, srv)
	seen := map[string]bool{}
	q := backend.Query{}
	pages := 0
	last := int64(1 << 62)
	for {
		p, err := c.List(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if p.Total != -1 {
			t.Errorf("total %d: Lunasoft does not count", p.Total)
		}
		for _, o := range p.Orders {
			id, _ := strconv.ParseInt(o.ID, 10, 64)
			if id >= last {
				t.Errorf("not newest id first: %d after %d", id, last)
			}
			last = id
			seen[o.ID] = true
			if o.Detailed || o.Customer.Name == "" || o.Total == "" || o.Created.IsZero() || o.ItemCount < 1 {
				t.Errorf("row: %+v", o)
			}
		}
		if p.Next == "" {
			break
		}
		q.Cursor = p.Next
	}
	if len(seen) != len(srv.IDs()) || pages != (len(srv.IDs())+49)/50 {
		t.Errorf("saw %d of %d orders in %d pages", len(seen), len(srv.IDs()), pages)
	}
}

func TestSimListFilters(t *testing.T) {
	srv := startSim(t, lunasoftsim.Options{})
	c := simClient(t, srv)
	ctx := context.Background()
	ids := srv.IDs()
	mid := ids[len(ids)/2]
	p, err := c.List(ctx, backend.Query{IDFrom: mid, Sort: backend.SortID, Asc: true})
	if err != nil {
		t.Fatal(err)
	}
	if p.Orders[0].ID != mid {
		t.Errorf("id ≥ %s ascending starts at %s", mid, p.Orders[0].ID)
	}
	m, _ := srv.Order(mid)
	p, err = c.List(ctx, backend.Query{CreatedAfter: m.Created, Sort: backend.SortCreated, Asc: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range p.Orders {
		if o.Created.Before(m.Created) || (i > 0 && o.Created.Before(p.Orders[i-1].Created)) {
			t.Fatalf("created ≥ %v ascending: row %d is %v", m.Created, i, o.Created)
		}
	}
	if len(p.Orders) == 0 || !p.Orders[0].Created.Equal(m.Created) {
		t.Errorf("created_on_after lost the boundary order")
	}
}

func TestSimGetMatchesTheStore(t *testing.T) {
	srv := startSim(t, lunasoftsim.Options{})
	c := simClient(t, srv)
	for _, id := range srv.IDs()[:15] {
		o, err := c.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := srv.Order(id)
		if o.Status.Code != s.CurrentStatus || o.Total != s.Total || !o.Created.Equal(s.Created) || o.Customer.Email != s.Email ||
			!o.Updated.Equal(s.Modified) || len(o.History) != len(s.History) {
			t.Errorf("order %s: client %+v\nsim %+v", id, o, s)
			continue
		}
		for i, e := range s.History {
			got := o.History[i]
			if got.Status.Code != e.Status || got.Note != e.Notes || got.Notified != e.Notify || !got.At.Equal(e.Created) || got.Source != backend.SourcePlatform {
				t.Errorf("order %s entry %d: %+v vs %+v", id, i, got, e)
			}
			if got.Status.Kind == backend.KindOther {
				t.Errorf("%q has no kind", e.Status)
			}
		}
	}
	_, err := c.Get(context.Background(), "1")
	checkErr(t, err, backend.ErrNotFound)
}

func TestSimSetStatus(t *testing.T) {
	srv := startSim(t, lunasoftsim.Options{})
	c := simClient(t, srv)
	s := orderIn(t, srv, "Processing")
	ch := backend.Change{OrderID: s.ID, From: backend.Status{Code: "Processing"}, To: backend.Status{Code: "Shipped"},
		Notify: true, Note: "Two boxes", Tracking: "1Z999AA10123456784", Requested: time.Now()}
	o, err := backend.Apply(context.Background(), c, nil, ch)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := srv.Order(s.ID)
	if len(after.History) != len(s.History)+1 || after.CurrentStatus != "Shipped" {
		t.Fatalf("sim: %d entries (was %d), status %s", len(after.History), len(s.History), after.CurrentStatus)
	}
	top := after.History[0]
	if top.Status != "Shipped" || top.Notes != "Two boxes\nTracking #1Z999AA10123456784" || !top.Notify {
		t.Errorf("entry %+v", top)
	}
	if o.Status.Code != "Shipped" || o.Tracking != "1Z999AA10123456784" || o.History[0].Note != top.Notes {
		t.Errorf("client order %+v", o.History[0])
	}
	if ok, _, err := c.Verify(context.Background(), ch); err != nil || !ok {
		t.Errorf("verify: %v %v", ok, err)
	}
	// The site refuses a name it does not have (the client's list is wrong).
	c2 := simClient(t, srv, func(cfg *Config, _ *httpx.Options) { cfg.Statuses = append(srv.Statuses(), "Teleported") })
	_, err = c2.SetStatus(context.Background(), backend.Change{OrderID: s.ID, To: backend.Status{Code: "Teleported"}})
	e := checkErr(t, err, backend.ErrInvalidStatus)
	if !strings.Contains(e.Message, "Invalid status") {
		t.Errorf("message %q", e.Message)
	}
	if got, _ := srv.Order(s.ID); len(got.History) != len(after.History) {
		t.Errorf("a refused POST added an entry")
	}
}

func TestSimReadFaults(t *testing.T) {
	cases := []struct {
		fault sim.Fault
		want  *backend.Error
		msg   string
	}{
		{sim.Fault5xx, backend.ErrUnavailable, ""},
		{sim.Fault401, backend.ErrUnauthorized, "Unauthorized"},
		{sim.FaultMalformed, backend.ErrMalformed, "could not be read"},
		{sim.FaultTruncated, backend.ErrUnavailable, "broke off"},
		{sim.FaultHang, backend.ErrUnavailable, "no answer within"},
		{sim.Fault429, backend.ErrRateLimited, ""},
	}
	for _, tc := range cases {
		t.Run(string(tc.fault), func(t *testing.T) {
			srv := startSim(t, lunasoftsim.Options{})
			c := simClient(t, srv, hangTimeout, func(_ *Config, o *httpx.Options) { o.MaxWait = 100 * time.Millisecond })
			srv.Faults().Set(tc.fault, 0)
			for _, call := range []func() error{
				func() error { _, err := c.Get(context.Background(), srv.IDs()[0]); return err },
				func() error { _, err := c.List(context.Background(), backend.Query{}); return err },
			} {
				err := call()
				e := checkErr(t, err, tc.want)
				if !strings.Contains(e.Message, tc.msg) || e.Uncertain {
					t.Errorf("error %v (uncertain %v)", err, e.Uncertain)
				}
				if tc.fault == sim.Fault429 && e.RetryAfter <= 0 {
					t.Errorf("no retry-after: %v", err)
				}
			}
		})
	}
}

func TestSimRateLimitHonoured(t *testing.T) {
	srv := startSim(t, lunasoftsim.Options{})
	c := simClient(t, srv)
	s := orderIn(t, srv, "Processing")
	srv.Faults().SetFor("POST", sim.Fault429, 1)
	if _, err := c.SetStatus(context.Background(), backend.Change{OrderID: s.ID, To: backend.Status{Code: "Shipped"}, Requested: time.Now()}); err != nil {
		t.Fatal(err)
	}
	var postAt []time.Time
	for _, r := range srv.Requests() {
		if r.Method == "POST" {
			postAt = append(postAt, r.At)
		}
	}
	after, _ := srv.Order(s.ID)
	if len(postAt) != 2 || len(after.History) != len(s.History)+1 {
		t.Fatalf("%d POSTs, %d new entries", len(postAt), len(after.History)-len(s.History))
	}
	if gap := postAt[1].Sub(postAt[0]); gap < time.Second {
		t.Errorf("resent %v after the 429; Retry-After said 1s", gap)
	}
}

// The crucial ones: a POST whose answer is lost is applied exactly once.
func TestSimStatusWriteFaults(t *testing.T) {
	cases := []struct {
		name      string
		fault     sim.Fault
		times     int
		getFault  sim.Fault // on every GET after the POST is sent
		want      *backend.Error
		uncertain bool
		posts     int
		added     int
	}{
		{name: "hang after apply: re-read, success", fault: sim.FaultHangAfterApply, times: 1, posts: 1, added: 1},
		// A lost or failed answer of a POST that did not apply: the re-read
		// does not show it, but it may still be on its way, so it is never
		// sent again; the outcome is left open for reconciliation.
		{name: "5xx before apply: not resent, outcome open", fault: sim.Fault5xx, times: 1, posts: 1, added: 0, want: backend.ErrUnavailable, uncertain: true},
		{name: "hang before apply: not resent, outcome open", fault: sim.FaultHang, times: 1, posts: 1, added: 0, want: backend.ErrUnavailable, uncertain: true},
		{name: "malformed answer after apply", fault: sim.FaultMalformed, times: 1, posts: 1, added: 1},
		{name: "truncated answer after apply", fault: sim.FaultTruncated, times: 1, posts: 1, added: 1},
		{name: "401", fault: sim.Fault401, times: 1, posts: 1, added: 0, want: backend.ErrUnauthorized},
		{name: "5xx every time: one send, outcome open", fault: sim.Fault5xx, times: 0, posts: 1, added: 0, want: backend.ErrUnavailable, uncertain: true},
		{name: "hang every time: one send, outcome open", fault: sim.FaultHang, times: 0, posts: 1, added: 0, want: backend.ErrUnavailable, uncertain: true},
		{name: "hang after apply every time: the first is found", fault: sim.FaultHangAfterApply, times: 0, posts: 1, added: 1},
		{name: "hang after apply, re-read fails: uncertain", fault: sim.FaultHangAfterApply, times: 1, getFault: sim.Fault5xx,
			posts: 1, added: 1, want: backend.ErrUnavailable, uncertain: true},
		{name: "5xx before apply, re-read fails: uncertain, not resent", fault: sim.Fault5xx, times: 1, getFault: sim.FaultMalformed,
			posts: 1, added: 0, want: backend.ErrUnavailable, uncertain: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := startSim(t, lunasoftsim.Options{})
			c := simClient(t, srv, hangTimeout)
			s := orderIn(t, srv, "Processing")
			srv.Faults().SetFor("POST", tc.fault, tc.times)
			ch := backend.Change{OrderID: s.ID, From: backend.Status{Code: "Processing"}, To: backend.Status{Code: "Shipped"},
				Tracking: "1Z999", Requested: time.Now()}
			if tc.getFault != "" {
				// The read before sending works; every read after the POST
				// has left fails.
				c = simClient(t, srv, hangTimeout, func(_ *Config, o *httpx.Options) {
					o.Transport = armOnPost{next: http.DefaultTransport, arm: func() { srv.Faults().SetFor("GET", tc.getFault, 0) }}
				})
			}
			j := &backendtest.Journal{}
			o, err := backend.Apply(context.Background(), c, j, ch)
			after, _ := srv.Order(s.ID)
			if j.Sends != tc.posts {
				t.Errorf("%d attempts journaled, want %d (the POSTs sent)", j.Sends, tc.posts)
			}
			if got := len(after.History) - len(s.History); got != tc.added {
				t.Errorf("%d entries added, want %d", got, tc.added)
			}
			if got := posts(srv); got != tc.posts {
				t.Errorf("%d POSTs, want %d", got, tc.posts)
			}
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if o.Status.Code != "Shipped" || o.History[0].Note != "Tracking #1Z999" {
					t.Errorf("order %s %+v", o.Status.Code, o.History[0])
				}
				return
			}
			e := checkErr(t, err, tc.want)
			if e.Uncertain != tc.uncertain {
				t.Errorf("uncertain %v, want %v: %v", e.Uncertain, tc.uncertain, err)
			}
			checkUncertainText(t, err)
		})
	}
}

// armOnPost switches a sim fault on as a POST goes out.
type armOnPost struct {
	next http.RoundTripper
	arm  func()
}

func (a armOnPost) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPost {
		a.arm()
	}
	return a.next.RoundTrip(r)
}
