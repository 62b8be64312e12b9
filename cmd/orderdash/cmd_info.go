package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"strings"

	"github.com/orderdash/orderdash/config"
	"github.com/orderdash/orderdash/demo"
)

func init() {
	register(&command{
		name: "info", args: "",
		summary: "where orderdash reads and writes its files, and the stores it knows (secrets only as set/unset)",
		setup:   infoSetup,
	})
}

func infoSetup(fs *flag.FlagSet) runFunc {
	return func(ctx context.Context, a *app, args []string) error {
		if len(args) > 0 {
			return usagef(commands["info"], "unexpected argument %q", args[0])
		}
		// A broken config file is reported after everything else could be
		// shown: info is what one runs to find out what is wrong.
		loadErr := a.load()
		if a.paths.Config == "" {
			return loadErr
		}
		p := a.paths
		useDemo := a.useDemo() || a.file == nil && loadErr == nil

		f := &fields{}
		state := "found"
		if !p.ConfigExists {
			state = "not found"
			if p.ConfigSource == config.FromDefault {
				state += ": the dashboard runs the demo"
			}
		}
		source := ""
		if p.ConfigSource != config.FromDefault {
			source = ", from " + p.ConfigSource
		}
		f.add("config file", fmt.Sprintf("%s (%s%s)", p.Config, state, source))
		f.add("data dir", p.DataDir)
		storage := config.Storage{}
		if a.file != nil {
			storage = a.file.Storage
		}
		f.add("database", p.Database(storage))
		f.add("demo state", demo.StateDir(p.DataDir))
		log := p.DebugLog + " (written with --debug)"
		f.add("debug log", log)
		f.add("operator", a.operator())
		if useDemo {
			f.add("stores", "the demo's simulated stores")
		}
		if err := f.write(a.out); err != nil {
			return err
		}

		t := &table{header: []string{"STORE", "PLATFORM", "URL", "READ-ONLY", "SECRETS"}, max: map[int]int{2: 60}}
		switch {
		case useDemo:
			for _, s := range demo.Catalog() {
				t.add(s.Name, s.Platform, "simulated on a loopback port", "no", "built in")
			}
		case a.file != nil:
			for _, s := range a.file.Stores {
				t.add(s.Name, s.Platform, safeURL(s.URL), yesNo(s.ReadOnly), secretsText(s.Secrets))
			}
		}
		if len(t.rows) > 0 {
			fmt.Fprintln(a.out)
			if err := t.write(a.out); err != nil {
				return err
			}
		}
		return loadErr
	}
}

// secretsText shows whether each secret has a value and where it comes
// from, never the value.
func secretsText(secrets []config.SecretState) string {
	parts := make([]string, 0, len(secrets))
	for _, s := range secrets {
		state := "unset"
		switch {
		case s.Set && s.Env != "":
			state = "set ($" + s.Env + ")"
		case s.Set:
			state = "set (in the file)"
		case s.Env != "":
			state = "unset ($" + s.Env + ")"
		}
		parts = append(parts, s.Key+" "+state)
	}
	return strings.Join(parts, ", ")
}

// safeURL hides a password a (refused) URL may still hold.
func safeURL(raw string) string {
	if raw == "" {
		return "(default)"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "(not a valid URL)"
	}
	return u.Redacted()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
