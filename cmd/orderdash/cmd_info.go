package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/orderdash/orderdash/config"
	"github.com/orderdash/orderdash/demo"
	"github.com/orderdash/orderdash/storage"
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
				state += ": every command runs the demo"
			}
		}
		source := ""
		if p.ConfigSource != config.FromDefault {
			source = ", from " + p.ConfigSource
		}
		f.add("config file", fmt.Sprintf("%s (%s%s)", p.Config, state, source))
		f.add("data dir", p.DataDir)
		if a.usesPostgres(false) {
			// Team mode: the journal, local history, Kornit X inbox and
			// mirror are all PostgreSQL's; a SQLite file is named only
			// where one is left over, as unused.
			team, _ := a.describeTeam(ctx, true)
			f.add("team database", team+" (journal, local history, Kornit X inbox, mirror)")
			path := a.databasePath(false)
			if _, err := storage.Inspect(ctx, path); !errors.Is(err, storage.ErrNoDatabase) {
				f.add("database", path+" (not used in team mode: "+describeDatabase(ctx, path)+")")
			}
		} else {
			f.add("database", a.databasePath(false)+" ("+describeDatabase(ctx, a.databasePath(false))+")")
		}
		f.add("demo state", demo.StateDir(p.DataDir))
		if useDemo {
			f.add("demo db", a.databasePath(true)+" ("+describeDatabase(ctx, a.databasePath(true))+")")
		}
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
		if a.usesPostgres(useDemo) {
			if err := writeMirrorStats(a.out, "MIRROR (PostgreSQL)", a.teamMirror(ctx), time.Now()); err != nil {
				return err
			}
		} else if err := writeMirror(ctx, a.out, a.databasePath(useDemo), time.Now()); err != nil {
			return err
		}
		return loadErr
	}
}

// describeDatabase says what the database at path holds. It only reports
// (storage.Inspect): it creates, upgrades and tightens nothing.
func describeDatabase(ctx context.Context, path string) string {
	in, err := storage.Inspect(ctx, path)
	switch {
	case errors.Is(err, storage.ErrNoDatabase):
		return "no database yet"
	case err != nil:
		return "cannot be used: " + err.Error()
	}
	parts := []string{fmt.Sprintf("schema %d", in.Schema)}
	if in.Schema < storage.SchemaVersion() {
		parts[0] += fmt.Sprintf(" (upgraded to %d when next used)", storage.SchemaVersion())
	}
	parts = append(parts, plural(in.Changes, "change"))
	if in.OpenChanges > 0 {
		parts = append(parts, fmt.Sprintf("%d open", in.OpenChanges))
	}
	if in.NeedsDecision > 0 {
		parts = append(parts, fmt.Sprintf("%d waiting for a decision (orderdash journal)", in.NeedsDecision))
	}
	parts = append(parts, fmt.Sprintf("%d KB", (in.Bytes+1023)/1024))
	if tight := storage.TightMode(in.Mode); in.Mode != tight {
		parts = append(parts, fmt.Sprintf("WARNING: mode %04o lets other users read customers' data (orderdash makes it %04o when next used; or chmod %o %s*)", in.Mode, tight, tight, path))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
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
