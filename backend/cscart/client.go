package cscart

import (
	"encoding/base64"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
)

// Client is one CS-Cart store. It is safe for concurrent use.
type Client struct {
	cfg      Config
	http     *httpx.Client
	kinds    backend.KindMap
	currency string
	log      *slog.Logger

	mu    sync.RWMutex
	names map[string]string // status letter -> the store's own name, once /statuses answered
}

var _ backend.Backend = (*Client)(nil)

// New checks cfg and builds the client; it does no I/O.
func New(cfg Config, opt httpx.Options) (*Client, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	email := strings.TrimSpace(cfg.Email)
	key := cfg.APIKey.Reveal()
	basic := base64.StdEncoding.EncodeToString([]byte(email + ":" + key))
	hc := httpx.Config{
		Store:   cfg.Name,
		BaseURL: strings.TrimSpace(cfg.URL),
		Auth: func(r *http.Request) {
			r.SetBasicAuth(email, key)
		},
		// The key in every form it could be echoed back in.
		Secrets:      []string{key, basic, url.QueryEscape(key), url.PathEscape(key)},
		Timeout:      cfg.Timeout,
		ErrorMessage: errorMessage,
	}
	opt.Fill(&hc)
	h, err := httpx.New(hc)
	if err != nil {
		return nil, err
	}
	cur := strings.TrimSpace(cfg.Currency)
	if cur == "" {
		cur = defaultCurrency
	}
	return &Client{
		cfg:      cfg,
		http:     h,
		kinds:    defaultKinds.With(cfg.KindOverrides()),
		currency: cur,
		log:      opt.Log(),
	}, nil
}

func (c *Client) Name() string     { return c.cfg.Name }
func (c *Client) Platform() string { return Platform }

// Capabilities: CS-Cart filters by status, e-mail and update time
// server-side and counts the matches; it keeps no history and takes no
// notes; a tracking number goes into a shipment (shipments.go); its PUT is
// idempotent, and a shipment is made only after the order's shipments are
// read, so a resend is safe.
func (c *Client) Capabilities() backend.Capabilities {
	return backend.Capabilities{
		History:           false,
		Notify:            true,
		Notes:             false,
		Tracking:          true, // kept in a shipment (shipments.go)
		TrackingKinds:     []backend.StatusKind{backend.KindShipped, backend.KindCompleted},
		SafeResend:        true,
		StatusFilter:      true,
		MultiStatusFilter: true,
		EmailFilter:       true,
		Search:            true,
		UpdatedSince:      true,
		Count:             true,
		Sorts:             []backend.SortField{backend.SortCreated, backend.SortID, backend.SortTotal, backend.SortStatus},
		MaxPageSize:       maxPageSize,
		DefaultPageSize:   defaultPageSize,
	}
}

// BackoffUntil is when the store's rate-limit back-off ends (zero: none).
func (c *Client) BackoffUntil() time.Time { return c.http.BackoffUntil() }
