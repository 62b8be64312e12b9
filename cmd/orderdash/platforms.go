package main

import (
	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/backend/httpx"
)

// platform turns a [[stores]] entry into a Backend. Each platform registers
// itself from its own file (platform_<name>.go).
type platform struct {
	newConfig func() any // a pointer to a zero Config, for the config loader
	open      func(a *app, cfg any, opt httpx.Options) (backend.Backend, error)
	// check, when set, applies the rules of the platform's parts open does
	// not build (the Kornit X receiver), for `check` to report.
	check func(cfg any) error
}

var platforms = map[string]platform{}

// registerPlatform registers a client package by its Config type and New.
func registerPlatform[C any, B backend.Backend](name string, newClient func(C, httpx.Options) (B, error)) {
	platforms[name] = platform{
		newConfig: func() any { return new(C) },
		open: func(_ *app, cfg any, opt httpx.Options) (backend.Backend, error) {
			b, err := newClient(*cfg.(*C), opt)
			if err != nil {
				return nil, err
			}
			return b, nil
		},
	}
}

// platformConfigs is what config.Loader needs of the registry.
func platformConfigs() map[string]func() any {
	out := make(map[string]func() any, len(platforms))
	for name, p := range platforms {
		out[name] = p.newConfig
	}
	return out
}
