package kornitxsim

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// HMACHeader carries the signature of a pushed order.
const HMACHeader = "X-CustomGateway-Hmac"

// Sign is the X-CustomGateway-Hmac value for body: HMAC-SHA256 keyed with
// the integration's HMAC key, hex (the default) or base64 encoded. The
// docs do not say which encoding; a receiver is configured to match.
func Sign(body []byte, key, encoding string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write(body)
	sum := m.Sum(nil)
	if strings.EqualFold(encoding, "base64") {
		return base64.StdEncoding.EncodeToString(sum)
	}
	return hex.EncodeToString(sum)
}

// Pusher sends orders to a fulfiller's receiver the way Kornit X's Order
// Push API does: a JSON POST signed with X-CustomGateway-Hmac.
type Pusher struct {
	URL      string // the receiver's URL
	HMACKey  string
	Encoding string // "hex" (default) or "base64"
	// Client sends the pushes; nil uses a client with a 10s timeout that
	// follows no redirect.
	Client *http.Client
	// Sim makes the orders Run pushes (and knows their ids, so its PUT
	// accepts them).
	Sim *Server
	// OnPush, when set, is told of every push Run makes and its outcome.
	OnPush func(o Order, err error)
}

// PushError is a push the receiver did not accept.
type PushError struct {
	OrderID int64
	Status  int
	Body    string
}

func (e *PushError) Error() string {
	return fmt.Sprintf("push order %d: receiver answered %d: %s", e.OrderID, e.Status, e.Body)
}

// Push sends one order and returns nil once the receiver answered 2xx.
func (p *Pusher) Push(ctx context.Context, o Order) error {
	body, err := json.Marshal(o)
	if err != nil {
		return fmt.Errorf("push order %d: encode: %w", o.ID, err)
	}
	return p.PushRaw(ctx, o.ID, body)
}

// PushRaw sends body as order id, signed.
func (p *Pusher) PushRaw(ctx context.Context, id int64, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("push order %d: %w", id, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "kornitxsim-pusher")
	req.Header.Set(HMACHeader, Sign(body, p.HMACKey, p.Encoding))
	hc := p.Client
	if hc == nil {
		// A push answered with a redirect is a push not taken: following
		// it would send the order and its signature to wherever the
		// answer points.
		hc = &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("push order %d: %w", id, err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode/100 != 2 {
		return &PushError{OrderID: id, Status: resp.StatusCode, Body: strings.TrimSpace(string(msg))}
	}
	return nil
}

// PushAll sends orders one by one and stops at the first failure.
func (p *Pusher) PushAll(ctx context.Context, orders []Order) error {
	for _, o := range orders {
		if err := p.Push(ctx, o); err != nil {
			return err
		}
	}
	return nil
}

// Run pushes a new order from Sim every `every` until ctx ends. An order
// the receiver did not take is pushed again on the next tick before a new
// one is made, as Kornit X retries a failed push.
func (p *Pusher) Run(ctx context.Context, every time.Duration) error {
	if p.Sim == nil {
		return fmt.Errorf("kornitxsim: Pusher.Run needs Sim to make orders")
	}
	t := time.NewTicker(every)
	defer t.Stop()
	var pending *Order
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
		if pending == nil {
			o, err := p.Sim.NewOrder()
			if err != nil {
				if p.OnPush != nil {
					p.OnPush(Order{}, err)
				}
				continue
			}
			pending = &o
		}
		err := p.Push(ctx, *pending)
		if p.OnPush != nil {
			p.OnPush(*pending, err)
		}
		if err == nil {
			pending = nil
		}
	}
}
