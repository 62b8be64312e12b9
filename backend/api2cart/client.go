package api2cart

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
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

// New checks cfg and builds a client. Secrets left empty are read from
// their *_env variables (the config loader normally has done so already).
func New(cfg Config, opt httpx.Options) (*Client, error) {
	return newClient(cfg, opt, nil)
}

// newClient lets tests shorten httpx's timeouts and back-off.
func newClient(cfg Config, opt httpx.Options, tune func(*httpx.Config)) (*Client, error) {
	if cfg.Name == "" {
		return nil, errors.New("api2cart store: name is not set")
	}
	if cfg.Platform != "" && cfg.Platform != Platform {
		return nil, fmt.Errorf("store %s: platform is %q, not %q", cfg.Name, cfg.Platform, Platform)
	}
	cfg.Platform = Platform
	if !cfg.APIKey.IsSet() && cfg.APIKeyEnv != "" {
		cfg.APIKey = backend.Secret(os.Getenv(cfg.APIKeyEnv))
	}
	if !cfg.StoreKey.IsSet() && cfg.StoreKeyEnv != "" {
		cfg.StoreKey = backend.Secret(os.Getenv(cfg.StoreKeyEnv))
	}
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
		Transport:    opt.Transport,
		Logger:       opt.Logger,
	}
	if tune != nil {
		tune(&hc)
	}
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

// call sends req and returns the answer's envelope; a non-zero return
// code is already an error (see classify).
func (c *Client) call(ctx context.Context, req httpx.Request) (*envelope, error) {
	write := req.Method != http.MethodGet
	resp, err := c.http.Do(ctx, req)
	if err != nil {
		var be *backend.Error
		if write && errors.As(err, &be) && be.Kind == backend.KindMalformed {
			// An unreadable answer to a write says nothing about whether
			// it applied.
			be.Uncertain = true
		}
		return nil, err
	}
	var env envelope
	if err := httpx.Decode(resp.Body, &env); err != nil {
		return nil, c.malformed(req.Op, write, err)
	}
	return &env, nil
}

// result decodes an envelope's result into out; an empty result ({}, [],
// null) leaves out as it is.
func (c *Client) result(op string, env *envelope, out any, write bool) error {
	if isEmptyJSON(env.Result) {
		return nil
	}
	if err := json.Unmarshal(env.Result, out); err != nil {
		return c.malformed(op, write, err)
	}
	return nil
}

func (c *Client) malformed(op string, write bool, err error) error {
	e := c.http.Error(backend.KindMalformed, op, "the store's answer could not be read: "+err.Error())
	e.Err = err
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
