package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/orderdash/orderdash/storage"
	"github.com/orderdash/orderdash/storage/pgstore"
)

func init() {
	register(&command{
		name: "db", args: "migrate",
		summary: "bring the database's schema up to date (team mode's PostgreSQL, or the SQLite file) and print its versions",
		setup:   dbSetup,
	})
}

func dbSetup(fs *flag.FlagSet) runFunc {
	return func(ctx context.Context, a *app, args []string) error {
		cmd := commands["db"]
		switch {
		case len(args) == 0:
			return usagef(cmd, "say what to do: migrate")
		case args[0] != "migrate":
			return usagef(cmd, "unknown action %q (want migrate)", args[0])
		case len(args) > 1:
			return usagef(cmd, "unexpected argument %q", args[1])
		}
		if err := a.load(); err != nil {
			return err
		}
		useDemo := a.useDemo()
		if a.usesPostgres(useDemo) {
			st, err := a.postgres(ctx, pgstore.Options{NoMigrate: true})
			if err != nil {
				return err
			}
			before, err := st.Version(ctx)
			if err != nil {
				return err
			}
			applied, err := st.Migrate(ctx)
			if err != nil {
				return err
			}
			return writeMigrated(a, st.Describe(), before, applied, pgstore.SchemaVersion())
		}
		path := a.databasePath(useDemo)
		before := 0
		if in, err := storage.Inspect(ctx, path); err == nil {
			before = in.Schema
		} else if !errors.Is(err, storage.ErrNoDatabase) {
			return err
		}
		db, err := a.database(ctx, useDemo) // opening migrates
		if err != nil {
			return err
		}
		var applied []int
		for v := before + 1; v <= storage.SchemaVersion(); v++ {
			applied = append(applied, v)
		}
		return writeMigrated(a, db.Describe(), before, applied, storage.SchemaVersion())
	}
}

func writeMigrated(a *app, where string, before int, applied []int, now int) error {
	if len(applied) == 0 {
		_, err := fmt.Fprintf(a.out, "%s: schema %d, up to date\n", where, now)
		return err
	}
	vs := make([]string, len(applied))
	for i, v := range applied {
		vs[i] = fmt.Sprint(v)
	}
	_, err := fmt.Fprintf(a.out, "%s: schema %d → %d (applied %s)\n", where, before, applied[len(applied)-1], strings.Join(vs, ", "))
	return err
}

// teamTimeout bounds how long `info` and `check` wait for PostgreSQL.
const teamTimeout = 5 * time.Second

// describeTeam says which PostgreSQL database the journal is in, whether
// it answers, and its schema, with counts what it holds (info's line);
// it creates and migrates nothing.
func (a *app) describeTeam(ctx context.Context, counts bool) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, teamTimeout)
	defer cancel()
	url := a.storageConfig().URL
	where := pgstore.Describe(url)
	st, err := pgstore.Open(ctx, url, pgstore.Options{NoMigrate: true})
	if err != nil {
		return where + ": not reachable: " + err.Error(), err
	}
	defer st.Close()
	v, err := st.Version(ctx)
	switch {
	case err != nil:
		return where + ": reachable, but its schema cannot be read: " + err.Error(), err
	case v == 0:
		return where + ": reachable, no schema yet (orderdash db migrate, or the first orderdash to use it, creates it)", nil
	case v < pgstore.SchemaVersion():
		return fmt.Sprintf("%s: reachable, schema %d (upgraded to %d when next used)", where, v, pgstore.SchemaVersion()), nil
	case v > pgstore.SchemaVersion():
		return fmt.Sprintf("%s: reachable, schema %d from a newer orderdash (this one knows up to %d): update orderdash", where, v, pgstore.SchemaVersion()), storage.ErrNewerSchema
	}
	line := fmt.Sprintf("%s: reachable, schema %d", where, v)
	if in, err := st.Info(ctx); counts && err == nil {
		line += ", " + plural(in.Changes, "change")
		if in.OpenChanges > 0 {
			line += fmt.Sprintf(", %d open", in.OpenChanges)
		}
		if in.NeedsDecision > 0 {
			line += fmt.Sprintf(", %d waiting for a decision (orderdash journal)", in.NeedsDecision)
		}
		line += ", " + plural(in.KornitX, "Kornit X order")
	}
	if ok, err := st.TextIndexed(ctx); err == nil && !ok {
		line += "; text search reads without an index (the pg_trgm extension could not be created: ask the database's owner for CREATE EXTENSION pg_trgm)"
	}
	return line, nil
}

// teamMirror is the mirror's stats in the team's database, for `info`;
// none when it cannot be read (the team database line says why).
func (a *app) teamMirror(ctx context.Context) []storage.MirrorStat {
	ctx, cancel := context.WithTimeout(ctx, teamTimeout)
	defer cancel()
	st, err := pgstore.Open(ctx, a.storageConfig().URL, pgstore.Options{NoMigrate: true})
	if err != nil {
		return nil
	}
	defer st.Close()
	if v, err := st.Version(ctx); err != nil || v < pgstore.MirrorVersion {
		return nil
	}
	stats, _ := st.MirrorStats(ctx)
	return stats
}
