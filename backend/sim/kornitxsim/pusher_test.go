package kornitxsim

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// catcher is a receiver that checks signatures with its own code.
type catcher struct {
	mu     sync.Mutex
	key    string
	b64    bool
	bodies [][]byte
	fail   int // answer 500 to this many pushes first
}

func (c *catcher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	m := hmac.New(sha256.New, []byte(c.key))
	m.Write(body)
	want := hex.EncodeToString(m.Sum(nil))
	if c.b64 {
		want = base64.StdEncoding.EncodeToString(m.Sum(nil))
	}
	if r.Header.Get("X-CustomGateway-Hmac") != want || r.Header.Get("Content-Type") != "application/json" || r.Method != http.MethodPost {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fail > 0 {
		c.fail--
		http.Error(w, "down", http.StatusInternalServerError)
		return
	}
	c.bodies = append(c.bodies, body)
	w.WriteHeader(http.StatusOK)
}

func (c *catcher) got() [][]byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([][]byte(nil), c.bodies...)
}

func TestPushSigns(t *testing.T) {
	for _, enc := range []string{"", "hex", "base64"} {
		t.Run(enc, func(t *testing.T) {
			c := &catcher{key: "hk", b64: enc == "base64"}
			ts := httptest.NewServer(c)
			defer ts.Close()
			s := start(t, Options{Orders: 2})
			p := &Pusher{URL: ts.URL, HMACKey: "hk", Encoding: enc}
			if err := p.PushAll(context.Background(), s.Backlog()); err != nil {
				t.Fatal(err)
			}
			if n := len(c.got()); n != 2 {
				t.Fatalf("receiver got %d pushes", n)
			}
			bad := &Pusher{URL: ts.URL, HMACKey: "other", Encoding: enc}
			err := bad.Push(context.Background(), s.Backlog()[0])
			var pe *PushError
			if !errors.As(err, &pe) || pe.Status != 401 || pe.OrderID != s.Backlog()[0].ID {
				t.Fatalf("push with the wrong key: %v", err)
			}
		})
	}
}

func TestRunPushesAndRetries(t *testing.T) {
	c := &catcher{key: "hk", fail: 1}
	ts := httptest.NewServer(c)
	defer ts.Close()
	s := start(t, Options{})
	var mu sync.Mutex
	var fails int
	p := &Pusher{URL: ts.URL, HMACKey: "hk", Sim: s, OnPush: func(o Order, err error) {
		// Only the receiver's refusal counts: the push cut short when
		// the test stops Run fails too.
		var pe *PushError
		if errors.As(err, &pe) && pe.Status == http.StatusInternalServerError {
			mu.Lock()
			fails++
			mu.Unlock()
		}
	}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx, 5*time.Millisecond) }()
	deadline := time.After(5 * time.Second)
	for len(c.got()) < 3 {
		select {
		case <-deadline:
			t.Fatal("Run pushed too few orders")
		case <-time.After(5 * time.Millisecond):
		}
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Run returned %v", err)
	}
	bodies := c.got()
	var first Order
	if err := json.Unmarshal(bodies[0], &first); err != nil {
		t.Fatal(err)
	}
	// The failed push was retried with the same order, not skipped.
	if first.ID != firstID+1 || fails != 1 {
		t.Fatalf("first delivered id %d (want %d), fails %d", first.ID, firstID+1, fails)
	}
	for _, b := range bodies {
		var o Order
		json.Unmarshal(b, &o)
		if _, ok := s.Order(o.ID); !ok {
			t.Errorf("pushed order %d is unknown to the status API", o.ID)
		}
	}
	if err := (&Pusher{}).Run(context.Background(), time.Millisecond); err == nil {
		t.Fatal("Run without Sim should fail")
	}
}

func TestGeneratedOrdersArePrintOnDemand(t *testing.T) {
	a := generate(7, 1, 40, DefaultNow, time.UTC)
	b := generate(7, 1, 40, DefaultNow, time.UTC)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Fatal("the same seed gave different orders")
	}
	ids := map[int64]bool{}
	for _, o := range a {
		if ids[o.ID] {
			t.Fatalf("duplicate id %d", o.ID)
		}
		ids[o.ID] = true
		if o.Status != 1 || o.StatusName != "Received" || len(o.Items) == 0 || o.CustomerName == "" || o.ShippingCountryCode == "" {
			t.Fatalf("incomplete order %+v", o)
		}
		created, err := time.Parse(DateLayout, o.SaleDatetime)
		if err != nil || created.After(DefaultNow) || DefaultNow.Sub(created) > 4*24*time.Hour {
			t.Fatalf("sale_datetime %q out of range (%v)", o.SaleDatetime, err)
		}
		for _, it := range o.Items {
			if it.SKU == "" || it.Quantity < 1 || len(it.Artwork) == 0 || !strings.HasSuffix(it.Artwork[0].URL, ".pdf") {
				t.Fatalf("item %+v", it)
			}
		}
	}
	var mugs, shirts int
	for _, o := range a {
		for _, it := range o.Items {
			mugs += strings.Count(it.Description, "Mug")
			shirts += strings.Count(it.Description, "T-Shirt")
		}
	}
	if mugs == 0 || shirts == 0 {
		t.Errorf("40 orders hold %d mugs and %d t-shirts", mugs, shirts)
	}
}

// A receiver that answers with a redirect has not taken the push; the
// order and its signature go nowhere else.
func TestPushFollowsNoRedirect(t *testing.T) {
	c := &catcher{key: "hk"}
	elsewhere := httptest.NewServer(c)
	defer elsewhere.Close()
	redirecting := httptest.NewServer(http.RedirectHandler(elsewhere.URL+"/push", http.StatusTemporaryRedirect))
	defer redirecting.Close()
	s := start(t, Options{Orders: 1})
	err := (&Pusher{URL: redirecting.URL, HMACKey: "hk"}).Push(context.Background(), s.Backlog()[0])
	var pe *PushError
	if !errors.As(err, &pe) || pe.Status != http.StatusTemporaryRedirect {
		t.Fatalf("push answered with a redirect: %v", err)
	}
	if n := len(c.got()); n != 0 {
		t.Fatalf("the redirect was followed: %d pushes arrived elsewhere", n)
	}
}
