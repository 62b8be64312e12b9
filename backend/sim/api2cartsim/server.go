package api2cartsim

import (
	"compress/flate"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/orderdash/orderdash/backend/sim"
)

// Options configure a simulated API2Cart store. Zero values take the
// defaults given on each field.
type Options struct {
	Addr   string // default "127.0.0.1:0"
	Seed   int64
	Orders int // default 1000
	// Now is the "now" orders are generated against; default
	// 2026-11-20T12:00:00Z so tests are deterministic.
	Now time.Time
	// APIKey and StoreKey are the keys the store accepts; defaults
	// "demo-a2c-api-key" and "demo-a2c-store-key".
	APIKey, StoreKey string
	// StateFile, when set, keeps every applied update and shipment
	// between runs.
	StateFile string
	// NestedStatusList serves order.status.list in the seed's nested shape
	// with numeric ids instead of the current flat one.
	NestedStatusList bool
	// CursorTTL is how long a page_cursor stays valid; default 15 minutes.
	CursorTTL time.Duration
	// Clock time-stamps updates and ages cursors; default time.Now.
	Clock func() time.Time
}

// DefaultNow is the generation time used when Options.Now is zero.
var DefaultNow = sim.DefaultNow

// Demo names and keys: the dashboard's demo shows this store as
// "demo-api2cart".
const (
	DemoStoreName   = "demo-api2cart"
	DefaultAPIKey   = "demo-a2c-api-key"
	DefaultStoreKey = "demo-a2c-store-key"
	defaultOrders   = 1000
	defaultTTL      = 15 * time.Minute
	// idempotencyTTL is the documented lifetime of idempotency_key replays.
	idempotencyTTL = 15 * time.Minute
	// maxCount is order.list's documented maximum count.
	maxCount     = 250
	defaultCount = 10
	apiPrefix    = "/v1.1/"
)

// Server is a running simulated API2Cart store.
type Server struct {
	sim.Host // the loopback server, faults, request log, clock

	opts   Options
	secret []byte // signs cursors

	mu        sync.Mutex
	orders    []*order // by id (creation), oldest first
	byID      map[string]*order
	updates   []Update
	shipments []Shipment
	replays   map[string]replay // method + idempotency key -> first answer
	inject    injected
	gen       uint64 // counts writes to orders; ages selCache
	selCache  selectionCache
	zw        *flate.Writer // compresses cursors, reused
}

// injected is a return code forced onto the next requests (Throttle, Fail).
type injected struct {
	code int
	msg  string
	left int // -1: until cleared
}

type replay struct {
	body []byte
	at   time.Time
}

// Start generates the orders, replays the state file if any, and starts
// serving on loopback.
func Start(opts Options) (*Server, error) {
	if opts.Orders <= 0 {
		opts.Orders = defaultOrders
	}
	if opts.Now.IsZero() {
		opts.Now = DefaultNow
	}
	if opts.APIKey == "" {
		opts.APIKey = DefaultAPIKey
	}
	if opts.StoreKey == "" {
		opts.StoreKey = DefaultStoreKey
	}
	if opts.CursorTTL <= 0 {
		opts.CursorTTL = defaultTTL
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("api2cartsim/%d/%s", opts.Seed, opts.StoreKey)))
	s := &Server{opts: opts, byID: map[string]*order{}, replays: map[string]replay{}, secret: sum[:]}
	bases := sim.Generate(opts.Seed, opts.Orders, opts.Now)
	for i := range bases {
		o := newOrder(&bases[i], opts.Now)
		s.orders = append(s.orders, o)
		s.byID[o.id] = o
	}
	if err := s.load(); err != nil {
		return nil, err
	}
	host, err := sim.ListenHost(sim.Config{Addr: opts.Addr, Handler: http.HandlerFunc(s.route), Error: writeFault, Clock: opts.Clock, Admin: s.adminOrder})
	if err != nil {
		return nil, fmt.Errorf("api2cartsim: %w", err)
	}
	s.Host = host
	return s, nil
}

// URL is the API base to configure in a client: "http://127.0.0.1:PORT/v1.1".
func (s *Server) URL() string { return s.Root() + strings.TrimSuffix(apiPrefix, "/") }

// Order is a snapshot of one order, for assertions.
func (s *Server) Order(id string) (Order, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.byID[id]
	if !ok {
		return Order{}, false
	}
	return o.snapshot(), true
}

// IDs lists every order id, oldest first.
func (s *Server) IDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, len(s.orders))
	for i, o := range s.orders {
		out[i] = o.id
	}
	return out
}

// Updates is every applied order.update, oldest first; an idempotent
// replay is not an update, so a duplicate shows here as a second entry.
func (s *Server) Updates() []Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Update(nil), s.updates...)
}

// Shipments is every applied order.shipment.add, oldest first.
func (s *Server) Shipments() []Shipment {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Shipment, len(s.shipments))
	for i, sh := range s.shipments {
		sh.Tracking = append([]TrackingNumber(nil), sh.Tracking...)
		out[i] = sh
	}
	return out
}

// Throttle makes the next `times` requests answer HTTP 200 with return
// code 7 (store limit), 10 (account limit) or 110 (the cart's own API
// limit) and have no effect; times <= 0 throttles until Throttle(0, 0).
func (s *Server) Throttle(code, times int) {
	if code != 0 && code != 7 && code != 10 && code != 110 {
		code = 7
	}
	s.Fail(code, times)
}

// Fail makes the next `times` requests answer HTTP 200 with the given
// return code and API2Cart's message for it, with no effect; times <= 0
// lasts until Fail(0, 0). Code 0 clears it.
func (s *Server) Fail(code, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if code == 0 {
		s.inject = injected{}
		return
	}
	left := times
	if times <= 0 {
		left = -1
	}
	s.inject = injected{code: code, msg: codeMessages[code], left: left}
}

// codeMessages are API2Cart's words for its return codes.
var codeMessages = map[int]string{
	1:   "Service is temporarily unavailable, please try again later.",
	2:   "Incorrect API Key",
	3:   "Method is not specified",
	4:   "Store access denied",
	5:   "API access denied",
	6:   "API key is disabled",
	7:   "Store request limit exceeded. Please slow down.",
	9:   "Internal error",
	10:  "Account request limit exceeded. Please slow down.",
	101: "Store not found",
	106: "Store is unreachable, check the store URL",
	107: "Store error: the cart's API answered with an error",
	109: "Incorrect parameters",
	110: "Too many requests to the store's API. Please slow down.",
	112: "Entity not found",
	114: "Required parameter is missing",
}

// takeInjected uses up one injected answer, if any.
func (s *Server) takeInjected() (int, string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in := &s.inject
	if in.code == 0 {
		return 0, "", false
	}
	code, msg := in.code, in.msg
	if msg == "" {
		msg = fmt.Sprintf("Error %d", code)
	}
	if in.left > 0 {
		in.left--
		if in.left == 0 {
			s.inject = injected{}
		}
	}
	return code, msg, true
}

// handlers by API2Cart method name, with the HTTP method each takes.
var methods = map[string]struct {
	verb string
	h    func(*Server, http.ResponseWriter, *http.Request, url.Values)
}{
	"order.list":         {http.MethodGet, (*Server).list},
	"order.count":        {http.MethodGet, (*Server).count},
	"order.info":         {http.MethodGet, (*Server).info},
	"order.status.list":  {http.MethodGet, (*Server).statusList},
	"order.update":       {http.MethodPut, (*Server).update},
	"order.shipment.add": {http.MethodPost, (*Server).shipmentAdd},
}

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, apiPrefix)
	name, isJSON := strings.CutSuffix(rest, ".json")
	m, known := methods[name]
	if !ok || !isJSON || !known {
		writeJSON(w, http.StatusNotFound, envelope(3, fmt.Sprintf("Method '%s' is not found", strings.TrimSuffix(rest, ".json")), nil))
		return
	}
	if r.Method != m.verb {
		writeJSON(w, http.StatusMethodNotAllowed, envelope(109, fmt.Sprintf("%s takes HTTP %s, not %s", name, m.verb, r.Method), nil))
		return
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeResult(w, 109, "The query string is not valid: "+err.Error(), nil)
		return
	}
	if code, msg, ok := s.takeInjected(); ok {
		writeResult(w, code, msg, nil)
		return
	}
	if code, msg := s.auth(r, q); code != 0 {
		writeResult(w, code, msg, nil)
		return
	}
	m.h(s, w, r, q)
}

// auth accepts the x-api-key/x-store-key headers or the legacy
// api_key/store_key query parameters.
func (s *Server) auth(r *http.Request, q url.Values) (int, string) {
	apiKey := r.Header.Get("x-api-key")
	if apiKey == "" {
		apiKey = q.Get("api_key")
	}
	storeKey := r.Header.Get("x-store-key")
	if storeKey == "" {
		storeKey = q.Get("store_key")
	}
	if subtle.ConstantTimeCompare([]byte(apiKey), []byte(s.opts.APIKey)) != 1 {
		return 2, "Incorrect API Key"
	}
	if storeKey == "" {
		return 101, "Store not found: no store_key was given"
	}
	if subtle.ConstantTimeCompare([]byte(storeKey), []byte(s.opts.StoreKey)) != 1 {
		// API2Cart names the key it could not find.
		return 101, fmt.Sprintf("Store with store_key '%s' not found", storeKey)
	}
	return 0, ""
}

// jsonType is API2Cart's Content-Type, which names the charset.
const jsonType = "application/json; charset=utf-8"

// writeJSON answers v with API2Cart's Content-Type, which names the charset.
func writeJSON(w http.ResponseWriter, status int, v any) {
	sim.WriteJSONAs(w, status, jsonType, v)
}

// writeResult answers HTTP 200, errors included, as API2Cart does.
func writeResult(w http.ResponseWriter, code int, msg string, result any) {
	writeJSON(w, http.StatusOK, envelope(code, msg, result))
}

// writeFault is the answer for the core's injected HTTP faults. API2Cart
// itself has no 401 or 429: a bad key and a throttle are HTTP 200 with
// return codes 2 and 7. A 5xx comes from the infrastructure in front.
func writeFault(w http.ResponseWriter, _ *http.Request, status int) {
	switch status {
	case http.StatusUnauthorized:
		writeResult(w, 2, "Incorrect API Key", nil)
	case http.StatusTooManyRequests:
		writeResult(w, 7, codeMessages[7], nil)
	default:
		writeJSON(w, status, envelope(9, "Internal error", nil))
	}
}
