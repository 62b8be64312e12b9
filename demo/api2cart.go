package demo

import (
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/api2cart"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/sim/api2cartsim"
)

func init() {
	register(sim{name: "demo-api2cart", platform: api2cart.Platform, rank: 3, start: startAPI2Cart})
}

func startAPI2Cart(o simOptions) (running, error) {
	const apiKey, storeKey = "demo-a2c-api-key", "demo-a2c-store-key"
	srv, err := api2cartsim.Start(api2cartsim.Options{Seed: 3, Now: o.now, Clock: o.clock, APIKey: apiKey, StoreKey: storeKey, StateFile: o.stateFile})
	if err != nil {
		return running{}, err
	}
	srv.Faults().SetLatency(o.latency)
	c, err := api2cart.New(api2cart.Config{
		StoreConfig: backend.StoreConfig{Name: o.name, Platform: api2cart.Platform, URL: srv.URL(), AdminURL: srv.AdminURL()},
		APIKey:      apiKey,
		StoreKey:    storeKey,
	}, httpx.Options{Logger: o.logger})
	if err != nil {
		srv.Close()
		return running{}, err
	}
	return running{c, srv.Close, srv.AdminURL()}, nil
}
