package sim

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Config sets up a Server.
type Config struct {
	// Addr is the address to listen on; default "127.0.0.1:0" (a free port).
	Addr string
	// Handler answers the requests that no fault intercepts.
	Handler http.Handler
	// Error writes the platform's own error answer for status (401, 429,
	// 500, 413). Headers such as Retry-After are already set.
	Error func(w http.ResponseWriter, r *http.Request, status int)
	// Clock gives "now" for everything the server time-stamps; default
	// time.Now.
	Clock func() time.Time
	// MaxLog bounds the request log (oldest entries dropped); default 10000.
	MaxLog int
	// Admin, when set, finds an order for the store's admin page, served
	// at AdminPath{id} (see serveAdmin).
	Admin func(id string) (AdminOrder, bool)
}

// Request is one request as the server received it.
type Request struct {
	Method     string
	Path       string
	RawQuery   string
	Header     http.Header
	Body       []byte
	RemoteAddr string
	At         time.Time
	// Fault is the fault this request was answered with, FaultNone if none.
	Fault Fault
}

// maxBody bounds request bodies; a store API takes small JSON documents.
const maxBody = 1 << 20

// Server is a real HTTP server on loopback that records every request and
// injects faults before the platform handler runs.
type Server struct {
	// URL is the root, e.g. "http://127.0.0.1:41234" (no trailing slash).
	URL string
	// Faults switches failures on and off while the server runs.
	Faults *Faults

	cfg      Config
	srv      *http.Server
	closing  chan struct{}
	closeErr error
	once     sync.Once

	mu       sync.Mutex
	closed   bool
	inflight sync.WaitGroup
	log      []Request
	clock    func() time.Time
}

// Listen starts a Server. Close it when done.
func Listen(cfg Config) (*Server, error) {
	if cfg.Handler == nil {
		return nil, errors.New("sim: Config.Handler is nil")
	}
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	if cfg.MaxLog <= 0 {
		cfg.MaxLog = 10000
	}
	if cfg.Error == nil {
		cfg.Error = func(w http.ResponseWriter, _ *http.Request, status int) {
			http.Error(w, http.StatusText(status), status)
		}
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("sim: listen on %s: %w", cfg.Addr, err)
	}
	s := &Server{
		URL:     "http://" + ln.Addr().String(),
		Faults:  &Faults{},
		cfg:     cfg,
		closing: make(chan struct{}),
		clock:   cfg.Clock,
	}
	s.srv = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		// Aborted (hung, truncated) answers are intended; keep them quiet.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Now is the server's "now" from its clock.
func (s *Server) Now() time.Time {
	s.mu.Lock()
	c := s.clock
	s.mu.Unlock()
	if c == nil {
		return time.Now()
	}
	return c()
}

// SetClock replaces the clock; nil restores time.Now.
func (s *Server) SetClock(c func() time.Time) {
	s.mu.Lock()
	s.clock = c
	s.mu.Unlock()
}

// Requests returns a copy of the request log, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.log))
	copy(out, s.log)
	return out
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	s.log = nil
	s.mu.Unlock()
}

// Close stops the server, drops every open connection and releases hung
// requests, then waits until every handler has returned, so no state is
// written after Close returns. It is safe to call more than once.
func (s *Server) Close() error {
	s.once.Do(func() {
		s.mu.Lock()
		s.closed = true
		s.mu.Unlock()
		close(s.closing)
		s.closeErr = s.srv.Close()
		s.inflight.Wait()
	})
	return s.closeErr
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		panic(http.ErrAbortHandler)
	}
	s.inflight.Add(1)
	s.mu.Unlock()
	defer s.inflight.Done()
	if s.cfg.Admin != nil && strings.HasPrefix(r.URL.Path, AdminPath) {
		s.serveAdmin(w, r)
		return
	}

	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(body))
	fault := s.Faults.Take(r.Method)
	s.record(r, body, fault)
	if err != nil {
		return // the client went away mid-body
	}

	if d := s.Faults.Latency(); d > 0 && !s.wait(r, d) {
		panic(http.ErrAbortHandler)
	}
	if len(body) > maxBody {
		s.cfg.Error(w, r, http.StatusRequestEntityTooLarge)
		return
	}

	switch fault {
	case Fault5xx:
		s.cfg.Error(w, r, http.StatusInternalServerError)
	case Fault401:
		s.cfg.Error(w, r, http.StatusUnauthorized)
	case Fault429:
		w.Header().Set("Retry-After", strconv.Itoa(s.Faults.RetryAfter()))
		s.cfg.Error(w, r, http.StatusTooManyRequests)
	case FaultHang:
		s.hang(r)
	case FaultHangAfterApply:
		s.cfg.Handler.ServeHTTP(&recorder{}, r)
		s.hang(r)
	case FaultMalformed:
		rec := &recorder{}
		s.cfg.Handler.ServeHTTP(rec, r)
		bad := corrupt(rec.body.Bytes())
		rec.copyHeader(w)
		w.Header().Set("Content-Length", strconv.Itoa(len(bad)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(bad)
	case FaultTruncated:
		rec := &recorder{}
		s.cfg.Handler.ServeHTTP(rec, r)
		full := rec.body.Bytes()
		rec.copyHeader(w)
		w.Header().Set("Content-Length", strconv.Itoa(len(full)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(full[:len(full)/2])
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		// Aborting closes the connection before the promised length is sent.
		panic(http.ErrAbortHandler)
	default:
		s.cfg.Handler.ServeHTTP(w, r)
	}
}

func (s *Server) record(r *http.Request, body []byte, fault Fault) {
	req := Request{
		Method:     r.Method,
		Path:       r.URL.Path,
		RawQuery:   r.URL.RawQuery,
		Header:     r.Header.Clone(),
		Body:       body,
		RemoteAddr: r.RemoteAddr,
		At:         s.Now(),
		Fault:      fault,
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.log) >= s.cfg.MaxLog {
		n := copy(s.log, s.log[len(s.log)-s.cfg.MaxLog+1:])
		s.log = s.log[:n]
	}
	s.log = append(s.log, req)
}

// wait sleeps d unless the client gives up or the server closes first; it
// reports whether the full delay passed.
func (s *Server) wait(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
	case <-s.closing:
	}
	return false
}

// hang keeps the request open with no answer until the client gives up or
// the server closes, then drops the connection without a response.
func (s *Server) hang(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-s.closing:
	}
	panic(http.ErrAbortHandler)
}

// corrupt turns a JSON answer into one that is complete but invalid: a
// trailing comma before the last closing bracket, the very mistake the
// Lunasoft docs' own sample makes.
func corrupt(body []byte) []byte {
	i := bytes.LastIndexAny(body, "}]")
	if i < 0 {
		return []byte(`{"orders":[,]`)
	}
	out := make([]byte, 0, len(body)+1)
	out = append(out, body[:i]...)
	out = append(out, ',')
	return append(out, body[i:]...)
}

// recorder captures an answer so a fault can rewrite or withhold it.
type recorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header {
	if r.header == nil {
		r.header = http.Header{}
	}
	return r.header
}

func (r *recorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	return r.body.Write(b)
}

func (r *recorder) copyHeader(w http.ResponseWriter) {
	for k, v := range r.header {
		w.Header()[k] = v
	}
}
