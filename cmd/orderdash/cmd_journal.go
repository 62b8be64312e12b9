package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/orderdash/orderdash/backend"
	"github.com/orderdash/orderdash/config"
	"github.com/orderdash/orderdash/storage"
)

func init() {
	register(&command{
		name: "journal", args: "[reconcile|resend ID|drop ID|log ID] [--store NAME] [--order ORDER] [--json] [--limit N]",
		summary: "the change journal, newest first with open changes on top; reconcile, resend or drop open changes",
		setup:   journalSetup,
	})
}

// journalActions are the words that may follow `journal`.
var journalActions = []string{"reconcile", "resend", "drop", "log"}

func journalSetup(fs *flag.FlagSet) runFunc {
	var (
		name   string
		order  string
		asJSON bool
		limit  int
	)
	fs.StringVar(&name, "store", "", "only the changes of the store `NAME`")
	fs.StringVar(&order, "order", "", "only the changes of `ORDER`: its id, number or a ref")
	fs.BoolVar(&asJSON, "json", false, "print a JSON array")
	fs.IntVar(&limit, "limit", 0, "show at most `N` settled changes (open ones always show); 0 shows all")
	return func(ctx context.Context, a *app, args []string) error {
		cmd := commands["journal"]
		action, id, err := journalArgs(cmd, args)
		if err != nil {
			return err
		}
		switch {
		case limit < 0:
			return usagef(cmd, "--limit must be 0 or more")
		case limit > 0 && action != "":
			return usagef(cmd, "--limit goes with the list, not with %s", action)
		case order != "" && action != "":
			return usagef(cmd, "--order goes with the list, not with %s", action)
		case name != "" && action != "" && action != "reconcile":
			return usagef(cmd, "--store goes with the list and reconcile, not with %s (the change names its store)", action)
		case asJSON && action != "" && action != "log":
			return usagef(cmd, "--json goes with the list and log, not with %s", action)
		case a.g.readOnly && (action == "resend" || action == "drop"):
			return fmt.Errorf("refusing to %s change %d: --read-only is set", action, id)
		}
		if err := a.load(); err != nil {
			return err
		}
		// Like the dashboard: with no config file, the demo's journal.
		useDemo := a.useDemo()
		db, err := a.journalStore(ctx, useDemo)
		if err != nil {
			return err
		}
		// The mirror is the journal's database's (PostgreSQL's in team
		// mode): orders are named by their numbers and --order looks
		// there before the stores.
		j := journalCmd{a: a, db: db, useDemo: useDemo, asJSON: asJSON, order: order, mirror: db}
		switch action {
		case "reconcile":
			return j.reconcile(ctx, name)
		case "resend":
			return j.resend(ctx, id)
		case "drop":
			return j.drop(ctx, id)
		case "log":
			return j.log(ctx, id)
		}
		return j.list(ctx, a.canonicalStore(name, useDemo), limit)
	}
}

// journalArgs reads `[ACTION [ID]]`.
func journalArgs(cmd *command, args []string) (action string, id int64, err error) {
	if len(args) == 0 {
		return "", 0, nil
	}
	action = args[0]
	switch action {
	case "reconcile":
		if len(args) > 1 {
			return "", 0, usagef(cmd, "unexpected argument %q", args[1])
		}
		return action, 0, nil
	case "resend", "drop", "log":
		switch {
		case len(args) < 2:
			return "", 0, usagef(cmd, "journal %s needs the change's ID (the first column of `orderdash journal`)", action)
		case len(args) > 2:
			return "", 0, usagef(cmd, "unexpected argument %q", args[2])
		}
		id, err := strconv.ParseInt(strings.TrimPrefix(args[1], "#"), 10, 64)
		if err != nil || id <= 0 {
			return "", 0, usagef(cmd, "change ID %q: want a positive number", args[1])
		}
		return action, id, nil
	}
	hint := ""
	if s := config.Nearest(action, journalActions); s != "" {
		hint = fmt.Sprintf(" (did you mean %s?)", s)
	}
	return "", 0, usagef(cmd, "unknown journal action %q%s; want %s, or none for the list", action, hint, strings.Join(journalActions, ", "))
}

// canonicalStore spells name as the config (or the demo) does, so --store
// is matched without regard to case like everywhere else. A name no store
// has now is kept: the journal remembers stores since removed.
func (a *app) canonicalStore(name string, useDemo bool) string {
	if name == "" {
		return ""
	}
	names := a.storeNames(useDemo)
	if i, err := findStore(name, names); err == nil {
		return names[i]
	}
	return name
}

type journalCmd struct {
	a       *app
	db      storage.Store
	mirror  storage.Mirror // the mirror (the journal's database's); nil without one
	useDemo bool
	asJSON  bool
	order   string // --order: what the operator typed
}

// journalJSON is a journal entry as `journal --json` prints it: the
// change, and the order's number where the mirror knows it.
type journalJSON struct {
	backend.JournalEntry
	OrderNumber string `json:"order_number,omitempty"`
}

// number is how people name the order of a change: its number as the
// local mirror has it, else the id the journal keeps. It asks no store.
func (j journalCmd) number(ctx context.Context, store, id string) string {
	if j.mirror == nil {
		return id
	}
	if o, _, err := j.mirror.MirrorOrder(ctx, store, id); err == nil && o.Number != "" {
		return o.Number
	}
	return id
}

// orderFilter is what --order names: the (store, id) of every order found
// for it, and the text itself as an id (the journal keeps ids, and a
// change may be of an order no store has any more). The mirror answers
// first; when it has no such order, the stores are asked (a store that
// cannot answer is said on stderr). found gives the numbers to print.
func (j journalCmd) orderFilter(ctx context.Context, store string) (keep func(backend.JournalEntry) bool, found []backend.Order, err error) {
	t, err := backend.ParseLookup(j.order)
	if err != nil {
		return nil, nil, err
	}
	if j.mirror != nil {
		if found, err = j.mirror.MirrorFind(ctx, t); err != nil {
			return nil, nil, err
		}
	}
	if len(found) == 0 {
		if stores, err := j.a.stores(ctx, j.useDemo, store); err == nil {
			bs := make([]backend.Backend, len(stores))
			for i, s := range stores {
				bs[i] = s.Backend
			}
			res, _ := backend.FindAll(ctx, bs, t, backend.FindOptions{Timeout: lookupTimeout})
			found = res.Matches
			for _, f := range res.Failed {
				fmt.Fprintf(j.a.err, "orderdash: not looked in %s: %s\n", f.Store, backend.CleanLine(f.Err.Error()))
			}
		}
	}
	return func(e backend.JournalEntry) bool {
		if backend.LookupKey(e.OrderID) == backend.LookupKey(t) {
			return true
		}
		for _, o := range found {
			if o.Store == e.Store && o.ID == e.OrderID {
				return true
			}
		}
		return false
	}, found, nil
}

// list prints the audit trail: open changes (pending, sent, unknown,
// failed) on top, then the settled ones, newest first.
func (j journalCmd) list(ctx context.Context, store string, limit int) error {
	f := backend.ChangeFilter{Store: store, Limit: limit}
	var keep func(backend.JournalEntry) bool
	var found []backend.Order
	if j.order != "" {
		var err error
		if keep, found, err = j.orderFilter(ctx, store); err != nil {
			return err
		}
		f.Limit = 0 // the limit applies to this order's changes
	}
	entries, err := j.db.Changes(ctx, f)
	if err != nil {
		return err
	}
	if keep != nil {
		kept := entries[:0]
		settled := 0
		for _, e := range entries {
			if !keep(e) {
				continue
			}
			if !e.Open() {
				if limit > 0 && settled >= limit {
					continue
				}
				settled++
			}
			kept = append(kept, e)
		}
		entries = kept
	}
	numbers := make([]string, len(entries))
	for i, e := range entries {
		numbers[i] = j.number(ctx, e.Store, e.OrderID)
		for _, o := range found {
			if o.Store == e.Store && o.ID == e.OrderID && o.Number != "" {
				numbers[i] = o.Number
			}
		}
	}
	if j.asJSON {
		out := make([]journalJSON, len(entries))
		for i, e := range entries {
			out[i] = journalJSON{JournalEntry: e}
			if numbers[i] != e.OrderID {
				out[i].OrderNumber = numbers[i]
			}
		}
		return writeJSON(j.a.out, out)
	}
	out := j.a.out
	if len(entries) == 0 {
		what := "no changes"
		if j.order != "" {
			what += " of order " + backend.CleanLine(strings.TrimSpace(j.order))
		}
		if store != "" {
			what += " of " + store
		}
		_, err := fmt.Fprintf(out, "%s in the journal (%s)\n", what, storeWhere(j.db))
		return err
	}
	t := &table{header: []string{"ID", "TIME", "OPERATOR", "STORE", "ORDER", "CHANGE", "STATE", "ERROR"},
		right: map[int]bool{0: true}, max: map[int]int{2: 16, 3: 24, 5: 40, 7: 70}}
	var decide, inFlight bool
	for i, e := range entries {
		state := string(e.State)
		if e.NeedsDecision {
			state += ", decide"
		}
		decide = decide || e.CanResend()
		inFlight = inFlight || e.State == backend.StateSent
		t.add(strconv.FormatInt(e.ID, 10), when(e.Requested), e.Operator, e.Store, numbers[i],
			e.From.Label()+" → "+e.To.Label(), state, e.Error)
	}
	if err := t.write(out); err != nil {
		return err
	}
	if decide {
		fmt.Fprintln(out, "\nopen changes: orderdash journal resend ID sends one again; orderdash journal drop ID gives it up")
	}
	if inFlight {
		fmt.Fprintln(out, "sent changes may still be in flight; orderdash journal reconcile settles those whose orderdash has stopped")
	}
	return nil
}

// log prints the steps of one change.
func (j journalCmd) log(ctx context.Context, id int64) error {
	e, err := j.db.Change(ctx, id)
	if err != nil {
		return err
	}
	steps, err := j.db.Steps(ctx, id)
	if err != nil {
		return err
	}
	if j.asJSON {
		if steps == nil {
			steps = []backend.JournalStep{}
		}
		return writeJSON(j.a.out, steps)
	}
	ref := j.number(ctx, e.Store, e.OrderID)
	if ref != e.OrderID {
		ref += " (id " + e.OrderID + ")"
	}
	fmt.Fprintf(j.a.out, "change %d: %s order %s, %s → %s, %s\n\n", e.ID, backend.CleanLine(e.Store), backend.CleanLine(ref),
		backend.CleanLine(e.From.Label()), backend.CleanLine(e.To.Label()), e.State)
	t := &table{header: []string{"TIME", "STATE", "OPERATOR", "STEP"}, max: map[int]int{3: 100}}
	for _, s := range steps {
		t.add(s.At.Local().Format("2006-01-02 15:04:05"), string(s.State), s.Operator, s.Message)
	}
	return t.write(j.a.out)
}

// reconcile settles, on demand, the changes of unknown outcome of every
// store (or one): re-read the order; confirm what the store shows; resend
// only where that cannot apply it twice (and never with --read-only or to
// a read-only store); flag the rest for a decision.
func (j journalCmd) reconcile(ctx context.Context, name string) error {
	stores, err := j.a.stores(ctx, j.useDemo, name)
	if err != nil {
		return err
	}
	outcomes, err := j.a.reconcile(ctx, j.db, stores, 0)
	if len(outcomes) == 0 && err == nil {
		_, err := fmt.Fprintln(j.a.out, "nothing to reconcile: every change in the journal has a known outcome")
		return err
	}
	writeOutcomes(j.a.out, "", outcomes)
	return err
}

// resend sends an open change again, on the operator's decision.
func (j journalCmd) resend(ctx context.Context, id int64) error {
	e, err := j.db.Change(ctx, id)
	if err != nil {
		return err
	}
	if !e.CanResend() {
		return &storage.StateError{ID: e.ID, State: e.State}
	}
	all, err := j.a.stores(ctx, j.useDemo, e.Store)
	if err != nil {
		return fmt.Errorf("resend change %d: %w", id, err)
	}
	s := all[0]
	if s.readOnly {
		return fmt.Errorf("refusing to resend change %d: store %q is read-only (read_only = true in %s)", id, s.Name(), j.a.file.Path)
	}
	o, err := j.db.Resend(ctx, s.Backend, id, j.a.operator())
	if err != nil {
		return err
	}
	how := "resent"
	if now, err := j.db.Change(ctx, id); err == nil && now.Attempts == e.Attempts {
		how = "not resent: the store already showed it"
	}
	_, err = fmt.Fprintf(j.a.out, "%s: order %s is now %s (change %d %s)\n", backend.CleanLine(s.Name()),
		backend.CleanLine(orderNumber(o)), backend.CleanLine(statusText(o.Status)), id, how)
	return err
}

// drop gives up an open change: it stays in the journal as dropped, and
// nothing is sent.
func (j journalCmd) drop(ctx context.Context, id int64) error {
	e, err := j.db.Change(ctx, id)
	if err != nil {
		return err
	}
	if err := j.db.Drop(ctx, id, j.a.operator()); err != nil {
		if errors.Is(err, storage.ErrState) {
			return err
		}
		return fmt.Errorf("drop change %d: %w", id, err)
	}
	_, err = fmt.Fprintf(j.a.out, "change %d dropped (%s order %s, %s → %s); nothing was sent\n", id,
		backend.CleanLine(e.Store), backend.CleanLine(j.number(ctx, e.Store, e.OrderID)), backend.CleanLine(e.From.Label()), backend.CleanLine(e.To.Label()))
	return err
}
