package main

import (
	"context"
	"fmt"
	"io"

	"github.com/orderdash/orderdash/backend"
)

// writeShipments prints the order's shipments after `show`'s text, for a
// store that keeps them apart from the order (CS-Cart); nothing for the
// others. A store that cannot list them is one line, not an error: the
// order itself was shown.
func writeShipments(ctx context.Context, w io.Writer, b backend.Backend, o backend.Order) error {
	l := backend.ShipmentListerOf(b)
	if l == nil {
		return nil
	}
	fmt.Fprintln(w, "\nShipments (newest first)")
	list, err := l.Shipments(ctx, o.ID)
	switch {
	case err != nil:
		_, err = fmt.Fprintf(w, "  could not be read: %s\n", backend.CleanLine(err.Error()))
		return err
	case len(list) == 0:
		_, err = fmt.Fprintln(w, "  none")
		return err
	}
	t := &table{header: []string{"  WHEN", "CARRIER", "TRACKING"}, max: map[int]int{1: 20, 2: 60}}
	for _, s := range list {
		t.add("  "+when(s.At), s.Carrier, s.Tracking)
	}
	return t.write(w)
}
