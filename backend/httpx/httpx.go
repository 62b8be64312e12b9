// Package httpx is the HTTP layer every platform client shares: timeouts,
// bounded bodies, retries with jittered back-off that honour Retry-After,
// a per-store rate-limit back-off, classification of failures into
// *backend.Error, and scrubbing of secrets from everything it reports.
//
// Writes are retried only when that cannot apply a change twice: one that
// never left this machine, one the store throttled (it was not
// processed), or one marked Idempotent that the store refused with a 503.
// A write that may have reached the platform without a clear answer (no
// answer in time, a broken answer, a 5xx other than 503) is never sent
// again, idempotent or not: the store may still be working on it, so the
// error has Uncertain set and the caller re-reads or leaves it for
// reconciliation. Every write request that may have reached the store is
// reported with backend.NoteSend, so the journal counts it.
package httpx

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Config sets up a Client. Only Store and BaseURL are required.
type Config struct {
	Store   string // the store's configured name, for errors
	BaseURL string
	// Auth sets credentials on each outgoing request.
	Auth func(*http.Request)
	// Secrets are values that must never appear in an error or log line
	// (API keys, passwords); they are replaced with "[redacted]".
	Secrets []string
	// Timeout bounds one attempt (default 20s); the caller's context bounds
	// the whole call.
	Timeout time.Duration
	// MaxBody bounds a response body (default 16 MiB).
	MaxBody int64
	// Retries is how many times a retryable failure is tried again
	// (default 3; negative for none).
	Retries int
	// BaseDelay and MaxDelay shape the exponential back-off (defaults
	// 300ms and 10s); MaxWait is the longest Retry-After honoured by
	// waiting inside a call (default 30s) — longer ones are returned.
	BaseDelay, MaxDelay, MaxWait time.Duration
	// ErrorMessage pulls the platform's message and error code out of an
	// error body; nil uses the body's first line.
	ErrorMessage func(body []byte) (msg, code string)
	// Classify inspects every response before the status code does; a
	// non-nil error is what the response means (API2Cart errors arrive with
	// HTTP 200, Kornit X rate limits with HTTP 400). httpx fills in what a
	// *backend.Error leaves out (store, op, status, a rate limit's
	// Retry-After). Uncertain set says the answer leaves a write's outcome
	// open; it is kept for writes only.
	Classify func(r *Response) error
	// Transport replaces http.DefaultTransport (tests, fault injection).
	Transport http.RoundTripper
	Logger    *slog.Logger
	UserAgent string
}

// Client sends requests to one store.
type Client struct {
	cfg  Config
	base *url.URL
	hc   *http.Client
	log  *slog.Logger

	mu           sync.Mutex
	backoffUntil time.Time
	strikes      int // consecutive rate limits, for growing waits
}

// Request is one call. Path is joined to the base URL's path.
type Request struct {
	Op     string // what is being done, for errors: "list orders"
	Method string
	Path   string
	Query  url.Values
	// RawQuery, when set, is used verbatim instead of Query (for opaque
	// cursors that must not be encoded again).
	RawQuery string
	JSON     any // marshalled as the body, Content-Type application/json
	Header   http.Header
	// Idempotent marks a write that may be sent again safely.
	Idempotent bool
}

// Response is a received answer with its body read in full.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// New builds a client; it fails only on an unusable base URL.
func New(cfg Config) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("store %s: url %q is not an absolute http(s) URL", cfg.Store, cfg.BaseURL)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 20 * time.Second
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 16 << 20
	}
	if cfg.Retries == 0 {
		cfg.Retries = 3
	}
	if cfg.BaseDelay <= 0 {
		cfg.BaseDelay = 300 * time.Millisecond
	}
	if cfg.MaxDelay <= 0 {
		cfg.MaxDelay = 10 * time.Second
	}
	if cfg.MaxWait <= 0 {
		cfg.MaxWait = 30 * time.Second
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "orderdash"
	}
	tr := cfg.Transport
	if tr == nil {
		tr = http.DefaultTransport
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	var secrets []string
	for _, s := range cfg.Secrets {
		if s != "" {
			secrets = append(secrets, s)
		}
	}
	cfg.Secrets = secrets
	c := &Client{cfg: cfg, base: u, log: log}
	c.hc = &http.Client{Transport: tr, CheckRedirect: c.checkRedirect}
	return c, nil
}

// BackoffUntil is when the store's rate-limit back-off ends (zero when
// there is none); the dashboard shows it in the status bar.
func (c *Client) BackoffUntil() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Now().After(c.backoffUntil) {
		return time.Time{}
	}
	return c.backoffUntil
}

// Scrub replaces every configured secret in s.
func (c *Client) Scrub(s string) string {
	for _, sec := range c.cfg.Secrets {
		s = strings.ReplaceAll(s, sec, "[redacted]")
	}
	return s
}

// Error builds a *backend.Error for this store with a scrubbed, cleaned
// message; clients use it for failures they detect themselves.
func (c *Client) Error(kind backend.ErrorKind, op, msg string) *backend.Error {
	return &backend.Error{Kind: kind, Store: c.cfg.Store, Op: op, Message: c.clean(msg)}
}

// maxMessage bounds an error message in bytes: it is one line on a screen.
const maxMessage = 300

func (c *Client) clean(s string) string {
	return strings.TrimSpace(backend.Clip(backend.CleanLine(c.Scrub(s)), maxMessage))
}

// DoJSON sends req and decodes a successful answer into out (when out is
// not nil). A body that does not decode is a KindMalformed error.
func (c *Client) DoJSON(ctx context.Context, req Request, out any) (*Response, error) {
	resp, err := c.Do(ctx, req)
	if err != nil {
		return resp, err
	}
	if out != nil {
		if err := Decode(resp.Body, out); err != nil {
			e := c.Malformed(req.Op, resp, err)
			// A write whose answer is unreadable may still have applied.
			e.Uncertain = isWrite(req.Method)
			return resp, e
		}
	}
	return resp, nil
}

// Decode unmarshals a JSON body, describing truncation and non-JSON
// answers (an HTML error page from a proxy) in words.
func Decode(body []byte, out any) error {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return errors.New("empty body")
	}
	if trimmed[0] == '<' {
		return errors.New("got HTML, not JSON (a proxy or maintenance page?)")
	}
	if err := json.Unmarshal(trimmed, out); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) && strings.Contains(err.Error(), "unexpected end") {
			return errors.New("the JSON is cut short (truncated answer)")
		}
		return err
	}
	return nil
}

// Do sends req, retrying where that is safe, and returns a 2xx response or
// a *backend.Error.
func (c *Client) Do(ctx context.Context, req Request) (*Response, error) {
	var body []byte
	if req.JSON != nil {
		b, err := json.Marshal(req.JSON)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: encode request: %w", c.cfg.Store, req.Op, err)
		}
		body = b
	}
	write := isWrite(req.Method)
	retryable := !write || req.Idempotent
	for attempt := 0; ; attempt++ {
		if err := c.waitBackoff(ctx, req.Op); err != nil {
			return nil, err
		}
		resp, sent, err := c.once(ctx, req, body)
		if sent && write {
			backend.NoteSend(ctx)
		}
		if err == nil {
			c.mu.Lock()
			c.strikes = 0
			c.mu.Unlock()
			return resp, nil
		}
		var be *backend.Error
		if !errors.As(err, &be) {
			return resp, err
		}
		if be.Uncertain || ctx.Err() != nil {
			// A write that may have applied is not sent again, not even a
			// PUT: the store may still be applying the first, and another
			// operator's change may have come between. The caller checks.
			return resp, err
		}
		// Decide whether another attempt is safe and useful.
		var wait time.Duration
		switch be.Kind {
		case backend.KindRateLimited:
			// A throttled request was not processed, so even a
			// non-idempotent write may be sent again.
			wait = c.noteRateLimit(be.RetryAfter)
			if wait > c.cfg.MaxWait {
				be.RetryAfter = wait
				return resp, be
			}
		case backend.KindUnavailable:
			if !retryable && sent {
				return resp, be
			}
			wait = c.delay(attempt)
		default:
			return resp, be
		}
		if attempt >= c.cfg.Retries {
			return resp, be
		}
		c.log.Debug("retrying", "store", c.cfg.Store, "op", req.Op, "attempt", attempt+1, "wait", wait, "cause", be.Kind.String())
		if err := sleep(ctx, wait); err != nil {
			return resp, be
		}
	}
}

// once sends one attempt. sent reports whether the request may have
// reached the server (so a failure leaves a write's outcome unknown).
func (c *Client) once(ctx context.Context, req Request, body []byte) (*Response, bool, error) {
	actx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()

	var wrote bool
	var mu sync.Mutex
	trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) {
		mu.Lock()
		wrote = true
		mu.Unlock()
	}}
	actx = httptrace.WithClientTrace(actx, trace)
	wasSent := func() bool { mu.Lock(); defer mu.Unlock(); return wrote }

	u := *c.base
	u.Path = strings.TrimRight(c.base.Path, "/") + "/" + strings.TrimLeft(req.Path, "/")
	if req.RawQuery != "" {
		u.RawQuery = req.RawQuery
	} else if len(req.Query) > 0 {
		u.RawQuery = req.Query.Encode()
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	hreq, err := http.NewRequestWithContext(actx, req.Method, u.String(), rd)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %s: build request: %s", c.cfg.Store, req.Op, c.Scrub(err.Error()))
	}
	for k, vs := range req.Header {
		for _, v := range vs {
			hreq.Header.Add(k, v)
		}
	}
	if body != nil {
		hreq.Header.Set("Content-Type", "application/json")
	}
	if hreq.Header.Get("Accept") == "" {
		hreq.Header.Set("Accept", "application/json")
	}
	hreq.Header.Set("User-Agent", c.cfg.UserAgent)
	if c.cfg.Auth != nil {
		c.cfg.Auth(hreq)
	}

	start := time.Now()
	hresp, err := c.hc.Do(hreq)
	if re := (*redirectError)(nil); errors.As(err, &re) {
		return nil, true, c.redirectFailure(req, re)
	}
	if err != nil {
		sent := wasSent()
		e := c.transportError(ctx, req, err, sent)
		c.log.Debug("request failed", "store", c.cfg.Store, "op", req.Op, "method", req.Method, "path", u.Path, "took", time.Since(start), "err", e.Error())
		return nil, sent, e
	}
	defer hresp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(hresp.Body, c.cfg.MaxBody+1))
	if err != nil {
		e := c.transportError(ctx, req, err, true)
		e.HTTPStatus = hresp.StatusCode
		e.Message = "the answer broke off: " + e.Message
		return nil, true, e
	}
	resp := &Response{Status: hresp.StatusCode, Header: hresp.Header, Body: data}
	c.log.Debug("request", "store", c.cfg.Store, "op", req.Op, "method", req.Method, "path", u.Path, "status", hresp.StatusCode, "bytes", len(data), "took", time.Since(start))
	if int64(len(data)) > c.cfg.MaxBody {
		e := c.Error(backend.KindMalformed, req.Op, fmt.Sprintf("the answer is larger than %d bytes", c.cfg.MaxBody))
		e.HTTPStatus = hresp.StatusCode
		e.Uncertain = isWrite(req.Method)
		return resp, true, e
	}
	if c.cfg.Classify != nil {
		if err := c.cfg.Classify(resp); err != nil {
			return resp, true, c.finish(req, resp, err)
		}
	}
	if resp.Status >= 200 && resp.Status < 300 {
		return resp, true, nil
	}
	return resp, true, c.statusError(req, resp)
}

func isWrite(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, "":
		return false
	}
	return true
}

func firstLine(b []byte) string {
	s := strings.TrimSpace(string(b))
	if strings.HasPrefix(s, "<") {
		return "" // an HTML page says nothing useful in one line
	}
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}
