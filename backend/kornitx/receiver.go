package kornitx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
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
// it); 401 signature missing or wrong; 400 not an order; 413 body too
// large; 405 not a POST; 503 with Retry-After when MaxInFlight pushes are
// already being handled (Kornit X pushes again later); 500 the database
// failed. One structured log line per request, never with the key or the
// signature.
type Receiver struct {
	store    string
	orders   OrderStore
	log      *slog.Logger
	key      string
	encoding string
	maxBody  int64
	sem      chan struct{}
	kinds    backend.KindMap
	currency string
	loc      *time.Location
	now      func() time.Time

	stats ReceiverStats
}

// ReceiverStats counts what the receiver did since it started.
type ReceiverStats struct {
	Created, Updated, BadSignature, BadBody, TooLarge, Busy, Failed atomic.Int64
}

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
		store:    cfg.Name,
		orders:   orders,
		log:      logger,
		key:      cfg.HMACKey.Reveal(),
		encoding: strings.ToLower(strings.TrimSpace(cfg.HMACEncoding)),
		maxBody:  maxBody,
		sem:      make(chan struct{}, n),
		kinds:    defaultKinds.With(cfg.KindOverrides()),
		currency: cfg.currency(),
		loc:      loc,
		now:      func() time.Time { return time.Now().UTC() },
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
	if out.status >= 500 {
		level = slog.LevelError
	} else if out.status >= 400 {
		level = slog.LevelWarn
	}
	rc.log.Log(r.Context(), level, "push", attrs...)
}

func (rc *Receiver) handle(w http.ResponseWriter, r *http.Request) outcome {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		return reply(w, http.StatusMethodNotAllowed, "method not allowed: Kornit X POSTs orders", outcome{result: "wrong method"})
	}
	// Take a place before reading the body: what is held in memory is at
	// most MaxInFlight bodies of MaxBody bytes, however many pushes come.
	select {
	case rc.sem <- struct{}{}:
		defer func() { <-rc.sem }()
	default:
		rc.stats.Busy.Add(1)
		w.Header().Set("Retry-After", retryAfterBusy)
		return reply(w, http.StatusServiceUnavailable, "busy: push again shortly", outcome{result: "busy"})
	}
	if r.ContentLength > rc.maxBody {
		rc.stats.TooLarge.Add(1)
		return reply(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is larger than %d bytes", rc.maxBody), outcome{result: "too large", bytes: int(r.ContentLength)})
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, rc.maxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			rc.stats.TooLarge.Add(1)
			return reply(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is larger than %d bytes", rc.maxBody), outcome{result: "too large", bytes: len(body)})
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
