package kornitx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/sim"
	"github.com/orderdash/orderdash/backend/sim/kornitxsim"
)

const (
	simRef = "850135"
	simKey = "AD0D7-sim-key"
)

func startSim(t *testing.T, opts kornitxsim.Options) *kornitxsim.Server {
	t.Helper()
	if opts.Orders == 0 {
		opts.Orders = 12
	}
	opts.RefID, opts.APIKey = simRef, simKey
	s, err := kornitxsim.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// receive stores the sim's backlog as if it had been pushed.
func receive(t *testing.T, srv *kornitxsim.Server, store OrderStore) {
	t.Helper()
	at := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	for i, so := range srv.Backlog() {
		raw, _ := json.Marshal(so)
		p, err := ParsePush(raw)
		if err != nil {
			t.Fatal(err)
		}
		o := p.Order(testStore, "GBP", time.UTC, defaultKinds)
		o.Updated = at.Add(time.Duration(i) * time.Second)
		o.History = []backend.Event{{At: o.Updated, Status: o.Status, Source: backend.SourcePlatform, Actor: "Kornit X push"}}
		if _, err := store.SavePush(context.Background(), testStore, o, raw, o.Updated); err != nil {
			t.Fatal(err)
		}
	}
}

func simConfig(srv *kornitxsim.Server) Config {
	return Config{
		StoreConfig: backend.StoreConfig{Name: testStore, Platform: Platform, URL: srv.URL(), Timeout: 300 * time.Millisecond},
		RefID:       simRef, APIKey: simKey,
	}
}

func simClient(t *testing.T, srv *kornitxsim.Server, mods ...func(*Config)) (*Client, *MemStore) {
	t.Helper()
	store := NewMemStore()
	receive(t, srv, store)
	cfg := simConfig(srv)
	for _, m := range mods {
		m(&cfg)
	}
	c, err := New(cfg, store, fastOpts)
	if err != nil {
		t.Fatal(err)
	}
	return c, store
}

func firstID(srv *kornitxsim.Server) string { return strconv.FormatInt(srv.Backlog()[0].ID, 10) }

func change(id, to, tracking string) backend.Change {
	return backend.Change{Store: testStore, OrderID: id, From: backend.Status{Code: "1"}, To: backend.Status{Code: to}, Tracking: tracking, Operator: "sam"}
}

func TestSetEveryStatus(t *testing.T) {
	srv := startSim(t, kornitxsim.Options{})
	c, _ := simClient(t, srv)
	statuses, _ := c.Statuses(context.Background())
	if len(statuses) != 9 {
		t.Fatalf("%d statuses", len(statuses))
	}
	for i, st := range statuses {
		t.Run(st.Name, func(t *testing.T) {
			id := strconv.FormatInt(srv.Backlog()[i].ID, 10)
			tracking := ""
			if takesTracking(st.Code) {
				tracking = "TRK-" + st.Code
			}
			o, err := c.SetStatus(context.Background(), change(id, st.Code, tracking))
			if err != nil {
				t.Fatal(err)
			}
			if o.Status != st || o.Tracking != tracking {
				t.Fatalf("order after the change: %+v tracking %q", o.Status, o.Tracking)
			}
			ev := o.History[0]
			if ev.Status != st || ev.Source != backend.SourceLocal || ev.Actor != "sam" || ev.Tracking != tracking || len(o.History) != 2 {
				t.Fatalf("timeline %+v", o.History)
			}
			n, _ := strconv.ParseInt(id, 10, 64)
			if s, _ := srv.Order(n); strconv.Itoa(s.Status) != st.Code || s.Tracking != tracking {
				t.Fatalf("the sim has %+v", s)
			}
		})
	}
	puts := srv.Puts()
	if len(puts) != 9 {
		t.Fatalf("%d PUTs for 9 changes", len(puts))
	}
	var body map[string]any
	json.Unmarshal(puts[0].Body, &body)
	if fmt.Sprint(body) != "map[shipping_tracking:TRK-8 status:8]" {
		t.Fatalf("dispatch body %s", puts[0].Body)
	}
	json.Unmarshal(puts[1].Body, &body)
	if string(puts[1].Body) != `{"status":128}` {
		t.Fatalf("cancel body %s (no tracking key expected)", puts[1].Body)
	}
}

func TestAuthForms(t *testing.T) {
	tests := []struct {
		name     string
		accept64 bool
		enc      string
		wantKind backend.ErrorKind
	}{
		{"raw, as documented", false, "", 0},
		{"raw explicitly", false, "raw", 0},
		{"base64 where the server takes it", true, "base64", 0},
		{"base64 where it does not", false, "base64", backend.KindUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startSim(t, kornitxsim.Options{AcceptBase64: tt.accept64})
			c, _ := simClient(t, srv, func(c *Config) { c.AuthEncoding = tt.enc })
			_, err := c.SetStatus(context.Background(), change(firstID(srv), "8", ""))
			if tt.wantKind == 0 && err != nil || tt.wantKind != 0 && backend.KindOf(err) != tt.wantKind {
				t.Fatalf("err = %v", err)
			}
			auth := srv.Requests()[0].Header.Get("Authorization")
			if tt.enc != "base64" && auth != "Basic "+simRef+":"+simKey {
				t.Fatalf("Authorization %q", auth)
			}
		})
	}
}

func TestStatusAPIErrors(t *testing.T) {
	tests := []struct {
		name      string
		setup     func(*kornitxsim.Server, *MemStore, *Client) string // returns the order id
		to        string
		kind      backend.ErrorKind
		uncertain bool
		puts      int
		msg       string
	}{
		{name: "wrong key", to: "8", kind: backend.KindUnauthorized, puts: 1, msg: "Authentication required",
			setup: func(s *kornitxsim.Server, _ *MemStore, _ *Client) string { return firstID(s) }},
		{name: "unknown to Kornit X", to: "8", kind: backend.KindNotFound, puts: 1, msg: "does not know order",
			setup: func(s *kornitxsim.Server, m *MemStore, _ *Client) string {
				o := backend.Order{ID: "99", Status: statusOf(1, "", defaultKinds), History: []backend.Event{{Status: statusOf(1, "", defaultKinds)}}}
				m.SavePush(context.Background(), testStore, o, nil, time.Now())
				return "99"
			}},
		{name: "closed at Kornit X", to: "128", kind: backend.KindInvalidStatus, puts: 1, msg: "Invalid order status",
			setup: func(s *kornitxsim.Server, _ *MemStore, c *Client) string {
				// Dispatched at Kornit X by someone else; our copy still says Received.
				id := firstID(s)
				c2, _ := New(simConfig(s), NewMemStoreWith(s), fastOpts)
				if _, err := c2.SetStatus(context.Background(), change(id, "8", "")); err != nil {
					panic(err)
				}
				return id
			}},
		{name: "rate limited beyond the retries", to: "8", kind: backend.KindRateLimited, puts: 3, msg: "Rate limit",
			setup: func(s *kornitxsim.Server, _ *MemStore, _ *Client) string { s.RateLimit(0); return firstID(s) }},
		// A PUT whose outcome is open is never sent again inside one
		// SetStatus: Kornit X has no read call to check it, so it is left
		// unknown for reconciliation.
		{name: "5xx on a PUT leaves it uncertain", to: "8", kind: backend.KindUnavailable, uncertain: true, puts: 1,
			setup: func(s *kornitxsim.Server, _ *MemStore, _ *Client) string {
				s.Faults().SetFor("PUT", sim.Fault5xx, 0)
				return firstID(s)
			}},
		{name: "hang after apply", to: "8", kind: backend.KindUnavailable, uncertain: true, puts: 1,
			setup: func(s *kornitxsim.Server, _ *MemStore, _ *Client) string {
				s.Faults().SetFor("PUT", sim.FaultHangAfterApply, 0)
				return firstID(s)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startSim(t, kornitxsim.Options{})
			c, store := simClient(t, srv, func(c *Config) {
				if tt.name == "wrong key" {
					c.APIKey = "wrong-key-value"
				}
			})
			id := tt.setup(srv, store, c)
			before := len(srv.Puts())
			_, err := c.SetStatus(context.Background(), change(id, tt.to, ""))
			if backend.KindOf(err) != tt.kind || backend.IsUncertain(err) != tt.uncertain {
				t.Fatalf("err = %v (kind %v, uncertain %v)", err, backend.KindOf(err), backend.IsUncertain(err))
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("message %q lacks %q", err, tt.msg)
			}
			if strings.Contains(err.Error(), simKey) || strings.Contains(err.Error(), "wrong-key-value") {
				t.Fatalf("the key leaked: %v", err)
			}
			if n := len(srv.Puts()); n-before != tt.puts {
				t.Errorf("%d PUTs, want %d", n-before, tt.puts)
			}
			o, _ := c.Get(context.Background(), id)
			if o.Status.Code != "1" || len(o.History) != 1 {
				t.Fatalf("a failed change reached the local order: %+v", o.History)
			}
		})
	}
}

// NewMemStoreWith is a store holding the sim's backlog (another operator's
// copy).
func NewMemStoreWith(srv *kornitxsim.Server) *MemStore {
	m := NewMemStore()
	for _, so := range srv.Backlog() {
		raw, _ := json.Marshal(so)
		p, _ := ParsePush(raw)
		o := p.Order(testStore, "GBP", time.UTC, defaultKinds)
		o.History = []backend.Event{}
		m.SavePush(context.Background(), testStore, o, raw, time.Now())
	}
	return m
}

func TestRateLimitBacksOffThenSucceeds(t *testing.T) {
	srv := startSim(t, kornitxsim.Options{})
	c, _ := simClient(t, srv)
	srv.RateLimit(2)
	o, err := c.SetStatus(context.Background(), change(firstID(srv), "8", "Z1"))
	if err != nil {
		t.Fatal(err)
	}
	if o.Status.Code != "8" {
		t.Fatal(o.Status)
	}
	puts := srv.Puts()
	if len(puts) != 3 || puts[0].Fault != sim.Fault429 || puts[2].Fault != sim.FaultNone {
		t.Fatalf("puts %+v", puts)
	}
}

func TestPersistentRateLimitStartsBackoff(t *testing.T) {
	srv := startSim(t, kornitxsim.Options{})
	c, _ := simClient(t, srv)
	srv.RateLimit(0)
	_, err := c.SetStatus(context.Background(), change(firstID(srv), "8", ""))
	if !errors.Is(err, backend.ErrRateLimited) {
		t.Fatal(err)
	}
	if c.BackoffUntil().IsZero() {
		t.Fatal("no back-off after a rate limit")
	}
}

// TestUnreachableStatusAPI dials through a transport that always refuses,
// so no connection can reach anything whatever listens on the machine.
func TestUnreachableStatusAPI(t *testing.T) {
	srv := startSim(t, kornitxsim.Options{})
	var dials atomic.Int32
	refuse := &http.Transport{DialContext: func(_ context.Context, network, addr string) (net.Conn, error) {
		dials.Add(1)
		return nil, &net.OpError{Op: "dial", Net: network, Err: syscall.ECONNREFUSED}
	}}
	t.Cleanup(refuse.CloseIdleConnections)
	store := NewMemStore()
	receive(t, srv, store)
	opts := fastOpts
	opts.Transport = refuse
	c, err := New(simConfig(srv), store, opts)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SetStatus(context.Background(), change(firstID(srv), "8", "T"))
	if !errors.Is(err, backend.ErrUnavailable) || backend.IsUncertain(err) {
		t.Fatalf("err = %v (a refused connection sent nothing: not uncertain)", err)
	}
	if dials.Load() == 0 {
		t.Fatal("the client did not dial through the refusing transport")
	}
	o, _ := c.Get(context.Background(), firstID(srv))
	if o.Status.Code != "1" {
		t.Fatal("the local order changed though nothing reached Kornit X")
	}
}

// journal records what Apply tells it.
type journal struct {
	backend.NopJournal
	states []backend.ChangeState
	sends  int // what the outcome was told
}

func (j *journal) Sent(context.Context, int64) error {
	j.states = append(j.states, backend.StateSent)
	return nil
}
func (j *journal) Confirmed(_ context.Context, _ int64, sends int, _ backend.Order) error {
	j.states, j.sends = append(j.states, backend.StateConfirmed), sends
	return nil
}
func (j *journal) Unknown(_ context.Context, _ int64, sends int, _ error) error {
	j.states, j.sends = append(j.states, backend.StateUnknown), sends
	return nil
}
func (j *journal) Failed(_ context.Context, _ int64, sends int, _ error) error {
	j.states, j.sends = append(j.states, backend.StateFailed), sends
	return nil
}

func TestUncertainChangeIsReconciledByResending(t *testing.T) {
	srv := startSim(t, kornitxsim.Options{})
	c, _ := simClient(t, srv)
	srv.Faults().SetFor("PUT", sim.FaultHangAfterApply, 1)
	ch := change(firstID(srv), "8", "TRK9")
	j := &journal{}
	_, err := backend.Apply(context.Background(), c, j, ch)
	if !backend.IsUncertain(err) || !strings.HasSuffix(err.Error(), "("+backend.UncertainNote+")") {
		t.Fatalf("err = %v", err)
	}
	// Applied and answered late: sent once, and Kornit X has no read call
	// to confirm it, so the outcome is left open.
	if j.states[len(j.states)-1] != backend.StateUnknown || j.sends != 1 || len(srv.Puts()) != 1 {
		t.Fatalf("journal %v with %d attempts, %d PUTs; want unknown, 1, 1", j.states, j.sends, len(srv.Puts()))
	}
	// Reconcile: Verify cannot read Kornit X and says "not known"...
	applied, o, err := c.Verify(context.Background(), ch)
	if err != nil || applied || o.Status.Code != "1" {
		t.Fatalf("verify: %v %v %+v", applied, err, o.Status)
	}
	// ...so the change is resent, which Kornit X takes as a no-op.
	if !c.Capabilities().SafeResend {
		t.Fatal("SafeResend must be set for the resend")
	}
	o, err = c.SetStatus(context.Background(), ch)
	if err != nil || o.Status.Code != "8" || o.Tracking != "TRK9" {
		t.Fatalf("resend: %v %+v", err, o.Status)
	}
	applied, _, _ = c.Verify(context.Background(), ch)
	if !applied {
		t.Fatal("verify after the resend")
	}
	n, _ := strconv.ParseInt(ch.OrderID, 10, 64)
	if s, _ := srv.Order(n); s.Status != 8 || s.Tracking != "TRK9" {
		t.Fatalf("sim %+v", s)
	}
	// A third send is not needed: the local order already shows it.
	before := len(srv.Puts())
	if _, err := c.SetStatus(context.Background(), ch); err != nil || len(srv.Puts()) != before {
		t.Fatalf("an applied change was sent again: %v", err)
	}
}

func TestRefusedLocally(t *testing.T) {
	srv := startSim(t, kornitxsim.Options{})
	c, _ := simClient(t, srv)
	ctx := context.Background()
	id := firstID(srv)
	if _, err := c.SetStatus(ctx, change(id, "128", "")); err != nil {
		t.Fatal(err)
	}
	other := strconv.FormatInt(srv.Backlog()[1].ID, 10)
	tests := []struct {
		name string
		ch   backend.Change
		kind backend.ErrorKind
		msg  string
	}{
		{"after cancel", backend.Change{OrderID: id, To: backend.Status{Code: "8"}}, backend.KindInvalidStatus, "already cancelled"},
		{"received", change(other, "1", ""), backend.KindInvalidStatus, "does not take status"},
		{"in production", change(other, "4", ""), backend.KindInvalidStatus, "does not take status"},
		{"name not code", change(other, "Dispatched", ""), backend.KindInvalidStatus, "does not take status"},
		{"empty", change(other, "", ""), backend.KindInvalidStatus, "no status"},
		{"tracking on hold", change(other, "256", "T1"), backend.KindInvalidRequest, "tracking number goes only"},
		{"tracking with escape", change(other, "8", "T\x1b[2J"), backend.KindInvalidRequest, "control characters"},
		{"tracking too long", change(other, "8", strings.Repeat("9", 101)), backend.KindInvalidRequest, "too long"},
		{"note", func() backend.Change { c := change(other, "8", ""); c.Note = "hi"; return c }(), backend.KindUnsupported, "no note"},
		{"notify", func() backend.Change { c := change(other, "8", ""); c.Notify = true; return c }(), backend.KindUnsupported, "notif"},
		{"stale view", func() backend.Change { c := change(id, "8", ""); c.From = backend.Status{Code: "1"}; return c }(), backend.KindInvalidStatus, "already cancelled"},
		{"moved meanwhile", func() backend.Change { c := change(other, "8", ""); c.From = backend.Status{Code: "256"}; return c }(), backend.KindConflict, "nothing was sent"},
		{"bad id", change("12; DROP", "8", ""), backend.KindNotFound, "not a Kornit X order id"},
		{"never pushed", change("123456789", "8", ""), backend.KindNotFound, "no order 123456789"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(srv.Puts())
			_, err := c.SetStatus(ctx, tt.ch)
			if backend.KindOf(err) != tt.kind || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("err = %v, want kind %v with %q", err, tt.kind, tt.msg)
			}
			if len(srv.Puts()) != before {
				t.Fatal("a refused change was sent")
			}
		})
	}
	ro, _ := simClient(t, srv, func(c *Config) { c.ReadOnly = true })
	if _, err := ro.SetStatus(ctx, change(other, "8", "")); !errors.Is(err, backend.ErrUnsupported) {
		t.Fatalf("read-only: %v", err)
	}
}

func TestCanSet(t *testing.T) {
	srv := startSim(t, kornitxsim.Options{})
	c, _ := simClient(t, srv)
	ro, _ := simClient(t, srv, func(c *Config) { c.ReadOnly = true })
	st := func(code int) backend.Status { return statusOf(code, "", defaultKinds) }
	order := func(code int) backend.Order { return backend.Order{Status: st(code)} }
	tests := []struct {
		c    *Client
		from int
		to   backend.Status
		want string
	}{
		{c, 1, st(8), ""},
		{c, 1, st(128), ""},
		{c, 256, st(8), ""},
		{c, 32, st(256), ""},
		{c, 8, st(128), "already dispatched: Kornit X accepts no further change"},
		{c, 64, st(8), "already dispatched"},
		{c, 128, st(8), "already cancelled: Kornit X accepts no further change"},
		{c, 128, st(128), "already cancelled"},
		{c, 256, st(256), "the order is already On Hold"},
		{c, 1, st(1), "does not take status Received"},
		{c, 1, st(0), "does not take status"},
		{c, 1, st(2), "does not take status"},
		{c, 1, st(4), "does not take status In Production"},
		{c, 1, backend.Status{}, "no status given"},
		{ro, 1, st(8), "read-only"},
	}
	for _, tt := range tests {
		got := tt.c.CanSet(order(tt.from), tt.to)
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("%d -> %s: %q, want %q", tt.from, tt.to.Code, got, tt.want)
		}
	}
	statuses, _ := c.Statuses(context.Background())
	var codes []string
	for _, s := range statuses {
		codes = append(codes, s.Code+":"+string(s.Kind))
	}
	want := "8:shipped 128:cancelled 32:on_hold 256:on_hold 512:processing 513:processing 515:processing 516:shipped 64:shipped"
	if strings.Join(codes, " ") != want {
		t.Fatalf("statuses %s", strings.Join(codes, " "))
	}
}

func TestListAndGet(t *testing.T) {
	srv := startSim(t, kornitxsim.Options{Orders: 30})
	c, _ := simClient(t, srv)
	ctx := context.Background()
	seen := map[string]bool{}
	q := backend.Query{PageSize: 7}
	pages := 0
	for {
		p, err := c.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if p.Total != 30 || p.Number != pages {
			t.Fatalf("page %d: total %d number %d", pages, p.Total, p.Number)
		}
		for i, o := range p.Orders {
			if seen[o.ID] || o.History != nil || o.Store != testStore {
				t.Fatalf("row %+v", o)
			}
			if i > 0 && o.Created.After(p.Orders[i-1].Created) {
				t.Fatal("not newest first")
			}
			seen[o.ID] = true
		}
		if p.Next == "" {
			break
		}
		q.Cursor = p.Next
	}
	if len(seen) != 30 || pages != 5 {
		t.Fatalf("%d orders in %d pages", len(seen), pages)
	}
	id := firstID(srv)
	if _, err := c.SetStatus(ctx, change(id, "8", "1Z999AA10123456784")); err != nil {
		t.Fatal(err)
	}
	p, _ := c.List(ctx, backend.Query{Statuses: []string{"8"}})
	if p.Total != 1 || p.Orders[0].ID != id {
		t.Fatalf("status filter: %+v", p)
	}
	p, _ = c.List(ctx, backend.Query{Statuses: []string{"8", "1"}})
	if p.Total != 30 {
		t.Fatalf("two statuses: %d", p.Total)
	}
	for _, s := range []string{"1z999aa1012", id, srv.Backlog()[0].Ref, srv.Backlog()[0].ExternalRef, strings.ToUpper(srv.Backlog()[0].CustomerEmail)} {
		p, _ = c.List(ctx, backend.Query{Search: s})
		if p.Total < 1 || !containsID(p.Orders, id) {
			t.Errorf("search %q: %d", s, p.Total)
		}
	}
	p, _ = c.List(ctx, backend.Query{Search: "no such thing"})
	if p.Total != 0 || len(p.Orders) != 0 || p.Next != "" {
		t.Fatalf("empty search: %+v", p)
	}
	p, _ = c.List(ctx, backend.Query{Sort: backend.SortID, Asc: true, PageSize: 10000})
	if len(p.Orders) != 30 || p.Orders[0].ID != id {
		t.Fatalf("by id ascending: first %s", p.Orders[0].ID)
	}
	if _, err := c.List(ctx, backend.Query{Cursor: "x"}); err == nil {
		t.Fatal("a bad cursor was accepted")
	}
	o, err := c.Get(ctx, id)
	if err != nil || !o.Detailed || len(o.Items) == 0 || len(o.History) != 2 {
		t.Fatalf("get: %v %+v", err, o)
	}
	for _, bad := range []string{"0", "-1", "abc", "007", "99999999"} {
		if _, err := c.Get(ctx, bad); !errors.Is(err, backend.ErrNotFound) {
			t.Errorf("get %q: %v", bad, err)
		}
	}
}

func containsID(rows []backend.Order, id string) bool {
	for _, o := range rows {
		if o.ID == id {
			return true
		}
	}
	return false
}

func TestNewChecksConfig(t *testing.T) {
	base := Config{StoreConfig: backend.StoreConfig{Name: "KX"}, RefID: "850135", APIKey: "k"}
	tests := []struct {
		name string
		mod  func(*Config)
		want string
	}{
		{"no ref", func(c *Config) { c.RefID = "" }, "ref_id is not set"},
		{"ref with colon", func(c *Config) { c.RefID = "85:1" }, "colon"},
		{"no key", func(c *Config) { c.APIKey = "" }, "api_key is not set"},
		{"no key from env", func(c *Config) { c.APIKey, c.APIKeyEnv = "", "KX_KEY" }, "KX_KEY is empty"},
		{"key with newline", func(c *Config) { c.APIKey = "a\nb" }, "line break"},
		{"bad auth encoding", func(c *Config) { c.AuthEncoding = "md5" }, "want raw or base64"},
		{"bad url", func(c *Config) { c.URL = "::" }, "not an absolute"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := base
			tt.mod(&cfg)
			_, err := New(cfg, NewMemStore(), httpx.Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := New(base, nil, httpx.Options{}); err == nil {
		t.Fatal("no store accepted")
	}
	c, err := New(base, NewMemStore(), httpx.Options{})
	if err != nil || c.http == nil {
		t.Fatal(err)
	}
	if c.Name() != "KX" || c.Platform() != Platform || c.Capabilities().RefreshInterval <= 0 || !c.BackoffUntil().IsZero() {
		t.Fatal("accessors")
	}
	// A read-only store without credentials only shows pushed orders.
	ro, err := New(Config{StoreConfig: backend.StoreConfig{Name: "KX", ReadOnly: true}}, NewMemStore(), httpx.Options{})
	if err != nil || ro.http != nil || !ro.BackoffUntil().IsZero() {
		t.Fatalf("read-only without keys: %v", err)
	}
	if got := authHeader(base); got != "Basic 850135:k" {
		t.Fatalf("raw auth %q", got)
	}
	base.AuthEncoding = "base64"
	if got := authHeader(base); got != "Basic ODUwMTM1Oms=" {
		t.Fatalf("base64 auth %q", got)
	}
}

func TestErrorBodies(t *testing.T) {
	tests := []struct {
		body, msg, code string
	}{
		{`{"error":{"message":"Invalid order status","code":0}}`, "Invalid order status", "0"},
		{`{"error":{"message":"Rate limit","code":"E42"}}`, "Rate limit", "E42"},
		{`{"error":"Authentication required"}`, "Authentication required", ""},
		{`{"message":"Oops"}`, "Oops", ""},
		{`not json`, "", ""},
	}
	for _, tt := range tests {
		msg, code := errorMessage([]byte(tt.body))
		if msg != tt.msg || code != tt.code {
			t.Errorf("%s: %q %q", tt.body, msg, code)
		}
	}
	for _, tt := range []struct {
		status int
		body   string
		kind   backend.ErrorKind
	}{
		{400, `{"error":{"message":"Too Many Requests"}}`, backend.KindRateLimited},
		{400, `Hourly request limit exceeded`, backend.KindRateLimited},
		{400, `{"error":{"message":"Invalid order status","code":0}}`, backend.KindInvalidStatus},
		{400, `{"error":{"message":"Bad thing"}}`, backend.KindUnknownError},
		{429, `{"error":{"message":"Rate limit"}}`, backend.KindUnknownError}, // httpx's own mapping handles 429
	} {
		err := classify(&httpx.Response{Status: tt.status, Body: []byte(tt.body)})
		if backend.KindOf(err) != tt.kind {
			t.Errorf("%d %s: %v", tt.status, tt.body, err)
		}
	}
}

// An error code of another shape than number or string (or null) is no
// code, and the message survives it.
func TestErrorBodyOddCodes(t *testing.T) {
	for _, body := range []string{
		`{"error":{"message":"Bad thing","code":null}}`,
		`{"error":{"message":"Bad thing","code":{"n":1}}}`,
		`{"error":{"message":"Bad thing","code":[1]}}`,
	} {
		if msg, code := errorMessage([]byte(body)); msg != "Bad thing" || code != "" {
			t.Errorf("%s: %q %q", body, msg, code)
		}
	}
}
