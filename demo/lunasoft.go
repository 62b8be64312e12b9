package demo

import (
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
	"github.com/orderdash/orderdash/backend/lunasoft"
	"github.com/orderdash/orderdash/backend/sim/lunasoftsim"
)

func init() {
	register(sim{name: "demo-lunasoft", platform: lunasoft.Platform, rank: 2, start: startLunasoft})
}

func startLunasoft(o simOptions) (running, error) {
	const key = "demo-lunasoft-key"
	srv, err := lunasoftsim.Start(lunasoftsim.Options{Seed: 2, Now: o.now, Clock: o.clock, AuthHeader: key, StateFile: o.stateFile})
	if err != nil {
		return running{}, err
	}
	srv.Faults().SetLatency(o.latency)
	c, err := lunasoft.New(lunasoft.Config{
		StoreConfig: backend.StoreConfig{Name: o.name, Platform: lunasoft.Platform, URL: srv.URL(), AdminURL: srv.AdminURL()},
		APIKey:      key,
		// Lunasoft has no status API: a site's operator lists its
		// statuses in config, as the demo does here.
		Statuses: srv.Statuses(),
	}, httpx.Options{Logger: o.logger})
	if err != nil {
		srv.Close()
		return running{}, err
	}
	return running{c, srv.Close, srv.AdminURL()}, nil
}
