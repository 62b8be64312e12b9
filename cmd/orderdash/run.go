package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/config"
)

// Exit statuses (DESIGN.md "Command line").
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// run is the whole program: it parses args, runs the command and returns
// the exit status. What went wrong is written to stderr as one line (a
// config file with several problems gives one line per problem).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	g := &globals{}
	name, rest := splitCommand(g, args)
	cmd := dashboardCommand
	if name != "" {
		c, ok := commands[name]
		if !ok {
			return reportUsage(stderr, usagef(nil, "unknown command %q%s", name, suggestCommand(name)))
		}
		cmd = c
	}
	fs := newFlagSet("orderdash "+name, g)
	runner := cmd.setup(fs)
	pos, err := parseArgs(fs, rest)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(stdout, cmd)
		return exitOK
	}
	if err != nil {
		return reportUsage(stderr, usagef(cmd, "%v", err))
	}

	a := newApp(g, stdout, stderr)
	defer a.close()
	err = runner(ctx, a, pos)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, new(*usageError)):
		return reportUsage(stderr, err)
	}
	reportError(stderr, ctx, err)
	return exitFail
}

func reportUsage(w io.Writer, err error) int {
	var ue *usageError
	errors.As(err, &ue)
	fmt.Fprintf(w, "orderdash: %s\n", backend.CleanLine(ue.msg))
	if ue.cmd != nil && ue.cmd.name != "" {
		fmt.Fprint(w, wrap("usage: "+ue.cmd.synopsis(), helpWidth(), "         "))
	} else {
		printUsage(w, nil)
	}
	return exitUsage
}

// reportError writes err as one line per problem; only the config file can
// have several problems at once.
func reportError(w io.Writer, ctx context.Context, err error) {
	if ctx.Err() != nil {
		// Say what was cut short: an interrupted status change says
		// whether it may have been applied.
		fmt.Fprintf(w, "orderdash: interrupted: %s\n", backend.CleanLine(err.Error()))
		return
	}
	var ce config.Errors
	if errors.As(err, &ce) {
		for _, e := range ce {
			fmt.Fprintf(w, "orderdash: %s\n", e.Error())
		}
		return
	}
	fmt.Fprintf(w, "orderdash: %s\n", backend.CleanLine(err.Error()))
}

func suggestCommand(name string) string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	if s := config.Nearest(name, names); s != "" {
		return fmt.Sprintf(" (did you mean %s?)", s)
	}
	return " (commands: " + strings.Join(names, ", ") + ")"
}
