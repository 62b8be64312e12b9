package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"

	"github.com/orderdash/orderdash/backend/kornitx"
	"github.com/orderdash/orderdash/config"
	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/pgstore"
)

// receiverConns is a receiver's pool on PostgreSQL: pushes arrive
// together, each one short transaction.
const receiverConns = 4

func init() {
	register(&command{
		name: "receive", args: "--store NAME [--listen ADDR]",
		summary: "receive the orders Kornit X pushes to a kornitx store (until Ctrl-C or SIGTERM)",
		setup:   receiveSetup,
	})
}

func receiveSetup(fs *flag.FlagSet) runFunc {
	var name, listen string
	fs.StringVar(&name, "store", "", "the Kornit X store's `NAME`")
	fs.StringVar(&listen, "listen", "", "the `ADDR` to listen on (default: the store's listen, else "+kornitx.DefaultListen+")")
	return func(ctx context.Context, a *app, args []string) error {
		cmd := commands["receive"]
		switch {
		case name == "":
			return usagef(cmd, "--store is required")
		case len(args) > 0:
			return usagef(cmd, "unexpected argument %q", args[0])
		}
		if err := a.load(); err != nil {
			return err
		}
		if a.useDemo() {
			return errors.New("the demo's Kornit X store (demo-kornitx) receives its pushes by itself; receive serves a kornitx store of the config file")
		}
		if a.file == nil {
			return a.noConfig()
		}
		i, err := findStore(name, a.storeNames(false))
		if err != nil {
			return err
		}
		s := a.file.Stores[i]
		cfg, ok := s.Config.(*kornitx.Config)
		if !ok {
			return fmt.Errorf("store %q is a %s store; only kornitx stores receive pushed orders", s.Name, s.Platform)
		}
		addr := listen
		if addr == "" {
			addr = cfg.ListenAddr()
		}
		if _, _, err := net.SplitHostPort(addr); err != nil {
			return usagef(cmd, "--listen %q: want HOST:PORT, such as %s", addr, kornitx.DefaultListen)
		}
		// The receiver's own keys are checked before anything opens or
		// listens, and pinned to the store in the file like a config error.
		if err := cfg.CheckReceiver(); err != nil {
			return a.file.StoreError(s, err)
		}
		// Against PostgreSQL a receiver keeps nothing of its own: any
		// number of them, on any machine, take pushes for one store.
		var db storage.Store
		if a.usesPostgres(false) {
			db, err = a.postgres(ctx, pgstore.Options{MaxConns: receiverConns})
		} else {
			db, err = a.database(ctx, false)
		}
		if err != nil {
			return err
		}
		// One structured line per push on stderr (a service manager's
		// journal); stdout says where it listens.
		logger := slog.New(slog.NewTextHandler(a.err, &slog.HandlerOptions{Level: slog.LevelInfo}))
		rc, err := kornitx.NewReceiver(*cfg, db.KornitXInbox(), logger)
		if err != nil {
			return err
		}
		opt := kornitx.ServeOptions{TLSCert: a.file.Resolve(cfg.TLSCert), TLSKey: a.file.Resolve(cfg.TLSKey)}
		scheme := "http"
		if opt.TLSCert != "" {
			scheme = "https"
		}
		opt.Ready = func(at net.Addr) {
			fmt.Fprintf(a.out, "receiving Kornit X orders for %s on %s://%s (database %s)\n", cfg.Name, scheme, at, storeWhere(db))
			if host, _, _ := net.SplitHostPort(at.String()); scheme == "http" && !config.IsLoopback(host) {
				logger.Warn("listening without TLS on a non-loopback address: put it behind a TLS proxy or set tls_cert and tls_key", "addr", at.String())
			}
		}
		return rc.ListenAndServe(ctx, addr, opt)
	}
}
