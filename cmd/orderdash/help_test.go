package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the help goldens in testdata/help")

// Every command's help, at 80 columns, is kept in testdata/help: its
// synopsis, its flags, one example and its exit statuses. Regenerate with
// go test ./cmd/orderdash -run TestHelpGolden -update, and read the diff.
func TestHelpGolden(t *testing.T) {
	t.Setenv("COLUMNS", "")
	pages := map[string][]string{"orderdash": {"help"}}
	for name := range commands {
		pages[name] = []string{"help", name}
	}
	for name, args := range pages {
		t.Run(name, func(t *testing.T) {
			r := newSandbox(t).run(args...)
			mustCode(t, r, 0)
			path := filepath.Join("testdata", "help", name+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(r.stdout), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if r.stdout != string(want) {
				t.Errorf("help %s differs from %s:\n%s", name, path, r.stdout)
			}
		})
	}
}

// Each command's help names every flag it takes, an example that parses
// and its exit statuses; no line runs past the width, 80 or $COLUMNS.
func TestCommandHelp(t *testing.T) {
	for _, width := range []string{"", "60", "132"} {
		t.Setenv("COLUMNS", width)
		limit := 80
		if width != "" {
			limit = map[string]int{"60": 60, "132": 132}[width]
		}
		all := append([]*command{dashboardCommand}, sortedCommands()...)
		for _, c := range all {
			args := []string{"help"}
			if c.name != "" {
				args = append(args, c.name)
			}
			r := newSandbox(t).run(args...)
			mustCode(t, r, 0)
			for _, l := range strings.Split(r.stdout, "\n") {
				// A word longer than a line is left whole.
				if n := utf8.RuneCountInString(l); n > limit && strings.Contains(strings.TrimSpace(l), " ") {
					t.Errorf("COLUMNS=%q: help %s has a line of %d columns: %q", width, c.name, n, l)
				}
			}
			h, ok := commandHelp[c.name]
			if !ok || h.example == "" || h.exits == "" {
				t.Errorf("command %q has no example or exit statuses in commandHelp", c.name)
				continue
			}
			if c.name == "" {
				continue
			}
			commandFlags(c).VisitAll(func(f *flag.Flag) {
				if !strings.Contains(r.stdout, "  --"+f.Name) {
					t.Errorf("help %s does not list --%s", c.name, f.Name)
				}
			})
			for _, want := range []string{"example:\n  orderdash " + c.name, "exit status: 0 "} {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("help %s lacks %q:\n%s", c.name, want, r.stdout)
				}
			}
			// The example is a command line this program accepts.
			fs := newFlagSet(c.name, &globals{})
			c.setup(fs)
			if _, err := parseArgs(fs, splitQuoted(strings.TrimPrefix(h.example, "orderdash "+c.name+" "))); err != nil {
				t.Errorf("help %s: the example does not parse: %v", c.name, err)
			}
		}
	}
	for name := range commandHelp {
		if _, ok := commands[name]; !ok && name != "" {
			t.Errorf("commandHelp has %q, which is no command", name)
		}
	}
}

func sortedCommands() []*command {
	var out []*command
	for _, n := range []string{"check", "db", "help", "info", "journal", "list", "receive", "search", "set-status", "show", "statuses", "sync"} {
		if c, ok := commands[n]; ok {
			out = append(out, c)
		}
	}
	if len(out) != len(commands) {
		panic("sortedCommands: a command is missing from the list")
	}
	return out
}

// splitQuoted splits a command line at spaces outside double quotes.
func splitQuoted(s string) []string {
	var out []string
	for _, w := range words(s) {
		out = append(out, strings.Trim(w, `"`))
	}
	return out
}
