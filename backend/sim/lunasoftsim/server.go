package lunasoftsim

import (
	"crypto/subtle"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/orderdash/orderdash/backend/sim"
)

// Options configure a simulated Lunasoft site. Zero values take the
// defaults given on each field.
type Options struct {
	Addr   string // default "127.0.0.1:0"
	Seed   int64
	Orders int // default 1000
	// Now is the "now" orders are generated against; default
	// 2026-11-20T12:00:00Z so tests are deterministic.
	Now time.Time
	// AuthHeader is the exact Authorization value expected; default
	// "demo-lunasoft-key".
	AuthHeader string
	// Statuses are the site's configured status names; default
	// DefaultStatuses. Generated histories use them by position.
	Statuses []string
	// StateFile, when set, keeps added status rows between runs.
	StateFile string
	// Clock time-stamps new status rows; default time.Now.
	Clock func() time.Time
}

// DefaultNow is the generation time used when Options.Now is zero.
var DefaultNow = sim.DefaultNow

// PageSize is Lunasoft's fixed list page size.
const PageSize = 50

// Post is one status POST the server received and what came of it.
type Post struct {
	OrderID string
	Body    []byte
	// Status, Notes and Notify are what the body asked for, where readable.
	Status string
	Notes  string
	Notify bool
	// OK is true when a history row was added.
	OK         bool
	HTTPStatus int
	Errors     []string
	At         time.Time
}

// Server is a running simulated Lunasoft site.
type Server struct {
	sim.Host // the loopback server, faults, request log, clock

	opts     Options
	statuses []string

	mu     sync.RWMutex
	orders []*order // ascending id
	byID   map[string]*order
	nextID int // next status history id
	state  state
	posts  []Post
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
	if opts.AuthHeader == "" {
		opts.AuthHeader = "demo-lunasoft-key"
	}
	statuses := opts.Statuses
	if len(statuses) == 0 {
		statuses = DefaultStatuses
	}
	for _, st := range statuses {
		if strings.TrimSpace(st) == "" {
			return nil, fmt.Errorf("lunasoftsim: empty status name in Options.Statuses")
		}
	}
	s := &Server{opts: opts, statuses: append([]string(nil), statuses...), byID: map[string]*order{}, state: newState()}
	bases := sim.Generate(opts.Seed, opts.Orders, opts.Now)
	id, item := firstOrderID, firstItemID
	for i := range bases {
		if bases[i].Rand%7 == 0 { // deleted orders leave gaps in the ids
			id += 1 + int(bases[i].Rand>>60)%3
		}
		o := s.newOrder(&bases[i], id, &item, opts.Now)
		s.orders = append(s.orders, o)
		s.byID[o.idStr] = o
		id++
	}
	s.nextID = assignHistoryIDs(s.orders)
	if err := s.load(); err != nil {
		return nil, err
	}
	host, err := sim.ListenHost(sim.Config{Addr: opts.Addr, Handler: http.HandlerFunc(s.route), Error: writeError, Clock: opts.Clock, Admin: s.adminOrder})
	if err != nil {
		return nil, fmt.Errorf("lunasoftsim: %w", err)
	}
	s.Host = host
	return s, nil
}

// BasePath is where the shopping cart module's API lives.
const BasePath = "/site_api/shopping_cart"

// URL is the module base to configure in a client:
// "http://127.0.0.1:PORT/site_api/shopping_cart".
func (s *Server) URL() string { return s.Root() + BasePath }

// Statuses are the configured status names.
func (s *Server) Statuses() []string { return append([]string(nil), s.statuses...) }

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

// IDs lists every order id in ascending order.
func (s *Server) IDs() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, len(s.orders))
	for i, o := range s.orders {
		out[i] = o.idStr
	}
	return out
}

// Posts is every status POST received, oldest first, with its outcome.
func (s *Server) Posts() []Post {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]Post(nil), s.posts...)
}

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), []byte(s.opts.AuthHeader)) != 1 {
		writeError(w, r, http.StatusUnauthorized)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, BasePath+"/orders")
	switch {
	case !ok:
		writeErrorMsg(w, http.StatusNotFound, "Not Found")
	case rest == "" || rest == "/":
		if r.Method != http.MethodGet {
			writeErrorMsg(w, http.StatusMethodNotAllowed, "Method Not Allowed")
			return
		}
		s.list(w, r)
	case strings.Count(rest, "/") == 1 || (strings.Count(rest, "/") == 2 && strings.HasSuffix(rest, "/")):
		id := strings.Trim(rest, "/")
		switch r.Method {
		case http.MethodGet:
			s.get(w, id)
		case http.MethodPost:
			s.post(w, r, id)
		default:
			writeErrorMsg(w, http.StatusMethodNotAllowed, "Method Not Allowed")
		}
	default:
		writeErrorMsg(w, http.StatusNotFound, "Not Found")
	}
}

// writeError answers status with Lunasoft's error envelope.
func writeError(w http.ResponseWriter, _ *http.Request, status int) {
	msg := http.StatusText(status)
	if status == http.StatusNotFound {
		msg = "The requested object no longer present"
	}
	writeErrorMsg(w, status, msg)
}

func writeErrorMsg(w http.ResponseWriter, status int, internal string) {
	sim.WriteJSON(w, status, errorsJSON{Errors: []apiError{newAPIError(status, internal)}})
}
