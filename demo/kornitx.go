package demo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/kornitx"
	"github.com/orderdash/orderdash/backend/sim/kornitxsim"
)

func init() {
	register(sim{name: "demo-kornitx", platform: kornitx.Platform, rank: 4, start: startKornitX})
}

// kornitXPushEvery is how often the demo's Kornit X pushes a new order:
// about one a minute, a busy fulfiller's pace, so new rows arrive without
// the table scrolling under the operator every few seconds (tests shorten
// it).
var kornitXPushEvery = time.Minute

// kornitXBacklog is how many orders Kornit X has pushed before the demo
// starts.
const kornitXBacklog = 40

// startKornitX runs both halves of Kornit X as a fulfiller meets them: the
// simulated status API the client sends changes to, and a push receiver
// in this process that the simulator's pusher sends signed orders to,
// the backlog at once and a new order about every minute. Received orders
// are kept next to the simulator's state, so a dispatch made in one run
// is still there in the next.
func startKornitX(o simOptions) (running, error) {
	const refID, key, hmacKey = "850135", "demo-kornitx-key", "demo-kornitx-hmac"
	srv, err := kornitxsim.Start(kornitxsim.Options{Seed: 4, Orders: kornitXBacklog, Now: o.now, Clock: o.clock,
		RefID: refID, APIKey: key, StateFile: o.stateFile})
	if err != nil {
		return running{}, err
	}
	srv.Faults().SetLatency(o.latency)
	store := kornitx.NewMemStore()
	if o.stateFile != "" {
		if store, err = kornitx.NewFileStore(strings.TrimSuffix(o.stateFile, ".json") + "-orders.json"); err != nil {
			srv.Close()
			return running{}, err
		}
	}
	cfg := kornitx.Config{
		StoreConfig: backend.StoreConfig{Name: o.name, Platform: kornitx.Platform, URL: srv.URL(), AdminURL: srv.AdminURL()},
		RefID:       refID, APIKey: backend.Secret(key), HMACKey: backend.Secret(hmacKey),
	}
	rc, err := kornitx.NewReceiver(cfg, store, o.logger)
	if err != nil {
		srv.Close()
		return running{}, err
	}
	c, err := kornitx.New(cfg, store, httpx.Options{Logger: o.logger})
	if err != nil {
		srv.Close()
		return running{}, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		srv.Close()
		return running{}, fmt.Errorf("demo-kornitx: receiver: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = rc.Serve(ctx, ln, kornitx.ServeOptions{})
	}()
	stop := func() error {
		cancel()
		wg.Wait()
		return srv.Close()
	}
	pusher := &kornitxsim.Pusher{URL: "http://" + ln.Addr().String() + "/", HMACKey: hmacKey, Sim: srv,
		OnPush: func(so kornitxsim.Order, err error) {
			if err != nil {
				o.logger.Debug("demo-kornitx: push failed", "order", so.ID, "err", err)
			}
		}}
	// The backlog arrives before the tab opens, so it is never empty.
	pctx, pcancel := context.WithTimeout(ctx, 20*time.Second)
	err = pusher.PushAll(pctx, srv.Backlog())
	pcancel()
	if err != nil {
		stop()
		return running{}, fmt.Errorf("demo-kornitx: push the backlog: %w", err)
	}
	every := kornitXPushEvery
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := pusher.Run(ctx, every); err != nil && !errors.Is(err, context.Canceled) {
			o.logger.Debug("demo-kornitx: pusher stopped", "err", err)
		}
	}()
	return running{c, stop, srv.AdminURL()}, nil
}
