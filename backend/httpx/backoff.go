package httpx

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

func (c *Client) waitBackoff(ctx context.Context, op string) *backend.Error {
	until := c.BackoffUntil()
	if until.IsZero() {
		return nil
	}
	wait := time.Until(until)
	if wait > c.cfg.MaxWait {
		e := c.Error(backend.KindRateLimited, op, "backing off after the store's rate limit")
		e.RetryAfter = wait
		return e
	}
	if err := sleep(ctx, wait); err != nil {
		e := c.Error(backend.KindRateLimited, op, "backing off after the store's rate limit")
		e.RetryAfter = time.Until(until)
		return e
	}
	return nil
}

// noteRateLimit starts (or extends) the store-wide back-off and returns
// how long to wait: Retry-After when given, else a growing jittered delay.
func (c *Client) noteRateLimit(retryAfter time.Duration) time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.strikes++
	wait := retryAfter
	if wait <= 0 {
		wait = c.delayLocked(c.strikes - 1)
	}
	if until := time.Now().Add(wait); until.After(c.backoffUntil) {
		c.backoffUntil = until
	}
	return wait
}

func (c *Client) delay(attempt int) time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.delayLocked(attempt)
}

// delayLocked is exponential back-off with "equal jitter": half fixed, half
// random, so many clients do not retry in lock-step.
func (c *Client) delayLocked(attempt int) time.Duration {
	d := c.cfg.BaseDelay << min(attempt, 16)
	if d > c.cfg.MaxDelay || d <= 0 {
		d = c.cfg.MaxDelay
	}
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(half)+1))
}

// ParseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func ParseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
