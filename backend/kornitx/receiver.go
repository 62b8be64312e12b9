package kornitx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/orderdash/orderdash/backend"
)

// Receiver is the fulfiller's end of the Order Push API: an http.Handler
// that takes Kornit X's signed POSTs and saves each order in the
// OrderStore.
//
// Answers: 200 saved (a repeated push updates the order, never duplicates
// it); 401 signature missing or wrong; 400 not an order; 408 the body did
// not arrive within BodyTimeout; 413 body too large; 405 not a POST; 503
// with Retry-After when MaxInFlight signed pushes are already being saved,
// or the bodies being read fill their memory budget (Kornit X pushes again
// later); 500 the database failed. One structured log line per request,
// never with the key or the signature; busy and slow-body answers, which
// a flood repeats, are logged at most once per quietPeriod each, with the
// count of those not logged.
//
// A push's body is read, within BodyTimeout, and its signature checked
// before it takes an in-flight place: a sender that trickles its body, or
// has no key, never holds one.
type Receiver struct {
	store    string
	orders   OrderStore
	log      *slog.Logger
	key      string
	encoding string
	maxBody  int64
	sem      chan struct{}
	bodies   *budget
	kinds    backend.KindMap
	currency string
	loc      *time.Location
	now      func() time.Time

	// headerTimeout and bodyTimeout bound how long a request's headers
	// (Serve) and its body may take to arrive.
	headerTimeout, bodyTimeout time.Duration

	busyLog, slowLog quiet

	stats ReceiverStats
}

// ReceiverStats counts what the receiver did since it started.
type ReceiverStats struct {
	Created, Updated, BadSignature, BadBody, TooLarge, Busy, SlowBody, Failed atomic.Int64
}

// Bounds on how long a push may take to arrive. Kornit X sends a few
// kilobytes from a data centre; max_body (1 MiB) at BodyTimeout is
// still 50 KiB/s.
const (
	HeaderTimeout = 10 * time.Second
	BodyTimeout   = 20 * time.Second
)

// NewReceiver checks the receiver's part of cfg (hmac_key above all) and
// builds the handler.
func NewReceiver(cfg Config, orders OrderStore, logger *slog.Logger) (*Receiver, error) {
	if err := cfg.CheckReceiver(); err != nil {
		return nil, err
	}
	if orders == nil {
		return nil, fmt.Errorf("store %q (kornitx): no order store for the receiver", cfg.name())
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	maxBody := cfg.MaxBody
	if maxBody == 0 {
		maxBody = DefaultMaxBody
	}
	n := cfg.MaxInFlight
	if n == 0 {
		n = defaultMaxInFlight
	}
	loc, _ := cfg.location()
	return &Receiver{
		// Room for the bodies being saved and as many again being read.
		bodies:        newBudget(2 * int64(n) * maxBody),
		headerTimeout: HeaderTimeout,
		bodyTimeout:   BodyTimeout,
		store:         cfg.Name,
		orders:        orders,
		log:           logger,
		key:           cfg.HMACKey.Reveal(),
		encoding:      strings.ToLower(strings.TrimSpace(cfg.HMACEncoding)),
		maxBody:       maxBody,
		sem:           make(chan struct{}, n),
		kinds:         defaultKinds.With(cfg.KindOverrides()),
		currency:      cfg.currency(),
		loc:           loc,
		now:           func() time.Time { return time.Now().UTC() },
	}, nil
}

// Stats is the receiver's counters.
func (rc *Receiver) Stats() *ReceiverStats { return &rc.stats }

// retryAfterBusy is what a push that found the receiver full is told.
const retryAfterBusy = "5"

// saveTimeout bounds one database write of a push.
const saveTimeout = 15 * time.Second

// outcome is what one request came to, for the log line.
type outcome struct {
	status  int
	orderID string
	result  string
	bytes   int
	detail  string
}

func (rc *Receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	out := rc.handle(w, r)
	attrs := []any{
		"store", rc.store, "method", r.Method, "path", backend.CleanLine(r.URL.Path),
		"status", out.status, "result", out.result, "bytes", out.bytes,
		"duration", time.Since(start).Round(time.Microsecond), "remote", r.RemoteAddr,
	}
	if out.orderID != "" {
		attrs = append(attrs, "order", out.orderID)
	}
	if out.detail != "" {
		attrs = append(attrs, "detail", out.detail)
	}
	level := slog.LevelInfo
	switch {
	case out.status == http.StatusServiceUnavailable || out.status == http.StatusRequestTimeout:
		// What a flood repeats is logged once a period, with a count: the
		// receiver is doing its job, and the log must stay readable.
		q := &rc.busyLog
		if out.status == http.StatusRequestTimeout {
			q = &rc.slowLog
		}
		ok, held := q.allow(rc.now())
		if !ok {
			return
		}
		// Busy is the receiver working as meant (Kornit X pushes again); a
		// body too slow to arrive is worth a look.
		level = slog.LevelInfo
		if q == &rc.slowLog {
			level = slog.LevelWarn
		}
		if held > 0 {
			attrs = append(attrs, "not_logged", held)
		}
	case out.status >= 500:
		level = slog.LevelError
	case out.status >= 400:
		level = slog.LevelWarn
	}
	rc.log.Log(r.Context(), level, "push", attrs...)
}

func (rc *Receiver) handle(w http.ResponseWriter, r *http.Request) outcome {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		return reply(w, http.StatusMethodNotAllowed, "method not allowed: Kornit X POSTs orders", outcome{result: "wrong method"})
	}
	if r.ContentLength > rc.maxBody {
		rc.stats.TooLarge.Add(1)
		return reply(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is larger than %d bytes", rc.maxBody), outcome{result: "too large", bytes: int(r.ContentLength)})
	}
	// The deadline is the connection's: a body still short of its end
	// then fails to read, and the server closes the connection after the
	// answer. A handler without one (a recorder in tests) goes without.
	_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(rc.bodyTimeout))
	body, room, err := readBody(http.MaxBytesReader(w, r.Body, rc.maxBody), rc.maxBody, rc.bodies)
	defer rc.bodies.give(room)
	if err != nil {
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			rc.stats.TooLarge.Add(1)
			return reply(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is larger than %d bytes", rc.maxBody), outcome{result: "too large", bytes: len(body)})
		case errors.Is(err, errNoBudget):
			w.Header().Set("Connection", "close") // the rest of the body is not worth reading
			return rc.busy(w, len(body))
		case errors.Is(err, os.ErrDeadlineExceeded):
			rc.stats.SlowBody.Add(1)
			w.Header().Set("Connection", "close")
			return reply(w, http.StatusRequestTimeout, fmt.Sprintf("the body did not arrive within %s", rc.bodyTimeout), outcome{result: "slow body", bytes: len(body)})
		}
		return reply(w, http.StatusBadRequest, "the body could not be read", outcome{result: "broken body", bytes: len(body), detail: backend.CleanLine(err.Error())})
	}
	sig := r.Header.Get(HMACHeader)
	if sig == "" {
		rc.stats.BadSignature.Add(1)
		return reply(w, http.StatusUnauthorized, "missing "+HMACHeader, outcome{result: "no signature", bytes: len(body)})
	}
	if !verifySignature(body, sig, rc.key, rc.encoding) {
		rc.stats.BadSignature.Add(1)
		return reply(w, http.StatusUnauthorized, "the signature does not match", outcome{result: "bad signature", bytes: len(body),
			detail: "check hmac_key and hmac_encoding (" + rc.encodingName() + ")"})
	}
	// Only a signed push takes a place: the places bound the decoding and
	// database work, which only Kornit X can cause.
	select {
	case rc.sem <- struct{}{}:
		defer func() { <-rc.sem }()
	default:
		return rc.busy(w, len(body))
	}
	p, err := ParsePush(body)
	if err != nil {
		rc.stats.BadBody.Add(1)
		return reply(w, http.StatusBadRequest, "not an order: "+backend.CleanLine(err.Error()), outcome{result: "bad order", bytes: len(body), detail: backend.CleanLine(err.Error())})
	}
	id := p.OrderID()
	now := rc.now()
	o := p.Order(rc.store, rc.currency, rc.loc, rc.kinds)
	o.Updated = now
	o.History = []backend.Event{{At: now, Status: o.Status, Source: backend.SourcePlatform, Actor: "Kornit X push"}}
	// The write goes on even if Kornit X hangs up: half a decision is
	// worse than a late one, and its retry then finds the order saved.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), saveTimeout)
	defer cancel()
	created, err := rc.orders.SavePush(ctx, rc.store, o, body, now)
	if err != nil {
		rc.stats.Failed.Add(1)
		return reply(w, http.StatusInternalServerError, "the order could not be saved; push it again", outcome{result: "save failed", orderID: id, bytes: len(body), detail: backend.CleanLine(err.Error())})
	}
	result := "created"
	if created {
		rc.stats.Created.Add(1)
	} else {
		rc.stats.Updated.Add(1)
		result = "updated"
		if err := rc.adoptStatus(ctx, id, o.Status, now); err != nil {
			rc.stats.Failed.Add(1)
			return reply(w, http.StatusInternalServerError, "the order could not be saved; push it again", outcome{result: "save failed", orderID: id, bytes: len(body), detail: backend.CleanLine(err.Error())})
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = fmt.Fprintf(w, `{"status":"ok","id":%s,"created":%t}`+"\n", id, created)
	return outcome{status: http.StatusOK, orderID: id, result: result, bytes: len(body)}
}

// adoptStatus takes the status of a repeated push when Kornit X moved the
// order on (a retailer cancelled it, say): a push that still says
// Received, or one for an order closed here, changes nothing.
func (rc *Receiver) adoptStatus(ctx context.Context, id string, pushed backend.Status, now time.Time) error {
	code := atoi(pushed.Code)
	if code <= StatusInProduction {
		return nil
	}
	cur, err := rc.orders.Get(ctx, rc.store, id)
	if err != nil {
		return err
	}
	if cur.Status.Code == pushed.Code || final(cur.Status.Code) != "" {
		return nil
	}
	ev := backend.Event{At: now, Status: pushed, Source: backend.SourcePlatform, Actor: "Kornit X push"}
	return rc.orders.SetStatus(ctx, rc.store, id, pushed, "", ev)
}

// busy answers a push the receiver has no room for now.
func (rc *Receiver) busy(w http.ResponseWriter, n int) outcome {
	rc.stats.Busy.Add(1)
	w.Header().Set("Retry-After", retryAfterBusy)
	return reply(w, http.StatusServiceUnavailable, "busy: push again shortly", outcome{result: "busy", bytes: n})
}

func (rc *Receiver) encodingName() string {
	if rc.encoding == "base64" {
		return "base64"
	}
	return "hex"
}

func reply(w http.ResponseWriter, status int, msg string, out outcome) outcome {
	body, _ := json.Marshal(map[string]any{"error": map[string]any{"message": msg, "code": status}})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
	out.status = status
	return out
}
