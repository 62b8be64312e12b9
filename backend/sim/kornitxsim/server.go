package kornitxsim

import (
	"bytes"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/orderdash/orderdash/backend/sim"
)

// Options configure a simulated Kornit X. Zero values take the defaults
// given on each field.
type Options struct {
	Addr   string // default "127.0.0.1:0"
	RefID  string // default "850135"
	APIKey string // default "demo-kornitx-key"
	// AcceptBase64 also accepts "Basic base64(REFID:APIKEY)", as a
	// WooCommerce bridge sends it; the docs show only the raw form.
	AcceptBase64 bool
	Seed         int64
	// Orders is how many orders the simulator starts with (its backlog,
	// ids known to its PUT); NewOrder adds more. Default 0.
	Orders int
	// Now is the "now" the backlog is generated against; default
	// 2026-11-20T12:00:00Z so tests are deterministic.
	Now time.Time
	// Zone is the zone dates are written in (Kornit X writes none);
	// default UTC.
	Zone *time.Location
	// StateFile, when set, keeps order statuses and the id counter
	// between runs.
	StateFile string
	// Clock stamps new orders and changes; default time.Now.
	Clock func() time.Time
}

// DefaultNow is the generation time used when Options.Now is zero.
var DefaultNow = sim.DefaultNow

// Statuses the Order Status API takes (seed 003).
var settable = map[int]string{
	8: "Dispatched", 32: "QC Query", 64: "Dispatched (Retailer Notified)", 128: "Cancelled",
	256: "On Hold", 512: "Sent to Supplier", 513: "Received by Supplier",
	515: "Sent to Shipper", 516: "Received by Shipper",
}

// final statuses accept no other status afterwards.
func final(status int) bool { return status == 8 || status == 64 || status == 128 }

// StatusName is Kornit X's name for a status code ("" if unknown).
func StatusName(code int) string {
	switch code {
	case 0:
		return "Unknown"
	case 1:
		return "Received"
	case 2:
		return "Unused"
	case 4:
		return "In Production"
	}
	return settable[code]
}

// Server is a running simulated Kornit X status API.
type Server struct {
	sim.Host // the loopback server, faults, request log, clock

	opts Options

	mu      sync.Mutex
	orders  map[int64]*orderState
	backlog []Order
	next    int // seq of the next order NewOrder makes
	// writes counts, by order, the PUTs that changed it: a PUT repeating
	// what the order already shows (Kornit X's PUT is idempotent) is not
	// one.
	writes map[int64]int
	// pages is what the admin page shows of each order made or added
	// in this run (its status aside); an order known only from the state
	// file shows its status alone.
	pages map[int64]sim.AdminOrder
}

// orderState is what the status API knows of an order.
type orderState struct {
	Status   int       `json:"status"`
	Tracking string    `json:"tracking,omitempty"`
	Updated  time.Time `json:"updated"`
}

// OrderState is a snapshot of one order's status, for assertions.
type OrderState struct {
	ID       int64
	Status   int
	Tracking string
	Updated  time.Time
}

// Start generates the backlog, applies the state file if any, and starts
// serving on loopback.
func Start(opts Options) (*Server, error) {
	if opts.RefID == "" {
		opts.RefID = "850135"
	}
	if opts.APIKey == "" {
		opts.APIKey = "demo-kornitx-key"
	}
	if opts.Now.IsZero() {
		opts.Now = DefaultNow
	}
	if opts.Zone == nil {
		opts.Zone = time.UTC
	}
	s := &Server{opts: opts, orders: map[int64]*orderState{}, next: 1, pages: map[int64]sim.AdminOrder{}}
	s.backlog = generate(opts.Seed, 1, opts.Orders, opts.Now, opts.Zone)
	for _, o := range s.backlog {
		s.orders[o.ID] = &orderState{Status: o.Status, Updated: opts.Now}
		s.pages[o.ID] = page(o)
	}
	s.next = opts.Orders + 1
	if err := s.load(); err != nil {
		return nil, err
	}
	host, err := sim.ListenHost(sim.Config{Addr: opts.Addr, Handler: http.HandlerFunc(s.route), Error: writeStatusError, Clock: opts.Clock, Admin: s.adminOrder})
	if err != nil {
		return nil, fmt.Errorf("kornitxsim: %w", err)
	}
	s.Host = host
	return s, nil
}

// URL is the API base to configure in a client: "http://127.0.0.1:PORT".
func (s *Server) URL() string { return s.Root() }

// RateLimit makes the next `times` PUTs answer HTTP 400 with a rate-limit
// error body (times 0: every PUT until Faults().Clear()). It is
// Faults().SetFor(PUT, sim.Fault429, times): Fault429 answers the way
// Kornit X reports a rate limit.
func (s *Server) RateLimit(times int) { s.Faults().SetFor(http.MethodPut, sim.Fault429, times) }

// Put is one PUT the server received, whatever it answered.
type Put struct {
	Path     string
	OrderID  string
	Body     []byte
	Status   int    // from the body; 0 when it did not decode
	Tracking string // from the body
	Fault    sim.Fault
	At       time.Time
}

// Puts lists every PUT received, oldest first, including those answered
// with an injected fault.
func (s *Server) Puts() []Put {
	var out []Put
	for _, r := range s.Requests() {
		if r.Method != http.MethodPut {
			continue
		}
		p := Put{Path: r.Path, Body: r.Body, Fault: r.Fault, At: r.At}
		if id, ok := orderPath(r.Path); ok {
			p.OrderID = id
		}
		var b putBody
		if json.Unmarshal(r.Body, &b) == nil {
			if b.Status != nil {
				p.Status = *b.Status
			}
			if b.Tracking != nil {
				p.Tracking = *b.Tracking
			}
		}
		out = append(out, p)
	}
	return out
}

// Backlog is the orders the simulator started with, oldest first.
func (s *Server) Backlog() []Order {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Order(nil), s.backlog...)
}

// NewOrder makes the next order, created now, and makes its id known to
// the status API (it is saved in the state file first, so a pushed id is
// never forgotten).
func (s *Server) NewOrder() (Order, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Now().UTC().Truncate(time.Second)
	seq := s.next
	o := generate(s.opts.Seed, seq, 1, now, s.opts.Zone)[0]
	// The generated order was made up to three days ago: its dispatch
	// date moves with it to now, or a new order would be late at birth.
	if made, err := time.ParseInLocation(DateLayout, o.SaleDatetime, s.opts.Zone); err == nil {
		if by, err := time.ParseInLocation("2006-01-02", o.RequiredDispatchDate, s.opts.Zone); err == nil {
			// Whole calendar days, as the date was made from the day.
			day := func(t time.Time) time.Time {
				y, m, d := t.In(s.opts.Zone).Date()
				return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
			}
			days := int(day(now).Sub(day(made)).Hours() / 24)
			o.RequiredDispatchDate = by.AddDate(0, 0, days).Format("2006-01-02")
		}
	}
	o.SaleDatetime = now.Add(-time.Duration(30+seq%300) * time.Second).In(s.opts.Zone).Format(DateLayout)
	o.CreationDatetime = now.In(s.opts.Zone).Format(DateLayout)
	st := &orderState{Status: o.Status, Updated: now}
	if err := s.saveWith(seq+1, o.ID, st); err != nil {
		return Order{}, err
	}
	s.next = seq + 1
	s.orders[o.ID] = st
	s.pages[o.ID] = page(o)
	return o, nil
}

// Add makes an order built elsewhere known to the status API.
func (s *Server) Add(o Order) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.orders[o.ID]; !ok {
		s.orders[o.ID] = &orderState{Status: o.Status, Updated: s.Now().UTC()}
	}
	if _, ok := s.pages[o.ID]; !ok {
		s.pages[o.ID] = page(o)
	}
}

// Order is the status API's view of one order.
func (s *Server) Order(id int64) (OrderState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.orders[id]
	if !ok {
		return OrderState{}, false
	}
	return OrderState{ID: id, Status: st.Status, Tracking: st.Tracking, Updated: st.Updated}, true
}

// Writes is how many PUTs changed the order (its status or tracking):
// what exactly-once means on a store whose PUT is idempotent.
func (s *Server) Writes(id int64) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.writes[id]
}

// IDs lists every known order id, ascending.
func (s *Server) IDs() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]int64, 0, len(s.orders))
	for id := range s.orders {
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func orderPath(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, "/order/")
	if !ok {
		return "", false
	}
	id, ok := strings.CutSuffix(rest, "/status")
	if !ok || id == "" || strings.Contains(id, "/") {
		return "", false
	}
	return id, true
}

type putBody struct {
	Status   *int    `json:"status"`
	Tracking *string `json:"shipping_tracking"`
}

// maxTracking bounds a tracking number; carriers' are far shorter.
const maxTracking = 100

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	id, ok := orderPath(r.URL.Path)
	if !ok {
		writeError(w, http.StatusNotFound, "Not found")
		return
	}
	if r.Method != http.MethodPut {
		w.Header().Set("Allow", http.MethodPut)
		writeError(w, http.StatusMethodNotAllowed, "Method not allowed")
		return
	}
	if !s.authorised(r.Header.Get("Authorization")) {
		writeStatusError(w, r, http.StatusUnauthorized)
		return
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, "Content-Type must be application/json")
		return
	}
	raw, _ := io.ReadAll(r.Body)
	var body putBody
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&body); err != nil || dec.More() {
		writeError(w, http.StatusBadRequest, "Invalid request body")
		return
	}
	if body.Status == nil {
		writeError(w, http.StatusBadRequest, "Invalid order status")
		return
	}
	if _, ok := settable[*body.Status]; !ok {
		writeError(w, http.StatusBadRequest, "Invalid order status")
		return
	}
	tracking := ""
	if body.Tracking != nil {
		tracking = strings.TrimSpace(*body.Tracking)
		if len(tracking) > maxTracking {
			writeError(w, http.StatusBadRequest, "Invalid shipping tracking")
			return
		}
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		writeError(w, http.StatusNotFound, "Order not found")
		return
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.orders[n]
	if !ok {
		writeError(w, http.StatusNotFound, "Order not found")
		return
	}
	to := *body.Status
	if final(st.Status) && st.Status != to {
		writeError(w, http.StatusBadRequest, "Invalid order status")
		return
	}
	next := *st
	next.Status = to
	if tracking != "" {
		next.Tracking = tracking
	}
	if next != *st {
		next.Updated = s.Now().UTC()
		if err := s.saveWith(s.next, n, &next); err != nil {
			writeError(w, http.StatusInternalServerError, "Internal server error")
			return
		}
		*st = next
		if s.writes == nil {
			s.writes = map[int64]int{}
		}
		s.writes[n]++
	}
	sim.WriteJSON(w, http.StatusOK, struct{}{})
}

// authorised checks "Basic REFID:APIKEY" as the docs write it (the scheme
// in any case), and with AcceptBase64 the standard base64 form too.
func (s *Server) authorised(h string) bool {
	scheme, cred, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !strings.EqualFold(scheme, "basic") {
		return false
	}
	cred = strings.TrimSpace(cred)
	want := s.opts.RefID + ":" + s.opts.APIKey
	if subtle.ConstantTimeCompare([]byte(cred), []byte(want)) == 1 {
		return true
	}
	if s.opts.AcceptBase64 {
		if dec, err := base64.StdEncoding.DecodeString(cred); err == nil {
			return subtle.ConstantTimeCompare(dec, []byte(want)) == 1
		}
	}
	return false
}

type apiError struct {
	Error struct {
		Message string `json:"message"`
		Code    int    `json:"code"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	var e apiError
	e.Error.Message = msg
	sim.WriteJSON(w, status, e)
}

// RateLimitMessage is the error message of a rate-limited request.
const RateLimitMessage = "Rate limit exceeded, please try again later"

// writeStatusError answers the statuses the core server produces on its
// own (faults, oversized bodies) with Kornit X's error body. A rate limit
// is HTTP 400, as the Create Orders API documents it.
func writeStatusError(w http.ResponseWriter, _ *http.Request, status int) {
	switch status {
	case http.StatusUnauthorized:
		writeError(w, status, "Authentication required")
	case http.StatusTooManyRequests:
		// Kornit X is not known to send Retry-After: the client must
		// pick its own back-off.
		w.Header().Del("Retry-After")
		writeError(w, http.StatusBadRequest, RateLimitMessage)
	case http.StatusRequestEntityTooLarge:
		writeError(w, status, "Request too large")
	default:
		writeError(w, status, http.StatusText(status))
	}
}
