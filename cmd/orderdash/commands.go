package main

import (
	"context"
	"flag"
	"strings"
)

// command is one subcommand. Each lives in its own file and registers
// itself in init, so adding one touches nothing else.
type command struct {
	name    string
	args    string // the synopsis after the name
	summary string
	// setup registers the command's flags on fs and returns the function
	// that runs it with the positional arguments.
	setup func(fs *flag.FlagSet) runFunc
}

type runFunc func(ctx context.Context, a *app, args []string) error

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("orderdash: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// dashboardCommand runs when no command is named.
var dashboardCommand = &command{name: "", args: "", summary: "open the dashboard (the demo stores when there is no config file)", setup: dashboardSetup}

func (c *command) synopsis() string {
	if c.name == "" {
		return "orderdash [--config FILE] [--demo] [--demo-reset] [--read-only] [--data-dir DIR] [--debug]"
	}
	return strings.TrimSpace("orderdash " + c.name + " " + c.args)
}

func init() {
	register(&command{
		name: "help", args: "[COMMAND]", summary: "show how a command is used",
		setup: func(fs *flag.FlagSet) runFunc {
			return func(_ context.Context, a *app, args []string) error {
				if len(args) > 1 {
					return usagef(commands["help"], "help takes at most one command name")
				}
				if len(args) == 1 {
					c, ok := commands[args[0]]
					if !ok {
						return usagef(nil, "unknown command %q%s", args[0], suggestCommand(args[0]))
					}
					printUsage(a.out, c)
					return nil
				}
				printUsage(a.out, nil)
				return nil
			}
		},
	})
}
