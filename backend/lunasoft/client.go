package lunasoft

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
)

// Client is one Lunasoft site. It is safe for concurrent use: after New it
// holds no mutable state of its own.
type Client struct {
	cfg      Config
	http     *httpx.Client
	statuses []backend.Status
	kinds    backend.KindMap
	currency string
	loc      *time.Location
	log      *slog.Logger
}

var _ backend.Backend = (*Client)(nil)

// New checks cfg and builds the client; it does no I/O.
func New(cfg Config, opt httpx.Options) (*Client, error) {
	loc, err := cfg.check()
	if err != nil {
		return nil, err
	}
	key := cfg.APIKey.Reveal()
	header := key
	if p := strings.TrimSpace(cfg.AuthPrefix); p != "" {
		header = p + " " + key
	}
	hc := httpx.Config{
		Store:   cfg.Name,
		BaseURL: strings.TrimSpace(cfg.URL),
		Auth: func(r *http.Request) {
			r.Header.Set("Authorization", header)
		},
		Secrets:      []string{header, key},
		Timeout:      cfg.Timeout,
		ErrorMessage: errorMessage,
	}
	opt.Fill(&hc)
	h, err := httpx.New(hc)
	if err != nil {
		return nil, err
	}
	names := cfg.Statuses
	if len(names) == 0 {
		names = DefaultStatuses
	}
	overrides := cfg.KindOverrides()
	kinds := backend.KindMap{}
	for _, n := range names {
		kinds[n] = backend.GuessKind(n)
	}
	kinds = kinds.With(overrides)
	c := &Client{
		cfg:      cfg,
		http:     h,
		kinds:    kinds,
		currency: strings.TrimSpace(cfg.Currency),
		loc:      loc,
		log:      opt.Log(),
	}
	if c.currency == "" {
		c.currency = defaultCurrency
	}
	for _, n := range names {
		c.statuses = append(c.statuses, backend.Status{Code: n, Name: n, Kind: kinds.Kind(n)})
	}
	return c, nil
}

func (c *Client) Name() string     { return c.cfg.Name }
func (c *Client) Platform() string { return Platform }

// Capabilities: Lunasoft keeps a history and takes notes (tracking numbers
// go into them); its list is 50 a page with no count and filters only by
// id and creation time; its POST is not idempotent.
func (c *Client) Capabilities() backend.Capabilities {
	return backend.Capabilities{
		History:         true,
		Notify:          true,
		Notes:           true,
		Tracking:        true,
		SafeResend:      false,
		CreatedAfter:    true,
		IDFrom:          true,
		Sorts:           []backend.SortField{backend.SortID, backend.SortCreated},
		MaxPageSize:     pageSize,
		DefaultPageSize: pageSize,
		FixedPageSize:   true,
	}
}

// BackoffUntil is when the store's rate-limit back-off ends (zero: none).
func (c *Client) BackoffUntil() time.Time { return c.http.BackoffUntil() }

// status is the Status of a name the site sent. Names outside the
// configured list still get a kind, guessed from the words.
func (c *Client) status(name string) backend.Status {
	k, ok := c.kinds[name]
	if !ok {
		k = c.kinds.Kind(name)
		if k == backend.KindOther {
			k = backend.GuessKind(name)
		}
	}
	return backend.Status{Code: name, Name: name, Kind: k}
}
