package httpx

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// A rate limit a classifier reads from the body (Kornit X's 400, an
// API2Cart return code) honours the answer's Retry-After as a 429 does.
func TestClassifiedRateLimitRetryAfter(t *testing.T) {
	s := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusBadRequest)
	})
	c := newClient(t, s.URL, func(cfg *Config) {
		cfg.Classify = func(*Response) error { return &backend.Error{Kind: backend.KindRateLimited, Message: "slow down"} }
	})
	_, err := c.Do(context.Background(), Request{Op: "op", Method: "GET", Path: "x"})
	e := asError(t, err)
	if e.Kind != backend.KindRateLimited || e.RetryAfter < 100*time.Second {
		t.Errorf("kind %v RetryAfter %v, want rate limited for about 120s", e.Kind, e.RetryAfter)
	}
	if s.n.Load() != 1 {
		t.Errorf("%d requests: a wait beyond MaxWait is returned, not slept", s.n.Load())
	}
}
