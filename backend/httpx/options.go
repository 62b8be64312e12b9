package httpx

import (
	"log/slog"
	"net/http"
	"time"
)

// Options are what the program (not the config file) gives every client.
type Options struct {
	Logger    *slog.Logger      // debug log; nil discards
	Transport http.RoundTripper // nil uses http.DefaultTransport

	// Retry tuning; zero values keep Config's defaults. Tests and the demo
	// shorten the waits so a fault costs milliseconds, not seconds.
	Retries                      int // negative for none
	BaseDelay, MaxDelay, MaxWait time.Duration
}

// Fill copies the options into cfg where cfg leaves them unset, so every
// client passes them on the same way.
func (o Options) Fill(cfg *Config) {
	if cfg.Logger == nil {
		cfg.Logger = o.Logger
	}
	if cfg.Transport == nil {
		cfg.Transport = o.Transport
	}
	if cfg.Retries == 0 {
		cfg.Retries = o.Retries
	}
	if cfg.BaseDelay == 0 {
		cfg.BaseDelay = o.BaseDelay
	}
	if cfg.MaxDelay == 0 {
		cfg.MaxDelay = o.MaxDelay
	}
	if cfg.MaxWait == 0 {
		cfg.MaxWait = o.MaxWait
	}
}

// Log is the debug log for a client's own messages: Logger, or one that
// discards everything when Logger is nil, so clients never check for nil.
func (o Options) Log() *slog.Logger {
	if o.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return o.Logger
}
