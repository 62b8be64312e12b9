package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/storage"
)

func init() {
	register(&command{
		name: "search", args: "QUERY... [--store NAME] [--json]",
		summary: "find orders by id, number, ref, customer, e-mail, phone, SKU, tracking or note: the mirror, ranked, and each store's own lookup",
		setup:   searchSetup,
	})
}

// searchShown bounds what search prints: the best matches.
const searchShown = 50

// searchJSON is one result of `search --json`: the order as `list --json`
// prints it, with why it was found and where.
type searchJSON struct {
	orderJSON
	Match  storage.Match `json:"match"`  // exact | text
	Source string        `json:"source"` // mirror | store
}

func searchSetup(fs *flag.FlagSet) runFunc {
	var (
		name   string
		asJSON bool
	)
	fs.StringVar(&name, "store", "", "search only the store `NAME`")
	fs.BoolVar(&asJSON, "json", false, "print a JSON array")
	return func(ctx context.Context, a *app, args []string) error {
		cmd := commands["search"]
		query := strings.Join(args, " ")
		words, ok := backend.SearchWords(query)
		switch {
		case len(args) == 0 || ok && len(words) == 0:
			return usagef(cmd, "QUERY is required: an order's id, number or ref, a name, an e-mail, a phone, a SKU, a tracking number")
		case !ok:
			return fmt.Errorf("a query with a word over %d characters or over %d words matches nothing; search for a shorter piece of it",
				backend.MaxSearchWord, backend.MaxSearchWords)
		}
		if err := a.load(); err != nil {
			return err
		}
		useDemo := a.useDemo()
		names := a.storeNames(useDemo)
		if name != "" {
			i, err := findStore(name, names)
			if err != nil {
				return err
			}
			names = names[i : i+1]
		} else if len(names) == 0 && !useDemo {
			return a.noConfig()
		}
		var found []storage.Found
		more := false
		sources := map[string]string{}
		db, err := a.journalStore(ctx, useDemo)
		if err == nil {
			found, more, err = db.MirrorSearch(ctx, query, names)
		}
		if err != nil {
			fmt.Fprintf(a.err, "orderdash: the local mirror was not searched: %s\n", backend.CleanLine(err.Error()))
		}
		// An order the mirror does not have yet (just placed, not synced)
		// is found by the stores' own lookups: by id, CS-Cart's vendor_ref
		// search and, for an e-mail address, its e-mail filter; never a
		// walk of their pages. What they find goes into the mirror.
		if lookup, lerr := backend.ParseLookup(query); lerr == nil && len(words) == 1 && !hasExact(found) {
			extra, err := a.searchStores(ctx, name, lookup)
			if err != nil {
				return err
			}
			if len(extra) > 0 && db != nil {
				if _, err := db.MirrorPut(ctx, extra); err != nil {
					fmt.Fprintf(a.err, "orderdash: the orders the stores found were not written to the mirror: %s\n", backend.CleanLine(err.Error()))
				}
			}
			for _, o := range extra {
				if !hasOrder(found, o) {
					found = append([]storage.Found{{Order: o, Match: storage.MatchExact}}, found...)
					sources[o.Store+"\x00"+o.ID] = "store"
				}
			}
		}
		shown := found[:min(len(found), searchShown)]
		now := time.Now()
		if asJSON {
			out := make([]searchJSON, len(shown))
			for i, f := range shown {
				src := sources[f.Store+"\x00"+f.ID]
				if src == "" {
					src = "mirror"
				}
				out[i] = searchJSON{orderJSON: withTiming(f.Order, a.sla(f.Store), now), Match: f.Match, Source: src}
			}
			return writeJSON(a.out, out)
		}
		if len(shown) == 0 {
			fmt.Fprintf(a.out, "no order matches %q (searched %s)\n", backend.CleanLine(query), strings.Join(names, ", "))
			return nil
		}
		t := &table{right: map[int]bool{6: true}, max: map[int]int{3: 28, 4: 30, 5: 40}}
		t.header = []string{"STORE", "ORDER", "MATCH", "STATUS", "CUSTOMER", "EMAIL", "TOTAL", "CREATED"}
		for _, f := range shown {
			match := string(f.Match)
			if sources[f.Store+"\x00"+f.ID] == "store" {
				match += " (store)"
			}
			t.add(f.Store, orderNumber(f.Order), match, statusText(f.Status), customerText(f.Customer), f.Customer.Email,
				money(f.Total, f.Currency), when(f.Created))
		}
		if err := t.write(a.out); err != nil {
			return err
		}
		switch {
		case more:
			fmt.Fprintf(a.out, "\nthe best %d of more than %d matches: narrow the query\n", len(shown), storage.SearchLimit)
		case len(found) > len(shown):
			fmt.Fprintf(a.out, "\nthe best %d of %d matches: narrow the query\n", len(shown), len(found))
		}
		return nil
	}
}

// searchStores asks the stores (the one named, or every one) to look the
// text up with their own reads, each bounded in time; a store that cannot
// answer is named on stderr.
func (a *app) searchStores(ctx context.Context, name, text string) ([]backend.Order, error) {
	var stores []store
	var err error
	if name != "" {
		var s store
		s, err = a.openStore(ctx, name)
		stores = []store{s}
	} else {
		stores, err = a.openStores(ctx, a.useDemo())
	}
	if err != nil {
		return nil, err
	}
	bs := make([]backend.Backend, len(stores))
	for i, s := range stores {
		bs[i] = s.Backend
	}
	res, err := backend.FindAll(ctx, bs, text, backend.FindOptions{Timeout: lookupTimeout})
	if err != nil {
		return nil, err
	}
	for _, f := range res.Failed {
		fmt.Fprintf(a.err, "orderdash: not looked in %s: %s\n", f.Store, backend.CleanLine(f.Err.Error()))
	}
	return res.Matches, nil
}

func hasExact(found []storage.Found) bool {
	for _, f := range found {
		if f.Match == storage.MatchExact {
			return true
		}
	}
	return false
}

func hasOrder(found []storage.Found, o backend.Order) bool {
	for _, f := range found {
		if f.Store == o.Store && f.ID == o.ID {
			return true
		}
	}
	return false
}
