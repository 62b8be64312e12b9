// Command orderdash is a keyboard-driven terminal dashboard for the orders
// of several online stores, and a command line for scripts that list,
// show and change those orders.
//
// Everything runs through run, which takes its arguments and output
// streams, so tests drive the real program in-process.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// Ctrl-C cancels the context: a running command stops cleanly, and a
	// status change in flight still has its outcome recorded.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
