package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/orderdash/orderdash/backend"
)

func init() {
	register(&command{
		name: "set-status", args: "[--store NAME] ORDER STATUS [--notify] [--note TEXT] [--tracking NUMBER]",
		summary: "change an order's status and print the status the store confirms; ORDER is its id, number or a ref",
		setup:   setStatusSetup,
	})
}

func setStatusSetup(fs *flag.FlagSet) runFunc {
	var (
		name, note, tracking string
		notify               bool
	)
	fs.StringVar(&name, "store", "", "the store `NAME` (without it, ORDER is looked up in every store)")
	fs.BoolVar(&notify, "notify", false, "ask the store to notify the customer")
	fs.StringVar(&note, "note", "", "a note to record with the change (`TEXT`)")
	fs.StringVar(&tracking, "tracking", "", "a tracking `NUMBER` to send with a shipped status")
	return func(ctx context.Context, a *app, args []string) error {
		cmd := commands["set-status"]
		switch {
		case len(args) < 2:
			return usagef(cmd, "ORDER and STATUS are required")
		case len(args) > 2:
			return usagef(cmd, "unexpected argument %q (quote a status name with spaces)", args[2])
		}
		id, typed := args[0], args[1]
		if a.g.readOnly {
			return fmt.Errorf("refusing to change order %s: --read-only is set", id)
		}
		if err := a.load(); err != nil {
			return err
		}
		if !a.useDemo() && a.file == nil {
			return a.noConfig()
		}
		// The journal first: a change nothing can record is not sent.
		db, err := a.journalStore(ctx, a.useDemo())
		if err != nil {
			return fmt.Errorf("refusing to change order %s: the change journal cannot be opened, so no change is sent: %w", id, err)
		}
		// A store named on the command line is checked before the order
		// is looked up: what it refuses, it refuses for every order.
		var s store
		var to backend.Status
		if name != "" {
			if s, err = a.openStore(ctx, name); err != nil {
				return err
			}
			if to, err = a.canChange(ctx, s, id, typed, notify, note, tracking); err != nil {
				return err
			}
		}
		s, found, err := a.findOrder(ctx, name, id)
		if err != nil {
			return err
		}
		id = found.Ref()
		if name == "" {
			if to, err = a.canChange(ctx, s, id, typed, notify, note, tracking); err != nil {
				return err
			}
		}
		// Settle this store's changes of unknown outcome before reading
		// the order: one may be the very change asked for again.
		outcomes, err := a.reconcile(ctx, db, []store{s}, reconcileTimeout)
		writeOutcomes(a.err, "orderdash: ", worthTelling(outcomes))
		if err != nil {
			return err
		}
		o, err := s.Get(ctx, found.ID)
		if err != nil {
			return orderError(found, err)
		}
		if why := s.CanSet(o, to); why != "" {
			return fmt.Errorf("%s: order %s cannot move from %s to %s: %s", s.Name(), orderNumber(o), statusText(o.Status), statusText(to), why)
		}
		got, err := backend.Apply(ctx, s, db.Journal(a.operator()), backend.Change{
			Store: s.Name(), OrderID: o.ID, Number: o.Number, From: o.Status, To: to,
			Notify: notify, Note: note, Tracking: tracking, Operator: a.operator(),
		})
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(a.out, "%s: order %s is now %s (was %s)\n",
			backend.CleanLine(s.Name()), backend.CleanLine(orderNumber(got)), backend.CleanLine(statusText(got.Status)), backend.CleanLine(statusText(o.Status)))
		return err
	}
}

// canChange refuses a change to a read-only store, options its platform
// would ignore and a status it does not have; else it returns the status
// typed.
func (a *app) canChange(ctx context.Context, s store, order, typed string, notify bool, note, tracking string) (backend.Status, error) {
	if s.readOnly {
		return backend.Status{}, fmt.Errorf("refusing to change order %s: store %q is read-only (read_only = true in %s)", order, s.Name(), a.file.Path)
	}
	if err := supports(s, notify, note, tracking); err != nil {
		return backend.Status{}, err
	}
	all, err := s.Statuses(ctx)
	if err != nil {
		return backend.Status{}, err
	}
	to, err := backend.FindStatus(all, typed)
	if err != nil {
		return backend.Status{}, fmt.Errorf("%s: %w", s.Name(), err)
	}
	return to, nil
}

// supports refuses options the store's platform would silently ignore: a
// customer told they were notified, or a tracking number that was never
// sent, is worse than an error.
func supports(s store, notify bool, note, tracking string) error {
	caps := s.Capabilities()
	var no []string
	if notify && !caps.Notify {
		no = append(no, "--notify (it cannot notify customers)")
	}
	if note != "" && !caps.Notes {
		no = append(no, "--note (it keeps no notes)")
	}
	if tracking != "" && !caps.Tracking {
		no = append(no, "--tracking (it takes no tracking numbers)")
	}
	if len(no) == 0 {
		return nil
	}
	return errors.New(s.Name() + " (" + s.Platform() + ") does not support " + strings.Join(no, ", "))
}
