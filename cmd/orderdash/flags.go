package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/orderdash/orderdash/config"
)

// globals are the flags every command accepts, before or after its name.
type globals struct {
	config    string
	demo      bool
	demoReset bool
	readOnly  bool
	dataDir   string
	debug     bool
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.StringVar(&g.config, "config", "", "read the config from `FILE`")
	fs.BoolVar(&g.demo, "demo", false, "use the demo's simulated stores")
	fs.BoolVar(&g.demoReset, "demo-reset", false, "forget the demo's changes first (implies --demo)")
	fs.BoolVar(&g.readOnly, "read-only", false, "change nothing: refuse every status change")
	fs.StringVar(&g.dataDir, "data-dir", "", "keep the database and demo state in `DIR`")
	fs.BoolVar(&g.debug, "debug", false, "write a debug log (orderdash info shows where)")
}

// useDemo reports whether the flags ask for the demo stores.
func (g *globals) useDemo() bool { return g.demo || g.demoReset }

// newFlagSet makes a FlagSet that reports errors to run, not to stderr.
func newFlagSet(name string, g *globals) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	g.register(fs)
	return fs
}

// parseArgs parses args with fs, letting flags and positional arguments
// come in any order (the flag package stops at the first positional one).
// "--" ends the flags. It knows which flags take a value from fs itself,
// so `--note TEXT` never mistakes TEXT for a positional argument.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			pos = append(pos, args[i+1:]...)
			i = len(args)
		case len(a) > 1 && a[0] == '-':
			if err := knownFlag(fs, a); err != nil {
				return nil, err
			}
			flags = append(flags, a)
			if takesValue(fs, a) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		default:
			pos = append(pos, a)
		}
	}
	if err := fs.Parse(flags); err != nil {
		return nil, err
	}
	return pos, nil
}

// knownFlag refuses a flag fs does not define, naming it as it was typed
// (the flag package would print "-bogus" for "--bogus") with the nearest
// flag of the command.
func knownFlag(fs *flag.FlagSet, a string) error {
	typed, _, _ := strings.Cut(a, "=")
	name := strings.TrimLeft(typed, "-")
	if name == "h" || name == "help" || fs.Lookup(name) != nil {
		return nil
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	msg := "unknown flag " + typed
	if s := config.Nearest(name, names); s != "" {
		msg += " (did you mean --" + s + "?)"
	}
	return errors.New(msg)
}

// takesValue reports whether the flag argument a ("--note", "-page=2")
// needs the next argument as its value.
func takesValue(fs *flag.FlagSet, a string) bool {
	name := strings.TrimLeft(a, "-")
	if strings.Contains(name, "=") {
		return false
	}
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return false
	}
	return true
}

// splitCommand finds the command name: the first positional argument,
// skipping global flags and their values. It returns the name ("" for the
// dashboard) and the arguments without it.
func splitCommand(g *globals, args []string) (string, []string) {
	fs := newFlagSet("orderdash", g)
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return "", args
		case len(a) > 1 && a[0] == '-':
			if takesValue(fs, a) {
				i++
			}
		default:
			rest := append(append([]string{}, args[:i]...), args[i+1:]...)
			return a, rest
		}
	}
	return "", args
}

// stringList is a repeatable flag: --status P --status C.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// usageError is a mistake on the command line: exit status 2, with the
// command's usage.
type usageError struct {
	cmd *command
	msg string
}

func (e *usageError) Error() string { return e.msg }

func usagef(cmd *command, format string, args ...any) error {
	return &usageError{cmd: cmd, msg: fmt.Sprintf(format, args...)}
}
