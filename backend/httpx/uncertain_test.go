package httpx

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/orderdash/orderdash/backend"
)

// A write whose earlier attempt may have applied stays uncertain whatever
// the last attempt answered; one whose earlier attempts were clear does
// not become so.
func TestEarlierAttemptLeavesWriteOpen(t *testing.T) {
	cases := []struct {
		name      string
		first     int
		kind      backend.ErrorKind
		uncertain bool
	}{
		{"500 then refused", 500, backend.KindInvalidRequest, true},
		{"503 then refused", 503, backend.KindInvalidRequest, false},
		{"500 then throttled", 500, backend.KindRateLimited, true},
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
			if s.n.Load() != 2 {
				t.Errorf("%d requests, want 2", s.n.Load())
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
