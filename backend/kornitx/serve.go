package kornitx

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// shutdownGrace is how long pushes in flight may finish once the server
// is told to stop.
const shutdownGrace = 10 * time.Second

// ServeOptions tune Serve.
type ServeOptions struct {
	// TLSCert and TLSKey, both set, serve HTTPS.
	TLSCert, TLSKey string
	// Ready, when set, is called with the address once the server listens
	// (useful with port 0).
	Ready func(addr net.Addr)
}

// ListenAndServe listens on addr and serves the receiver, over TLS when
// cfg.TLSCert and cfg.TLSKey are set, until ctx ends; then it stops taking
// pushes and waits for those in flight (graceful shutdown).
func (rc *Receiver) ListenAndServe(ctx context.Context, addr string, opt ServeOptions) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("receiver for %s: listen on %s: %w", rc.store, addr, err)
	}
	return rc.Serve(ctx, ln, opt)
}

// server is the http.Server Serve runs: every way a sender can hold a
// connection is bounded in time. The handler sets each body's deadline
// (bodyTimeout); ReadTimeout is the backstop for what it does not read.
func (rc *Receiver) server(ctx context.Context) *http.Server {
	return &http.Server{
		Handler:           rc,
		ReadHeaderTimeout: rc.headerTimeout,
		ReadTimeout:       rc.headerTimeout + rc.bodyTimeout,
		// Counted from the end of the headers: the body, the save, and
		// the answer.
		WriteTimeout:   rc.bodyTimeout + saveTimeout + 10*time.Second,
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       slog.NewLogLogger(rc.log.Handler(), slog.LevelWarn),
		BaseContext:    func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
}

// Serve serves the receiver on ln until ctx ends (see ListenAndServe). It
// closes ln.
func (rc *Receiver) Serve(ctx context.Context, ln net.Listener, opt ServeOptions) error {
	srv := rc.server(ctx)
	tlsOn := opt.TLSCert != "" || opt.TLSKey != ""
	if tlsOn {
		cert, err := tls.LoadX509KeyPair(opt.TLSCert, opt.TLSKey)
		if err != nil {
			ln.Close()
			return fmt.Errorf("receiver for %s: load tls_cert and tls_key: %w", rc.store, err)
		}
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, srv.TLSConfig)
	}
	scheme := "http"
	if tlsOn {
		scheme = "https"
	}
	rc.log.Info("receiver listening", "store", rc.store, "addr", ln.Addr().String(), "scheme", scheme)
	if opt.Ready != nil {
		opt.Ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("receiver for %s: %w", rc.store, err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err := srv.Shutdown(sctx)
	<-errc
	if err != nil {
		srv.Close()
		return fmt.Errorf("receiver for %s: shutdown: %w", rc.store, err)
	}
	rc.log.Info("receiver stopped", "store", rc.store,
		"created", rc.stats.Created.Load(), "updated", rc.stats.Updated.Load(),
		"bad_signature", rc.stats.BadSignature.Load(), "bad_body", rc.stats.BadBody.Load(),
		"too_large", rc.stats.TooLarge.Load(), "busy", rc.stats.Busy.Load(), "slow_body", rc.stats.SlowBody.Load(),
		"failed", rc.stats.Failed.Load())
	return nil
}
