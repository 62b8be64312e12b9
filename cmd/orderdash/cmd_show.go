package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/orderdash/orderdash/backend"
)

func init() {
	register(&command{
		name: "show", args: "[--store NAME] ORDER [--json | --url]",
		summary: "one order in full, with its status history; ORDER is its id, number or a ref, looked up in every store without --store",
		setup:   showSetup,
	})
}

func showSetup(fs *flag.FlagSet) runFunc {
	var (
		name   string
		asJSON bool
		asURL  bool
	)
	fs.StringVar(&name, "store", "", "look only in the store `NAME`")
	fs.BoolVar(&asJSON, "json", false, "print a JSON object")
	fs.BoolVar(&asURL, "url", false, "print only the order's page in the store's admin ([[stores]] admin_url)")
	return func(ctx context.Context, a *app, args []string) error {
		cmd := commands["show"]
		switch {
		case len(args) == 0:
			return usagef(cmd, "ORDER is required (its id, number or a ref)")
		case len(args) > 1:
			return usagef(cmd, "unexpected argument %q", args[1])
		case asJSON && asURL:
			return usagef(cmd, "--json and --url do not go together")
		}
		if err := a.load(); err != nil {
			return err
		}
		s, found, err := a.findOrder(ctx, name, args[0])
		if err != nil {
			return err
		}
		if asURL {
			link, err := a.adminLink(s.Name(), found)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(a.out, link)
			return err
		}
		// The lookup's copy may come from the mirror or lack the local
		// history: the order is read again, in full, from its store.
		o, err := s.Get(ctx, found.ID)
		if err != nil {
			return orderError(found, err)
		}
		now := time.Now()
		if asJSON {
			return writeJSON(a.out, withTiming(o, a.sla(s.Name()), now))
		}
		if err := writeOrder(a.out, o, backend.TimingOf(o, a.sla(s.Name()), now), now); err != nil {
			return err
		}
		return writeShipments(ctx, a.out, s.Backend, o)
	}
}

// writeOrder prints the detail view: the order's facts, its items and its
// status history, newest first.
func writeOrder(w io.Writer, o backend.Order, tm backend.Timing, now time.Time) error {
	title := "Order " + orderNumber(o)
	if o.ID != "" && o.ID != orderNumber(o) {
		title += " (id " + o.ID + ")"
	}
	fmt.Fprintf(w, "%s · %s\n\n", backend.CleanLine(title), backend.CleanLine(o.Store))

	f := &fields{}
	f.add("Status", statusText(o.Status)+" · "+string(o.Status.Kind))
	f.add("Created", when(o.Created))
	f.add("Updated", when(o.Updated))
	if !o.Created.IsZero() {
		f.add("Age", ageText(tm.Age))
	}
	f.add("Due", dueLine(o, tm, now))
	f.add("Customer", joinNonEmpty("  ", o.Customer.Name, angle(o.Customer.Email), o.Customer.Phone))
	f.add("Ship to", addressText(o.ShipTo))
	if o.BillTo != nil {
		f.add("Bill to", addressText(*o.BillTo))
	}
	f.add("Total", money(o.Total, o.Currency))
	f.add("Breakdown", joinNonEmpty(" · ", labelled("subtotal", backend.Amount(o.Subtotal)), labelled("shipping", backend.Amount(o.Shipping)),
		labelled("tax", backend.Amount(o.Tax)), labelled("discount", backend.Amount(o.Discount))))
	f.add("Payment", o.Payment)
	f.add("Shipping", o.ShipMethod)
	f.add("Tracking", o.Tracking)
	f.add("Vendor ref", o.VendorRef)
	f.add("Notes", o.Notes)
	f.add("Staff notes", o.AdminNotes)
	if err := f.write(w); err != nil {
		return err
	}

	if len(o.Items) > 0 {
		fmt.Fprintln(w, "\nItems")
		t := &table{header: []string{"  SKU", "NAME", "QTY", "PRICE", "TOTAL"}, right: map[int]bool{2: true, 3: true, 4: true}, max: map[int]int{1: 40}}
		for _, it := range o.Items {
			t.add("  "+backend.CleanLine(it.SKU), it.Name, strconv.Itoa(it.Quantity), backend.Amount(it.Price), backend.Amount(it.Total))
		}
		if err := t.write(w); err != nil {
			return err
		}
	}

	fmt.Fprintln(w, "\nHistory (newest first)")
	switch {
	case o.History == nil:
		fmt.Fprintln(w, "  not loaded")
	case len(o.History) == 0:
		fmt.Fprintln(w, "  none recorded")
	default:
		t := &table{header: []string{"  WHEN", "STATUS", "SOURCE", "NOTIFIED", "NOTE"}, max: map[int]int{1: 28, 4: 60}}
		for _, e := range o.History {
			notified := ""
			if e.Notified {
				notified = "yes"
			}
			note := joinNonEmpty(" · ", e.Note, labelled("tracking", e.Tracking), labelled("by", e.Actor))
			t.add("  "+when(e.At), statusText(e.Status), string(e.Source), notified, note)
		}
		return t.write(w)
	}
	return nil
}

func addressText(a backend.Address) string {
	cityLine := joinNonEmpty(" ", a.City, a.Region, a.Postcode)
	parts := append([]string{a.Name, a.Company}, a.Lines...)
	parts = append(parts, cityLine, a.Country, a.Phone)
	return joinNonEmpty(", ", parts...)
}

func angle(email string) string {
	if strings.TrimSpace(email) == "" {
		return ""
	}
	return "<" + email + ">"
}

func labelled(label, v string) string {
	if strings.TrimSpace(v) == "" {
		return ""
	}
	return label + " " + v
}

// dueLine is the detail's Due line: when the order becomes late (and
// whether it is), what sets the deadline, and the urgent marker.
func dueLine(o backend.Order, tm backend.Timing, now time.Time) string {
	var parts []string
	if !tm.Due.IsZero() {
		d := when(tm.Due)
		switch {
		case tm.Late:
			d = lateMark + " since " + d + " (" + ageText(tm.Overdue) + ")"
		default:
			d += " (in " + ageText(tm.Due.Sub(now)) + ")"
		}
		if tm.Due.Equal(o.DispatchBy) {
			d += " · the store's dispatch-by date"
		}
		parts = append(parts, d)
	}
	if tm.Urgent {
		parts = append(parts, urgentMark)
	}
	return strings.Join(parts, " · ")
}
