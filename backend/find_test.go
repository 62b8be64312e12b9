package backend_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/backendtest"
)

func TestParseLookup(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{in: "1042", want: "1042"},
		{in: "  #1042 \n", want: "1042"},
		{in: "CG31000741", want: "CG31000741"},
		{in: "# 77", want: "77"},
		{in: "\x1b[31mCG1\x1b[0m", want: "CG1"},
		{in: "", err: "no order id"},
		{in: "  # ", err: "no order id"},
		{in: strings.Repeat("9", 10_000), err: "of 10000 bytes: orderdash looks up at most 512"},
	}
	for _, tt := range tests {
		got, err := backend.ParseLookup(tt.in)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("ParseLookup(%.20q) error %v, want one with %q", tt.in, err, tt.err)
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("ParseLookup(%.20q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestMatchesLookup(t *testing.T) {
	kx := backend.Order{ID: "4200057", Number: "CG31000741", VendorRef: "#10400"}
	tests := []struct {
		o    backend.Order
		text string
		want bool
	}{
		{kx, "4200057", true},
		{kx, "CG31000741", true},
		{kx, "cg31000741", true}, // a scanner in lower case
		{kx, "10400", true},      // external_ref without its '#'
		{kx, "#10400", true},
		{kx, "CG3100074", false}, // a prefix is no match
		{kx, "420005", false},
		{kx, "", false},
		{backend.Order{ID: "98", Number: "98"}, "98", true},
		{backend.Order{ID: "98"}, "", false},
	}
	for _, tt := range tests {
		if got := backend.MatchesLookup(tt.o, tt.text); got != tt.want {
			t.Errorf("MatchesLookup(%+v, %q) = %v, want %v", tt.o, tt.text, got, tt.want)
		}
	}
}

// plain is a Backend without a Finder: Find falls back to Get.
type plain struct{ backend.Backend }

// wrapped hides a Backend as storage.WithLocalHistory does, with Unwrap.
type wrapped struct{ backend.Backend }

func (w wrapped) Unwrap() backend.Backend { return w.Backend }

func TestFindOneStore(t *testing.T) {
	ctx := context.Background()
	s := backendtest.New(backendtest.Config{Name: "A", Orders: 5})
	tests := []struct {
		name  string
		b     backend.Backend
		text  string
		found int
		op    backendtest.Op
	}{
		{"finder", s, "100003", 1, backendtest.OpFind},
		{"finder, none", s, "nope", 0, backendtest.OpFind},
		{"through Unwrap", wrapped{s}, "#100002", 1, backendtest.OpFind},
		{"no finder: Get", plain{s}, "100001", 1, backendtest.OpGet},
		{"no finder: Get, none", plain{s}, "777", 0, backendtest.OpGet},
	}
	for _, tt := range tests {
		before := s.Calls(tt.op)
		got, err := backend.Find(ctx, tt.b, tt.text)
		if err != nil || len(got) != tt.found {
			t.Errorf("%s: Find(%q) = %d orders, %v; want %d", tt.name, tt.text, len(got), err, tt.found)
			continue
		}
		if s.Calls(tt.op) != before+1 {
			t.Errorf("%s: %s was not called", tt.name, tt.op)
		}
		for _, o := range got {
			if o.Store != "A" {
				t.Errorf("%s: match without its store: %+v", tt.name, o.Store)
			}
		}
	}
}

// stuck is a store whose Find ignores its context until released: a
// lookup must still end, and say which store did not answer.
type stuck struct {
	backend.Backend
	release chan struct{}
}

func (s stuck) Find(context.Context, string) ([]backend.Order, error) {
	<-s.release
	return nil, nil
}

func TestFindAll(t *testing.T) {
	ctx := context.Background()
	newStore := func(name string) *backendtest.Store {
		return backendtest.New(backendtest.Config{Name: name, Orders: 5})
	}
	down := &backend.Error{Kind: backend.KindUnavailable, Store: "C", Op: "find", Message: "connection refused"}
	limited := &backend.Error{Kind: backend.KindRateLimited, Store: "C", Op: "find", Message: "slow down", RetryAfter: 30 * time.Second}

	tests := []struct {
		name     string
		text     string
		setup    func(a, b, c *backendtest.Store)
		matches  []string // store/id
		failed   []string
		err      string // FindResult.Err; "" for none
		notFound bool
	}{
		{
			name: "an id two stores share", text: "100003",
			matches: []string{"A/100003", "B/100003", "C/100003"},
		},
		{
			name: "a store down while the others answer", text: "100003",
			setup:   func(a, b, c *backendtest.Store) { c.SetError(backendtest.OpFind, down) },
			matches: []string{"A/100003", "B/100003"}, failed: []string{"C"},
		},
		{
			name: "garbage", text: "zz-not-an-order",
			err: "no order zz-not-an-order in any store (looked in A, B, C)", notFound: true,
		},
		{
			name: "garbage while a store is down", text: "zz",
			setup:  func(a, b, c *backendtest.Store) { c.SetError(backendtest.OpFind, down) },
			failed: []string{"C"},
			err:    "no order zz in A, B; C did not answer (unavailable: connection refused): it may be there",
		},
		{
			name: "rate-limited", text: "zz",
			setup:  func(a, b, c *backendtest.Store) { c.SetError(backendtest.OpFind, limited) },
			failed: []string{"C"},
			err:    "C is rate-limited (rate limited: slow down (retry in 30s))",
		},
		{
			name: "every store down", text: "zz",
			setup: func(a, b, c *backendtest.Store) {
				for _, s := range []*backendtest.Store{a, b, c} {
					s.SetError(backendtest.OpFind, down)
				}
			},
			failed: []string{"A", "B", "C"},
			err:    "order zz could not be looked up; A did not answer",
		},
	}
	for _, tt := range tests {
		a, b, c := newStore("A"), newStore("B"), newStore("C")
		if tt.setup != nil {
			tt.setup(a, b, c)
		}
		res, err := backend.FindAll(ctx, []backend.Backend{a, b, c}, tt.text, backend.FindOptions{Timeout: 5 * time.Second})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got, failed []string
		for _, o := range res.Matches {
			got = append(got, o.Store+"/"+o.ID)
		}
		for _, f := range res.Failed {
			failed = append(failed, f.Store)
		}
		if strings.Join(got, " ") != strings.Join(tt.matches, " ") || strings.Join(failed, " ") != strings.Join(tt.failed, " ") {
			t.Errorf("%s: matches %v, failed %v; want %v, %v", tt.name, got, failed, tt.matches, tt.failed)
		}
		e := res.Err()
		switch {
		case tt.err == "" && e != nil:
			t.Errorf("%s: Err() = %v", tt.name, e)
		case tt.err != "" && (e == nil || !strings.Contains(e.Error(), tt.err)):
			t.Errorf("%s: Err() = %v\nwant it to hold %q", tt.name, e, tt.err)
		case e != nil && errors.Is(e, backend.ErrNotFound) != tt.notFound:
			t.Errorf("%s: errors.Is(ErrNotFound) = %v, want %v", tt.name, !tt.notFound, tt.notFound)
		case e != nil && strings.Contains(e.Error(), "\n"):
			t.Errorf("%s: more than one line: %q", tt.name, e)
		}
	}
}

func TestFindAllBadInput(t *testing.T) {
	a := backendtest.New(backendtest.Config{Name: "A", Orders: 1})
	for _, in := range []string{"", " # ", strings.Repeat("x", 10_000)} {
		if _, err := backend.FindAll(context.Background(), []backend.Backend{a}, in, backend.FindOptions{}); err == nil {
			t.Errorf("FindAll(%.20q): no error", in)
		}
	}
	if n := a.Calls(backendtest.OpFind); n != 0 {
		t.Errorf("a bad lookup asked the store %d times", n)
	}
}

// A store that ignores its context does not hold the others' answers
// back: once the deadline and its grace are over, it is reported too
// slow. The grace ends once the other store's answer is in, so a loaded
// machine's clock decides nothing.
func TestFindAllSlowStore(t *testing.T) {
	a := unhurried{backendtest.New(backendtest.Config{Name: "A", Orders: 5})}
	s := stuck{Backend: backendtest.New(backendtest.Config{Name: "Slow"}), release: make(chan struct{})}
	defer close(s.release)
	backend.SetFindGrace(t, 1)
	res, err := backend.FindAll(context.Background(), []backend.Backend{a, s}, "100002", backend.FindOptions{Timeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Matches) != 1 || len(res.Failed) != 1 || res.Failed[0].Store != "Slow" {
		t.Fatalf("matches %d, failed %+v", len(res.Matches), res.Failed)
	}
	if msg := res.Failed[0].Err.Error(); !strings.Contains(msg, "no answer within 50ms") {
		t.Errorf("slow store's error: %s", msg)
	}
}

// unhurried is a store that answers a lookup however late its goroutine
// runs: past FindAll's deadline, on a loaded machine.
type unhurried struct{ backend.Backend }

func (u unhurried) Find(ctx context.Context, text string) ([]backend.Order, error) {
	return backend.FinderOf(u.Backend).Find(context.WithoutCancel(ctx), text)
}

func TestFindAllMirrorFirst(t *testing.T) {
	a := backendtest.New(backendtest.Config{Name: "A", Orders: 5})
	b := backendtest.New(backendtest.Config{Name: "B", Orders: 5})
	mirrored := []backend.Order{
		{Store: "B", ID: "100004", Number: "100004"},
		{Store: "Gone", ID: "100004", Number: "100004"}, // a store not asked about
		{Store: "A", ID: "555", Number: "555"},          // no match: the mirror's query is looser
	}
	mirror := func(context.Context, string) ([]backend.Order, error) { return mirrored, nil }
	res, err := backend.FindAll(context.Background(), []backend.Backend{a, b}, "100004", backend.FindOptions{Mirror: mirror})
	if err != nil {
		t.Fatal(err)
	}
	if !res.FromMirror || len(res.Matches) != 1 || res.Matches[0].Store != "B" {
		t.Fatalf("from mirror %v, matches %+v", res.FromMirror, res.Matches)
	}
	if a.Calls(backendtest.OpFind)+b.Calls(backendtest.OpFind) != 0 {
		t.Error("the stores were asked although the mirror had the order")
	}

	// A miss in the mirror asks the stores.
	res, _ = backend.FindAll(context.Background(), []backend.Backend{a, b}, "100002", backend.FindOptions{Mirror: mirror})
	if res.FromMirror || len(res.Matches) != 2 {
		t.Fatalf("mirror miss: from mirror %v, %d matches", res.FromMirror, len(res.Matches))
	}
	// So does a mirror that fails.
	broken := func(context.Context, string) ([]backend.Order, error) { return nil, errors.New("disk gone") }
	res, _ = backend.FindAll(context.Background(), []backend.Backend{a, b}, "100004", backend.FindOptions{Mirror: broken})
	if res.FromMirror || len(res.Matches) != 2 {
		t.Fatalf("broken mirror: from mirror %v, %d matches", res.FromMirror, len(res.Matches))
	}
}
