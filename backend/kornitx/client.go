package kornitx

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
)

// Page sizes of the local list: the database answers any size quickly.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// RefreshInterval is how often the dashboard may re-read this store's
// visible page: it reads only the local database, so new pushes show
// within seconds at no cost to Kornit X.
const RefreshInterval = 3 * time.Second

// Client is one Kornit X store: orders from the local OrderStore, status
// changes to the Order Status API. It is safe for concurrent use.
type Client struct {
	cfg      Config
	orders   OrderStore
	http     *httpx.Client // nil when the store is read-only without credentials
	kinds    backend.KindMap
	currency string
	loc      *time.Location
	log      *slog.Logger
	now      func() time.Time
}

var _ backend.Backend = (*Client)(nil)

// New checks cfg and builds the client; it does no I/O. A read-only store
// needs no status API credentials: it only shows what was pushed.
func New(cfg Config, orders OrderStore, opt httpx.Options) (*Client, error) {
	if orders == nil {
		return nil, fmt.Errorf("store %q (kornitx): no order store (the local database keeps pushed orders)", cfg.name())
	}
	c := &Client{
		cfg:      cfg,
		orders:   orders,
		kinds:    defaultKinds.With(cfg.KindOverrides()),
		currency: cfg.currency(),
		log:      opt.Log(),
		now:      func() time.Time { return time.Now().UTC() },
	}
	if cfg.ReadOnly && strings.TrimSpace(cfg.RefID) == "" && !cfg.APIKey.IsSet() {
		if err := cfg.checkCommon(); err != nil {
			return nil, err
		}
	} else {
		if err := cfg.checkClient(); err != nil {
			return nil, err
		}
		h, err := newHTTP(cfg, opt)
		if err != nil {
			return nil, err
		}
		c.http = h
	}
	c.loc, _ = cfg.location()
	return c, nil
}

// authHeader is the Authorization value: "Basic REFID:APIKEY" unencoded as
// the docs write it, or standard base64 with auth_encoding = "base64".
func authHeader(cfg Config) string {
	cred := strings.TrimSpace(cfg.RefID) + ":" + cfg.APIKey.Reveal()
	if strings.EqualFold(strings.TrimSpace(cfg.AuthEncoding), "base64") {
		cred = base64.StdEncoding.EncodeToString([]byte(cred))
	}
	return "Basic " + cred
}

func newHTTP(cfg Config, opt httpx.Options) (*httpx.Client, error) {
	key := cfg.APIKey.Reveal()
	auth := authHeader(cfg)
	raw := strings.TrimSpace(cfg.RefID) + ":" + key
	hc := httpx.Config{
		Store:   cfg.Name,
		BaseURL: cfg.url(),
		Auth:    func(r *http.Request) { r.Header.Set("Authorization", auth) },
		// The key in every form it could be echoed back in.
		Secrets:      []string{key, raw, base64.StdEncoding.EncodeToString([]byte(raw))},
		Timeout:      cfg.Timeout,
		ErrorMessage: errorMessage,
		Classify:     classify,
	}
	opt.Fill(&hc)
	return httpx.New(hc)
}

func (c *Client) Name() string     { return c.cfg.Name }
func (c *Client) Platform() string { return Platform }

// Capabilities: the local database filters, searches, counts and sorts;
// Kornit X takes a tracking number with a dispatch and its PUT is
// idempotent. History is true because Get returns the whole timeline kept
// here (received, then every change made here with its operator): the
// dashboard must not add its own entries on top.
func (c *Client) Capabilities() backend.Capabilities {
	return backend.Capabilities{
		History:           true,
		Notify:            false,
		Notes:             false,
		Tracking:          true,
		SafeResend:        true,
		StatusFilter:      true,
		MultiStatusFilter: true,
		EmailFilter:       true,
		Search:            true,
		UpdatedSince:      true,
		Count:             true,
		Sorts:             []backend.SortField{backend.SortCreated, backend.SortID, backend.SortUpdated},
		MaxPageSize:       MaxPageSize,
		DefaultPageSize:   DefaultPageSize,
		RefreshInterval:   RefreshInterval,
	}
}

// BackoffUntil is when the status API's rate-limit back-off ends (zero:
// none).
func (c *Client) BackoffUntil() time.Time {
	if c.http == nil {
		return time.Time{}
	}
	return c.http.BackoffUntil()
}

// List reads a page of pushed orders from the local database.
func (c *Client) List(ctx context.Context, q backend.Query) (backend.Page, error) {
	if q.PageSize > MaxPageSize {
		q.PageSize = MaxPageSize
	}
	if q.PageSize <= 0 {
		q.PageSize = DefaultPageSize
	}
	p, err := c.orders.List(ctx, c.cfg.Name, q)
	if err != nil {
		return backend.Page{}, c.localError("list orders", err)
	}
	for i := range p.Orders {
		p.Orders[i].Store = c.cfg.Name
	}
	return p, nil
}

// Get reads one pushed order, with its timeline, from the local database.
func (c *Client) Get(ctx context.Context, id string) (backend.Order, error) {
	op := "read order " + backend.CleanLine(id)
	if err := checkID(id); err != nil {
		return backend.Order{}, &backend.Error{Kind: backend.KindNotFound, Store: c.cfg.Name, Op: op, Message: err.Error()}
	}
	o, err := c.orders.Get(ctx, c.cfg.Name, id)
	if err != nil {
		return backend.Order{}, c.localError(op, err)
	}
	o.Store = c.cfg.Name
	o.Detailed = true
	if o.History == nil {
		o.History = []backend.Event{}
	}
	return o, nil
}

// localError makes a database failure a *backend.Error, keeping the kind
// of one that already is (not found).
func (c *Client) localError(op string, err error) error {
	var be *backend.Error
	if errors.As(err, &be) {
		return err
	}
	return &backend.Error{Kind: backend.KindJournal, Store: c.cfg.Name, Op: op,
		Message: "the local database failed: " + backend.CleanLine(err.Error()), Err: err}
}

// checkID accepts a Kornit X order id: a positive integer.
func checkID(id string) error {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 || strconv.FormatInt(n, 10) != id {
		return fmt.Errorf("%q is not a Kornit X order id (a positive whole number)", backend.CleanLine(id))
	}
	return nil
}
