package cscart

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/cscartsim"
)

// Tests against the simulated marketplace: two independent readings of the
// seed checked against each other.

const simKey = "demo-cscart-key"

func startSim(t *testing.T, opts cscartsim.Options) *cscartsim.Server {
	t.Helper()
	if opts.Orders == 0 {
		opts.Orders = 60
	}
	srv, err := cscartsim.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

func simClient(t *testing.T, srv *cscartsim.Server, mods ...func(*Config, *httpx.Options)) *Client {
	t.Helper()
	cfg := Config{
		StoreConfig: backend.StoreConfig{Name: "Market EU", Platform: Platform, URL: srv.URL(), Timeout: 2 * time.Second},
		Email:       "demo@orderdash.test",
		APIKey:      simKey,
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

// orderWith finds an order in status letter.
func orderWith(t *testing.T, srv *cscartsim.Server, letter string) string {
	t.Helper()
	for _, id := range srv.IDs() {
		if o, _ := srv.Order(id); o.Status == letter {
			return id
		}
	}
	t.Fatalf("the sim has no order in status %s", letter)
	return ""
}

func TestSimListPagesThroughEveryOrder(t *testing.T) {
	srv := startSim(t, cscartsim.Options{})
	c := simClient(t, srv)
	seen := map[string]bool{}
	q := backend.Query{PageSize: 25, Sort: backend.SortID, Asc: true}
	pages := 0
	var total int
	for {
		p, err := c.List(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		total = p.Total
		for _, o := range p.Orders {
			if seen[o.ID] {
				t.Errorf("order %s on two pages", o.ID)
			}
			seen[o.ID] = true
			if !o.Detailed || o.Customer.Name == "" || o.Total == "" || o.Created.IsZero() || o.Status.Name == "" || o.ItemCount < 1 {
				t.Errorf("row lacks what the table needs: %+v", o)
			}
		}
		if p.Next == "" {
			break
		}
		q.Cursor = p.Next
	}
	incomplete := 0
	for _, id := range srv.IDs() {
		if o, _ := srv.Order(id); o.Status == "N" {
			incomplete++
		}
	}
	if len(seen) != total || total != len(srv.IDs())-incomplete || pages != (total+24)/25 {
		t.Errorf("saw %d orders in %d pages; total %d; sim has %d (%d incomplete)", len(seen), pages, total, len(srv.IDs()), incomplete)
	}
}

func TestSimListFiltersAndSorts(t *testing.T) {
	srv := startSim(t, cscartsim.Options{})
	c := simClient(t, srv)
	ctx := context.Background()

	p, err := c.List(ctx, backend.Query{Statuses: []string{"P", "C"}, PageSize: 250})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, id := range srv.IDs() {
		if o, _ := srv.Order(id); o.Status == "P" || o.Status == "C" {
			want++
		}
	}
	if p.Total != want || len(p.Orders) != want {
		t.Errorf("P or C: total %d rows %d, sim has %d", p.Total, len(p.Orders), want)
	}
	for _, o := range p.Orders {
		if o.Status.Code != "P" && o.Status.Code != "C" {
			t.Errorf("order %s is %s", o.ID, o.Status.Code)
		}
	}

	p, err = c.List(ctx, backend.Query{Statuses: []string{"N"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range p.Orders {
		if o.Status.Code != "N" || o.Status.Name != "Incomplete" {
			t.Errorf("N filter: %+v", o.Status)
		}
	}

	p, err = c.List(ctx, backend.Query{Sort: backend.SortTotal, Asc: true, PageSize: 250})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(p.Orders); i++ {
		if cents(t, p.Orders[i-1].Total) > cents(t, p.Orders[i].Total) {
			t.Fatalf("not ascending by total at %d: %s > %s", i, p.Orders[i-1].Total, p.Orders[i].Total)
		}
	}

	first := p.Orders[0]
	p, err = c.List(ctx, backend.Query{Email: strings.ToUpper(first.Customer.Email)})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Orders) == 0 {
		t.Errorf("e-mail filter found nothing for %s", first.Customer.Email)
	}
	for _, o := range p.Orders {
		if !strings.EqualFold(o.Customer.Email, first.Customer.Email) {
			t.Errorf("e-mail filter: %s", o.Customer.Email)
		}
	}

	// Change one order, then ask for what changed since just before.
	id := orderWith(t, srv, "O")
	before, _ := srv.Order(id)
	since := time.Now().Add(-time.Second)
	if before.Updated.After(since) {
		t.Fatal("generated orders must be older than now")
	}
	if _, err := c.SetStatus(ctx, backend.Change{OrderID: id, To: backend.Status{Code: "P"}}); err != nil {
		t.Fatal(err)
	}
	p, err = c.List(ctx, backend.Query{UpdatedSince: since})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Orders) != 1 || p.Orders[0].ID != id {
		t.Errorf("updated since: %d rows", len(p.Orders))
	}
}

func cents(t *testing.T, s string) int64 {
	t.Helper()
	whole, frac, _ := strings.Cut(s, ".")
	frac = (frac + "00")[:2]
	var n int64
	for _, r := range whole + frac {
		n = n*10 + int64(r-'0')
	}
	return n
}

func TestSimGetMatchesTheStore(t *testing.T) {
	srv := startSim(t, cscartsim.Options{})
	c := simClient(t, srv)
	for _, id := range srv.IDs()[:10] {
		o, err := c.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := srv.Order(id)
		if o.ID != id || o.Status.Code != s.Status || o.Total != s.Total || !o.Created.Equal(s.Created) ||
			o.Customer.Email != s.Email || o.Customer.Name != strings.TrimSpace(s.FirstName+" "+s.LastName) || o.Notes != s.Notes {
			t.Errorf("order %s: client %+v\nsim %+v", id, o, s)
		}
		if !o.Detailed || o.History == nil || len(o.History) != 0 || len(o.Items) == 0 || o.ShipTo.City == "" {
			t.Errorf("order %s detail incomplete: %+v", id, o)
		}
	}
	_, err := c.Get(context.Background(), "999999")
	checkErr(t, err, backend.ErrNotFound)
}

func TestSimStatuses(t *testing.T) {
	for _, shape := range []string{"object", "array", "none"} {
		t.Run(shape, func(t *testing.T) {
			srv := startSim(t, cscartsim.Options{StatusesShape: shape})
			c := simClient(t, srv)
			ss, err := c.Statuses(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]backend.Status{}
			for _, s := range ss {
				got[s.Code] = s
			}
			if len(ss) != 10 || got["N"].Code != "" || got["G"].Kind != backend.KindOnHold || got["H"].Kind != backend.KindRefunded {
				t.Errorf("statuses: %+v", ss)
			}
		})
	}
}

func TestSimSetStatus(t *testing.T) {
	srv := startSim(t, cscartsim.Options{})
	c := simClient(t, srv)
	id := orderWith(t, srv, "O")
	o, err := backend.Apply(context.Background(), c, nil, backend.Change{OrderID: id, From: backend.Status{Code: "O"}, To: backend.Status{Code: "P"}, Notify: true})
	if err != nil {
		t.Fatal(err)
	}
	changes := srv.Changes()
	if o.Status.Code != "P" || len(changes) != 1 || changes[0].To != "P" || !changes[0].Notify || changes[0].OrderID != id {
		t.Fatalf("order %s, changes %+v", o.Status.Code, changes)
	}
	ok, _, err := c.Verify(context.Background(), backend.Change{OrderID: id, To: backend.Status{Code: "P"}})
	if err != nil || !ok {
		t.Errorf("verify: %v %v", ok, err)
	}
	// notify off really is off (PHP !empty("0") is false).
	id2 := orderWith(t, srv, "C")
	if _, err := c.SetStatus(context.Background(), backend.Change{OrderID: id2, To: backend.Status{Code: "G"}}); err != nil {
		t.Fatal(err)
	}
	if ch := srv.Changes(); len(ch) != 2 || ch[1].Notify {
		t.Errorf("changes %+v", ch)
	}
	// A letter the store does not know: its 400 is an invalid status.
	_, err = c.SetStatus(context.Background(), backend.Change{OrderID: id, To: backend.Status{Code: "Z"}})
	e := checkErr(t, err, backend.ErrInvalidStatus)
	if !strings.Contains(e.Message, "cannot be set") {
		t.Errorf("message %q", e.Message)
	}
}

func TestSimVendorRef(t *testing.T) {
	srv := startSim(t, cscartsim.Options{})
	c := simClient(t, srv)
	ctx := context.Background()
	ids := srv.IDs()
	for _, id := range ids[:2] {
		if err := c.SetVendorRef(ctx, id, "REF-42"); err != nil {
			t.Fatal(err)
		}
	}
	if len(srv.Changes()) != 0 {
		t.Errorf("a vendor_ref PUT changed a status: %+v", srv.Changes())
	}
	found, err := c.SearchVendorRef(ctx, "REF-42")
	if err != nil || len(found) != 2 {
		t.Fatalf("search: %d orders, %v", len(found), err)
	}
	for _, o := range found {
		if o.VendorRef != "REF-42" {
			t.Errorf("order %s ref %q", o.ID, o.VendorRef)
		}
	}
	p, err := c.List(ctx, backend.Query{Search: "REF-42"})
	if err != nil || len(p.Orders) != 2 {
		t.Errorf("list search: %d, %v", len(p.Orders), err)
	}
	none, err := c.SearchVendorRef(ctx, "NO-SUCH-REF")
	if err != nil || none == nil || len(none) != 0 {
		t.Errorf("no results: %v %v", none, err)
	}
	for _, r := range srv.Requests() {
		if r.Method == "PUT" && strings.Contains(string(r.Body), "status") {
			t.Errorf("vendor_ref mixed with status: %s", r.Body)
		}
	}
}

// Every fault on a read ends in the typed error, with a one-line message
// and no key in it.
func TestSimReadFaults(t *testing.T) {
	cases := []struct {
		fault sim.Fault
		times int
		want  *backend.Error
		msg   string
	}{
		{sim.Fault5xx, 0, backend.ErrUnavailable, "Internal Server Error"},
		{sim.Fault401, 0, backend.ErrUnauthorized, "Unauthorized"},
		{sim.FaultMalformed, 0, backend.ErrMalformed, "could not be read"},
		{sim.FaultTruncated, 0, backend.ErrUnavailable, "broke off"},
		{sim.FaultHang, 0, backend.ErrUnavailable, "no answer within"},
		{sim.Fault429, 0, backend.ErrRateLimited, "Too Many Requests"},
	}
	for _, tc := range cases {
		t.Run(string(tc.fault), func(t *testing.T) {
			srv := startSim(t, cscartsim.Options{})
			// MaxWait below the sim's Retry-After: the client returns the
			// wait instead of sleeping it.
			c := simClient(t, srv, hangTimeout, func(_ *Config, o *httpx.Options) { o.MaxWait = 100 * time.Millisecond })
			srv.Faults().Set(tc.fault, tc.times)
			_, err := c.Get(context.Background(), srv.IDs()[0])
			e := checkErr(t, err, tc.want)
			if !strings.Contains(e.Message, tc.msg) {
				t.Errorf("message %q lacks %q", e.Message, tc.msg)
			}
			if e.Uncertain {
				t.Errorf("a read is never uncertain: %v", err)
			}
			if tc.fault == sim.Fault429 && e.RetryAfter != time.Second {
				t.Errorf("retry after %v, want the sim's 1s", e.RetryAfter)
			}
		})
	}
}

// One transient fault on a read is retried away.
func TestSimReadFaultsRetried(t *testing.T) {
	for _, f := range []sim.Fault{sim.Fault5xx, sim.FaultTruncated, sim.FaultHang} {
		t.Run(string(f), func(t *testing.T) {
			srv := startSim(t, cscartsim.Options{})
			c := simClient(t, srv, hangTimeout)
			srv.Faults().Set(f, 1)
			if _, err := c.List(context.Background(), backend.Query{}); err != nil {
				t.Fatal(err)
			}
			if n := len(srv.Requests()); n != 2 {
				t.Errorf("%d requests, want 2", n)
			}
		})
	}
}

func TestSimRateLimitHonoured(t *testing.T) {
	srv := startSim(t, cscartsim.Options{})
	c := simClient(t, srv)
	srv.Faults().Set(sim.Fault429, 1)
	if _, err := c.List(context.Background(), backend.Query{}); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[0].Fault != sim.Fault429 {
		t.Fatalf("requests %d", len(reqs))
	}
	if gap := reqs[1].At.Sub(reqs[0].At); gap < time.Second {
		t.Errorf("the retry came %v after the 429; Retry-After said 1s", gap)
	}
}

func TestSimRateLimitBacksOffTheStore(t *testing.T) {
	srv := startSim(t, cscartsim.Options{})
	c := simClient(t, srv, func(_ *Config, o *httpx.Options) { o.MaxWait = 10 * time.Millisecond })
	srv.Faults().Set(sim.Fault429, 1)
	_, err := c.List(context.Background(), backend.Query{})
	checkErr(t, err, backend.ErrRateLimited)
	if c.BackoffUntil().IsZero() {
		t.Error("no back-off recorded")
	}
	// The next call does not knock while the store asked us to wait.
	_, err = c.Get(context.Background(), srv.IDs()[0])
	checkErr(t, err, backend.ErrRateLimited)
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests during the back-off", n)
	}
}

// A PUT whose outcome is open (no answer, a 5xx, a broken answer) is never
// sent again inside one SetStatus: the order is re-read, and the change is
// confirmed if it shows, else left unknown. Only a refusal that applied
// nothing (429) is sent again.
func TestSimStatusWriteFaults(t *testing.T) {
	cases := []struct {
		fault     sim.Fault
		times     int
		want      *backend.Error // nil: success
		uncertain bool
		puts      int
	}{
		{sim.FaultHangAfterApply, 1, nil, false, 1}, // applied: the re-read confirms it
		{sim.Fault5xx, 1, backend.ErrUnavailable, true, 1},
		{sim.FaultHang, 1, backend.ErrUnavailable, true, 1},
		{sim.FaultMalformed, 1, nil, false, 1}, // the re-read is the truth, not the answer
		{sim.FaultTruncated, 1, nil, false, 1},
		{sim.Fault429, 1, nil, false, 2},
		{sim.FaultHang, 0, backend.ErrUnavailable, true, 1},
		{sim.FaultHangAfterApply, 0, nil, false, 1},
		{sim.Fault5xx, 0, backend.ErrUnavailable, true, 1},
		{sim.Fault401, 1, backend.ErrUnauthorized, false, 1},
	}
	for _, tc := range cases {
		t.Run(string(tc.fault)+"x"+map[bool]string{true: "always", false: "once"}[tc.times == 0], func(t *testing.T) {
			srv := startSim(t, cscartsim.Options{})
			c := simClient(t, srv, hangTimeout)
			id := orderWith(t, srv, "O")
			srv.Faults().SetFor("PUT", tc.fault, tc.times)
			j := &backendtest.Journal{}
			o, err := backend.Apply(context.Background(), c, j, backend.Change{OrderID: id, From: backend.Status{Code: "O"}, To: backend.Status{Code: "P"}})
			s, _ := srv.Order(id)
			if n := countPuts(srv); n != tc.puts || j.Sends != tc.puts {
				t.Errorf("%d PUTs reached the store, %d attempts journaled; want %d", n, j.Sends, tc.puts)
			}
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if o.Status.Code != "P" || s.Status != "P" || len(srv.Changes()) != 1 {
					t.Errorf("client %s, sim %s, %d changes", o.Status.Code, s.Status, len(srv.Changes()))
				}
				return
			}
			e := checkErr(t, err, tc.want)
			if e.Uncertain != tc.uncertain {
				t.Errorf("uncertain %v, want %v: %v", e.Uncertain, tc.uncertain, err)
			}
			if tc.uncertain && !strings.HasSuffix(err.Error(), "; read again, the order does not show the change yet ("+backend.UncertainNote+")") {
				t.Errorf("message %q", err)
			}
			if s.Status != "O" || len(srv.Changes()) != 0 {
				t.Errorf("sim %s, %d changes", s.Status, len(srv.Changes()))
			}
		})
	}
}

func countPuts(srv *cscartsim.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPut {
			n++
		}
	}
	return n
}

// fastPath answers every status PUT 200 {"order_id"} without passing it
// on: CS-Cart's fast path ignores the result of the change it makes.
type fastPath struct{ next http.RoundTripper }

func (f fastPath) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method != http.MethodPut {
		return f.next.RoundTrip(r)
	}
	body := `{"order_id":"` + r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:] + `"}`
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
}

func TestSimAcceptedButNotApplied(t *testing.T) {
	srv := startSim(t, cscartsim.Options{})
	c := simClient(t, srv, func(_ *Config, o *httpx.Options) { o.Transport = fastPath{http.DefaultTransport} })
	id := orderWith(t, srv, "O")
	j := &backendtest.Journal{}
	_, err := backend.Apply(context.Background(), c, j, backend.Change{OrderID: id, From: backend.Status{Code: "O"}, To: backend.Status{Code: "P"}})
	e := checkErr(t, err, backend.ErrInvalidStatus)
	if !strings.Contains(e.Message, "accepted the change but did not apply it") || e.Uncertain {
		t.Errorf("error %v", err)
	}
	if strings.Join(j.Log, ",") != "record,sent,failed" {
		t.Errorf("journal %v", j.Log)
	}
}
