package cscartsim

import (
	"crypto/subtle"
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/orderdash/orderdash/backend/sim"
)

// Options configure a simulated CS-Cart marketplace. Zero values take the
// defaults given on each field.
type Options struct {
	Addr   string // default "127.0.0.1:0"
	Seed   int64
	Orders int // default 1000
	// Now is the "now" orders are generated against; default
	// 2026-11-20T12:00:00Z so tests are deterministic.
	Now    time.Time
	Email  string // default "demo@orderdash.test"
	APIKey string // default "demo-cscart-key"
	// StateFile, when set, keeps status changes, vendor_ref values and the
	// change log between runs.
	StateFile string
	// StatusesShape is how GET /statuses answers: "object" (default,
	// {"statuses":[…],"params":{…}}), "array" (a bare array) or "none"
	// (404: the endpoint is absent).
	StatusesShape string
	// Clock time-stamps changes; default time.Now.
	Clock func() time.Time
}

// DefaultNow is the generation time used when Options.Now is zero.
var DefaultNow = sim.DefaultNow

// Server is a running simulated marketplace.
type Server struct {
	sim.Host // the loopback server, faults, request log, clock

	opts        Options
	maintenance atomic.Bool

	mu      sync.RWMutex
	orders  []*order // by creation, oldest first
	byID    map[string]*order
	state   state
	changes []Change
}

// Start generates the orders, applies the state file if any, and starts
// serving on loopback.
func Start(opts Options) (*Server, error) {
	if opts.Orders <= 0 {
		opts.Orders = 1000
	}
	if opts.Now.IsZero() {
		opts.Now = DefaultNow
	}
	if opts.Email == "" {
		opts.Email = "demo@orderdash.test"
	}
	if opts.APIKey == "" {
		opts.APIKey = "demo-cscart-key"
	}
	switch opts.StatusesShape {
	case "":
		opts.StatusesShape = "object"
	case "object", "array", "none":
	default:
		return nil, fmt.Errorf("cscartsim: StatusesShape %q: want object, array or none", opts.StatusesShape)
	}
	s := &Server{opts: opts, byID: map[string]*order{}, state: newState()}
	bases := sim.Generate(opts.Seed, opts.Orders, opts.Now)
	for i := range bases {
		o := newOrder(&bases[i], opts.Now)
		s.orders = append(s.orders, o)
		s.byID[o.idStr] = o
	}
	if err := s.load(); err != nil {
		return nil, err
	}
	host, err := sim.ListenHost(sim.Config{Addr: opts.Addr, Handler: http.HandlerFunc(s.route), Error: writeError, Clock: opts.Clock, Admin: s.adminOrder})
	if err != nil {
		return nil, fmt.Errorf("cscartsim: %w", err)
	}
	s.Host = host
	return s, nil
}

// URL is the API base to configure in a client: "http://127.0.0.1:PORT/api".
func (s *Server) URL() string { return s.Root() + "/api" }

// SetMaintenance makes every request answer 503 while on.
func (s *Server) SetMaintenance(on bool) { s.maintenance.Store(on) }

// Order is a snapshot of one order, for assertions.
func (s *Server) Order(id string) (Order, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	o, ok := s.byID[id]
	if !ok {
		return Order{}, false
	}
	return o.snapshot(), true
}

// IDs lists every order id, oldest first (N orders included).
func (s *Server) IDs() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, len(s.orders))
	for i, o := range s.orders {
		out[i] = o.idStr
	}
	return out
}

// Changes is the log of applied status changes, oldest first. A PUT that
// sets the status an order already has changes nothing and is not logged
// (Requests shows it).
func (s *Server) Changes() []Change {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]Change(nil), s.changes...)
}

// versionSeg matches the API version segment: CS-Cart takes any numeric
// first path segment as the version (/api/2.0, /api/2).
var versionSeg = regexp.MustCompile(`^\d+(\.\d+)*$`)

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	if s.maintenance.Load() {
		writeError(w, r, http.StatusServiceUnavailable)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/api/")
	if !ok {
		writeError(w, r, http.StatusNotFound)
		return
	}
	if !s.authorised(r) {
		writeError(w, r, http.StatusUnauthorized)
		return
	}
	if !acceptsJSON(r.Header.Get("Accept")) {
		writeError(w, r, http.StatusNotAcceptable)
		return
	}
	segs := strings.Split(strings.TrimSuffix(rest, "/"), "/")
	if len(segs) > 0 && versionSeg.MatchString(segs[0]) {
		segs = segs[1:]
	}
	if len(segs) == 0 {
		writeError(w, r, http.StatusNotFound)
		return
	}
	switch {
	case segs[0] == "orders" && len(segs) == 1:
		if r.Method != http.MethodGet {
			writeError(w, r, http.StatusMethodNotAllowed)
			return
		}
		s.list(w, r)
	case segs[0] == "orders" && len(segs) == 2 && segs[1] == "search":
		if r.Method != http.MethodGet {
			writeError(w, r, http.StatusMethodNotAllowed)
			return
		}
		s.search(w, r)
	case segs[0] == "orders" && len(segs) == 2:
		switch r.Method {
		case http.MethodGet:
			s.get(w, r, segs[1])
		case http.MethodPut:
			s.put(w, r, segs[1])
		default:
			writeError(w, r, http.StatusMethodNotAllowed)
		}
	case segs[0] == "shipments" && len(segs) == 1:
		s.shipments(w, r)
	case segs[0] == "statuses" && len(segs) == 1 && s.opts.StatusesShape != "none":
		if r.Method != http.MethodGet {
			writeError(w, r, http.StatusMethodNotAllowed)
			return
		}
		s.statuses(w, r)
	default:
		writeError(w, r, http.StatusNotFound)
	}
}

// authorised checks HTTP Basic e-mail:key. CS-Cart finds the user by e-mail
// (MySQL compares it case-insensitively) and then compares the key exactly.
func (s *Server) authorised(r *http.Request) bool {
	user, key, ok := r.BasicAuth()
	if !ok {
		return false
	}
	return strings.EqualFold(user, s.opts.Email) &&
		subtle.ConstantTimeCompare([]byte(key), []byte(s.opts.APIKey)) == 1
}

// acceptsJSON is CS-Cart's Accept check: none, */*, application/* or a JSON
// type is fine; anything else is 406.
func acceptsJSON(accept string) bool {
	if strings.TrimSpace(accept) == "" {
		return true
	}
	for _, part := range strings.Split(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		if mt == "*/*" || mt == "application/*" || mt == "application/json" || mt == "text/javascript" {
			return true
		}
	}
	return false
}

// apiError is CS-Cart's error body (Tygh/Api/Response.php).
type apiError struct {
	Message  string   `json:"message"`
	Messages []string `json:"messages,omitempty"`
	Status   int      `json:"status"`
}

// writeError answers status with CS-Cart's body; 401 adds its challenge.
func writeError(w http.ResponseWriter, _ *http.Request, status int) {
	writeErrorDetail(w, status, "")
}

func writeErrorDetail(w http.ResponseWriter, status int, detail string) {
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="User email/API key"`)
	}
	msg := http.StatusText(status)
	if detail != "" {
		msg += ": " + detail
	}
	sim.WriteJSON(w, status, apiError{Message: msg, Status: status})
}
