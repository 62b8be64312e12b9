package httpx

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

// A write whose attempt may have applied is not sent again, so the answer
// of a later attempt (throttled, refused) can never hide that it may have
// applied; one whose earlier attempts were clear does not become open.
func TestEarlierAttemptLeavesWriteOpen(t *testing.T) {
	cases := []struct {
		name      string
		first     int
		kind      backend.ErrorKind
		uncertain bool
		requests  int32
	}{
		{"500: not sent again", 500, backend.KindUnavailable, true, 1},
		{"503 then refused", 503, backend.KindInvalidRequest, false, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
				switch {
				case n == 1:
					w.WriteHeader(tc.first)
				case tc.kind == backend.KindRateLimited:
					w.Header().Set("Retry-After", "60") // beyond MaxWait: returned at once
					w.WriteHeader(http.StatusTooManyRequests)
				default:
					w.WriteHeader(http.StatusBadRequest)
				}
			})
			c := newClient(t, s.URL)
			_, err := c.Do(context.Background(), Request{Op: "op", Method: "PUT", Path: "x", JSON: 1, Idempotent: true})
			e := asError(t, err)
			if e.Kind != tc.kind || e.Uncertain != tc.uncertain {
				t.Errorf("kind %v uncertain %v, want %v %v: %v", e.Kind, e.Uncertain, tc.kind, tc.uncertain, err)
			}
			if s.n.Load() != tc.requests {
				t.Errorf("%d requests, want %d", s.n.Load(), tc.requests)
			}
		})
	}
}

// What a classifier makes of an answer leaves a write open as httpx's own
// reading would; a read is never uncertain.
func TestClassifiedAnswerUncertainty(t *testing.T) {
	cases := []struct {
		name      string
		method    string
		status    int
		err       *backend.Error
		uncertain bool
	}{
		{"write, unreadable 200", "POST", 200, &backend.Error{Kind: backend.KindMalformed}, true},
		{"write, 500 with a refusal", "POST", 500, &backend.Error{Kind: backend.KindInvalidRequest}, true},
		{"write, 503 with a refusal", "POST", 503, &backend.Error{Kind: backend.KindInvalidRequest}, false},
		{"write, classifier says open", "POST", 200, &backend.Error{Kind: backend.KindUnavailable, Uncertain: true}, true},
		{"read, classifier says open", "GET", 200, &backend.Error{Kind: backend.KindUnavailable, Uncertain: true}, false},
		{"read, unreadable 200", "GET", 200, &backend.Error{Kind: backend.KindMalformed}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(tc.status)
				io.WriteString(w, "{}")
			})
			c := newClient(t, s.URL, func(cfg *Config) {
				cfg.Retries = -1
				cfg.Classify = func(*Response) error { cp := *tc.err; return &cp }
			})
			_, err := c.Do(context.Background(), Request{Op: "op", Method: tc.method, Path: "x"})
			if e := asError(t, err); e.Kind != tc.err.Kind || e.Uncertain != tc.uncertain {
				t.Errorf("kind %v uncertain %v, want %v %v", e.Kind, e.Uncertain, tc.err.Kind, tc.uncertain)
			}
		})
	}
}

// Every write request that may have reached the store is reported on the
// caller's context, so the journal's attempts are the store's requests:
// reads and requests that never left are not counted.
func TestSendsAreCounted(t *testing.T) {
	throttledOnce := func(n int, w http.ResponseWriter, _ *http.Request) {
		if n == 1 {
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		io.WriteString(w, "{}")
	}
	cases := []struct {
		name     string
		method   string
		handler  func(int, http.ResponseWriter, *http.Request)
		requests int32
	}{
		{"write answered", "POST", status(200, "{}"), 1},
		{"write throttled, then answered", "POST", throttledOnce, 2},
		{"write applied, answered late", "PUT", applyThenAnswerLate, 1},
		{"write refused with 503, resent", "PUT", status(503, ""), 3},
		{"read", "GET", status(500, ""), 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, tc.handler)
			c := newClient(t, s.URL)
			ctx, sends := backend.CountSends(context.Background())
			c.Do(ctx, Request{Op: "op", Method: tc.method, Path: "x", JSON: 1, Idempotent: true})
			want := int(s.n.Load())
			if tc.method == "GET" {
				want = 0
			}
			if s.n.Load() != tc.requests || sends() != want {
				t.Errorf("%d requests, %d counted; want %d requests, %d counted", s.n.Load(), sends(), tc.requests, want)
			}
		})
	}
	t.Run("write that never left", func(t *testing.T) {
		c := newClient(t, "http://127.0.0.1:1", func(cfg *Config) { cfg.Transport = refuse{} })
		ctx, sends := backend.CountSends(context.Background())
		c.Do(ctx, Request{Op: "op", Method: "POST", Path: "x", JSON: 1})
		if sends() != 0 {
			t.Errorf("%d counted for a request that never left", sends())
		}
	})
}

// refuse fails every request before it is written, as a refused connection does.
type refuse struct{}

func (refuse) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("connect: connection refused")
}
