package httpx

import (
	"log/slog"
	"net/http"
)

// Options are what the program (not the config file) gives every client.
type Options struct {
	Logger    *slog.Logger      // debug log; nil discards
	Transport http.RoundTripper // nil uses http.DefaultTransport
}
