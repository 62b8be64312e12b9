package api2cart

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/wire"
)

// Client is one API2Cart store. It is safe for concurrent use.
type Client struct {
	cfg  Config
	http *httpx.Client
	// kinds are the store's status_kinds overrides, keyed by status id.
	kinds map[string]backend.StatusKind

	counts countCache
}

var _ backend.Backend = (*Client)(nil)

// New checks cfg and builds a client; it does no I/O. The config loader
// has already read api_key_env and store_key_env into the keys.
func New(cfg Config, opt httpx.Options) (*Client, error) {
	if cfg.Name == "" {
		return nil, errors.New("api2cart store: name is not set")
	}
	if cfg.Platform != "" && cfg.Platform != Platform {
		return nil, fmt.Errorf("store %s: platform is %q, not %q", cfg.Name, cfg.Platform, Platform)
	}
	cfg.Platform = Platform
	if !cfg.APIKey.IsSet() {
		return nil, fmt.Errorf("store %s: api_key (or api_key_env) is not set", cfg.Name)
	}
	if !cfg.StoreKey.IsSet() {
		return nil, fmt.Errorf("store %s: store_key (or store_key_env) is not set", cfg.Name)
	}
	if strings.TrimSpace(cfg.URL) == "" {
		cfg.URL = DefaultURL
	}
	apiKey, storeKey := cfg.APIKey.Reveal(), cfg.StoreKey.Reveal()
	hc := httpx.Config{
		Store:   cfg.Name,
		BaseURL: cfg.URL,
		Auth: func(r *http.Request) {
			r.Header.Set("x-api-key", apiKey)
			r.Header.Set("x-store-key", storeKey)
		},
		// The keys, also as they would appear in a legacy query string.
		Secrets:      []string{apiKey, storeKey, url.QueryEscape(apiKey), url.QueryEscape(storeKey)},
		Timeout:      cfg.Timeout,
		Classify:     classify,
		ErrorMessage: errorMessage,
	}
	opt.Fill(&hc)
	h, err := httpx.New(hc)
	if err != nil {
		return nil, err
	}
	return &Client{cfg: cfg, http: h, kinds: cfg.KindOverrides(), counts: countCache{ttl: countTTL}}, nil
}

func (c *Client) Name() string     { return c.cfg.Name }
func (c *Client) Platform() string { return Platform }

// Capabilities: API2Cart pages by cursor, takes an idempotency key on
// writes, and keeps a status history where the connected cart does.
func (c *Client) Capabilities() backend.Capabilities {
	return backend.Capabilities{
		History:           true,
		Notify:            true,
		Notes:             true,
		Tracking:          true,
		SafeResend:        true,
		StatusFilter:      true,
		MultiStatusFilter: true,
		EmailFilter:       true,
		Search:            true,
		UpdatedSince:      true,
		CreatedAfter:      true,
		Count:             true,
		Sorts:             []backend.SortField{backend.SortID, backend.SortCreated, backend.SortUpdated},
		MaxPageSize:       MaxPageSize,
		DefaultPageSize:   DefaultPageSize,
		Cursor:            true,
	}
}

// BackoffUntil is when the store's rate-limit back-off ends (zero when
// there is none), for the status bar.
func (c *Client) BackoffUntil() time.Time { return c.http.BackoffUntil() }

// answer is an API2Cart answer with its result decoded as T.
type answer[T any] struct {
	Pagination one[pagination] `json:"pagination"`
	Result     T               `json:"result"`
}

// call sends req and decodes the answer's result as T in one pass; a
// non-zero return code is already an error (see classify). An empty
// result ({}, [], null, whatever T's shape) is T's zero value. The body is
// returned with a malformed-answer error so the caller can say more.
func call[T any](ctx context.Context, c *Client, req httpx.Request) (answer[T], []byte, error) {
	var zero T
	return callWith(ctx, c, req, zero)
}

// callWith is call decoding the result into a copy of result, so a bound
// set on it (a wire.Page's Asked) applies. A list over its bound is an
// error without the body: there is nothing more to read in it.
func callWith[T any](ctx context.Context, c *Client, req httpx.Request, result T) (answer[T], []byte, error) {
	// httpx marks a write whose outcome is open (see classify), also when
	// only an earlier attempt left it so.
	resp, err := c.http.Do(ctx, req)
	if err != nil {
		return answer[T]{}, nil, err
	}
	return decodeAnswer(c, req.Op, req.Method != http.MethodGet, resp.Body, result)
}

// decodeAnswer is callWith's reading of an answer's body.
func decodeAnswer[T any](c *Client, op string, write bool, body []byte, result T) (answer[T], []byte, error) {
	a := answer[T]{Result: result}
	if err := httpx.Decode(body, &a); err != nil {
		if tooMany := (*wire.TooManyError)(nil); errors.As(err, &tooMany) {
			return answer[T]{}, nil, c.malformed(op, write, err)
		}
		// PHP writes an empty result as [] or {} whatever its usual shape.
		var loose answer[emptyResult]
		if json.Unmarshal(body, &loose) != nil || !loose.Result {
			return answer[T]{}, body, c.malformed(op, write, err)
		}
		return answer[T]{Pagination: loose.Pagination}, nil, nil
	}
	return a, nil, nil
}

// emptyResult reads whether a result is one of PHP's empty forms, without
// keeping a copy of it.
type emptyResult bool

func (e *emptyResult) UnmarshalJSON(b []byte) error {
	*e = emptyResult(isEmptyJSON(bytes.TrimSpace(b)))
	return nil
}

func (c *Client) malformed(op string, write bool, err error) error {
	e := c.http.Malformed(op, nil, err)
	e.Uncertain = write
	return e
}

// errorMessage reads return_message from a non-2xx answer that carries an
// envelope without an error code.
func errorMessage(body []byte) (msg, code string) {
	var env struct {
		ReturnCode    wire.Int    `json:"return_code"`
		ReturnMessage wire.String `json:"return_message"`
	}
	if json.Unmarshal(body, &env) != nil {
		return "", ""
	}
	return string(env.ReturnMessage), ""
}

// baseQuery starts every call's parameters.
func (c *Client) baseQuery() url.Values {
	q := url.Values{}
	if c.cfg.StoreID != "" {
		q.Set("store_id", c.cfg.StoreID)
	}
	return q
}
