package demo

import (
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/cscart"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/sim/cscartsim"
)

func init() {
	register(sim{name: "demo-cscart", platform: cscart.Platform, rank: 1, start: startCSCart})
}

func startCSCart(o simOptions) (running, error) {
	const email, key = "demo@orderdash.test", "demo-cscart-key"
	srv, err := cscartsim.Start(cscartsim.Options{Seed: 1, Now: o.now, Clock: o.clock, Email: email, APIKey: key, StateFile: o.stateFile})
	if err != nil {
		return running{}, err
	}
	srv.Faults().SetLatency(o.latency)
	c, err := cscart.New(cscart.Config{
		StoreConfig: backend.StoreConfig{Name: o.name, Platform: cscart.Platform, URL: srv.URL(), AdminURL: srv.AdminURL()},
		Email:       email,
		APIKey:      key,
	}, httpx.Options{Logger: o.logger})
	if err != nil {
		srv.Close()
		return running{}, err
	}
	return running{c, srv.Close, srv.AdminURL()}, nil
}
