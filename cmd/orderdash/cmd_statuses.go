package main

import (
	"context"
	"flag"

	"github.com/orderdash/orderdash/backend"
)

func init() {
	register(&command{
		name: "statuses", args: "--store NAME [--json]",
		summary: "the statuses an operator may set on a store",
		setup:   statusesSetup,
	})
}

func statusesSetup(fs *flag.FlagSet) runFunc {
	var (
		name   string
		asJSON bool
	)
	fs.StringVar(&name, "store", "", "the store's `NAME`")
	fs.BoolVar(&asJSON, "json", false, "print a JSON array")
	return func(ctx context.Context, a *app, args []string) error {
		cmd := commands["statuses"]
		switch {
		case name == "":
			return usagef(cmd, "--store is required")
		case len(args) > 0:
			return usagef(cmd, "unexpected argument %q", args[0])
		}
		s, err := a.loadStore(ctx, name)
		if err != nil {
			return err
		}
		all, err := s.Statuses(ctx)
		if err != nil {
			return err
		}
		all = backend.ByLifecycle(all) // as the picker lists them
		if asJSON {
			if all == nil {
				all = []backend.Status{}
			}
			return writeJSON(a.out, all)
		}
		t := &table{header: []string{"CODE", "NAME", "KIND"}}
		for _, st := range all {
			t.add(st.Code, st.Name, string(st.Kind))
		}
		return t.write(a.out)
	}
}
